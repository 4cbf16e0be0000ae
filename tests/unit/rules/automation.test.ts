import { describe, it, expect } from "vitest";
import { automationAllowed, apiTokenExpiry, DEFAULT_AUTOMATION_WINDOW, RuleError, type AutomationPolicy } from "@/lib/rules";
import { errorOf } from "../../support/rule-error";

type Expected = true | ["weekend" | "holiday" | "outside-hours", string];

function check(now: string, expected: Expected, policy?: AutomationPolicy) {
  const result = automationAllowed(policy === undefined ? { now } : { now, policy });
  if (expected === true) expect(result).toEqual({ allowed: true });
  else expect(result).toEqual({ allowed: false, reason: expected[0], nextAllowed: expected[1] });
}


const NO_WINDOW: AutomationPolicy = { yearlyWindow: null };

describe("automationAllowed: the spec example", () => {
  it("00:30 on Sunday 16 May 2027 (just after the window) waits for Tuesday 08:00 (Whit Monday is a holiday)", () => {
    expect(automationAllowed({ now: "2027-05-15T22:30:00Z" })).toEqual({
      allowed: false,
      reason: "weekend",
      nextAllowed: "2027-05-18T06:00:00.000Z",
    });
    expect(automationAllowed({ now: "2027-05-16T00:30:00+02:00" })).toEqual({
      allowed: false,
      reason: "weekend",
      nextAllowed: "2027-05-18T06:00:00.000Z",
    });
  });

  it("the default window is 1 April – 15 May", () => {
    expect(DEFAULT_AUTOMATION_WINDOW).toEqual({ from: "04-01", to: "05-15" });
  });
});

describe("automationAllowed: working hours outside the window", () => {
  it.each<[string, Expected]>([
    // winter, Wednesday 10 February 2027 (+01:00)
    ["2027-02-10T07:59:00+01:00", ["outside-hours", "2027-02-10T07:00:00.000Z"]],
    ["2027-02-10T07:59:59.999+01:00", ["outside-hours", "2027-02-10T07:00:00.000Z"]],
    ["2027-02-10T08:00:00+01:00", true],
    ["2027-02-10T12:00:00+01:00", true],
    ["2027-02-10T17:59:00+01:00", true],
    ["2027-02-10T17:59:59.999+01:00", true],
    ["2027-02-10T18:00:00+01:00", ["outside-hours", "2027-02-11T07:00:00.000Z"]],
    ["2027-02-10T23:59:59+01:00", ["outside-hours", "2027-02-11T07:00:00.000Z"]],
    ["2027-02-10T00:00:00+01:00", ["outside-hours", "2027-02-10T07:00:00.000Z"]],
    // the same instants written in UTC
    ["2027-02-10T06:59:59.999Z", ["outside-hours", "2027-02-10T07:00:00.000Z"]],
    ["2027-02-10T07:00:00Z", true],
    ["2027-02-10T16:59:59.999Z", true],
    ["2027-02-10T17:00:00Z", ["outside-hours", "2027-02-11T07:00:00.000Z"]],
    // summer, Wednesday 9 June 2027 (+02:00)
    ["2027-06-09T07:59:00+02:00", ["outside-hours", "2027-06-09T06:00:00.000Z"]],
    ["2027-06-09T08:00:00+02:00", true],
    ["2027-06-09T17:59:00+02:00", true],
    ["2027-06-09T18:00:00+02:00", ["outside-hours", "2027-06-10T06:00:00.000Z"]],
    ["2027-06-09T05:59:59Z", ["outside-hours", "2027-06-09T06:00:00.000Z"]],
    ["2027-06-09T06:00:00Z", true],
    ["2027-06-09T15:59:59Z", true],
    ["2027-06-09T16:00:00Z", ["outside-hours", "2027-06-10T06:00:00.000Z"]],
    // Friday evening and the weekend → Monday 08:00
    ["2027-02-12T18:00:00+01:00", ["outside-hours", "2027-02-15T07:00:00.000Z"]],
    ["2027-02-13T00:00:00+01:00", ["weekend", "2027-02-15T07:00:00.000Z"]],
    ["2027-02-13T12:00:00+01:00", ["weekend", "2027-02-15T07:00:00.000Z"]],
    ["2027-02-14T23:59:59+01:00", ["weekend", "2027-02-15T07:00:00.000Z"]],
    ["2027-02-15T00:00:00+01:00", ["outside-hours", "2027-02-15T07:00:00.000Z"]],
    ["2027-02-15T08:00:00+01:00", true],
    ["2027-06-12T10:00:00+02:00", ["weekend", "2027-06-14T06:00:00.000Z"]],
    // the UTC date differs from the local date around midnight
    ["2027-02-12T23:30:00Z", ["weekend", "2027-02-15T07:00:00.000Z"]], // Saturday 00:30 local
    ["2027-06-13T22:30:00Z", ["outside-hours", "2027-06-14T06:00:00.000Z"]], // Monday 00:30 local
  ])("%s", (now, expected) => check(now, expected));
});

