import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { NotFound } from "@/lib/http/errors";
import { noticeIndexFields } from "@/lib/casework/notice-index";
import { createNoticeForTenant, listNoticesForTenant, tenancyForTenant } from "@/lib/tenancy/access";
import { tenancyOverview } from "@/lib/tenancy/overview";
import type { TileReason } from "@/lib/rules";
import { todayInDenmark } from "@/lib/time";
import { DRAFT_SELECT, isUniqueViolation, toDraft, type NoticeDraft } from "./draft";

export type StartNoticeResult =
  /** A new draft (version 0, no answers). */
  | { draft: NoticeDraft }
  /** A notice is already in progress on the tenancy (started by either legal tenant): offer to resume it. */
  | { resume: { noticeId: string; status: "DRAFT" | "AWAITING_SIGNATURES"; startedBy: string | null; startedAt: Date } }
  /** The tile says notice cannot be given online (no notice rule, already terminated, …). */
  | { refused: TileReason[] };

/**
 * Starts the notice draft of one of the signed-in tenant's tenancies (a main lease), or says which
 * notice to resume: there is at most one active notice per tenancy (the partial unique index
 * "Opsigelse_one_active_per_lejer"), so when two starts race, the loser gets `resume` with the
 * winner's draft, never an error. A tenancy that is not theirs (or not an id) → NotFound (404).
 */
export async function startNotice(opts: { db: OrgDb; personId: string; lejerId: unknown; actor: Actor; meta?: RequestMeta; now?: Date }): Promise<StartNoticeResult> {
  try {
    return await attempt(opts);
  } catch (e) {
    // Another start won the race between our check and our insert: it is there to resume now.
    if (!isUniqueViolation(e)) throw e;
    return attempt(opts);
  }
}

async function attempt({ db, personId, lejerId, actor, meta, now = new Date() }: { db: OrgDb; personId: string; lejerId: unknown; actor: Actor; meta?: RequestMeta; now?: Date }): Promise<StartNoticeResult> {
  return db.$transaction(async (tx) => {
    const tenancy = await tenancyForTenant(tx, personId, lejerId, {
      select: { id: true, legalTenant1: { select: { id: true, name: true } }, legalTenant2: { select: { id: true, name: true } } },
    });
    if (!tenancy) throw new NotFound("tenancy");
    const [active] = await listNoticesForTenant(tx, personId, {
      where: { lejerId: tenancy.id, status: { in: ["DRAFT", "AWAITING_SIGNATURES"] } },
      select: { id: true, status: true, startedByPersonId: true, createdAt: true },
      take: 1,
    });
    if (active) {
      const starter = [tenancy.legalTenant1, tenancy.legalTenant2].find((p) => p && p.id === active.startedByPersonId);
      return {
        resume: { noticeId: active.id, status: active.status as "DRAFT" | "AWAITING_SIGNATURES", startedBy: starter?.name ?? null, startedAt: active.createdAt },
      };
    }
    const tile = await tenancyOverview(tx, personId, tenancy.id, todayInDenmark(now));
    if (!tile) throw new NotFound("tenancy"); // a sub-lease: notice is given on the main lease
    // A notice already given (submitted or confirmed) is "already-terminated" until staff cancel it.
    if (!tile.canStart) return { refused: tile.reasons };
    const created = await createNoticeForTenant(tx, personId, tenancy.id, { status: "DRAFT", answers: {}, version: 0, ...(await noticeIndexFields(tx, tenancy.id)) });
    if (!created) throw new NotFound("tenancy");
    await writeAudit(tx, { type: "NOTICE_STARTED", actor, entityType: "Opsigelse", entityId: created.id, after: { lejerId: tenancy.id }, meta });
    const row = await tx.opsigelse.findFirstOrThrow({ where: { id: created.id }, select: DRAFT_SELECT });
    return { draft: toDraft(row) };
  });
}
