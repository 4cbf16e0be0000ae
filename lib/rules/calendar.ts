/**
 * Calendar-date helpers for the rules. Dates are ISO strings 'YYYY-MM-DD' at every boundary;
 * internally they are date-fns dates in the UTC zone (@date-fns/tz), so that no daylight-saving
 * change or server time zone can shift a calendar day. Danish public holidays come from
 * date-holidays (country DK, type `public` only), cached per year. See docs/rules.md, "Calendar helpers".
 */
import { TZDate } from "@date-fns/tz";
import { addDays as dfAddDays, addMonths as dfAddMonths, differenceInCalendarDays, format, getISODay } from "date-fns";
import Holidays from "date-holidays";
import { RuleError } from "./errors";

export type ISODate = string; // 'YYYY-MM-DD'

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO calendar date, throwing RuleError('invalid-date') for anything impossible. */
export function parseISODate(value: unknown, what = "date"): TZDate {
  if (typeof value !== "string") throw new RuleError("invalid-date", `The ${what} is missing or not a date (expected YYYY-MM-DD).`);
  const m = ISO_RE.exec(value);
  if (!m) throw new RuleError("invalid-date", `The ${what} "${value}" is not a date in the form YYYY-MM-DD.`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new RuleError("invalid-date", `The ${what} "${value}" does not exist in the calendar.`);
  }
  return new TZDate(y, mo - 1, d, "UTC");
}

/** True when `value` is a real calendar date in the form YYYY-MM-DD. */
export function isISODate(value: unknown): value is ISODate {
  try {
    parseISODate(value);
    return true;
  } catch {
    return false;
  }
}

export function toISODate(d: Date): ISODate {
  return format(d, "yyyy-MM-dd");
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: ISODate, days: number): ISODate {
  return toISODate(dfAddDays(parseISODate(date), days));
}

/** Adds calendar months, clamping to the month's end (31 January + 1 month = 28/29 February). */
export function addMonths(date: ISODate, months: number): ISODate {
  return toISODate(dfAddMonths(parseISODate(date), months));
}

/** Calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: ISODate, b: ISODate): number {
  return differenceInCalendarDays(parseISODate(b), parseISODate(a));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: ISODate): number {
  return getISODay(parseISODate(date));
}

export function isWeekend(date: ISODate): boolean {
  return isoWeekday(date) >= 6;
}

export function parts(date: ISODate): { year: number; month: number; day: number } {
  const d = parseISODate(date);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

export function compareISO(a: ISODate, b: ISODate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxISO(a: ISODate, b: ISODate): ISODate {
  return a >= b ? a : b;
}

const hd = new Holidays("DK");
const holidayCache = new Map<number, Map<ISODate, string>>();

/** Danish public holidays of a year (date-holidays type `public` only), as ISO date → name. */
export function danishPublicHolidays(year: number): Map<ISODate, string> {
  let m = holidayCache.get(year);
  if (!m) {
    m = new Map();
    for (const h of hd.getHolidays(year)) {
      if (h.type === "public") m.set(h.date.slice(0, 10), h.name);
    }
    holidayCache.set(year, m);
  }
  return m;
}

export function isDanishPublicHoliday(date: ISODate): boolean {
  return danishPublicHolidays(Number(date.slice(0, 4))).has(date);
}

/** Asserts a whole, non-negative number (days, months), with a message staff understand. */
export function assertNonNegativeInt(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new RuleError("invalid-number", `The ${what} must be a whole number of 0 or more (got ${JSON.stringify(value)}).`);
  }
  return value;
}