describe("automationAllowed: Danish public holidays (outside the window)", () => {
  it.each<[string, Expected, AutomationPolicy?]>([
    // Easter 2027: Maundy Thursday 25 March, Good Friday 26, Easter Sunday 28 (also the DST change), Easter Monday 29
    ["2027-03-24T12:00:00+01:00", true],
    ["2027-03-24T18:30:00+01:00", ["outside-hours", "2027-03-30T06:00:00.000Z"]],
    ["2027-03-25T10:00:00+01:00", ["holiday", "2027-03-30T06:00:00.000Z"]],
    ["2027-03-25T00:00:00+01:00", ["holiday", "2027-03-30T06:00:00.000Z"]],
    ["2027-03-26T09:00:00+01:00", ["holiday", "2027-03-30T06:00:00.000Z"]],
    ["2027-03-27T12:00:00+01:00", ["weekend", "2027-03-30T06:00:00.000Z"]],
    ["2027-03-28T12:00:00+02:00", ["weekend", "2027-03-30T06:00:00.000Z"]], // a Sunday that is a holiday: weekend
    ["2027-03-29T12:00:00+02:00", ["holiday", "2027-03-30T06:00:00.000Z"]],
    ["2027-03-29T23:59:59.999+02:00", ["holiday", "2027-03-30T06:00:00.000Z"]],
    ["2027-03-30T08:00:00+02:00", true],
    // 1 January 2027 is a Friday
    ["2026-12-31T18:00:00+01:00", ["outside-hours", "2027-01-04T07:00:00.000Z"]],
    ["2027-01-01T10:00:00+01:00", ["holiday", "2027-01-04T07:00:00.000Z"]],
    ["2026-12-31T23:30:00Z", ["holiday", "2027-01-04T07:00:00.000Z"]], // 00:30 local on 1 January
    // 1 January 2028 is a Saturday
    ["2027-12-31T18:00:00+01:00", ["outside-hours", "2028-01-03T07:00:00.000Z"]],
    ["2028-01-01T10:00:00+01:00", ["weekend", "2028-01-03T07:00:00.000Z"]],
    // Christmas 2026: 24 December (Thursday) is not a public holiday, 25 (Friday) is, 26 is a Saturday
    ["2026-12-24T12:00:00+01:00", true],
    ["2026-12-24T18:00:00+01:00", ["outside-hours", "2026-12-28T07:00:00.000Z"]],
    ["2026-12-25T10:00:00+01:00", ["holiday", "2026-12-28T07:00:00.000Z"]],
    ["2026-12-26T10:00:00+01:00", ["weekend", "2026-12-28T07:00:00.000Z"]],
    // Christmas 2028: 25 (Monday) and 26 (Tuesday) December
    ["2028-12-22T18:00:00+01:00", ["outside-hours", "2028-12-27T07:00:00.000Z"]],
    ["2028-12-25T09:00:00+01:00", ["holiday", "2028-12-27T07:00:00.000Z"]],
    ["2028-12-26T09:00:00+01:00", ["holiday", "2028-12-27T07:00:00.000Z"]],
    // Constitution Day (5 June) is not a public holiday in date-holidays (type observance): a working day
    ["2026-06-05T10:00:00+02:00", true],
    // Ascension Day 2026 (Thursday 14 May) is inside the default window; without a window it is a holiday
    ["2026-05-14T10:00:00+02:00", true],
    ["2026-05-14T10:00:00+02:00", ["holiday", "2026-05-15T06:00:00.000Z"], NO_WINDOW],
    // Whit Monday 2028 (5 June), outside the default window
    ["2028-06-05T10:00:00+02:00", ["holiday", "2028-06-06T06:00:00.000Z"]],
  ])("%s", (now, expected, policy) => check(now, expected, policy));
});

