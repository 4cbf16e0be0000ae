/**
 * Notice rules (opsigelsesvarsel), the termination date, the legal vacating day and the tenant's
 * rent-liability period (docs/rules.md: "Termination date", "Vacating day", "Liability period").
 */
import {
  type ISODate,
  addDays,
  addMonths,
  assertNonNegativeInt,
  isDanishPublicHoliday,
  isWeekend,
  maxISO,
  parseISODate,
  parts,
} from "./calendar";
import { RuleError } from "./errors";

/** A structured notice rule, e.g. "3 måneder til den 1." = { months: 3, anchor: 'first' }. */
export type NoticeRule = {
  months: number; // 3 for "3 måneder til den 1."
  days?: number; // extra days, e.g. 14 for "14 dage"
  anchor: "first" | "first-or-fifteenth" | "any"; // days of month the tenancy may end on
  runningMonth?: boolean; // "løbende måned + N måneder": the month of notice never counts
};

export type NoticeAnchor = NoticeRule["anchor"];

const ANCHORS: readonly NoticeAnchor[] = ["first", "first-or-fifteenth", "any"];

/** How a bad value is quoted in a message: "it is missing" or "got …". */
function got(x: unknown): string {
  if (x === undefined || x === null) return "it is missing";
  if (typeof x === "number" && !Number.isFinite(x)) return `got ${String(x)}`.replace("NaN", "not a number");
  return `got ${JSON.stringify(x) ?? String(x)}`;
}

/**
 * Checks an untrusted value (a form, a JSON column) and returns it as a NoticeRule.
 * Months and days must be whole numbers of 0 or more (days may be left out), the anchor must be
 * 'first', 'first-or-fifteenth' or 'any', and "running month" is only possible with 'first'.
 * `days` or `runningMonth` given as null count as not given. Unknown properties are ignored and
 * left out of the result. Throws RuleError('invalid-rule').
 */
export function parseNoticeRule(value: unknown): NoticeRule {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RuleError("invalid-rule", "The notice rule is missing or is not a rule (months, days and the days of the month the tenancy may end on).");
  }
  const v = value as Record<string, unknown>;
  const wholeNumber = (x: unknown, what: string): number => {
    if (typeof x !== "number" || !Number.isInteger(x) || x < 0) {
      throw new RuleError("invalid-rule", `The notice rule's ${what} must be a whole number of 0 or more (${got(x)}).`);
    }
    return x;
  };
  const months = wholeNumber(v.months, "number of months");
  const days = v.days === undefined || v.days === null ? undefined : wholeNumber(v.days, "number of extra days");
  const anchor = v.anchor;
  if (typeof anchor !== "string" || !(ANCHORS as readonly string[]).includes(anchor)) {
    throw new RuleError(
      "invalid-rule",
      `The notice rule's end day must be "first" (the 1st of a month), "first-or-fifteenth" (the 1st or the 15th) or "any" (any day) (${got(anchor)}).`,
    );
  }
  const runningMonth = v.runningMonth === null ? undefined : v.runningMonth;
  if (runningMonth !== undefined && typeof runningMonth !== "boolean") {
    throw new RuleError("invalid-rule", `The notice rule's "running month" setting must be true or false (${got(runningMonth)}).`);
  }
  if (runningMonth === true && anchor !== "first") {
    throw new RuleError("invalid-rule", 'A notice rule with "running month" (løbende måned) must end on the 1st of a month (end day "first").');
  }
  const rule: NoticeRule = { months, anchor: anchor as NoticeAnchor };
  if (days !== undefined) rule.days = days;
  if (runningMonth !== undefined) rule.runningMonth = runningMonth;
  return rule;
}

function firstOfMonth(date: ISODate): ISODate {
  return `${date.slice(0, 7)}-01`;
}

/**
 * True when a tenancy may end on `date` under `anchor` (T may fall on it): the 1st of a month for
 * 'first', the 1st or 15th for 'first-or-fifteenth', any day for 'any'.
 */
/**
 * A stored notice rule (a Kode's `rule` JSON) as a NoticeRule, or null when it is missing or does not
 * parse — for pages that show "no notice rule" rather than fail.
 */
export function noticeRuleOrNull(value: unknown): NoticeRule | null {
  if (value == null) return null;
  try {
    return parseNoticeRule(value);
  } catch {
    return null;
  }
}

