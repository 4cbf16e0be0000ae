/**
 * After submission (lib/notice/letter-jobs.ts enqueues it in the submission's transaction):
 *
 * `render-notice-letter` loads the submitted notice, renders "Bekræftelse på opsigelse" as PDF/A-2b
 * (lib/letter) and stores it as the tenant's Document in the organisation's folder
 * (settings.documentFolder), then — in the same transaction as the Document — enqueues one
 * `send-mail` receipt per person in the signed content with an e-mail address, linking to the
 * documents page (never attaching the letter).
 *
 * Idempotent: the Document's id is derived from the notice id (noticeDocumentId), inserted with
 * skipDuplicates, and the mails' keys name the notice and the role. A re-run after a crash between
 * storing and marking the job done (or a second worker after a lease expired) stores nothing twice
 * and sends nothing twice; a run that finds the Document skips rendering. Failures (a database
 * hiccup, a render error) throw and the worker retries with backoff; a job that keeps failing is
 * marked failed and listed by listFailedJobs. The notice itself is never touched: it stays SUBMITTED.
 */
import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { renderNoticeLetter } from "@/lib/letter";
import { LETTER_NOTICE_INCLUDE, noticeLetterView, signedContentOf } from "@/lib/notice/letter-view";
import { receiptMail } from "@/lib/notice/receipt-mail";
import { paths } from "@/lib/http/paths";
import { defineJob, PermanentJobError } from "./define";
import { enqueue } from "./enqueue";
import { sendMailJob } from "./send-mail";

export const NOTICE_CONFIRMATION_KIND = "notice-confirmation";
export const NOTICE_CONFIRMATION_TITLE = "Bekræftelse på opsigelse";

/** The confirmation letter's Document id: a UUID derived from the notice id, so one notice has at most one. */
export function noticeDocumentId(noticeId: string, kind: string = NOTICE_CONFIRMATION_KIND): string {
  const h = createHash("sha256").update(`document:${kind}:${noticeId.toLowerCase()}`).digest("hex");
  // RFC 9562 version 8 (custom) with the RFC 4122 variant.
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The tenant's documents page (where the receipt mail points). */
export function documentsPath(slug: string): string {
  return paths.tenantDocuments(slug);
}

export function publicBaseUrl(configured?: string): string {
  return (configured || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/$/, "");
}

const SUBMITTED = ["SUBMITTED", "CONFIRMED"] as const;

export const renderNoticeLetterJob = defineJob({
  name: "render-notice-letter",
  version: 1,
  payload: z.object({ noticeId: z.uuid() }).strict(),
  maxAttempts: 10,
  async run({ noticeId }, { db, settings, organisation, services, now }) {
    const notice = await db.opsigelse.findFirst({ where: { id: noticeId }, include: LETTER_NOTICE_INCLUDE });
    if (!notice) throw new PermanentJobError(`notice ${noticeId} not found`);
    if (!(SUBMITTED as readonly string[]).includes(notice.status)) {
      // Cancelled before the letter was made (or never submitted): nothing to confirm.
      if (notice.status === "CANCELLED") return;
      throw new PermanentJobError(`notice ${noticeId} is ${notice.status}, not submitted`);
    }
    const content = signedContentOf(notice);
    const [s, org] = await Promise.all([settings(), organisation()]);
    const documentId = noticeDocumentId(noticeId);

    const existing = await db.document.findFirst({ where: { id: documentId }, select: { id: true } });
    let pdf: Buffer | null = null;
    if (!existing) {
      const view = await noticeLetterView(db, notice, { name: org.name, settings: s });
      pdf = await renderNoticeLetter(view, { locale: "da", creationDate: notice.submittedAt ?? now });
    }

    const base = publicBaseUrl(services.publicUrl);
    const address = content.lease.addressLines.join(", ");
    const recipients = new Map<string, { role: string; name: string }>();
    for (const p of content.people) {
      const email = p.email?.trim().toLowerCase();
      if (email && !recipients.has(email)) recipients.set(email, { role: p.role, name: p.name });
    }
    const iso = (d: Date | null, fallback: string) => (d ? d.toISOString().slice(0, 10) : fallback);

    await db.$transaction(async (tx) => {
      // Still given? The update locks the notice's row, so a cancellation (lib/casework/cancel-notice.ts,
      // which updates the same row) either committed before — then no letter and no receipts — or waits.
      const still = await tx.opsigelse.updateMany({ where: { id: notice.id, status: { in: [...SUBMITTED] } }, data: { updatedAt: now } });
      if (still.count === 0) return;
      if (pdf) {
        await tx.document.createMany({
          data: [
            {
              id: documentId,
              organisationId: tx.organisationId,
              lejerId: notice.lejerId,
              opsigelseId: notice.id,
              folder: s.documentFolder,
              title: NOTICE_CONFIRMATION_TITLE,
              kind: NOTICE_CONFIRMATION_KIND,
              contentType: "application/pdf",
              content: new Uint8Array(pdf),
            },
          ],
          skipDuplicates: true,
        });
      }
      for (const [email, r] of recipients) {
        const mail = receiptMail({
          recipientName: r.name,
          organisationName: org.name,
          organisationContact: { phone: s.contact.phone, email: s.contact.email },
          address,
          terminationDate: iso(notice.terminationDate, content.dates.terminationDate),
          vacatingDay: iso(notice.vacatingDay, content.dates.vacatingDay),
          inspectionDate: iso(notice.inspectionDate, content.dates.inspectionDate),
          documentsUrl: `${base}${documentsPath(org.slug)}`,
        });
        await enqueue(tx, sendMailJob, { to: [email], ...mail }, { key: `notice-receipt:${notice.id}:${r.role}` });
      }
    });
  },
});