describe("automationAllowed: the yearly window", () => {
  it.each<[string, Expected, AutomationPolicy?]>([
    // the window's first local midnight counts (31 March 2027 is a Wednesday)
    ["2027-03-31T19:00:00+02:00", ["outside-hours", "2027-03-31T22:00:00.000Z"]],
    ["2027-03-31T21:59:59.999Z", ["outside-hours", "2027-03-31T22:00:00.000Z"]],
    ["2027-03-31T22:00:00Z", true],
    ["2027-04-01T00:00:00+02:00", true],
    ["2027-04-01T03:00:00+02:00", true],
    ["2027-03-31T07:00:00+02:00", ["outside-hours", "2027-03-31T06:00:00.000Z"]], // 08:00 today is earlier than the window
    // weekends and holidays inside the window
    ["2027-04-03T03:00:00+02:00", true], // Saturday
    ["2027-04-04T23:00:00+02:00", true], // Sunday
    ["2027-05-06T10:00:00+02:00", true], // Ascension Day
    ["2027-05-01T22:00:00+02:00", true],
    // the last day is included, to its last millisecond
    ["2027-05-15T12:00:00+02:00", true],
    ["2027-05-15T23:59:59.999+02:00", true],
    ["2027-05-15T21:59:59.999Z", true],
    ["2027-05-15T22:00:00Z", ["weekend", "2027-05-18T06:00:00.000Z"]],
    ["2027-05-17T12:00:00+02:00", ["holiday", "2027-05-18T06:00:00.000Z"]], // Whit Monday
    // a window that starts on a Saturday (1 April 2028)
    ["2028-03-31T18:00:00+02:00", ["outside-hours", "2028-03-31T22:00:00.000Z"]], // Friday evening → Saturday 00:00
    ["2028-04-01T10:00:00+02:00", true],
    // policy given but the window left out → the default window
    ["2027-04-03T10:00:00+02:00", true, {}],
    ["2027-04-03T10:00:00+02:00", true, { yearlyWindow: undefined }],
    // policy null → no window at all
    ["2027-04-03T10:00:00+02:00", ["weekend", "2027-04-05T06:00:00.000Z"], NO_WINDOW],
    ["2027-03-31T19:00:00+02:00", ["outside-hours", "2027-04-01T06:00:00.000Z"], NO_WINDOW],
    ["2027-05-15T12:00:00+02:00", ["weekend", "2027-05-18T06:00:00.000Z"], NO_WINDOW],
    ["2027-04-01T08:00:00+02:00", true, NO_WINDOW],
  ])("%s (policy %j)", (now, expected, policy) => check(now, expected, policy));
});

