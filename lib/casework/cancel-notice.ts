/**
 * Staff cancel a notice with a reason (issue 12 §2), in one transaction:
 *
 * - the notice (SUBMITTED or CONFIRMED, at the version the page showed) → CANCELLED with
 *   cancelledAt, cancelledReason and cancelledById — a double submit or a stale page finds another
 *   version or status and is refused clearly;
 * - its OPEN to-dos → CANCELLED; its move-out case finished (finishedAt);
 * - the sub-leases the submission terminated with it (lib/notice/submit.ts: the active sub-leases
 *   of the same tenants got terminatedOn = the notice's termination date) are active again;
 * - one `send-mail` per signer / legal tenant with an e-mail address (key
 *   `notice-cancelled:<noticeId>:<role>`): the notice was cancelled, why, and the link to give
 *   notice again;
 * - the audit row NOTICE_CANCELLED.
 *
 * Afterwards the tenancy's tile allows a new notice (lib/tenancy/tile.ts counts only SUBMITTED and
 * CONFIRMED notices as given).
 */
import "server-only";
import { cancelNoticeTodos } from "@/lib/todos/notice-todos";
import { syncTenancyDetailsTodos } from "@/lib/todos/tenancy-details-sync";
import { z } from "zod";
import type { OrgDb } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { enqueue } from "@/lib/jobs/enqueue";
import { sendMailJob } from "@/lib/jobs/send-mail";
import { paths } from "@/lib/http/paths";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import type { SignedContent } from "@/lib/notice/content";
import { cancelMail } from "./cancel-mail";
import { emitWebhookEvent } from "@/lib/webhooks/emit"; // ---- webhooks

export const CANCEL_REASON_MAX = 1000;

/** The form: the notice, the version the page showed and the reason (required). */
export const cancelNoticeSchema = z.object({
  noticeId: z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
  version: z.coerce.number().int().min(0).max(2_147_483_647),
  reason: z.string().trim().min(1).max(CANCEL_REASON_MAX),
});
export type CancelNoticeInput = z.output<typeof cancelNoticeSchema>;

export const CANCELLABLE_STATUSES = ["SUBMITTED", "CONFIRMED"] as const;

