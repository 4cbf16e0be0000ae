/**
 * The tile status of one tenancy from its stored data: whether its tenant may start a notice
 * online today, and every reason why not (docs/rules.md: "Tile criteria"). The tenant's tile
 * (lib/tenancy/overview.ts) and the staff's tenancy pages (lib/admin/tenancies.ts) both call this
 * one function, so staff see exactly what the tenant sees.
 */
import "server-only";
import { earliestNoticeDay, noticeRuleOrNull, tileStatus, type TileReason } from "@/lib/rules";

/** What the tile reads of a tenancy (a Prisma row with these relations fits). */
export type TileSource = {
  renovationDays: number | null;
  terminatedOn: Date | null;
  nonTerminableUntil: Date | null;
  terminableInPeriodFrom: Date | null;
  noticeRule: { rule: unknown } | null;
  lejemaal: { endedOn: Date | null; ejendom: { stoppedOn: Date | null; selskab: { stoppedOn: Date | null } } };
  /** The tenancy's notices (at least those SUBMITTED or CONFIRMED: a notice given counts as terminated). */
  opsigelser: { id: string; status: string; noticeDate: Date | null; vacatingDay?: Date | null }[];
};

export type TenancyTile = {
  ok: boolean;
  reasons: TileReason[];
  /** When it was terminated (or the notice given), since when it is not administered, from when it may be terminated. */
  terminatedOn: string | null;
  stoppedOn: string | null;
  terminableFrom: string | null;
  /** The notice already given (submitted or confirmed), if any. */
  given: TileSource["opsigelser"][number] | null;
};

/** The notice statuses that make a tenancy "already terminated" until staff cancel the notice. */
export const GIVEN_NOTICE_STATUSES = ["SUBMITTED", "CONFIRMED"] as const;

export function isoDay(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** A stop/end date that is set and has been reached by `today`. */
function reached(d: Date | null, today: string): boolean {
  const day = isoDay(d);
  return day !== null && day <= today;
}

/** The earliest of the stop/end dates that have been reached by `today`. */
function earliestReached(dates: (Date | null)[], today: string): string | null {
  const days = dates.filter((d) => reached(d, today)).map((d) => isoDay(d) as string).sort();
  return days[0] ?? null;
}

export function tenancyTile(t: TileSource, today: string): TenancyTile {
  const lm = t.lejemaal;
  const given = t.opsigelser.find((o) => (GIVEN_NOTICE_STATUSES as readonly string[]).includes(o.status)) ?? null;
  const nonTerminable = { nonTerminableUntil: isoDay(t.nonTerminableUntil), terminableInPeriodFrom: isoDay(t.terminableInPeriodFrom) };
  const status = tileStatus(
    {
      noticeRule: t.noticeRule ? noticeRuleOrNull(t.noticeRule.rule) : null,
      renovationDays: t.renovationDays,
      // A notice given (submitted or confirmed) counts as "already terminated" until staff cancel it.
      terminated: t.terminatedOn !== null || given !== null,
      companyStopped: reached(lm.ejendom.selskab.stoppedOn, today),
      propertyStopped: reached(lm.ejendom.stoppedOn, today),
      leaseEnded: reached(lm.endedOn, today),
      ...nonTerminable,
    },
    today,
  );
  return {
    ok: status.ok,
    reasons: status.reasons,
    terminatedOn: isoDay(t.terminatedOn) ?? (given ? isoDay(given.noticeDate) : null),
    stoppedOn: earliestReached([lm.ejendom.selskab.stoppedOn, lm.ejendom.stoppedOn, lm.endedOn], today),
    terminableFrom: status.reasons.includes("non-terminable") ? earliestNoticeDay(nonTerminable, today) : null,
    given,
  };
}
