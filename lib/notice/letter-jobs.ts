/**
 * What the submission enqueues, in its own transaction (lib/notice/submit.ts calls this with its
 * `tx`): the confirmation letter job, which stores the PDF/A letter in the tenant's documents and
 * then enqueues the e-mail receipts (lib/jobs/notice-letter.ts). The key is derived from the notice
 * id, so a retried or doubled submission enqueues it once.
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import { enqueue } from "@/lib/jobs/enqueue";
import { renderNoticeLetterJob } from "@/lib/jobs/notice-letter";

export async function enqueueNoticeJobs(tx: OrgTx, { noticeId, organisationId }: { noticeId: string; organisationId: string }): Promise<void> {
  if (tx.organisationId !== organisationId) throw new Error("enqueueNoticeJobs: the transaction belongs to another organisation");
  await enqueue(tx, renderNoticeLetterJob, { noticeId }, { key: `notice-letter:${noticeId.toLowerCase()}` });
}
