/**
 * Submission: when the last required signature is recorded, in the same transaction as that
 * signature (lib/notice/sign.ts calls it). The notice date is the Danish date of `now`
 * (noticeDateOf); if that gives another termination date or liability period than an earlier
 * signer signed, nothing is submitted: the signatures are deleted and the signers sign again.
 * Otherwise one transaction stores everything: status, dates, rule snapshot, content and its hash,
 * the idempotency key, contact details back to the people, the sub-leases given notice with it, the
 * move-out case, the staff to-do and the jobs (letter, e-mails).
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import { noticeIndexFields } from "@/lib/casework/notice-index";
import { syncTenancyDetailsTodos } from "@/lib/todos/tenancy-details-sync";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { toJsonValue } from "@/lib/json";
import { noticeDateOf } from "@/lib/rules";
import { todayInDenmark } from "@/lib/time";
import { contentHash } from "./content";
import { noticeDates, sameSignedDates, type NoticeDates } from "./dates";
import { enqueueNoticeJobs } from "./letter-jobs";
import { signedContent, type SigningState } from "./signing-content";
import { emitWebhookEvent } from "@/lib/webhooks/emit"; // ---- webhooks

export type SubmitResult =
  | { kind: "submitted"; noticeId: string; already: boolean }
  /** The dates moved with the notice date: the signatures were deleted; the signers must sign again. */
  | { kind: "resign"; noticeId: string; signed: Pick<NoticeDates, "terminationDate" | "liabilityTo">; now: NoticeDates };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Submits a notice whose every slot is signed (`state` read inside `tx`, after the last signature).
 * The caller holds the notice row's lock (sign.ts updates it first), so two completions run one
 * after the other; the second finds it submitted and is a no-op.
 */
