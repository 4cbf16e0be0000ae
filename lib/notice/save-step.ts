import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { NotFound } from "@/lib/http/errors";
import { toJsonValue } from "@/lib/json";
import { noticeForTenant, tenancyForTenant, updateNoticeForTenant } from "@/lib/tenancy/access";
import { DRAFT_SELECT, toDraft, type NoticeDraft } from "./draft";
import { StaleDraft } from "./errors";
import { checkStepPeople, isStepId, parseStepAnswers, type StepFieldErrors } from "./steps";
import { canonicalJson } from "./content";

export type SaveStepResult = { ok: true; draft: NoticeDraft } | { ok: false; fieldErrors: StepFieldErrors };

/**
 * Saves one step's answers on the signed-in tenant's draft: validated by the step's schema
 * (lib/notice/steps.ts; bad answers, or people who are not the tenancy's legal tenants → `{ ok:
 * false, fieldErrors }` with catalogue keys, nothing written), stored under the step's id in `answers`, and the version moved from `expectedVersion`
 * to `expectedVersion + 1` in one UPDATE whose where names the old version and DRAFT or
 * AWAITING_SIGNATURES — so a stale tab gets `StaleDraft` (409) and overwrites nothing. A changed
 * answer voids the signatures given so far (deleted, the notice back to DRAFT, audited
 * NOTICE_SIGNATURES_VOIDED). A notice that is not theirs, or an unknown step → NotFound (404).
 */
export async function saveStep({
  db,
  personId,
  noticeId,
  step,
  answers,
  expectedVersion,
  actor,
  meta,
  now = new Date(),
}: {
  db: OrgDb;
  personId: string;
  noticeId: unknown;
  step: unknown;
  answers: unknown;
  expectedVersion: number;
  actor: Actor;
  meta?: RequestMeta;
  now?: Date;
}): Promise<SaveStepResult> {
  if (!isStepId(step)) throw new NotFound("step");
  return db.$transaction(async (tx) => {
    const current = await noticeForTenant(tx, personId, noticeId, { select: DRAFT_SELECT });
    if (!current) throw new NotFound("notice");
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) throw new StaleDraft(current.id, expectedVersion);
    const parsed = parseStepAnswers(step, answers);
    if (!parsed.ok) return parsed;
    const tenancy = await tenancyForTenant(tx, personId, current.lejerId, { select: { legalTenant1Id: true, legalTenant2Id: true } });
    if (!tenancy) throw new NotFound("notice");
    const people = checkStepPeople(step, parsed.answers, [tenancy.legalTenant1Id, tenancy.legalTenant2Id].filter((id): id is string => id !== null));
    if (people) return { ok: false as const, fieldErrors: people };
    if ((current.status !== "DRAFT" && current.status !== "AWAITING_SIGNATURES") || current.version !== expectedVersion) throw new StaleDraft(current.id, expectedVersion);
    const previous = toDraft(current).answers;
    const merged = { ...previous, [step]: parsed.answers };
    const version = expectedVersion + 1;
    // A changed answer voids the signatures given so far: they signed other content.
    const changed = canonicalJson(previous[step] ?? null) !== canonicalJson(toJsonValue(parsed.answers) ?? null);
    const updated = await updateNoticeForTenant(
      tx,
      personId,
      current.id,
      { answers: toJsonValue(merged) ?? {}, version, lastSavedAt: now, ...(changed ? { status: "DRAFT" as const } : {}) },
      { status: { in: ["DRAFT", "AWAITING_SIGNATURES"] }, version: expectedVersion },
    );
    if (!updated) throw new StaleDraft(current.id, expectedVersion);
    if (changed) {
      const { count } = await tx.signature.deleteMany({ where: { opsigelseId: current.id } });
      if (count > 0) await writeAudit(tx, { type: "NOTICE_SIGNATURES_VOIDED", actor, entityType: "Opsigelse", entityId: current.id, after: { step, signatures: count }, meta });
    }
    await writeAudit(tx, { type: "NOTICE_STEP_SAVED", actor, entityType: "Opsigelse", entityId: current.id, after: { step, version }, meta });
    const row = await tx.opsigelse.findFirstOrThrow({ where: { id: current.id }, select: DRAFT_SELECT });
    return { ok: true as const, draft: toDraft(row) };
  });
}
