import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { NotFound } from "@/lib/http/errors";
import { noticeForTenant, updateNoticeForTenant } from "@/lib/tenancy/access";
import { StaleDraft } from "./errors";

/**
 * Discards the signed-in tenant's draft (status CANCELLED, kept for the audit trail; the tenancy
 * can then start a new notice). Only a DRAFT at `expectedVersion` is discarded — a notice that has
 * moved on (a step saved in another tab, sent for signing) → StaleDraft (409); not theirs → NotFound.
 */
export async function discardNotice({
  db,
  personId,
  noticeId,
  expectedVersion,
  actor,
  meta,
  now = new Date(),
}: {
  db: OrgDb;
  personId: string;
  noticeId: unknown;
  expectedVersion: number;
  actor: Actor;
  meta?: RequestMeta;
  now?: Date;
}): Promise<{ noticeId: string }> {
  return db.$transaction(async (tx) => {
    const current = await noticeForTenant(tx, personId, noticeId, { select: { id: true } });
    if (!current) throw new NotFound("notice");
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) throw new StaleDraft(current.id, expectedVersion);
    const version = expectedVersion + 1;
    const updated = await updateNoticeForTenant(tx, personId, current.id, { status: "CANCELLED", version, lastSavedAt: now }, { status: "DRAFT", version: expectedVersion });
    if (!updated) throw new StaleDraft(current.id, expectedVersion);
    await writeAudit(tx, { type: "NOTICE_DISCARDED", actor, entityType: "Opsigelse", entityId: current.id, after: { reason: "tenant", version }, meta });
    return { noticeId: current.id };
  });
}
