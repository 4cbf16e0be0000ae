/**
 * The move-out date check and the move-out inspection (flyttesyn) dates
 * (docs/rules.md: "Move-out date", "Inspection date").
 */
import {
  type ISODate,
  addDays,
  addMonths,
  assertNonNegativeInt,
  isDanishPublicHoliday,
  isWeekend,
  parseISODate,
} from "./calendar";
import { RuleError } from "./errors";

/** Default number of days after the move-out date in which the inspection may be held. */
export const DEFAULT_INSPECTION_WINDOW_DAYS = 14;

/**
 * Checks the move-out date the tenant chose: a date before today is refused (`before-today`);
 * today itself is allowed; a date later than today + 6 calendar months is allowed but the tenant
 * is shown an information note (`more-than-6-months`).
 */
export function moveOutCheck(a: { today: ISODate; moveOut: ISODate }): {
  ok: boolean;
  error?: "before-today";
  info?: "more-than-6-months";
} {
  parseISODate(a.today, "today's date");
  parseISODate(a.moveOut, "move-out date");
  if (a.moveOut < a.today) return { ok: false, error: "before-today" };
  if (a.moveOut > addMonths(a.today, 6)) return { ok: true, info: "more-than-6-months" };
  return { ok: true };
}

/**
 * The dates the tenant may choose for the move-out inspection: every date from the move-out date
 * to move-out + `windowDays` (default 14) inclusive, except today, Saturdays, Sundays, Danish public
 * holidays and the organisation's closing days. The default is the move-out date when it is
 * allowed, else the first allowed date; with no allowed date, `default` is null and `allowed` is
 * empty (the tenant is told to contact the administration).
 */
export function inspectionOptions(a: {
  today: ISODate;
  moveOut: ISODate;
  windowDays?: number;
  closingDays?: ISODate[];
}): { default: ISODate | null; allowed: ISODate[] } {
  parseISODate(a.today, "today's date");
  parseISODate(a.moveOut, "move-out date");
  const windowDays =
    a.windowDays === undefined ? DEFAULT_INSPECTION_WINDOW_DAYS : assertNonNegativeInt(a.windowDays, "inspection window (days)");
  const closingDays = a.closingDays ?? [];
  if (!Array.isArray(closingDays)) {
    throw new RuleError("invalid-date", "The closing days must be a list of dates (YYYY-MM-DD).");
  }
  const closed = new Set<ISODate>();
  for (const c of closingDays) {
    parseISODate(c, "closing day");
    closed.add(c);
  }
  const allowed: ISODate[] = [];
  for (let i = 0; i <= windowDays; i++) {
    const d = addDays(a.moveOut, i);
    if (d === a.today || isWeekend(d) || isDanishPublicHoliday(d) || closed.has(d)) continue;
    allowed.push(d);
  }
  const first = allowed[0];
  if (first === undefined) return { default: null, allowed: [] };
  // `allowed` starts at the move-out date when that is allowed, so its first entry is the default.
  return { default: first, allowed };
}