export type CancelNoticeResult =
  | { kind: "cancelled"; noticeId: string; todosCancelled: number; subLeasesRestored: number; mails: number }
  /** Not this organisation's notice, not an id, or a draft (staff never see drafts). */
  | { kind: "not-found" }
  | { kind: "already-cancelled" }
  /** Awaiting its co-signer: nothing was given yet. */
  | { kind: "not-cancellable"; status: string }
  /** The notice changed since the page was loaded (another caseworker, a second click). */
  | { kind: "conflict" };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function cancelNotice(
  db: OrgDb,
  input: CancelNoticeInput,
  opts: { actor: Actor; now: Date; meta?: RequestMeta; org: { slug: string; name: string; settings: Pick<OrganisationSettings, "contact"> }; baseUrl: string },
): Promise<CancelNoticeResult> {
  if (!UUID_RE.test(input.noticeId)) return { kind: "not-found" };
  const reason = input.reason.trim();
  return db.$transaction(async (tx) => {
    const n = await tx.opsigelse.findFirst({
      where: { id: input.noticeId },
      select: {
        id: true,
        status: true,
        version: true,
        terminationDate: true,
        submittedContent: true,
        lejer: {
          select: {
            id: true,
            lejemaalId: true,
            legalTenant1: { select: { id: true, name: true, email: true } },
            legalTenant2: { select: { id: true, name: true, email: true } },
            lejemaal: { select: { address1: true } },
          },
        },
      },
    });
    if (!n || n.status === "DRAFT") return { kind: "not-found" } as const;
    if (n.status === "CANCELLED") return { kind: "already-cancelled" } as const;
    if (!(CANCELLABLE_STATUSES as readonly string[]).includes(n.status)) return { kind: "not-cancellable", status: n.status } as const;
    if (n.version !== input.version) return { kind: "conflict" } as const;

    const { count } = await tx.opsigelse.updateMany({
      where: { id: n.id, version: input.version, status: { in: [...CANCELLABLE_STATUSES] } },
      data: { status: "CANCELLED", cancelledAt: opts.now, cancelledReason: reason, cancelledById: opts.actor.id ?? null, version: { increment: 1 } },
    });
    if (count === 0) return { kind: "conflict" } as const;

    const todosCancelled = await cancelNoticeTodos(tx, n.id, { now: opts.now });
    // The receipts not sent yet ("we have received your notice") must not follow the cancellation: withdrawn.
    const receiptsWithdrawn = (
      await tx.job.updateMany({
        where: { name: "send-mail", key: { startsWith: `notice-receipt:${n.id.toLowerCase()}:` }, status: { in: ["pending", "failed"] } },
        data: { status: "done", finishedAt: opts.now, lastError: "withdrawn: the notice was cancelled" },
      })
    ).count;
    const moveOut = await tx.moveOutCase.updateMany({ where: { opsigelseId: n.id, finishedAt: null }, data: { finishedAt: opts.now, version: { increment: 1 } } });

    // The sub-leases given notice with it (only when the signed answers said so, as lib/notice/submit.ts reads them): the same
    // tenants' sub-leases of this lease, terminated on the notice's termination date.
    let subLeasesRestored = 0;
    const subLeasesGiven = (n.submittedContent as SignedContent | null)?.answers?.["sub-leases"]?.terminateAll === true;
    if (n.terminationDate && subLeasesGiven) {
      const tenants = [n.lejer.legalTenant1.id, ...(n.lejer.legalTenant2 ? [n.lejer.legalTenant2.id] : [])];
      const r = await tx.lejer.updateMany({
        where: {
          lejemaal: { mainLejemaalId: n.lejer.lejemaalId },
          terminatedOn: n.terminationDate,
          OR: [{ legalTenant1Id: { in: tenants } }, { legalTenant2Id: { in: tenants } }],
        },
        data: { terminatedOn: null },
      });
      subLeasesRestored = r.count;
      // Active again: a sub-lease lacking data gets its provide-tenancy-details to-do back.
      if (r.count > 0) await syncTenancyDetailsTodos(tx, (await tx.lejer.findMany({ where: { lejemaal: { mainLejemaalId: n.lejer.lejemaalId } }, select: { id: true } })).map((l) => l.id), { now: opts.now });
    }

    // Every signer and legal tenant with an e-mail address, once per address.
    const content = n.submittedContent as SignedContent | null;
    const recipients = new Map<string, { role: string; name: string }>();
    const add = (role: string, name: string, email: string | null | undefined) => {
      const e = email?.trim().toLowerCase();
      if (e && !recipients.has(e)) recipients.set(e, { role, name });
    };
    for (const p of Array.isArray(content?.people) ? content.people : []) add(p.role, p.name, p.email);
    add("tenant1", n.lejer.legalTenant1.name, n.lejer.legalTenant1.email);
    if (n.lejer.legalTenant2) add("tenant2", n.lejer.legalTenant2.name, n.lejer.legalTenant2.email);
    const address = content?.lease?.addressLines?.join(", ") || n.lejer.lejemaal.address1;
    const noticeUrl = `${opts.baseUrl.replace(/\/$/, "")}${paths.tenantHome(opts.org.slug)}`;
    const used = new Set<string>();
    for (const [email, r] of recipients) {
      let key = `notice-cancelled:${n.id}:${r.role}`;
      for (let i = 2; used.has(key); i++) key = `notice-cancelled:${n.id}:${r.role}-${i}`;
      used.add(key);
      const mail = cancelMail({
        recipientName: r.name,
        organisationName: opts.org.name,
        organisationContact: { phone: opts.org.settings.contact.phone ?? null, email: opts.org.settings.contact.email ?? null },
        address,
        reason,
        noticeUrl,
      });
      await enqueue(tx, sendMailJob, { to: [email], ...mail }, { key });
    }

    // ---- webhooks: notice.cancelled to the subscribed endpoints, in this transaction
    await emitWebhookEvent(tx, "notice.cancelled", { noticeId: n.id, tenancyId: n.lejer.id, cancelledAt: opts.now.toISOString(), previousStatus: n.status }, { now: opts.now });

    await writeAudit(tx, {
      type: "NOTICE_CANCELLED",
      actor: opts.actor,
      entityType: "Opsigelse",
      entityId: n.id,
      before: { status: n.status, version: n.version },
      after: { reason, todosCancelled, subLeasesRestored, caseFinished: moveOut.count > 0, mails: recipients.size, receiptsWithdrawn },
      meta: opts.meta,
    });
    return { kind: "cancelled", noticeId: n.id, todosCancelled, subLeasesRestored, mails: recipients.size } as const;
  });
}
