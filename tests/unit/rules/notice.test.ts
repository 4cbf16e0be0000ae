import { describe, it, expect } from "vitest";
import { RuleError, terminationDate, vacatingDay, liabilityPeriod, parseNoticeRule, noticeRuleOrNull, type NoticeRule } from "@/lib/rules";
import { expectRuleError } from "../../support/rule-error";

/** Asserts that `fn` throws a RuleError with `code` and a readable, non-empty message. */

const THREE_TO_FIRST: NoticeRule = { months: 3, anchor: "first" };
const RUNNING_3: NoticeRule = { months: 3, anchor: "first", runningMonth: true };
const ONE_TO_1_OR_15: NoticeRule = { months: 1, anchor: "first-or-fifteenth" };
const FOURTEEN_DAYS: NoticeRule = { months: 0, days: 14, anchor: "any" };

describe("terminationDate", () => {
  it.each<[string, string, NoticeRule, string]>([
    // spec examples: "3 måneder til den 1."
    ["spec: 3 mdr. til den 1., mid-month", "2026-11-23", THREE_TO_FIRST, "2027-03-01"],
    ["spec: 3 mdr. til den 1., notice on the 1st", "2026-12-01", THREE_TO_FIRST, "2027-03-01"],
    ["spec: 3 mdr. til den 1., 30 Nov + 3 clamps to 28 Feb → next 1st", "2026-11-30", THREE_TO_FIRST, "2027-03-01"],
    // spec examples: running month + 3
    ["spec: running month + 3, mid-month", "2026-11-23", RUNNING_3, "2027-03-01"],
    ["spec: running month + 3, notice on the 1st", "2026-12-01", RUNNING_3, "2027-04-01"],
    // anchor 'first'
    ["first: notice on 1 Oct lands on 1 Jan (year boundary)", "2026-10-01", THREE_TO_FIRST, "2027-01-01"],
    ["first: notice on 2 Oct goes to 1 Feb", "2026-10-02", THREE_TO_FIRST, "2027-02-01"],
    ["first: 30 Sep + 3 = 30 Dec → 1 Jan", "2026-09-30", THREE_TO_FIRST, "2027-01-01"],
    ["first: 31 Dec + 3 = 31 Mar → 1 Apr", "2026-12-31", THREE_TO_FIRST, "2027-04-01"],
    ["first: 0 months on a 1st is that day", "2027-03-01", { months: 0, anchor: "first" }, "2027-03-01"],
    ["first: 0 months on the 2nd is next 1st", "2027-03-02", { months: 0, anchor: "first" }, "2027-04-01"],
    ["first: leap day + 1 month = 29 Mar → 1 Apr", "2028-02-29", { months: 1, anchor: "first" }, "2028-04-01"],
    ["first: 29 Nov 2027 + 3 = 29 Feb 2028 → 1 Mar", "2027-11-29", THREE_TO_FIRST, "2028-03-01"],
    ["first: months + days landing on a 1st", "2027-01-15", { months: 1, days: 14, anchor: "first" }, "2027-03-01"],
    ["first: months + days past a 1st", "2027-01-20", { months: 1, days: 14, anchor: "first" }, "2027-04-01"],
    ["first: Easter/DST Sunday notice", "2027-03-28", THREE_TO_FIRST, "2027-07-01"],
    ["first: autumn DST Sunday notice, 31 Oct + 1 = 30 Nov → 1 Dec", "2027-10-31", { months: 1, anchor: "first" }, "2027-12-01"],
    ["first: 12 months", "2027-06-15", { months: 12, anchor: "first" }, "2028-07-01"],
    // anchor 'first-or-fifteenth'
    ["1st/15th: base 10 Feb → 15 Feb", "2027-01-10", ONE_TO_1_OR_15, "2027-02-15"],
    ["1st/15th: base on the 15th stays", "2027-01-15", ONE_TO_1_OR_15, "2027-02-15"],
    ["1st/15th: base 16 Feb → 1 Mar", "2027-01-16", ONE_TO_1_OR_15, "2027-03-01"],
    ["1st/15th: 31 Jan + 1 clamps to 28 Feb → 1 Mar", "2027-01-31", ONE_TO_1_OR_15, "2027-03-01"],
    ["1st/15th: base on the 1st stays", "2027-01-01", ONE_TO_1_OR_15, "2027-02-01"],
    ["1st/15th: base 20 Jan → 1 Feb", "2026-12-20", ONE_TO_1_OR_15, "2027-02-01"],
    ["1st/15th: base 16 Dec → 1 Jan (year boundary)", "2027-11-16", ONE_TO_1_OR_15, "2028-01-01"],
    ["1st/15th: leap year 29 Jan + 1 = 29 Feb → 1 Mar", "2028-01-29", ONE_TO_1_OR_15, "2028-03-01"],
    ["1st/15th: with days", "2027-01-01", { months: 0, days: 14, anchor: "first-or-fifteenth" }, "2027-01-15"],
    // anchor 'any'
    ["any: 31 Jan + 1 month clamps to 28 Feb", "2027-01-31", { months: 1, anchor: "any" }, "2027-02-28"],
    ["any: 31 Jan 2028 + 1 month clamps to 29 Feb (leap)", "2028-01-31", { months: 1, anchor: "any" }, "2028-02-29"],
    ["any: leap day + 12 months = 28 Feb", "2028-02-29", { months: 12, anchor: "any" }, "2029-02-28"],
    ["any: 31 Dec + 2 months = 29 Feb 2028", "2027-12-31", { months: 2, anchor: "any" }, "2028-02-29"],
    ["any: 31 Dec + 2 months = 28 Feb 2027", "2026-12-31", { months: 2, anchor: "any" }, "2027-02-28"],
    ["any: 30 Nov + 1 month", "2027-11-30", { months: 1, anchor: "any" }, "2027-12-30"],
    ["any: 31 Mar + 1 month = 30 Apr", "2027-03-31", { months: 1, anchor: "any" }, "2027-04-30"],
    ["any: 14 dage", "2027-03-20", FOURTEEN_DAYS, "2027-04-03"],
    ["any: 14 dage over the spring DST change", "2027-03-27", FOURTEEN_DAYS, "2027-04-10"],
    ["any: 14 dage over the autumn DST change", "2027-10-31", FOURTEEN_DAYS, "2027-11-14"],
    ["any: 14 dage over New Year", "2027-12-25", FOURTEEN_DAYS, "2028-01-08"],
    ["any: 14 dage into leap day", "2028-02-15", FOURTEEN_DAYS, "2028-02-29"],
    ["any: 1 day over DST Sunday", "2027-03-28", { months: 0, days: 1, anchor: "any" }, "2027-03-29"],
    ["any: nothing added is the same day", "2027-05-05", { months: 0, anchor: "any" }, "2027-05-05"],
    ["any: months and days", "2027-01-31", { months: 1, days: 1, anchor: "any" }, "2027-03-01"],
    ["any: runningMonth false is allowed", "2027-01-31", { months: 1, anchor: "any", runningMonth: false }, "2027-02-28"],
    // running month
    ["running: notice on the 1st of Nov", "2026-11-01", RUNNING_3, "2027-03-01"],
    ["running: notice on 30 Nov", "2026-11-30", RUNNING_3, "2027-03-01"],
    ["running: notice on 31 Dec", "2026-12-31", RUNNING_3, "2027-04-01"],
    ["running: + 1 over New Year", "2027-12-15", { months: 1, anchor: "first", runningMonth: true }, "2028-02-01"],
    ["running: + 0 is the next 1st even from a 1st", "2027-01-01", { months: 0, anchor: "first", runningMonth: true }, "2027-02-01"],
    ["running: extra days are counted from the start and rounded up to a 1st", "2027-01-20", { months: 1, days: 10, anchor: "first", runningMonth: true }, "2027-04-01"],
    ["running: leap February", "2027-12-31", { months: 1, anchor: "first", runningMonth: true }, "2028-02-01"],
  ])("%s (notice %s)", (_label, notice, rule, expected) => {
    expect(terminationDate(notice, rule)).toBe(expected);
  });

  it.each<[string, string]>([
    ["impossible date 30 Feb", "2027-02-30"],
    ["29 Feb in a non-leap year", "2027-02-29"],
    ["unpadded month", "2027-1-5"],
    ["month 13", "2027-13-01"],
    ["day 0", "2027-01-00"],
    ["empty string", ""],
    ["a timestamp", "2027-01-05T00:00:00Z"],
    ["words", "tomorrow"],
  ])("refuses a bad notice date (%s)", (_label, notice) => {
    expectRuleError(() => terminationDate(notice, THREE_TO_FIRST), "invalid-date");
  });

  it("refuses a bad rule", () => {
    expectRuleError(() => terminationDate("2027-01-05", { months: -1, anchor: "first" }), "invalid-rule");
    expectRuleError(() => terminationDate("2027-01-05", { months: 3, anchor: "any", runningMonth: true }), "invalid-rule");
  });
});

