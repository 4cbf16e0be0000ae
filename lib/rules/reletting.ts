/**
 * The re-letting date (genudlejningsdato) from the organisation's `BrevSynTekst` setting
 * (docs/rules.md: "Re-letting date").
 */
import { type ISODate, addDays, addMonths, assertNonNegativeInt, daysInMonth, maxISO, parseISODate, parts } from "./calendar";
import { RuleError } from "./errors";

/** A parsed `BrevSynTekst` setting. */
export type RelettingRule =
  | { kind: "base" } // blank or "0"
  | { kind: "days"; minDays: number } // "N;D"
  | { kind: "days-of-month"; minDays: number; daysOfMonth: number[] }; // "N;d1,d2,…"

const NUMBER_RE = /^\d{1,5}$/;

/**
 * Reads the re-letting rule setting (`BrevSynTekst`) as staff write it:
 * - blank or `0` — the day after the renovation period;
 * - `N;D` (e.g. `42;D`, `d` also accepted) — at least N days after today, any day;
 * - `N;d1,d2,…` (e.g. `42;1,15`) — at least N days after today, on one of the listed days of the
 *   month (1–31; 31 means the last day of a shorter month).
 * Spaces around the parts are ignored. Anything else (`42`, `42;`, `x;D`, `42;1,32`, `42;0`,
 * `42;1,,15`, `-1;D`) throws RuleError('invalid-reletting-rule') with a message for staff.
 */
export function parseRelettingRule(text: string): RelettingRule {
  if (typeof text !== "string") {
    throw new RuleError("invalid-reletting-rule", "The re-letting rule must be text: blank, 0, N;D (e.g. 42;D) or N;days of month (e.g. 42;1,15).");
  }
  const s = text.trim();
  if (s === "" || s === "0") return { kind: "base" };
  const bad = (why: string): RuleError =>
    new RuleError(
      "invalid-reletting-rule",
      `The re-letting rule "${text}" is not valid: ${why}. Write blank or 0 (the day after the renovation period), N;D (at least N days from today, e.g. 42;D) or N;days of month (e.g. 42;1,15).`,
    );
  const semi = s.split(";");
  if (semi.length !== 2) {
    throw bad(semi.length === 1 ? "it needs a number of days, a semicolon and D or the days of the month" : "it has more than one semicolon");
  }
  const nText = (semi[0] ?? "").trim();
  const rest = (semi[1] ?? "").trim();
  if (!NUMBER_RE.test(nText)) throw bad(`"${nText}" before the semicolon is not a whole number of days of 0 or more`);
  const minDays = Number(nText);
  if (rest === "") throw bad("nothing follows the semicolon");
  if (rest.toUpperCase() === "D") return { kind: "days", minDays };
  const daysOfMonth: number[] = [];
  for (const part of rest.split(",")) {
    const p = part.trim();
    if (p === "") throw bad("a day of the month is missing between the commas");
    if (!NUMBER_RE.test(p)) throw bad(`"${p}" is neither D nor a day of the month`);
    const d = Number(p);
    if (d < 1 || d > 31) throw bad(`${p} is not a day of the month (1–31)`);
    if (!daysOfMonth.includes(d)) daysOfMonth.push(d);
  }
  daysOfMonth.sort((x, y) => x - y);
  return { kind: "days-of-month", minDays, daysOfMonth };
}

function isoOf(year: number, month: number, day: number): ISODate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The earliest date on or after `date` whose day of month is in `days` (sorted, 1–31); a listed
 * day beyond a month's length stands for that month's last day.
 */
function roundUpToDayOfMonth(date: ISODate, days: number[]): ISODate {
  let { year, month, day: minDay } = parts(date);
  for (;;) {
    const last = daysInMonth(year, month);
    const hit = days.map((d) => Math.min(d, last)).find((d) => d >= minDay);
    if (hit !== undefined) return isoOf(year, month, hit);
    const next = parts(addMonths(isoOf(year, month, 1), 1));
    year = next.year;
    month = next.month;
    minDay = 1;
  }
}

/**
 * The re-letting date: base = move-out + renovationDays + 1 day. With the setting blank or `0` it is
 * the base; with `N;D` the later of the base and today + N days; with `N;d1,d2,…` the later of those
 * two, moved on to the first date (on or after it) whose day of month is listed (a listed day
 * beyond a month's length means that month's last day). An invalid setting throws RuleError.
 */
export function relettingDate(a: { today: ISODate; moveOut: ISODate; renovationDays: number; formula: string }): ISODate {
  parseISODate(a.today, "today's date");
  parseISODate(a.moveOut, "move-out date");
  const renovationDays = assertNonNegativeInt(a.renovationDays, "renovation period (days)");
  const rule = parseRelettingRule(a.formula ?? "");
  const base = addDays(a.moveOut, renovationDays + 1);
  if (rule.kind === "base") return base;
  const earliest = maxISO(base, addDays(a.today, rule.minDays));
  if (rule.kind === "days") return earliest;
  return roundUpToDayOfMonth(earliest, rule.daysOfMonth);
}