export function isNoticeAnchorDay(date: ISODate, anchor: NoticeAnchor): boolean {
  if (anchor === "any") return true;
  const { day } = parts(date);
  return day === 1 || (anchor === "first-or-fifteenth" && day === 15);
}

/** The earliest date on or after `date` that is an anchor day (the 1st, or the 1st or 15th). */
function nextAnchorDay(date: ISODate, anchor: NoticeAnchor): ISODate {
  const { day } = parts(date);
  if (anchor === "any" || day === 1) return date;
  if (anchor === "first-or-fifteenth" && day <= 15) return `${date.slice(0, 7)}-15`;
  return addMonths(firstOfMonth(date), 1);
}

/**
 * The termination date T: the first day the tenancy no longer exists (it ends on T − 1).
 * Notice given on `noticeDate`: add the rule's months (clamping at a month's end, so 31 January +
 * 1 month = 28/29 February), then its extra days; T is the earliest 1st (anchor 'first'), 1st or 15th
 * ('first-or-fifteenth') on or after that date, or that date itself ('any').
 * With "running month" the month of notice never counts: counting starts on the 1st of the next
 * month, so T is the 1st of the month that lies months + 1 after the notice month (extra days, if
 * any, are added to that and rounded up to the next 1st).
 * Examples ("3 måneder til den 1."): 2026-11-23 → 2027-03-01; 2026-11-30 → 2027-03-01.
 */
export function terminationDate(noticeDate: ISODate, rule: NoticeRule): ISODate {
  parseISODate(noticeDate, "notice date");
  const r = parseNoticeRule(rule);
  const start = r.runningMonth ? addMonths(firstOfMonth(noticeDate), 1) : noticeDate;
  const base = addDays(addMonths(start, r.months), r.days ?? 0);
  return nextAnchorDay(base, r.anchor);
}

/**
 * The legal vacating day (fraflytningsdag, almenlejeloven § 88): the first date on or after `date`
 * that is Monday–Friday, not a Danish public holiday and not the day before one. The tenant must
 * have handed the dwelling back by 12:00 that day. Example: Saturday 2027-05-01 → 2027-05-03.
 */
export function vacatingDay(date: ISODate): ISODate {
  parseISODate(date);
  let d = date;
  while (isWeekend(d) || isDanishPublicHoliday(d) || isDanishPublicHoliday(addDays(d, 1))) {
    d = addDays(d, 1);
  }
  return d;
}

/**
 * The rent-liability period (hæfteperiode): from `today` (the day notice is given) to the later of
 * T − 1 (T = terminationDate(today, rule), the earliest end the notice allows) and E − 1, where E is
 * the earliest anchor date (the 1st, or the 1st or 15th, of a month) whose vacating day is on or
 * after the move-out date — or the move-out date itself for anchor 'any'. When the organisation
 * makes tenants liable for the renovation period (`renovationLiable`), `renovationDays` are added.
 * Example: today 2026-11-23, "3 måneder til den 1.", move-out 2027-05-03 (the vacating day of
 * Saturday 1 May) → 2026-11-23 … 2027-04-30; move-out 2027-05-04 → … 2027-05-31.
 */
export function liabilityPeriod(a: {
  today: ISODate;
  moveOut: ISODate;
  rule: NoticeRule;
  renovationDays: number;
  renovationLiable?: boolean;
}): { from: ISODate; to: ISODate; terminationDate: ISODate } {
  parseISODate(a.today, "date of notice (today)");
  parseISODate(a.moveOut, "move-out date");
  const rule = parseNoticeRule(a.rule);
  const renovationDays = assertNonNegativeInt(a.renovationDays, "renovation period (days)");
  const t = terminationDate(a.today, rule);
  const e = earliestEndFor(a.moveOut, rule.anchor);
  let to = maxISO(addDays(t, -1), addDays(e, -1));
  if (a.renovationLiable === true) to = addDays(to, renovationDays);
  return { from: a.today, to, terminationDate: t };
}

/**
 * E: the earliest anchor day whose vacating day is on or after `moveOut` (for 'any': moveOut).
 * vacatingDay never moves a date more than a week forward, so the search starts three weeks
 * before the move-out date and walks forward over anchor days.
 */
function earliestEndFor(moveOut: ISODate, anchor: NoticeAnchor): ISODate {
  if (anchor === "any") return moveOut;
  let e = nextAnchorDay(addDays(moveOut, -21), anchor);
  while (vacatingDay(e) < moveOut) e = nextAnchorDay(addDays(e, 1), anchor);
  return e;
}