describe("automationAllowed: a custom window over New Year (20 December – 5 January)", () => {
  const XMAS: AutomationPolicy = { yearlyWindow: { from: "12-20", to: "01-05" } };
  it.each<[string, Expected]>([
    ["2027-12-19T12:00:00+01:00", ["weekend", "2027-12-19T23:00:00.000Z"]], // Sunday → Monday 20 December 00:00
    ["2027-12-19T23:59:59.999+01:00", ["weekend", "2027-12-19T23:00:00.000Z"]],
    ["2027-12-19T23:00:00Z", true],
    ["2027-12-20T00:00:00+01:00", true],
    ["2027-12-25T12:00:00+01:00", true], // Christmas Day, a Saturday
    ["2027-12-31T23:59:59+01:00", true],
    ["2028-01-01T03:00:00+01:00", true],
    ["2028-01-05T23:59:59.999+01:00", true],
    ["2028-01-06T00:00:00+01:00", ["outside-hours", "2028-01-06T07:00:00.000Z"]], // Thursday
    ["2028-01-08T10:00:00+01:00", ["weekend", "2028-01-10T07:00:00.000Z"]],
    ["2027-04-03T10:00:00+02:00", ["weekend", "2027-04-05T06:00:00.000Z"]], // the default window does not apply
    ["2027-07-03T10:00:00+02:00", ["weekend", "2027-07-05T06:00:00.000Z"]],
    ["2027-12-17T18:00:00+01:00", ["outside-hours", "2027-12-19T23:00:00.000Z"]], // Friday → window start on Monday
  ])("%s", (now, expected) => check(now, expected, XMAS));

  it.each<[string, Expected, AutomationPolicy]>([
    // a one-day window
    ["2027-06-01T03:00:00+02:00", true, { yearlyWindow: { from: "06-01", to: "06-01" } }],
    ["2027-06-02T03:00:00+02:00", ["outside-hours", "2027-06-02T06:00:00.000Z"], { yearlyWindow: { from: "06-01", to: "06-01" } }],
    ["2027-05-29T10:00:00+02:00", ["weekend", "2027-05-31T06:00:00.000Z"], { yearlyWindow: { from: "06-01", to: "06-01" } }],
    ["2027-05-31T19:00:00+02:00", ["outside-hours", "2027-05-31T22:00:00.000Z"], { yearlyWindow: { from: "06-01", to: "06-01" } }],
    // '02-29' in a year without 29 February: a window starting then starts on 1 March …
    ["2027-02-28T12:00:00+01:00", ["weekend", "2027-02-28T23:00:00.000Z"], { yearlyWindow: { from: "02-29", to: "03-10" } }],
    ["2027-03-01T03:00:00+01:00", true, { yearlyWindow: { from: "02-29", to: "03-10" } }],
    ["2028-02-29T03:00:00+01:00", true, { yearlyWindow: { from: "02-29", to: "03-10" } }],
    ["2028-02-28T03:00:00+01:00", ["outside-hours", "2028-02-28T07:00:00.000Z"], { yearlyWindow: { from: "02-29", to: "03-10" } }],
    // … and a window ending then ends on 28 February
    ["2027-02-28T12:00:00+01:00", true, { yearlyWindow: { from: "02-01", to: "02-29" } }],
    ["2027-03-01T03:00:00+01:00", ["outside-hours", "2027-03-01T07:00:00.000Z"], { yearlyWindow: { from: "02-01", to: "02-29" } }],
    ["2028-02-29T12:00:00+01:00", true, { yearlyWindow: { from: "02-01", to: "02-29" } }],
    // the whole year
    ["2027-12-25T03:00:00+01:00", true, { yearlyWindow: { from: "01-01", to: "12-31" } }],
  ])("%s (policy %j)", (now, expected, policy) => check(now, expected, policy));
});

describe("automationAllowed: daylight-saving changes", () => {
  it.each<[string, Expected, AutomationPolicy?]>([
    // 28 March 2027 has 23 hours: local midnight is 23:00Z the day before, the next midnight 22:00Z
    ["2027-03-27T20:00:00+01:00", ["weekend", "2027-03-27T23:00:00.000Z"], { yearlyWindow: { from: "03-28", to: "03-28" } }],
    ["2027-03-27T22:59:59.999Z", ["weekend", "2027-03-27T23:00:00.000Z"], { yearlyWindow: { from: "03-28", to: "03-28" } }],
    ["2027-03-27T23:00:00Z", true, { yearlyWindow: { from: "03-28", to: "03-28" } }],
    ["2027-03-28T01:30:00Z", true, { yearlyWindow: { from: "03-28", to: "03-28" } }], // 03:30 CEST, just after the change
    ["2027-03-28T21:59:59.999Z", true, { yearlyWindow: { from: "03-28", to: "03-28" } }],
    ["2027-03-28T22:00:00Z", ["holiday", "2027-03-30T06:00:00.000Z"], { yearlyWindow: { from: "03-28", to: "03-28" } }], // Easter Monday
    // Friday before the spring change → Monday 08:00 CEST (2026: 29 March)
    ["2026-03-27T18:00:00+01:00", ["outside-hours", "2026-03-30T06:00:00.000Z"]],
    ["2026-03-29T01:59:00+01:00", ["weekend", "2026-03-30T06:00:00.000Z"]],
    ["2026-03-29T03:00:00+02:00", ["weekend", "2026-03-30T06:00:00.000Z"]],
    // 31 October 2027 has 25 hours: local midnight is 22:00Z the day before, the next midnight 23:00Z
    ["2027-10-30T21:59:59Z", ["weekend", "2027-10-30T22:00:00.000Z"], { yearlyWindow: { from: "10-31", to: "10-31" } }],
    ["2027-10-30T22:00:00Z", true, { yearlyWindow: { from: "10-31", to: "10-31" } }],
    ["2027-10-31T00:30:00Z", true, { yearlyWindow: { from: "10-31", to: "10-31" } }], // 02:30 CEST
    ["2027-10-31T01:30:00Z", true, { yearlyWindow: { from: "10-31", to: "10-31" } }], // 02:30 CET, the repeated hour
    ["2027-10-31T22:59:59.999Z", true, { yearlyWindow: { from: "10-31", to: "10-31" } }],
    ["2027-10-31T23:00:00Z", ["outside-hours", "2027-11-01T07:00:00.000Z"], { yearlyWindow: { from: "10-31", to: "10-31" } }],
    // default policy around the autumn change
    ["2027-10-29T18:00:00+02:00", ["outside-hours", "2027-11-01T07:00:00.000Z"]],
    ["2027-10-31T00:30:00Z", ["weekend", "2027-11-01T07:00:00.000Z"]],
    ["2027-10-31T01:30:00Z", ["weekend", "2027-11-01T07:00:00.000Z"]],
    ["2027-11-01T07:59:59+01:00", ["outside-hours", "2027-11-01T07:00:00.000Z"]],
    ["2027-11-01T07:00:00Z", true],
    // the Friday before a working day after the spring change (the hours follow local time)
    ["2027-04-30T18:00:00+02:00", true], // inside the default window
    ["2027-03-30T07:59:59+02:00", ["outside-hours", "2027-03-30T06:00:00.000Z"]],
  ])("%s (policy %j)", (now, expected, policy) => check(now, expected, policy));
});

