import { describe, it, expect } from "vitest";
import { RuleError, moveOutCheck, inspectionOptions } from "@/lib/rules";
import { expectRuleError } from "../../support/rule-error";


describe("moveOutCheck", () => {
  it.each<[string, string, string, ReturnType<typeof moveOutCheck>]>([
    ["spec: yesterday is refused", "2026-11-23", "2026-11-22", { ok: false, error: "before-today" }],
    ["spec: today itself is allowed", "2026-11-23", "2026-11-23", { ok: true }],
    ["tomorrow", "2026-11-23", "2026-11-24", { ok: true }],
    ["long ago", "2026-11-23", "2026-01-01", { ok: false, error: "before-today" }],
    ["exactly 6 months ahead is allowed without a note", "2026-11-23", "2027-05-23", { ok: true }],
    ["spec: more than 6 months ahead gets the note", "2026-11-23", "2027-05-24", { ok: true, info: "more-than-6-months" }],
    ["a year ahead", "2026-11-23", "2027-11-23", { ok: true, info: "more-than-6-months" }],
    ["31 Aug + 6 months clamps to 28 Feb: 28 Feb no note", "2026-08-31", "2027-02-28", { ok: true }],
    ["31 Aug + 6 months clamps to 28 Feb: 1 Mar gets note", "2026-08-31", "2027-03-01", { ok: true, info: "more-than-6-months" }],
    ["leap year: 31 Aug 2027 + 6 months = 29 Feb 2028", "2027-08-31", "2028-02-29", { ok: true }],
    ["leap year: 1 Mar 2028 gets note", "2027-08-31", "2028-03-01", { ok: true, info: "more-than-6-months" }],
    ["31 Dec + 6 months = 30 Jun", "2027-12-31", "2028-06-30", { ok: true }],
    ["31 Dec: 1 Jul gets note", "2027-12-31", "2028-07-01", { ok: true, info: "more-than-6-months" }],
    ["over New Year", "2027-12-31", "2028-01-01", { ok: true }],
    ["day before the spring DST change is before today", "2027-03-28", "2027-03-27", { ok: false, error: "before-today" }],
    ["autumn DST change day as today", "2027-10-31", "2027-10-31", { ok: true }],
    ["a holiday is still a valid move-out date", "2027-12-01", "2027-12-25", { ok: true }],
  ])("%s (today %s, move-out %s)", (_label, today, moveOut, expected) => {
    expect(moveOutCheck({ today, moveOut })).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ["impossible move-out", "2026-11-23", "2027-02-29"],
    ["unpadded move-out", "2026-11-23", "2027-1-5"],
    ["move-out with a time", "2026-11-23", "2026-11-23T10:00"],
    ["impossible today", "2026-02-30", "2026-11-23"],
    ["empty today", "", "2026-11-23"],
  ])("refuses %s", (_label, today, moveOut) => {
    expectRuleError(() => moveOutCheck({ today, moveOut }), "invalid-date");
  });
});

type InspectionCase = [
  string,
  { today: string; moveOut: string; windowDays?: number; closingDays?: string[] },
  { default: string | null; allowed: string[] },
];

