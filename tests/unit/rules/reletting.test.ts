import { describe, it, expect } from "vitest";
import { RuleError, relettingDate, parseRelettingRule } from "@/lib/rules";
import { expectRuleError } from "../../support/rule-error";


// today 2026-11-23, move-out 2027-01-10, 5 renovation days → base 2027-01-16;
// today + 42 = 2027-01-04, today + 60 = 2027-01-22.
const T = "2026-11-23";
const M = "2027-01-10";

type Case = [string, { today: string; moveOut: string; renovationDays: number; formula: string }, string];

describe("relettingDate", () => {
  it.each<Case>([
    // blank / 0 → base
    ["blank → base", { today: T, moveOut: M, renovationDays: 5, formula: "" }, "2027-01-16"],
    ["0 → base", { today: T, moveOut: M, renovationDays: 5, formula: "0" }, "2027-01-16"],
    ["white space only → base", { today: T, moveOut: M, renovationDays: 5, formula: "   " }, "2027-01-16"],
    ["0 with white space → base", { today: T, moveOut: M, renovationDays: 5, formula: " 0 " }, "2027-01-16"],
    ["no renovation: the day after move-out", { today: T, moveOut: M, renovationDays: 0, formula: "" }, "2027-01-11"],
    ["base over spring DST change", { today: "2027-03-01", moveOut: "2027-03-27", renovationDays: 0, formula: "" }, "2027-03-28"],
    ["base over autumn DST change", { today: "2027-10-01", moveOut: "2027-10-30", renovationDays: 1, formula: "0" }, "2027-11-01"],
    ["base over New Year", { today: "2027-12-01", moveOut: "2027-12-20", renovationDays: 14, formula: "" }, "2028-01-04"],
    ["base over leap day", { today: "2028-01-01", moveOut: "2028-02-27", renovationDays: 1, formula: "" }, "2028-02-29"],
    ["base falls on a holiday (no holiday rule for re-letting)", { today: "2027-12-01", moveOut: "2027-12-20", renovationDays: 4, formula: "" }, "2027-12-25"],
    // N;D
    ["42;D: base later than today + 42", { today: T, moveOut: M, renovationDays: 5, formula: "42;D" }, "2027-01-16"],
    ["60;D: today + 60 later than base", { today: T, moveOut: M, renovationDays: 5, formula: "60;D" }, "2027-01-22"],
    ["lower-case d", { today: T, moveOut: M, renovationDays: 5, formula: "60;d" }, "2027-01-22"],
    ["spaces around the parts", { today: T, moveOut: M, renovationDays: 5, formula: " 60 ; D " }, "2027-01-22"],
    ["0;D → base", { today: T, moveOut: M, renovationDays: 5, formula: "0;D" }, "2027-01-16"],
    ["42;D from 1 Jan", { today: "2027-01-01", moveOut: "2027-01-02", renovationDays: 0, formula: "42;D" }, "2027-02-12"],
    ["42;D equal to base", { today: "2027-01-01", moveOut: "2027-02-10", renovationDays: 1, formula: "42;D" }, "2027-02-12"],
    ["42;D into leap day", { today: "2028-01-18", moveOut: "2028-01-18", renovationDays: 0, formula: "42;D" }, "2028-02-29"],
    // N;d1,d2
    ["42;1,15: base 16 Jan → 1 Feb", { today: T, moveOut: M, renovationDays: 5, formula: "42;1,15" }, "2027-02-01"],
    ["60;1,15: today + 60 = 22 Jan → 1 Feb", { today: T, moveOut: M, renovationDays: 5, formula: "60;1,15" }, "2027-02-01"],
    ["42;1,15 from 1 Jan → 15 Feb", { today: "2027-01-01", moveOut: "2027-01-02", renovationDays: 0, formula: "42;1,15" }, "2027-02-15"],
    ["already on a listed day stays", { today: "2027-01-01", moveOut: "2027-01-13", renovationDays: 1, formula: "0;1,15" }, "2027-01-15"],
    ["list in any order", { today: "2027-01-01", moveOut: "2027-01-02", renovationDays: 0, formula: "42;15,1" }, "2027-02-15"],
    ["spaces in the list", { today: "2027-01-01", moveOut: "2027-01-02", renovationDays: 0, formula: "42; 1 , 15 " }, "2027-02-15"],
    ["31 in February means 28 Feb", { today: "2027-01-01", moveOut: "2027-02-10", renovationDays: 0, formula: "0;31" }, "2027-02-28"],
    ["31 in a leap February means 29 Feb", { today: "2028-01-01", moveOut: "2028-02-10", renovationDays: 0, formula: "0;31" }, "2028-02-29"],
    ["31 in April means 30 Apr", { today: "2027-01-01", moveOut: "2027-04-19", renovationDays: 0, formula: "0;15,31" }, "2027-04-30"],
    ["30 after 30 Jan → 28 Feb", { today: "2027-01-01", moveOut: "2027-01-30", renovationDays: 0, formula: "0;30" }, "2027-02-28"],
    ["29 in leap February", { today: "2028-01-01", moveOut: "2028-01-31", renovationDays: 0, formula: "0;29" }, "2028-02-29"],
    ["29 in ordinary February → 28 Feb", { today: "2027-01-01", moveOut: "2027-01-31", renovationDays: 0, formula: "0;29" }, "2027-02-28"],
    ["1 over New Year", { today: "2027-11-01", moveOut: "2027-12-01", renovationDays: 0, formula: "0;1" }, "2028-01-01"],
    ["1 on 31 Dec", { today: "2027-11-01", moveOut: "2027-12-30", renovationDays: 0, formula: "0;1" }, "2028-01-01"],
    ["15 on DST Sunday base", { today: "2027-01-01", moveOut: "2027-03-27", renovationDays: 0, formula: "0;15" }, "2027-04-15"],
    ["28,31 in December", { today: "2027-11-01", moveOut: "2027-12-28", renovationDays: 0, formula: "0;28,31" }, "2027-12-31"],
    ["leading zeros in numbers", { today: "2027-01-01", moveOut: "2027-01-02", renovationDays: 0, formula: "042;01,15" }, "2027-02-15"],
  ])("%s", (_label, input, expected) => {
    expect(relettingDate(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ["a bare number", "42"],
    ["nothing after the semicolon", "42;"],
    ["nothing before the semicolon", ";D"],
    ["no number before the semicolon", "x;D"],
    ["negative days", "-1;D"],
    ["decimal days", "4.2;D"],
    ["exponent", "1e3;D"],
    ["day 32", "42;1,32"],
    ["day 0", "42;0"],
    ["empty list item", "42;1,,15"],
    ["trailing comma", "42;1,"],
    ["two semicolons", "42;D;1"],
    ["decimal day", "42;1.5"],
    ["DD", "42;DD"],
    ["D mixed with days", "42;D,15"],
    ["text", "ti dage"],
    ["the formula language is not a re-letting rule", "((Dag=1) ? (Dag=15))"],
    ["two numbers with a comma", "42,15"],
  ])("refuses %s (%j) with invalid-reletting-rule", (_label, formula) => {
    expectRuleError(() => relettingDate({ today: T, moveOut: M, renovationDays: 5, formula }), "invalid-reletting-rule");
    expectRuleError(() => parseRelettingRule(formula), "invalid-reletting-rule");
  });

  it.each<[string, () => unknown, string]>([
    ["impossible move-out", () => relettingDate({ today: T, moveOut: "2027-02-29", renovationDays: 5, formula: "" }), "invalid-date"],
    ["unpadded today", () => relettingDate({ today: "2026-1-5", moveOut: M, renovationDays: 5, formula: "" }), "invalid-date"],
    ["negative renovation days", () => relettingDate({ today: T, moveOut: M, renovationDays: -1, formula: "" }), "invalid-number"],
    ["fractional renovation days", () => relettingDate({ today: T, moveOut: M, renovationDays: 2.5, formula: "" }), "invalid-number"],
  ])("refuses %s", (_label, fn, code) => {
    expectRuleError(fn, code);
  });
});

describe("parseRelettingRule", () => {
  it.each<[string, ReturnType<typeof parseRelettingRule>]>([
    ["", { kind: "base" }],
    ["0", { kind: "base" }],
    ["  0  ", { kind: "base" }],
    ["42;D", { kind: "days", minDays: 42 }],
    ["42;d", { kind: "days", minDays: 42 }],
    ["0;D", { kind: "days", minDays: 0 }],
    ["42;1,15", { kind: "days-of-month", minDays: 42, daysOfMonth: [1, 15] }],
    ["42;15,1,15", { kind: "days-of-month", minDays: 42, daysOfMonth: [1, 15] }],
    ["30; 31", { kind: "days-of-month", minDays: 30, daysOfMonth: [31] }],
  ])("reads %j", (text, expected) => {
    expect(parseRelettingRule(text)).toEqual(expected);
  });
});