describe("automationAllowed: Z and offsets denoting the same instant agree", () => {
  it.each([
    ["2027-02-10T08:00:00+01:00", "2027-02-10T07:00:00Z", "2027-02-10T07:00:00+00:00", "2027-02-10T02:00:00-05:00"],
    ["2027-02-10T07:59:00+01:00", "2027-02-10T06:59:00Z", "2027-02-10T06:59:00+00:00", "2027-02-10T01:59:00-05:00"],
    ["2027-06-09T18:00:00+02:00", "2027-06-09T16:00:00Z", "2027-06-09T11:00:00-05:00", "2027-06-10T01:00:00+09:00"],
    ["2027-05-16T00:30:00+02:00", "2027-05-15T22:30:00Z", "2027-05-15T23:30:00+01:00", "2027-05-15T17:30:00-05:00"],
    ["2027-02-10T08:00:00+01:00", "2027-02-10T07:00Z", "2027-02-10T07:00:00.000Z", "2027-02-10T12:30:00+05:30"],
  ])("%s", (...instants) => {
    const results = instants.map((now) => automationAllowed({ now }));
    for (const r of results) expect(r).toEqual(results[0]);
  });
});

describe("automationAllowed: bad input throws", () => {
  it.each([
    "2027-02-10",
    "2027-02-10T08:00:00", // no zone: ambiguous
    "2027-02-10 08:00:00Z",
    "2027-02-30T08:00:00Z",
    "2027-13-10T08:00:00Z",
    "2027-02-10T24:00:00Z",
    "2027-02-10T08:60:00Z",
    "2027-02-10T08:00:60Z",
    "2027-02-10T08:00:00+25:00",
    "2027-02-10T08:00:00+01:70",
    "2027-2-10T08:00:00Z",
    "2027-02-10T8:00:00Z",
    "not a date",
    "",
    " 2027-02-10T08:00:00Z",
    "2027-02-10T08:00:00Z ",
    "1700000000000",
  ])("now %j → invalid-instant", (now) => {
    expect(errorOf(() => automationAllowed({ now })).code).toBe("invalid-instant");
  });

  it.each([undefined, null, 1700000000000, {}])("now %j (not text) → invalid-instant", (now) => {
    expect(errorOf(() => automationAllowed({ now: now as unknown as string })).code).toBe("invalid-instant");
  });

  it.each([
    ["02-30", "05-15"],
    ["04-01", "02-30"],
    ["13-01", "05-15"],
    ["00-10", "05-15"],
    ["04-00", "05-15"],
    ["04-31", "05-15"],
    ["4-1", "05-15"],
    ["04-01", "5-15"],
    ["", "05-15"],
    ["April", "05-15"],
    ["04/01", "05-15"],
    ["2027-04-01", "05-15"],
    ["04-01", " 05-15"],
  ])("window from %j to %j → invalid-month-day", (from, to) => {
    // thrown whatever the time, inside or outside working hours
    for (const now of ["2027-02-10T10:00:00+01:00", "2027-02-13T10:00:00+01:00"]) {
      expect(errorOf(() => automationAllowed({ now, policy: { yearlyWindow: { from, to } } })).code).toBe("invalid-month-day");
    }
  });

  it.each([
    ["02-29", "03-10"],
    ["01-31", "12-31"],
    ["12-31", "01-01"],
  ])("window from %j to %j is valid", (from, to) => {
    expect(() => automationAllowed({ now: "2027-02-10T10:00:00+01:00", policy: { yearlyWindow: { from, to } } })).not.toThrow();
  });

  it("accepts fractional seconds of any precision and compact offsets", () => {
    expect(automationAllowed({ now: "2027-02-10T07:00:00.000001Z" })).toEqual({ allowed: true });
    expect(automationAllowed({ now: "2027-02-10T08:00:00+0100" })).toEqual({ allowed: true });
    expect(automationAllowed({ now: "2027-02-10T06:59:59.9999Z" })).toMatchObject({ allowed: false });
  });
});