describe("inspectionOptions", () => {
  it.each<InspectionCase>([
    [
      "move-out on a Sunday: default is Monday, weekends skipped, 14-day window",
      { today: "2027-01-04", moveOut: "2027-01-10" },
      {
        default: "2027-01-11",
        allowed: ["2027-01-11", "2027-01-12", "2027-01-13", "2027-01-14", "2027-01-15", "2027-01-18", "2027-01-19", "2027-01-20", "2027-01-21", "2027-01-22"],
      },
    ],
    [
      "move-out today: today is never allowed",
      { today: "2027-01-04", moveOut: "2027-01-04" },
      {
        default: "2027-01-05",
        allowed: ["2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08", "2027-01-11", "2027-01-12", "2027-01-13", "2027-01-14", "2027-01-15", "2027-01-18"],
      },
    ],
    [
      "plain September: 11 weekdays in 15 days, default the move-out date",
      { today: "2027-09-01", moveOut: "2027-09-06" },
      {
        default: "2027-09-06",
        allowed: ["2027-09-06", "2027-09-07", "2027-09-08", "2027-09-09", "2027-09-10", "2027-09-13", "2027-09-14", "2027-09-15", "2027-09-16", "2027-09-17", "2027-09-20"],
      },
    ],
    [
      "Easter 2027: Maundy Thursday, Good Friday, Easter Monday skipped",
      { today: "2027-03-01", moveOut: "2027-03-24", windowDays: 7 },
      { default: "2027-03-24", allowed: ["2027-03-24", "2027-03-30", "2027-03-31"] },
    ],
    [
      "Christmas with the default closing days",
      { today: "2027-12-01", moveOut: "2027-12-20", closingDays: ["2027-06-05", "2027-12-24", "2027-12-31"] },
      {
        default: "2027-12-20",
        allowed: ["2027-12-20", "2027-12-21", "2027-12-22", "2027-12-23", "2027-12-27", "2027-12-28", "2027-12-29", "2027-12-30", "2028-01-03"],
      },
    ],
    [
      "move-out on a closing day: default is the next allowed day",
      { today: "2027-12-01", moveOut: "2027-12-24", windowDays: 3, closingDays: ["2027-12-24"] },
      { default: "2027-12-27", allowed: ["2027-12-27"] },
    ],
    [
      "Constitution Day on a weekday is allowed unless it is a closing day",
      { today: "2026-06-01", moveOut: "2026-06-04", windowDays: 1 },
      { default: "2026-06-04", allowed: ["2026-06-04", "2026-06-05"] },
    ],
    [
      "Constitution Day as a closing day",
      { today: "2026-06-01", moveOut: "2026-06-04", windowDays: 1, closingDays: ["2026-06-05"] },
      { default: "2026-06-04", allowed: ["2026-06-04"] },
    ],
    [
      "Whitsun: Saturday move-out, Whit Monday skipped",
      { today: "2027-05-01", moveOut: "2027-05-15", windowDays: 3 },
      { default: "2027-05-18", allowed: ["2027-05-18"] },
    ],
    [
      "Ascension Day skipped",
      { today: "2027-05-01", moveOut: "2027-05-06", windowDays: 2 },
      { default: "2027-05-07", allowed: ["2027-05-07"] },
    ],
    [
      "autumn DST change weekend",
      { today: "2027-10-01", moveOut: "2027-10-29", windowDays: 4 },
      { default: "2027-10-29", allowed: ["2027-10-29", "2027-11-01", "2027-11-02"] },
    ],
    [
      "leap day is an ordinary weekday",
      { today: "2028-01-01", moveOut: "2028-02-28", windowDays: 3 },
      { default: "2028-02-28", allowed: ["2028-02-28", "2028-02-29", "2028-03-01", "2028-03-02"] },
    ],
    [
      "window 0 on a weekday: only the move-out date",
      { today: "2027-01-04", moveOut: "2027-01-05", windowDays: 0 },
      { default: "2027-01-05", allowed: ["2027-01-05"] },
    ],
    [
      "no allowed date: window 0 on a Saturday",
      { today: "2027-04-01", moveOut: "2027-05-01", windowDays: 0 },
      { default: null, allowed: [] },
    ],
    [
      "no allowed date: window 0 on today",
      { today: "2027-05-03", moveOut: "2027-05-03", windowDays: 0 },
      { default: null, allowed: [] },
    ],
    [
      "no allowed date: every weekday is a closing day",
      { today: "2027-06-01", moveOut: "2027-06-07", windowDays: 1, closingDays: ["2027-06-07", "2027-06-08"] },
      { default: null, allowed: [] },
    ],
    [
      "no allowed date: Easter weekend",
      { today: "2027-03-01", moveOut: "2027-03-25", windowDays: 4 },
      { default: null, allowed: [] },
    ],
    [
      "closing days outside the window and duplicates are harmless",
      { today: "2027-01-04", moveOut: "2027-01-05", windowDays: 1, closingDays: ["2026-12-24", "2026-12-24", "2027-01-06"] },
      { default: "2027-01-05", allowed: ["2027-01-05"] },
    ],
  ])("%s", (_label, input, expected) => {
    expect(inspectionOptions(input)).toEqual(expected);
  });

  it.each<[string, () => unknown, string]>([
    ["impossible move-out date", () => inspectionOptions({ today: "2027-01-04", moveOut: "2027-02-29" }), "invalid-date"],
    ["impossible today", () => inspectionOptions({ today: "2027-04-31", moveOut: "2027-05-03" }), "invalid-date"],
    ["impossible closing day", () => inspectionOptions({ today: "2027-01-04", moveOut: "2027-01-05", closingDays: ["2027-12-32"] }), "invalid-date"],
    ["unpadded closing day", () => inspectionOptions({ today: "2027-01-04", moveOut: "2027-01-05", closingDays: ["2027-12-4"] }), "invalid-date"],
    ["closing days not a list", () => inspectionOptions({ today: "2027-01-04", moveOut: "2027-01-05", closingDays: "2027-12-24" as never }), "invalid-date"],
    ["negative window", () => inspectionOptions({ today: "2027-01-04", moveOut: "2027-01-05", windowDays: -1 }), "invalid-number"],
    ["fractional window", () => inspectionOptions({ today: "2027-01-04", moveOut: "2027-01-05", windowDays: 1.5 }), "invalid-number"],
  ])("refuses %s", (_label, fn, code) => {
    expectRuleError(fn, code);
  });
});
