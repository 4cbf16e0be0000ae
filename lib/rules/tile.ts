/**
 * Tile criteria: whether a tenancy may start a notice online, and from when a non-terminable
 * tenancy may (docs/rules.md: "Tile criteria").
 */
import { type ISODate, addDays, assertNonNegativeInt, parseISODate } from "./calendar";
import { type NoticeRule, parseNoticeRule } from "./notice";

export type TileInput = {
  noticeRule: NoticeRule | null;
  renovationDays: number | null;
  terminated: boolean;
  companyStopped: boolean;
  propertyStopped: boolean;
  leaseEnded: boolean;
  nonTerminableUntil: ISODate | null;
  terminableInPeriodFrom: ISODate | null;
};

export type TileReason = "no-notice-rule" | "no-renovation-period" | "already-terminated" | "stopped" | "non-terminable";

/**
 * Whether the tenant may start a notice today, and if not, every reason why, in this order:
 * no notice rule; no renovation period; the tenancy is already terminated; the company, property or
 * lease is stopped/ended; the tenancy is non-terminable (today is on or before `nonTerminableUntil`,
 * unless "can be terminated in period" is set with a date on or before today). `ok` is true when
 * there is no reason. A notice rule or renovation period that is set must be valid, and the dates
 * must be real dates; otherwise RuleError is thrown.
 */
export function tileStatus(t: TileInput, today: ISODate): { ok: boolean; reasons: TileReason[] } {
  parseISODate(today, "today's date");
  if (t.noticeRule != null) parseNoticeRule(t.noticeRule);
  if (t.renovationDays != null) assertNonNegativeInt(t.renovationDays, "renovation period (days)");
  if (t.nonTerminableUntil != null) parseISODate(t.nonTerminableUntil, "non-terminable-until date");
  if (t.terminableInPeriodFrom != null) parseISODate(t.terminableInPeriodFrom, "can-be-terminated-from date");

  const reasons: TileReason[] = [];
  if (t.noticeRule == null) reasons.push("no-notice-rule");
  if (t.renovationDays == null) reasons.push("no-renovation-period");
  if (t.terminated) reasons.push("already-terminated");
  if (t.companyStopped || t.propertyStopped || t.leaseEnded) reasons.push("stopped");
  if (
    t.nonTerminableUntil != null &&
    today <= t.nonTerminableUntil &&
    !(t.terminableInPeriodFrom != null && t.terminableInPeriodFrom <= today)
  ) {
    reasons.push("non-terminable");
  }
  return { ok: reasons.length === 0, reasons };
}

/**
 * For a tenancy that is non-terminable on `today` (the `non-terminable` reason of tileStatus): the
 * first day on which notice may be given — the day after `nonTerminableUntil`, or the
 * "can be terminated in period" date when that comes earlier. `null` when the tenancy is not
 * non-terminable on `today`. The dates must be real dates; otherwise RuleError is thrown.
 * Example: non-terminable until 2027-02-28 → 2027-03-01; with "can be terminated in period" from
 * 2027-01-15 → 2027-01-15.
 */
export function earliestNoticeDay(
  t: { nonTerminableUntil: ISODate | null; terminableInPeriodFrom: ISODate | null },
  today: ISODate,
): ISODate | null {
  parseISODate(today, "today's date");
  if (t.nonTerminableUntil == null) return null;
  parseISODate(t.nonTerminableUntil, "non-terminable-until date");
  if (t.terminableInPeriodFrom != null) parseISODate(t.terminableInPeriodFrom, "can-be-terminated-from date");
  const from = t.terminableInPeriodFrom;
  if (today > t.nonTerminableUntil || (from != null && from <= today)) return null;
  const dayAfter = addDays(t.nonTerminableUntil, 1);
  return from != null && from < dayAfter ? from : dayAfter;
}
