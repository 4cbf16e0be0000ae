/**
 * Date formulas for reminders in the move-out case, "Datoformel" (docs/rules.md: "Date formulas").
 * One term `[+|-] N unit` added to a base date; blank means no reminder.
 */
import { type ISODate, addDays, addMonths, isDanishPublicHoliday, parseISODate } from "./calendar";
import { RuleError } from "./errors";

export type DateFormulaUnit = "days" | "weeks" | "months" | "years" | "working-days";

/** A parsed date formula: `sign` · `amount` `unit`s. */
export type DateFormula = { sign: 1 | -1; amount: number; unit: DateFormulaUnit };

const UNITS: Record<string, DateFormulaUnit> = {
  d: "days",
  dag: "days",
  dage: "days",
  u: "weeks",
  uge: "weeks",
  uger: "weeks",
  m: "months",
  måned: "months",
  måneder: "months",
  maaned: "months",
  maaneder: "months",
  år: "years",
  aar: "years",
  hverdag: "working-days",
  hverdage: "working-days",
  arbejdsdag: "working-days",
  arbejdsdage: "working-days",
};

/** The largest N a formula may use (about ten years of days). */
export const DATE_FORMULA_MAX = 3650;

const TERM_RE = /^([+-]?)\s*(\d+)\s*(\p{L}+)$/u;

function formulaError(formula: unknown, why: string): RuleError {
  const shown = typeof formula === "string" ? `"${formula}"` : "given";
  return new RuleError(
    "invalid-date-formula",
    `The date formula ${shown} is not valid: ${why}. Write a number and a unit, e.g. "8 dage", "2 uger", "1 måned", "1 år" or "5 hverdage", with "-" in front to count backwards; leave it blank for no reminder.`,
  );
}

/**
 * Reads a date formula as staff write it. Blank (only white space) → null. Otherwise one term
 * `[+|-] N unit`: white space free, case-insensitive, N a whole number 0–3650, the unit one of
 * d/dag/dage, u/uge/uger, m/måned/måneder/maaned/maaneder, år/aar, hverdag(e)/arbejdsdag(e).
 * Anything else throws RuleError('invalid-date-formula').
 */
export function parseDateFormula(formula: string): DateFormula | null {
  if (typeof formula !== "string") throw formulaError(formula, "it is not text");
  const s = formula.normalize("NFC").trim().toLowerCase();
  if (s === "") return null;
  const m = TERM_RE.exec(s);
  if (!m) {
    if (/^[+-]?\s*\p{L}/u.test(s)) throw formulaError(formula, "the number of days, weeks, months or years is missing");
    if (/^[+-]?\s*\d+$/.test(s)) throw formulaError(formula, "the unit (dage, uger, måneder, år or hverdage) is missing");
    throw formulaError(formula, "it must be one number followed by one unit");
  }
  const unit = UNITS[m[3] ?? ""];
  if (!unit) throw formulaError(formula, `"${m[3]}" is not a unit (dage, uger, måneder, år or hverdage)`);
  const amount = Number(m[2]);
  if (!Number.isSafeInteger(amount) || amount > DATE_FORMULA_MAX) throw formulaError(formula, `the number must be from 0 to ${DATE_FORMULA_MAX}`);
  return { sign: m[1] === "-" ? -1 : 1, amount, unit };
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a valid ISO date (UTC arithmetic: no time zone can shift it). */
function dayNumber(date: ISODate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function isoOfDayNumber(n: number): ISODate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** A working day: Monday–Friday, not a Danish public holiday, not one of the closing days. */
function isWorkingDay(n: number, closing: ReadonlySet<ISODate>): boolean {
  const weekday = (((n + 3) % 7) + 7) % 7; // 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday)
  if (weekday >= 5) return false;
  const date = isoOfDayNumber(n);
  return !isDanishPublicHoliday(date) && !closing.has(date);
}

/**
 * The date a formula gives from `base`, or null for a blank formula (no reminder).
 * Days and weeks are calendar days; months and years are calendar months, clamped to the month's
 * end (31 January + 1 måned = 28 February; 29 February + 1 år = 28 February). Working days are
 * counted from the day after (with `-`: before) the base, skipping weekends, Danish public holidays
 * and `closingDays`; 0 working days is the base itself when it is a working day, else the next
 * (with `-`: the previous) working day. Examples: 2026-11-23 + "8 dage" → 2026-12-01;
 * 2026-12-23 + "2 hverdage" → 2026-12-28. Bad input throws RuleError.
 */
export function addDateFormula(base: ISODate, formula: string, opts?: { closingDays?: ISODate[] }): ISODate | null {
  parseISODate(base, "base date");
  const closingDays = opts?.closingDays ?? [];
  if (!Array.isArray(closingDays)) throw new RuleError("invalid-date", "The closing days must be a list of dates (YYYY-MM-DD).");
  for (const d of closingDays) parseISODate(d, "closing day");
  const f = parseDateFormula(formula);
  if (f === null) return null;
  let result: ISODate;
  switch (f.unit) {
    case "days":
      result = addDays(base, f.sign * f.amount);
      break;
    case "weeks":
      result = addDays(base, f.sign * f.amount * 7);
      break;
    case "months":
      result = addMonths(base, f.sign * f.amount);
      break;
    case "years":
      result = addMonths(base, f.sign * f.amount * 12);
      break;
    case "working-days": {
      const closing = new Set(closingDays);
      let d = dayNumber(base);
      if (f.amount === 0) {
        while (!isWorkingDay(d, closing)) d += f.sign;
      } else {
        for (let left = f.amount; left > 0; ) {
          d += f.sign;
          if (isWorkingDay(d, closing)) left--;
        }
      }
      result = isoOfDayNumber(d);
      break;
    }
  }
  parseISODate(result, "date the formula gives");
  return result;
}