describe("apiTokenExpiry: the first local midnight after the issue time", () => {
  it.each([
    ["2027-02-10T09:30:00+01:00", "2027-02-10T23:00:00.000Z"], // winter
    ["2027-02-10T00:00:00+01:00", "2027-02-10T23:00:00.000Z"], // issued exactly at midnight: valid that whole day
    ["2027-02-10T23:59:59.999+01:00", "2027-02-10T23:00:00.000Z"],
    ["2027-02-10T22:59:59.999Z", "2027-02-10T23:00:00.000Z"],
    ["2027-02-10T23:00:00Z", "2027-02-11T23:00:00.000Z"],
    ["2027-06-09T09:30:00+02:00", "2027-06-09T22:00:00.000Z"], // summer
    ["2027-06-09T23:59:59.999+02:00", "2027-06-09T22:00:00.000Z"], // just before midnight
    ["2027-06-09T21:59:59.999Z", "2027-06-09T22:00:00.000Z"],
    ["2027-06-09T22:00:00Z", "2027-06-10T22:00:00.000Z"], // exactly midnight local
    ["2027-06-10T00:00:00+02:00", "2027-06-10T22:00:00.000Z"],
    ["2027-06-09T12:00:00-07:00", "2027-06-09T22:00:00.000Z"], // 21:00 local
    ["2027-06-09T18:00:00-07:00", "2027-06-10T22:00:00.000Z"], // 03:00 local the next day
    // spring change: 28 March 2027 has 23 hours
    ["2027-03-27T23:00:00Z", "2027-03-28T22:00:00.000Z"],
    ["2027-03-28T10:00:00+02:00", "2027-03-28T22:00:00.000Z"],
    ["2027-03-28T01:59:59+01:00", "2027-03-28T22:00:00.000Z"],
    ["2027-03-27T12:00:00+01:00", "2027-03-27T23:00:00.000Z"],
    // autumn change: 31 October 2027 has 25 hours
    ["2027-10-30T22:00:00Z", "2027-10-31T23:00:00.000Z"],
    ["2027-10-31T00:30:00Z", "2027-10-31T23:00:00.000Z"],
    ["2027-10-31T01:30:00Z", "2027-10-31T23:00:00.000Z"],
    ["2027-10-31T10:00:00+01:00", "2027-10-31T23:00:00.000Z"],
    ["2027-10-30T12:00:00+02:00", "2027-10-30T22:00:00.000Z"],
    // over New Year
    ["2027-12-31T23:30:00+01:00", "2027-12-31T23:00:00.000Z"],
    ["2027-12-31T23:30:00Z", "2028-01-01T23:00:00.000Z"],
    // leap day
    ["2028-02-28T23:00:00Z", "2028-02-29T23:00:00.000Z"],
  ])("issued %s → expires %s", (issuedAt, expiry) => {
    expect(apiTokenExpiry(issuedAt)).toBe(expiry);
  });

  it.each(["2027-02-10", "2027-02-10T09:30:00", "2027-02-30T09:30:00Z", "", "tomorrow"])("%j → invalid-instant", (issuedAt) => {
    expect(errorOf(() => apiTokenExpiry(issuedAt)).code).toBe("invalid-instant");
  });
});
