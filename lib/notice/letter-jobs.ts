/**
 * The jobs a submitted notice needs: the confirmation letter (PDF/A) into the tenant's documents
 * and the e-mail receipts to every signer — enqueued in the submission's transaction.
 *
 * STUB (signing branch): the letter/e-mail helper replaces the body; the signature stays.
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";

export async function enqueueNoticeJobs(tx: OrgTx, { noticeId, organisationId }: { noticeId: string; organisationId: string }): Promise<void> {
  void tx;
  void noticeId;
  void organisationId;
}