describe("parseNoticeRule", () => {
  it.each<[string, unknown, NoticeRule]>([
    ["3 måneder til den 1.", { months: 3, anchor: "first" }, { months: 3, anchor: "first" }],
    ["14 dage", { months: 0, days: 14, anchor: "any" }, { months: 0, days: 14, anchor: "any" }],
    ["1st or 15th", { months: 1, anchor: "first-or-fifteenth" }, { months: 1, anchor: "first-or-fifteenth" }],
    ["running month", { months: 3, anchor: "first", runningMonth: true }, { months: 3, anchor: "first", runningMonth: true }],
    ["runningMonth false with any", { months: 1, anchor: "any", runningMonth: false }, { months: 1, anchor: "any", runningMonth: false }],
    ["zero months zero days", { months: 0, days: 0, anchor: "any" }, { months: 0, days: 0, anchor: "any" }],
    ["null days and runningMonth count as not given", { months: 1, days: null, anchor: "any", runningMonth: null }, { months: 1, anchor: "any" }],
    ["unknown properties are dropped", { months: 3, anchor: "first", code: "3M1", text: "3 måneder" }, { months: 3, anchor: "first" }],
  ])("accepts %s", (_label, input, expected) => {
    expect(parseNoticeRule(input)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["a string", "3 måneder til den 1."],
    ["an array", [3, "first"]],
    ["missing months", { anchor: "first" }],
    ["negative months", { months: -1, anchor: "first" }],
    ["non-integer months", { months: 1.5, anchor: "first" }],
    ["months as text", { months: "3", anchor: "first" }],
    ["NaN months", { months: Number.NaN, anchor: "first" }],
    ["infinite months", { months: Number.POSITIVE_INFINITY, anchor: "first" }],
    ["negative days", { months: 0, days: -14, anchor: "any" }],
    ["non-integer days", { months: 0, days: 0.5, anchor: "any" }],
    ["unknown anchor", { months: 3, anchor: "fifteenth" }],
    ["anchor in Danish", { months: 3, anchor: "den 1." }],
    ["missing anchor", { months: 3 }],
    ["runningMonth with any", { months: 3, anchor: "any", runningMonth: true }],
    ["runningMonth with first-or-fifteenth", { months: 3, anchor: "first-or-fifteenth", runningMonth: true }],
    ["runningMonth not a boolean", { months: 3, anchor: "first", runningMonth: "yes" }],
  ])("refuses %s with a readable invalid-rule error", (_label, input) => {
    expectRuleError(() => parseNoticeRule(input), "invalid-rule");
  });
});

describe("vacatingDay", () => {
  it.each<[string, string, string]>([
    // spec examples
    ["spec: Saturday 1 May → Monday", "2027-05-01", "2027-05-03"],
    ["spec: day before Maundy Thursday → Tuesday after Easter", "2026-04-01", "2026-04-07"],
    ["spec: Friday 24 Dec before a Saturday Christmas Day → Monday 27th", "2027-12-24", "2027-12-27"],
    // ordinary days
    ["ordinary Monday stays", "2027-03-01", "2027-03-01"],
    ["ordinary Friday stays", "2027-02-26", "2027-02-26"],
    ["Sunday → Monday", "2027-02-28", "2027-03-01"],
    ["leap day (Tuesday) stays", "2028-02-29", "2028-02-29"],
    // Easter
    ["2027 Wednesday before Maundy Thursday → Tuesday after Easter Monday", "2027-03-24", "2027-03-30"],
    ["2027 Maundy Thursday", "2027-03-25", "2027-03-30"],
    ["2027 Good Friday", "2027-03-26", "2027-03-30"],
    ["2027 Easter Sunday = spring DST change", "2027-03-28", "2027-03-30"],
    ["2027 Easter Monday", "2027-03-29", "2027-03-30"],
    ["2026 Easter Monday", "2026-04-06", "2026-04-07"],
    ["2028 day before Maundy Thursday", "2028-04-12", "2028-04-18"],
    ["2027 Tuesday before Maundy Thursday is fine", "2027-03-23", "2027-03-23"],
    // Ascension / Whitsun
    ["2027 day before Ascension → Friday after", "2027-05-05", "2027-05-07"],
    ["2027 Ascension Day → Friday", "2027-05-06", "2027-05-07"],
    ["2026 day before Ascension → Friday after", "2026-05-13", "2026-05-15"],
    ["2027 Friday before Whitsun weekend (Saturday is no holiday)", "2027-05-14", "2027-05-14"],
    ["2027 Saturday before Whit Sunday → Tuesday", "2027-05-15", "2027-05-18"],
    ["2027 Whit Monday → Tuesday", "2027-05-17", "2027-05-18"],
    ["2026 Whit Monday → Tuesday", "2026-05-25", "2026-05-26"],
    ["2028 Whit Monday on 5 June → Tuesday", "2028-06-05", "2028-06-06"],
    ["2028 Friday 2 June before Whitsun weekend", "2028-06-02", "2028-06-02"],
    // observances are not public holidays
    ["Constitution Day (observance) on a Saturday → Monday", "2027-06-05", "2027-06-07"],
    ["23 Dec 2027: Christmas Eve is not a public holiday", "2027-12-23", "2027-12-23"],
    ["1 May on a weekday is not a public holiday", "2026-05-01", "2026-05-01"],
    // Christmas and New Year
    ["24 Dec 2026 (Thursday before Christmas Day) → Monday 28th", "2026-12-24", "2026-12-28"],
    ["Christmas Day 2026", "2026-12-25", "2026-12-28"],
    ["31 Dec 2026 (before New Year's Day) → Monday 4 Jan", "2026-12-31", "2027-01-04"],
    ["New Year's Day 2027", "2027-01-01", "2027-01-04"],
    ["31 Dec 2027 (Friday before New Year) → Monday 3 Jan 2028", "2027-12-31", "2028-01-03"],
    // daylight saving
    ["autumn DST change Sunday → Monday", "2027-10-31", "2027-11-01"],
    ["Friday before autumn DST change", "2027-10-29", "2027-10-29"],
    ["Saturday before spring DST change 2026", "2026-03-28", "2026-03-30"],
    // Great Prayer Day existed in 2023 (abolished from 2024)
    ["2023 Thursday before Great Prayer Day", "2023-05-04", "2023-05-08"],
    ["2024 last Friday of April (no Great Prayer Day)", "2024-04-26", "2024-04-26"],
  ])("%s (%s → %s)", (_label, input, expected) => {
    expect(vacatingDay(input)).toBe(expected);
  });

  it.each(["2027-02-30", "2027-1-5", "", "2027/01/05", "2026-02-29"])("refuses %j", (input) => {
    expectRuleError(() => vacatingDay(input), "invalid-date");
  });
});

type LiabilityCase = [string, { today: string; moveOut: string; rule: NoticeRule; renovationDays: number; renovationLiable?: boolean }, { from: string; to: string; terminationDate: string }];

describe("liabilityPeriod", () => {
  const t = "2026-11-23";
  it.each<LiabilityCase>([
    // spec examples: today 2026-11-23, "3 måneder til den 1."
    ["spec: move-out before T", { today: t, moveOut: "2027-01-10", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: t, to: "2027-02-28", terminationDate: "2027-03-01" }],
    ["spec: move-out on T", { today: t, moveOut: "2027-03-01", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: t, to: "2027-02-28", terminationDate: "2027-03-01" }],
    ["spec: move-out in May", { today: t, moveOut: "2027-05-10", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: t, to: "2027-05-31", terminationDate: "2027-03-01" }],
    ["spec: move-out on the vacating day of Saturday 1 May", { today: t, moveOut: "2027-05-03", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: t, to: "2027-04-30", terminationDate: "2027-03-01" }],
    ["spec: move-out the day after that vacating day", { today: t, moveOut: "2027-05-04", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: t, to: "2027-05-31", terminationDate: "2027-03-01" }],
    // more, 3 måneder til den 1.
    ["move-out today", { today: t, moveOut: t, rule: THREE_TO_FIRST, renovationDays: 0 }, { from: t, to: "2027-02-28", terminationDate: "2027-03-01" }],
    ["move-out the day after a plain 1st", { today: t, moveOut: "2027-03-02", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: t, to: "2027-03-31", terminationDate: "2027-03-01" }],
    ["move-out on 1 April", { today: t, moveOut: "2027-04-01", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: t, to: "2027-03-31", terminationDate: "2027-03-01" }],
    ["move-out on Saturday 1 May itself", { today: t, moveOut: "2027-05-01", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: t, to: "2027-04-30", terminationDate: "2027-03-01" }],
    // renovation liability
    ["renovation liable adds the days", { today: t, moveOut: "2027-05-10", rule: THREE_TO_FIRST, renovationDays: 10, renovationLiable: true }, { from: t, to: "2027-06-10", terminationDate: "2027-03-01" }],
    ["renovation not liable", { today: t, moveOut: "2027-05-10", rule: THREE_TO_FIRST, renovationDays: 10, renovationLiable: false }, { from: t, to: "2027-05-31", terminationDate: "2027-03-01" }],
    ["renovation liability not given = not liable", { today: t, moveOut: "2027-05-10", rule: THREE_TO_FIRST, renovationDays: 10 }, { from: t, to: "2027-05-31", terminationDate: "2027-03-01" }],
    ["renovation liable on top of T − 1", { today: t, moveOut: "2027-01-10", rule: THREE_TO_FIRST, renovationDays: 14, renovationLiable: true }, { from: t, to: "2027-03-14", terminationDate: "2027-03-01" }],
    ["renovation liable, 0 days", { today: t, moveOut: "2027-01-10", rule: THREE_TO_FIRST, renovationDays: 0, renovationLiable: true }, { from: t, to: "2027-02-28", terminationDate: "2027-03-01" }],
    // Easter 2026: vacating day of 1 April is 7 April
    ["Easter: move-out on the vacating day of 1 April", { today: "2025-12-01", moveOut: "2026-04-07", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: "2025-12-01", to: "2026-03-31", terminationDate: "2026-03-01" }],
    ["Easter: move-out on Maundy Thursday", { today: "2025-12-01", moveOut: "2026-04-02", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: "2025-12-01", to: "2026-03-31", terminationDate: "2026-03-01" }],
    ["Easter: move-out a day after that vacating day", { today: "2025-12-01", moveOut: "2026-04-08", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: "2025-12-01", to: "2026-04-30", terminationDate: "2026-03-01" }],
    // New Year 2028: vacating day of Saturday 1 January is Monday 3 January
    ["New Year: move-out on the vacating day of 1 Jan", { today: "2027-09-01", moveOut: "2028-01-03", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: "2027-09-01", to: "2027-12-31", terminationDate: "2027-12-01" }],
    ["New Year: move-out a day later", { today: "2027-09-01", moveOut: "2028-01-04", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: "2027-09-01", to: "2028-01-31", terminationDate: "2027-12-01" }],
    ["Christmas: move-out 24 Dec 2027", { today: "2027-09-01", moveOut: "2027-12-24", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: "2027-09-01", to: "2027-12-31", terminationDate: "2027-12-01" }],
    // leap year
    ["leap year: T − 1 is 29 Feb", { today: "2027-11-29", moveOut: "2028-01-15", rule: THREE_TO_FIRST, renovationDays: 0 }, { from: "2027-11-29", to: "2028-02-29", terminationDate: "2028-03-01" }],
    ["leap year: renovation over leap day", { today: "2027-10-01", moveOut: "2028-01-20", rule: THREE_TO_FIRST, renovationDays: 30, renovationLiable: true }, { from: "2027-10-01", to: "2028-03-01", terminationDate: "2028-01-01" }],
    // 1st or 15th
    ["1st/15th: T dominates", { today: "2027-01-10", moveOut: "2027-02-01", rule: ONE_TO_1_OR_15, renovationDays: 0 }, { from: "2027-01-10", to: "2027-02-14", terminationDate: "2027-02-15" }],
    ["1st/15th: move-out before the 15th", { today: "2027-01-10", moveOut: "2027-03-10", rule: ONE_TO_1_OR_15, renovationDays: 0 }, { from: "2027-01-10", to: "2027-03-14", terminationDate: "2027-02-15" }],
    ["1st/15th: move-out on the 15th", { today: "2027-01-10", moveOut: "2027-03-15", rule: ONE_TO_1_OR_15, renovationDays: 0 }, { from: "2027-01-10", to: "2027-03-14", terminationDate: "2027-02-15" }],
    ["1st/15th: move-out after the 15th", { today: "2027-01-10", moveOut: "2027-03-16", rule: ONE_TO_1_OR_15, renovationDays: 0 }, { from: "2027-01-10", to: "2027-03-31", terminationDate: "2027-02-15" }],
    ["1st/15th: Saturday 15 May → vacating day Tuesday 18 (Whit Monday)", { today: "2027-01-10", moveOut: "2027-05-18", rule: ONE_TO_1_OR_15, renovationDays: 0 }, { from: "2027-01-10", to: "2027-05-14", terminationDate: "2027-02-15" }],
    ["1st/15th: the day after → 1 June", { today: "2027-01-10", moveOut: "2027-05-19", rule: ONE_TO_1_OR_15, renovationDays: 0 }, { from: "2027-01-10", to: "2027-05-31", terminationDate: "2027-02-15" }],
    // any
    ["14 dage: T dominates", { today: "2027-03-20", moveOut: "2027-03-25", rule: FOURTEEN_DAYS, renovationDays: 0 }, { from: "2027-03-20", to: "2027-04-02", terminationDate: "2027-04-03" }],
    ["14 dage: move-out later (ends the day before move-out)", { today: "2027-03-20", moveOut: "2027-05-06", rule: FOURTEEN_DAYS, renovationDays: 0 }, { from: "2027-03-20", to: "2027-05-05", terminationDate: "2027-04-03" }],
    ["14 dage: renovation liable over DST", { today: "2027-10-01", moveOut: "2027-10-25", rule: FOURTEEN_DAYS, renovationDays: 7, renovationLiable: true }, { from: "2027-10-01", to: "2027-10-31", terminationDate: "2027-10-15" }],
    // running month
    ["running month: T dominates", { today: "2026-12-01", moveOut: "2027-01-10", rule: RUNNING_3, renovationDays: 0 }, { from: "2026-12-01", to: "2027-03-31", terminationDate: "2027-04-01" }],
    ["running month: move-out on vacating day of 1 May", { today: "2026-12-01", moveOut: "2027-05-03", rule: RUNNING_3, renovationDays: 0 }, { from: "2026-12-01", to: "2027-04-30", terminationDate: "2027-04-01" }],
  ])("%s", (_label, input, expected) => {
    expect(liabilityPeriod(input)).toEqual(expected);
  });

  it.each<[string, () => unknown, string]>([
    ["impossible move-out date", () => liabilityPeriod({ today: t, moveOut: "2027-02-30", rule: THREE_TO_FIRST, renovationDays: 0 }), "invalid-date"],
    ["unpadded move-out date", () => liabilityPeriod({ today: t, moveOut: "2027-1-5", rule: THREE_TO_FIRST, renovationDays: 0 }), "invalid-date"],
    ["impossible today", () => liabilityPeriod({ today: "2026-11-31", moveOut: "2027-01-05", rule: THREE_TO_FIRST, renovationDays: 0 }), "invalid-date"],
    ["negative renovation days", () => liabilityPeriod({ today: t, moveOut: "2027-01-05", rule: THREE_TO_FIRST, renovationDays: -1 }), "invalid-number"],
    ["fractional renovation days", () => liabilityPeriod({ today: t, moveOut: "2027-01-05", rule: THREE_TO_FIRST, renovationDays: 1.5 }), "invalid-number"],
    ["unknown anchor", () => liabilityPeriod({ today: t, moveOut: "2027-01-05", rule: { months: 3, anchor: "last" as never }, renovationDays: 0 }), "invalid-rule"],
    ["running month with 1st/15th", () => liabilityPeriod({ today: t, moveOut: "2027-01-05", rule: { months: 3, anchor: "first-or-fifteenth", runningMonth: true }, renovationDays: 0 }), "invalid-rule"],
  ])("refuses %s", (_label, fn, code) => {
    expectRuleError(fn, code);
  });
});

describe("noticeRuleOrNull", () => {
  it.each<[string, unknown, NoticeRule | null]>([
    ["a rule", { months: 3, anchor: "first" }, { months: 3, anchor: "first" }],
    ["a rule with days and running month", { months: 3, days: 0, anchor: "first", runningMonth: true }, { months: 3, days: 0, anchor: "first", runningMonth: true }],
    ["missing", null, null],
    ["undefined", undefined, null],
    ["a bad anchor", { months: 3, anchor: "last" }, null],
    ["negative months", { months: -1, anchor: "first" }, null],
    ["not an object", "3 måneder", null],
  ])("%s", (_what, value, expected) => {
    expect(noticeRuleOrNull(value)).toEqual(expected);
  });
});
