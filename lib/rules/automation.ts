/**
 * Automation hours: the landlord-portal policy for automation accounts (docs/rules.md,
 * "Automation hours"). Local time is Europe/Copenhagen; local midnights and 08:00 / 18:00 are
 * computed in local wall time (@date-fns/tz), so days with 23 or 25 hours (the daylight-saving
 * changes) are handled correctly.
 *
 * - Inside the yearly window (default 1 April – 15 May, whole local calendar days, both ends
 *   included; `from` after `to` wraps over New Year) automation is allowed at any time.
 * - Outside it: Monday–Friday, 08:00 (included) to 18:00 (excluded) local time, except Danish
 *   public holidays.
 *
 * Decision on '02-29': it is a valid MM-DD. Days are compared by (month, day), so in a year
 * without 29 February a window that starts on '02-29' starts on 1 March, and a window that ends on
 * '02-29' ends on 28 February.
 */
import { addDays, daysInMonth, isDanishPublicHoliday, isoWeekday, type ISODate } from "./calendar";
import { RuleError } from "./errors";
import { localInstant, localParts, parseInstant } from "./instant";

export type AutomationPolicy = { yearlyWindow?: { from: string; to: string } | null }; // 'MM-DD'

export type AutomationDecision =
  | { allowed: true }
  | { allowed: false; reason: "weekend" | "holiday" | "outside-hours"; nextAllowed: string };

/** The yearly window used when a policy does not set one (undefined); `null` means no window. */
export const DEFAULT_AUTOMATION_WINDOW: { readonly from: string; readonly to: string } = Object.freeze({
  from: "04-01",
  to: "05-15",
});

const OPEN_HOUR = 8;
const CLOSE_HOUR = 18;
const SEARCH_DAYS = 400;

// ---------------------------------------------------------------------------------------------
// Month-days and the window

type MonthDay = { month: number; day: number; key: number };
type Window = { from: MonthDay; to: MonthDay } | null;

function parseMonthDay(value: unknown, what: string): MonthDay {
  const m = typeof value === "string" ? /^(\d{2})-(\d{2})$/.exec(value) : null;
  const month = m ? Number(m[1]) : NaN;
  const day = m ? Number(m[2]) : NaN;
  // Validated against a leap year: '02-29' is a real month-day.
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) {
    throw new RuleError(
      "invalid-month-day",
      `The window's ${what} day ${JSON.stringify(value)} is not a real day of the year (expected MM-DD, e.g. 04-01).`,
    );
  }
  return { month, day, key: month * 100 + day };
}

function resolveWindow(policy: AutomationPolicy | undefined): Window {
  if (policy !== undefined && (policy === null || typeof policy !== "object")) {
    throw new RuleError("invalid-month-day", "The automation policy is not valid.");
  }
  const w = policy === undefined || policy.yearlyWindow === undefined ? DEFAULT_AUTOMATION_WINDOW : policy.yearlyWindow;
  if (w === null) return null;
  if (typeof w !== "object") throw new RuleError("invalid-month-day", "The automation window is not valid (expected from and to as MM-DD).");
  return { from: parseMonthDay(w.from, "first"), to: parseMonthDay(w.to, "last") };
}

function inWindow(window: Window, date: ISODate): boolean {
  if (!window) return false;
  const key = Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
  const { from, to } = window;
  return from.key <= to.key ? key >= from.key && key <= to.key : key >= from.key || key <= to.key;
}

// ---------------------------------------------------------------------------------------------
// Local days

function isWorkingDay(date: ISODate): boolean {
  return isoWeekday(date) <= 5 && !isDanishPublicHoliday(date);
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * May an automation account act at `now`? When not, `reason` describes the local day of `now`
 * (`weekend`, else `holiday`, else `outside-hours`) and `nextAllowed` is the earliest instant after
 * `now` at which it is allowed (a window's first local midnight counts), as toISOString() writes it.
 * `policy` undefined or `yearlyWindow` undefined: the default window; `yearlyWindow: null`: none.
 */
export function automationAllowed(a: { now: string; policy?: AutomationPolicy }): AutomationDecision {
  const now = parseInstant(a?.now, "time");
  const window = resolveWindow(a.policy);
  const { date, hour } = localParts(now);

  if (inWindow(window, date)) return { allowed: true };
  const working = isWorkingDay(date);
  if (working && hour >= OPEN_HOUR && hour < CLOSE_HOUR) return { allowed: true };

  const reason = isoWeekday(date) >= 6 ? "weekend" : isDanishPublicHoliday(date) ? "holiday" : "outside-hours";

  let next: number | null = working && hour < OPEN_HOUR ? localInstant(date, OPEN_HOUR) : null;
  for (let d = date, i = 0; next === null && i < SEARCH_DAYS; i++) {
    d = addDays(d, 1);
    if (inWindow(window, d)) next = localInstant(d, 0);
    else if (isWorkingDay(d)) next = localInstant(d, OPEN_HOUR);
  }
  if (next === null) throw new Error(`automationAllowed: no allowed time within ${SEARCH_DAYS} days`);
  return { allowed: false, reason, nextAllowed: new Date(next).toISOString() };
}

/**
 * When an API token issued at `issuedAt` expires: the first local (Europe/Copenhagen) midnight
 * strictly after `issuedAt` — a day token is valid for that Danish calendar day only. A token issued
 * exactly at local midnight is valid for the whole day that starts then.
 */
export function apiTokenExpiry(issuedAt: string): string {
  const t = parseInstant(issuedAt, "issue time");
  const { date } = localParts(t);
  return new Date(localInstant(addDays(date, 1), 0)).toISOString();
}
