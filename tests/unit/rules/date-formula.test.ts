import { describe, it, expect } from "vitest";
import { addDateFormula, parseDateFormula } from "@/lib/rules";
import { errorOf, expectRuleError } from "../../support/rule-error";

describe("addDateFormula", () => {
  it.each<[string, string, string, string | null, string[]?]>([
    // spec examples
    ["spec: 8 dage", "2026-11-23", "8 dage", "2026-12-01"],
    ["spec: 1 måned clamps to the month's end", "2027-01-31", "1 måned", "2027-02-28"],
    ["spec: 2 hverdage over Christmas (24 December is a working day)", "2026-12-23", "2 hverdage", "2026-12-28"],
    ["spec: … unless 24 December is a closing day", "2026-12-23", "2 hverdage", "2026-12-29", ["2026-12-24"]],
    // blank
    ["blank is no reminder", "2026-11-23", "", null],
    ["white space only is no reminder", "2026-11-23", "  \t ", null],
    // days and weeks
    ["d", "2026-11-23", "8d", "2026-12-01"],
    ["dag, singular", "2026-11-23", "1 dag", "2026-11-24"],
    ["0 dage is the base", "2026-11-23", "0 dage", "2026-11-23"],
    ["a plus sign", "2026-11-23", "+8 dage", "2026-12-01"],
    ["a minus sign counts back", "2026-12-01", "-8 dage", "2026-11-23"],
    ["white space free", "2026-12-01", "  -  8   DAGE ", "2026-11-23"],
    ["upper case", "2026-11-23", "8 DAGE", "2026-12-01"],
    ["days over the spring DST change", "2027-03-27", "2 dage", "2027-03-29"],
    ["days over a leap day", "2028-02-28", "2 dage", "2028-03-01"],
    ["u", "2026-11-23", "2u", "2026-12-07"],
    ["uge", "2026-11-23", "1 uge", "2026-11-30"],
    ["uger back over New Year", "2027-01-05", "-2 uger", "2026-12-22"],
    // months and years
    ["m", "2027-01-15", "1m", "2027-02-15"],
    ["måneder", "2026-11-30", "3 måneder", "2027-02-28"],
    ["MÅNEDER in capitals", "2026-11-30", "3 MÅNEDER", "2027-02-28"],
    ["maaned", "2028-01-31", "1 maaned", "2028-02-29"],
    ["maaneder back", "2027-03-31", "-1 maaneder", "2027-02-28"],
    ["måned written decomposed (a + ring)", "2027-01-31", "1 ma\u030aned", "2027-02-28"],
    ["år from a leap day", "2028-02-29", "1 år", "2029-02-28"],
    ["aar", "2027-06-15", "2 aar", "2029-06-15"],
    ["ÅR back", "2027-06-15", "-1 ÅR", "2026-06-15"],
    // working days
    ["hverdag from a Friday", "2027-01-08", "1 hverdag", "2027-01-11"],
    ["arbejdsdage over Easter 2027: Wednesday 24 March, then Tuesday 30 March", "2027-03-23", "2 arbejdsdage", "2027-03-30"],
    ["arbejdsdag from the day before Maundy Thursday to the Tuesday after Easter", "2027-03-24", "1 arbejdsdag", "2027-03-30"],
    ["hverdage back over Easter", "2027-03-30", "-1 hverdage", "2027-03-24"],
    ["hverdage back over a weekend", "2027-01-11", "-1 hverdag", "2027-01-08"],
    ["0 hverdage on a working day is the base", "2027-01-08", "0 hverdage", "2027-01-08"],
    ["0 hverdage on a Saturday is the next working day", "2027-01-09", "0 hverdage", "2027-01-11"],
    ["-0 hverdage on a Saturday is the previous working day", "2027-01-09", "-0 hverdage", "2027-01-08"],
    ["0 hverdage on a closing day moves on", "2027-06-04", "0 hverdage", "2027-06-07", ["2027-06-04"]],
    ["closing days are skipped", "2026-12-23", "5 hverdage", "2027-01-05", ["2026-12-24", "2026-12-31"]],
    ["counted from the day after the base, not the base", "2027-01-04", "5 hverdage", "2027-01-11"],
    ["a public holiday base counts from the day after", "2026-12-25", "1 hverdag", "2026-12-28"],
    ["10 years is the most", "2026-11-23", "3650 dage", "2036-11-20"],
  ])("%s", (_name, base, formula, expected, closingDays) => {
    expect(addDateFormula(base, formula, closingDays ? { closingDays } : undefined)).toBe(expected);
  });

  it.each<[string, string]>([
    ["a number without unit", "8"],
    ["a unit without number", "dage"],
    ["an unknown unit", "8 timer"],
    ["two terms", "1 måned 2 dage"],
    ["an arithmetic sum", "1m+2d"],
    ["a fraction", "1,5 dage"],
    ["more than 3650", "3651 dage"],
    ["a huge number", "99999999999999999999 dage"],
    ["two signs", "--8 dage"],
    ["a date", "2027-01-01"],
    ["a misspelled unit", "8 dagee"],
    ["a back-office style formula", "Dato + 8"],
  ])("refuses %s with invalid-date-formula", (_name, formula) => {
    expectRuleError(() => addDateFormula("2026-11-23", formula), "invalid-date-formula");
  });

  it("names the formula and shows the valid forms", () => {
    const err = errorOf(() => addDateFormula("2026-11-23", "8 timer"));
    expect(err.message).toContain('"8 timer"');
    expect(err.message).toContain('"timer" is not a unit');
    expect(err.message).toContain("8 dage");
  });

  it("says which part is missing", () => {
    expect(errorOf(() => parseDateFormula("8")).message).toContain("unit");
    expect(errorOf(() => parseDateFormula("- dage")).message).toContain("number");
  });

  it.each<[string, () => unknown, string]>([
    ["an impossible base", () => addDateFormula("2027-02-29", "1 dag"), "invalid-date"],
    ["a base that is not a date", () => addDateFormula("tomorrow", "1 dag"), "invalid-date"],
    ["an impossible closing day", () => addDateFormula("2027-01-04", "1 hverdag", { closingDays: ["2027-13-01"] }), "invalid-date"],
    ["closing days that are not a list", () => addDateFormula("2027-01-04", "1 hverdag", { closingDays: "12-24" as unknown as string[] }), "invalid-date"],
    ["a formula that is not text", () => addDateFormula("2027-01-04", 8 as unknown as string), "invalid-date-formula"],
    ["a blank formula still checks the base", () => addDateFormula("2027-02-30", ""), "invalid-date"],
  ])("refuses %s", (_name, fn, code) => {
    expectRuleError(fn, code);
  });
});

describe("parseDateFormula", () => {
  it.each<[string, ReturnType<typeof parseDateFormula>]>([
    ["8 dage", { sign: 1, amount: 8, unit: "days" }],
    ["-2 uger", { sign: -1, amount: 2, unit: "weeks" }],
    ["+1 Måned", { sign: 1, amount: 1, unit: "months" }],
    ["1 aar", { sign: 1, amount: 1, unit: "years" }],
    ["5 Arbejdsdage", { sign: 1, amount: 5, unit: "working-days" }],
    ["  ", null],
  ])("%s", (text, expected) => {
    expect(parseDateFormula(text)).toEqual(expected);
  });
});
