/**
 * The Updates notice period (landlord-portal policy, issue 13 §8), as a pure function: an Update's
 * effective day must be at least UPDATE_NOTICE_DAYS Danish calendar days after the Danish day of
 * its publication. Calendar days, not 24-hour periods: published at 23:59 or 00:01 Danish time,
 * "14 days ahead" is counted from that Danish date (summer time changes nothing). Table-tested in
 * tests/unit/automation-update-dates.test.ts.
 */
import { todayInDenmark } from "@/lib/time";

export const UPDATE_NOTICE_DAYS = 14;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC midnight of a real ISO day, or null (2026-02-30 is not a day). */
function dayNumber(iso: string): number | null {
  const m = ISO_DAY.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return t / 86_400_000;
}

export type EffectiveDateCheck =
  | { ok: true; publishedOn: string; daysAhead: number }
  | { ok: false; reason: "date" }
  | { ok: false; reason: "too-soon"; publishedOn: string; daysAhead: number; earliest: string };

/** Whether `effectiveOn` (YYYY-MM-DD) is far enough after `publishedAt` (the publication instant). */
export function checkEffectiveDate(effectiveOn: string, publishedAt: Date): EffectiveDateCheck {
  const effective = dayNumber(effectiveOn);
  if (effective === null) return { ok: false, reason: "date" };
  const publishedOn = todayInDenmark(publishedAt);
  const published = dayNumber(publishedOn)!;
  const daysAhead = effective - published;
  if (daysAhead >= UPDATE_NOTICE_DAYS) return { ok: true, publishedOn, daysAhead };
  const earliest = new Date((published + UPDATE_NOTICE_DAYS) * 86_400_000).toISOString().slice(0, 10);
  return { ok: false, reason: "too-soon", publishedOn, daysAhead, earliest };
}
