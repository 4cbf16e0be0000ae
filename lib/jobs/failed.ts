/**
 * Jobs that keep failing, for the staff inbox: which job, its key (what it was for), how often it
 * was tried and when it gave up. The error text itself stays in the database and the logs (it may
 * name hosts, addresses or internals) and is not returned here.
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";

export type FailedJob = { id: string; name: string; key: string; attempts: number; createdAt: Date; failedAt: Date | null };

export async function listFailedJobs(db: OrgDb | OrgTx, options: { limit?: number } = {}): Promise<FailedJob[]> {
  const rows = await db.job.findMany({
    where: { status: "failed" },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 500),
    select: { id: true, name: true, key: true, attempts: true, createdAt: true, finishedAt: true },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, key: r.key, attempts: r.attempts, createdAt: r.createdAt, failedAt: r.finishedAt }));
}

/** Counts of this organisation's jobs by status (for a health line on the staff pages). */
export async function countJobsByStatus(db: OrgDb | OrgTx): Promise<Record<"pending" | "running" | "done" | "failed", number>> {
  const out = { pending: 0, running: 0, done: 0, failed: 0 };
  const groups = await db.job.groupBy({ by: ["status"], _count: { _all: true } });
  for (const g of groups) out[g.status] = g._count._all;
  return out;
}
