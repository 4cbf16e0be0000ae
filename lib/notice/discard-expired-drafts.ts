import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import { SYSTEM_ACTOR, type Actor } from "@/lib/audit/events";

/**
 * Discards (CANCELLED) the organisation's drafts untouched for `expiryDays` days: last saved — or,
 * never saved, started — before `now - expiryDays`. Not a tenant action (the nightly job calls it),
 * so it reads the organisation's notices directly. Each draft is changed with its read version in
 * the where, so a step saved meanwhile keeps its draft. Returns the ids discarded.
 */
export async function discardExpiredDrafts({ db, now, expiryDays, actor = SYSTEM_ACTOR }: { db: OrgDb; now: Date; expiryDays: number; actor?: Actor }): Promise<string[]> {
  if (!Number.isInteger(expiryDays) || expiryDays < 1) throw new Error("discardExpiredDrafts: expiryDays must be a positive integer");
  const cutoff = new Date(now.getTime() - expiryDays * 86_400_000);
  return db.$transaction(async (tx) => {
    const stale = await tx.opsigelse.findMany({
      where: { status: "DRAFT", OR: [{ lastSavedAt: { lt: cutoff } }, { lastSavedAt: null, createdAt: { lt: cutoff } }] },
      select: { id: true, version: true },
      orderBy: { createdAt: "asc" },
      take: 500,
    });
    const done: string[] = [];
    for (const d of stale) {
      const version = d.version + 1;
      const { count } = await tx.opsigelse.updateMany({ where: { id: d.id, status: "DRAFT", version: d.version }, data: { status: "CANCELLED", version, lastSavedAt: now } });
      if (count === 0) continue;
      await writeAudit(tx, { type: "NOTICE_DISCARDED", actor, entityType: "Opsigelse", entityId: d.id, after: { reason: "expired", version } });
      done.push(d.id);
    }
    return done;
  });
}