export async function submitNotice(
  tx: OrgTx,
  { state, now, settings, actor, meta }: { state: SigningState; now: Date; settings: OrganisationSettings; actor: Actor; meta?: RequestMeta },
): Promise<SubmitResult> {
  const { notice, tenancy } = state;
  if (notice.status === "SUBMITTED" || notice.status === "CONFIRMED") return { kind: "submitted", noticeId: notice.id, already: true };
  if (!state.complete || !state.content || !tenancy.noticeRule) throw new Error(`submitNotice: notice ${notice.id} is not completely signed`);
  const moveOut = notice.answers["move-out"]!;
  const rule = tenancy.noticeRule;
  const noticeDate = noticeDateOf(now.toISOString());
  const datesAt = (d: string) => noticeDates({ noticeDate: d, moveOut: moveOut.moveOutDate, rule: rule.rule, renovationDays: tenancy.renovationDays ?? 0, settings });
  const dates = datesAt(noticeDate);

  // What each signer signed: the dates on the Danish day of their signature.
  const changed = state.signatures.map((s) => datesAt(todayInDenmark(s.signedAt))).find((signed) => !sameSignedDates(signed, dates));
  if (changed) {
    const { count } = await tx.signature.deleteMany({ where: { opsigelseId: notice.id } });
    await tx.opsigelse.updateMany({ where: { id: notice.id, status: { in: ["DRAFT", "AWAITING_SIGNATURES"] } }, data: { status: "DRAFT" } });
    await writeAudit(tx, {
      type: "NOTICE_RESIGN_REQUIRED",
      actor,
      entityType: "Opsigelse",
      entityId: notice.id,
      before: { terminationDate: changed.terminationDate, liabilityTo: changed.liabilityTo },
      after: { noticeDate, terminationDate: dates.terminationDate, liabilityTo: dates.liabilityTo, signatures: count },
      meta,
    });
    return { kind: "resign", noticeId: notice.id, signed: { terminationDate: changed.terminationDate, liabilityTo: changed.liabilityTo }, now: dates };
  }

  const people = state.content.people;
  const content = signedContent({ notice, tenancy, people, dates, inspectionDate: moveOut.inspectionDate ?? "" });
  const hash = contentHash(content);
  const reasonValue = (await tx.kode.findFirst({ where: { id: moveOut.reasonCodeId, type: "OPSIGELSESAARSAG" }, select: { value: true } }))?.value;
  const { count } = await tx.opsigelse.updateMany({
    where: { id: notice.id, status: { in: ["DRAFT", "AWAITING_SIGNATURES"] } },
    data: {
      status: "SUBMITTED",
      submittedAt: now,
      noticeDate: day(noticeDate),
      moveOutDate: day(dates.moveOutDate),
      terminationDate: day(dates.terminationDate),
      vacatingDay: day(dates.vacatingDay),
      liabilityFrom: day(dates.liabilityFrom),
      liabilityTo: day(dates.liabilityTo),
      inspectionDate: day(moveOut.inspectionDate ?? ""),
      relettingDate: day(dates.relettingDate),
      ruleSnapshot: toJsonValue({ kodeId: rule.id, codeText: rule.codeText, codeTextEn: rule.codeTextEn, rule: rule.rule, renovationDays: tenancy.renovationDays }) ?? {},
      submittedContent: toJsonValue(content) ?? {},
      contentHash: hash,
      idempotencyKey: `${notice.id}:${hash}`,
      reasonValue: reasonValue ?? null,
      ...(await noticeIndexFields(tx, tenancy.id)),
    },
  });
  if (count === 0) return { kind: "submitted", noticeId: notice.id, already: true };

  // Contact details as the tenants confirmed them in step 3.
  for (const p of notice.answers["you-and-lease"]?.tenants ?? []) {
    if (p.personId !== tenancy.legalTenant1.id && p.personId !== tenancy.legalTenant2?.id) continue;
    await tx.person.updateMany({ where: { id: p.personId }, data: { mobile: p.mobile, phone: p.phone, email: p.email } });
  }

  // The active sub-leases, given notice with the main lease (all or none).
  let subLeasesTerminated = 0;
  if (notice.answers["sub-leases"]?.terminateAll && tenancy.subLeases.length > 0) {
    const tenants = [tenancy.legalTenant1.id, ...(tenancy.legalTenant2 ? [tenancy.legalTenant2.id] : [])];
    const r = await tx.lejer.updateMany({
      where: {
        lejemaalId: { in: tenancy.subLeases.map((s) => s.lejemaalId) },
        terminatedOn: null,
        OR: [{ legalTenant1Id: { in: tenants } }, { legalTenant2Id: { in: tenants } }],
      },
      data: { terminatedOn: day(dates.terminationDate) },
    });
    subLeasesTerminated = r.count;
    // Terminated now: their provide-tenancy-details to-dos no longer apply.
    if (r.count > 0) await syncTenancyDetailsTodos(tx, (await tx.lejer.findMany({ where: { lejemaalId: { in: tenancy.subLeases.map((s) => s.lejemaalId) } }, select: { id: true } })).map((l) => l.id), { now });
  }

  await tx.moveOutCase.create({ data: { organisationId: tx.organisationId, opsigelseId: notice.id, phase: "NOTICE_RECEIVED" } });
  await tx.todo.create({
    data: {
      organisationId: tx.organisationId,
      kind: "CONFIRM_NOTICE",
      opsigelseId: notice.id,
      lejerId: tenancy.id,
      payload: toJsonValue({
        noticeDate,
        moveOutDate: dates.moveOutDate,
        terminationDate: dates.terminationDate,
        vacatingDay: dates.vacatingDay,
        liabilityFrom: dates.liabilityFrom,
        liabilityTo: dates.liabilityTo,
        inspectionDate: moveOut.inspectionDate,
        relettingDate: dates.relettingDate,
        relettingDateValid: dates.relettingDateValid,
      }) ?? {},
    },
  });
  await writeAudit(tx, {
    type: "NOTICE_SUBMITTED",
    actor,
    entityType: "Opsigelse",
    entityId: notice.id,
    after: { noticeDate, terminationDate: dates.terminationDate, contentHash: hash, subLeasesTerminated },
    meta,
  });
  await enqueueNoticeJobs(tx, { noticeId: notice.id, organisationId: tx.organisationId });
  // ---- webhooks: notice.submitted to the subscribed endpoints, in this transaction
  await emitWebhookEvent(tx, "notice.submitted", { noticeId: notice.id, tenancyId: tenancy.id, submittedAt: now.toISOString(), noticeDate, moveOutDate: dates.moveOutDate, terminationDate: dates.terminationDate }, { now });
  return { kind: "submitted", noticeId: notice.id, already: false };
}
