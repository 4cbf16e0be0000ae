import { describe, it, expect } from "vitest";
import { latestNoticeDate, noticeDateOf, terminationDate, type NoticeRule } from "@/lib/rules";
import { addDays } from "@/lib/rules/calendar";
import { errorOf, expectRuleError } from "../../support/rule-error";

const THREE_TO_FIRST: NoticeRule = { months: 3, anchor: "first" };
const RUNNING_3: NoticeRule = { months: 3, anchor: "first", runningMonth: true };
const THREE_1_OR_15: NoticeRule = { months: 3, anchor: "first-or-fifteenth" };
const FOURTEEN_DAYS: NoticeRule = { months: 0, days: 14, anchor: "any" };
const ONE_MONTH_ANY: NoticeRule = { months: 1, anchor: "any" };

describe("noticeDateOf", () => {
  it.each<[string, string, string]>([
    ["spec: 23:05 UTC on 30 November is 1 December in Denmark", "2026-11-30T23:05:00Z", "2026-12-01"],
    ["22:59:59 UTC in winter is still the same day (23:59:59 local)", "2026-11-30T22:59:59Z", "2026-11-30"],
    ["23:00 UTC in winter is local midnight", "2026-11-30T23:00:00Z", "2026-12-01"],
    ["in summer 21:59 UTC is 23:59 local", "2027-06-30T21:59:00Z", "2027-06-30"],
    ["in summer 22:00 UTC is local midnight", "2027-06-30T22:00:00Z", "2027-07-01"],
    ["an offset is honoured", "2027-04-01T00:30:00+02:00", "2027-04-01"],
    ["a negative offset: 18:59 in Brazil is 23:59 in Denmark", "2027-03-31T18:59:00-03:00", "2027-03-31"],
    ["a negative offset: 19:00 in Brazil is the next Danish day", "2027-03-31T19:00:00-03:00", "2027-04-01"],
    ["spring DST night: 00:59 UTC is 01:59 CET", "2027-03-28T00:59:00Z", "2027-03-28"],
    ["spring DST night: 01:00 UTC is 03:00 CEST, same day", "2027-03-28T01:00:00Z", "2027-03-28"],
    ["day before spring DST: 22:59 UTC is 23:59 CET", "2027-03-27T22:59:00Z", "2027-03-27"],
    ["day before spring DST: 23:00 UTC is midnight", "2027-03-27T23:00:00Z", "2027-03-28"],
    ["autumn DST: 21:59 UTC on Saturday is 23:59 CEST", "2027-10-30T21:59:00Z", "2027-10-30"],
    ["autumn DST: 22:00 UTC on Saturday is midnight", "2027-10-30T22:00:00Z", "2027-10-31"],
    ["autumn DST: the repeated hour is still Sunday", "2027-10-31T01:30:00Z", "2027-10-31"],
    ["autumn DST: 22:59 UTC on Sunday is 23:59 CET", "2027-10-31T22:59:00Z", "2027-10-31"],
    ["autumn DST: 23:00 UTC on Sunday is Monday", "2027-10-31T23:00:00Z", "2027-11-01"],
    ["New Year's Eve 23:30 UTC is New Year's Day", "2026-12-31T23:30:00Z", "2027-01-01"],
    ["milliseconds and lower-case z", "2026-12-31T22:59:59.999z", "2026-12-31"],
    ["leap day", "2028-02-28T23:00:00Z", "2028-02-29"],
  ])("%s", (_name, at, expected) => {
    expect(noticeDateOf(at)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ["no zone", "2026-11-30T23:05:00"],
    ["a date only", "2026-11-30"],
    ["an impossible day", "2026-02-30T10:00:00Z"],
    ["an impossible hour", "2026-11-30T25:00:00Z"],
    ["text", "yesterday"],
    ["empty", ""],
    ["not a string", 1764543900000],
    ["missing", undefined],
  ])("refuses %s with invalid-instant", (_name, at) => {
    expectRuleError(() => noticeDateOf(at as string), "invalid-instant");
  });
});

describe("latestNoticeDate", () => {
  it.each<[string, string, NoticeRule, string]>([
    ["spec: 3 mdr. til den 1., T 1 March", "2027-03-01", THREE_TO_FIRST, "2026-12-01"],
    ["spec: 3 mdr. til den 1., T 28 February (not an anchor day)", "2027-02-28", THREE_TO_FIRST, "2026-11-01"],
    ["spec: running month + 3, T 1 April", "2027-04-01", RUNNING_3, "2026-12-31"],
    ["3 mdr. til den 1., T 1 January over the year", "2027-01-01", THREE_TO_FIRST, "2026-10-01"],
    ["3 mdr. til den 1., T 1 June: 1 March", "2027-06-01", THREE_TO_FIRST, "2027-03-01"],
    ["3 mdr. til den 1., T 1 March 2028 (leap year)", "2028-03-01", THREE_TO_FIRST, "2027-12-01"],
    ["3 mdr. til den 1., T 31 May", "2027-05-31", THREE_TO_FIRST, "2027-02-01"],
    ["running month + 3, T 1 March: the whole of November", "2027-03-01", RUNNING_3, "2026-11-30"],
    ["running month + 3, T 15 March: still November", "2027-03-15", RUNNING_3, "2026-11-30"],
    ["1st or 15th, T 15 March", "2027-03-15", THREE_1_OR_15, "2026-12-15"],
    ["1st or 15th, T 1 March: 30 Nov + 3 clamps to 28 Feb", "2027-03-01", THREE_1_OR_15, "2026-12-01"],
    ["1st or 15th, T 14 March", "2027-03-14", THREE_1_OR_15, "2026-12-01"],
    ["14 dage", "2027-04-03", FOURTEEN_DAYS, "2027-03-20"],
    ["1 month, any day: T 28 Feb is reached from 31 January (clamp)", "2027-02-28", ONE_MONTH_ANY, "2027-01-31"],
    ["1 month, any day: T 1 March", "2027-03-01", ONE_MONTH_ANY, "2027-02-01"],
    ["0 months, any day: the day itself", "2027-05-05", { months: 0, anchor: "any" }, "2027-05-05"],
  ])("%s", (_name, t, rule, expected) => {
    const d = latestNoticeDate(t, rule);
    expect(d).toBe(expected);
    expect(terminationDate(d, rule) <= t).toBe(true);
    expect(terminationDate(addDays(d, 1), rule) > t).toBe(true);
  });

  it("refuses an impossible termination date", () => {
    const err = errorOf(() => latestNoticeDate("2027-02-30", THREE_TO_FIRST));
    expect(err.code).toBe("invalid-date");
    expect(err.message).toContain("termination date");
  });

  it.each<[string, unknown]>([
    ["negative months", { months: -1, anchor: "first" }],
    ["unknown anchor", { months: 3, anchor: "last" }],
    ["running month with the 15th", { months: 3, anchor: "first-or-fifteenth", runningMonth: true }],
    ["missing", null],
  ])("refuses a bad rule (%s) with invalid-rule", (_name, rule) => {
    expectRuleError(() => latestNoticeDate("2027-03-01", rule as NoticeRule), "invalid-rule");
  });

  it("refuses a termination date no notice from 1900 can reach", () => {
    expectRuleError(() => latestNoticeDate("1900-02-01", THREE_TO_FIRST), "invalid-date");
  });
});
