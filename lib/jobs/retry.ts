/**
 * Staff retry a failed job (the notice detail page, the failed-jobs list): it becomes due now with
 * a fresh set of attempts, audited in the same transaction. One service, so both pages behave alike.
 */
import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";

export type RetryJobResult = { kind: "retried"; jobId: string } | { kind: "not-failed" } | { kind: "not-found" };

export async function retryJob(db: OrgDb, { jobId, actor, now, meta }: { jobId: string; actor: Actor; now: Date; meta?: RequestMeta }): Promise<RetryJobResult> {
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) return { kind: "not-found" };
  return db.$transaction(async (tx) => {
    const job = await tx.job.findFirst({ where: { id: jobId }, select: { id: true, name: true, key: true, status: true, attempts: true } });
    if (!job) return { kind: "not-found" } as const;
    const { count } = await tx.job.updateMany({ where: { id: job.id, status: "failed" }, data: { status: "pending", attempts: 0, runAt: now, finishedAt: null, lockedBy: null, lockedAt: null } });
    if (count === 0) return { kind: "not-failed" } as const;
    await writeAudit(tx, { type: "JOB_RETRIED", actor, entityType: "Job", entityId: job.id, after: { name: job.name, key: job.key, attempts: job.attempts }, meta });
    return { kind: "retried", jobId: job.id } as const;
  });
}
