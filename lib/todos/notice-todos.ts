/**
 * For the notice's own use cases (the inbox's cancel-notice): when a notice is cancelled, its open
 * confirm-notice to-do no longer applies. Call inside the cancellation's transaction; the to-do
 * becomes CANCELLED with result { closedBy: "notice-cancelled" } and its version moves on, so a
 * completion that was opened before is refused as a conflict. (Until a caller uses it, completing
 * such a to-do is refused by confirmNotice with "the notice is cancelled".)
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";

export async function cancelNoticeTodos(tx: OrgTx, opsigelseId: string, opts: { now: Date }): Promise<number> {
  const r = await tx.todo.updateMany({
    where: { opsigelseId, kind: "CONFIRM_NOTICE", status: "OPEN" },
    data: { status: "CANCELLED", completedAt: opts.now, result: { closedBy: "notice-cancelled" }, version: { increment: 1 } },
  });
  return r.count;
}
