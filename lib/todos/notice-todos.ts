/**
 * For the notice's own use cases (lib/casework/cancel-notice.ts): when a notice is cancelled, its
 * open to-dos (the confirm-notice to-do and the case's reminders) no longer apply. Called inside the
 * cancellation's transaction; each becomes CANCELLED with result { closedBy: "notice-cancelled" }
 * and its version moves on, so a completion that was opened before is refused as a conflict.
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";

export async function cancelNoticeTodos(tx: OrgTx, opsigelseId: string, opts: { now: Date }): Promise<number> {
  const r = await tx.todo.updateMany({
    where: { opsigelseId, status: "OPEN" },
    data: { status: "CANCELLED", completedAt: opts.now, result: { closedBy: "notice-cancelled" }, version: { increment: 1 } },
  });
  return r.count;
}
