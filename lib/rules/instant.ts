/**
 * Instants (ISO 8601 timestamps with `Z` or an offset) and their Danish calendar day. Shared by the
 * automation hours and the notice date (docs/rules.md: "Automation hours", "When the notice is given").
 */
import { TZDate } from "@date-fns/tz";
import { type ISODate, daysInMonth } from "./calendar";
import { RuleError } from "./errors";

const ZONE = "Europe/Copenhagen";
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * Parses an ISO 8601 instant with `Z` or an offset (`2027-04-01T09:30:00+02:00`; seconds and
 * fractions optional) to epoch milliseconds. Anything else — no zone, impossible fields — throws
 * RuleError('invalid-instant').
 */
export function parseInstant(value: unknown, what: string): number {
  const bad = (): never => {
    throw new RuleError(
      "invalid-instant",
      `The ${what} ${JSON.stringify(value) ?? "(missing)"} is not a valid point in time (expected e.g. 2027-04-01T09:30:00+02:00 or 2027-04-01T07:30:00Z).`,
    );
  };
  if (typeof value !== "string") return bad();
  const m = INSTANT_RE.exec(value);
  if (!m) return bad();
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0").slice(0, 3));
  if (year < 1901 || year > 2998 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return bad();
  if (hour > 23 || minute > 59 || second > 59) return bad();
  let offsetMinutes = 0;
  if (m[8]?.toUpperCase() !== "Z") {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 18 || om > 59) return bad();
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  if (!Number.isFinite(t)) return bad();
  // Cross-check with the platform parser where it understands the form (it should agree).
  const native = Date.parse(value);
  if (Number.isFinite(native) && Math.abs(native - t) >= 1) return bad();
  return t;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The Danish (Europe/Copenhagen) calendar date and hour of an instant given as epoch milliseconds. */
export function localParts(t: number): { date: ISODate; hour: number } {
  const d = new TZDate(t, ZONE);
  return { date: `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, hour: d.getHours() };
}

/** The instant of a local wall-clock hour on a local date (midnight and 08:00 always exist in Denmark). */
export function localInstant(date: ISODate, hour: number): number {
  return new TZDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour, 0, 0, ZONE).getTime();
}
