/**
 * The job table's queries that span organisations: the worker's claim (raw SQL, FOR UPDATE SKIP
 * LOCKED), its bookkeeping, and the schedules. Enqueueing goes through the organisation accessor
 * (lib/jobs/enqueue.ts); this module is for the worker only (lib/jobs/worker.ts).
 *
 * Like lib/db/platform.ts, every function takes the client as its first argument.
 */
import "server-only";
import type { Db } from "./client";

export type ClaimedJob = {
  id: string;
  organisationId: string;
  name: string;
  version: number;
  key: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
};

/**
 * Claims up to `limit` jobs for `workerId`: pending ones that are due, and running ones whose
 * worker has held them longer than `leaseMs` (it died). One statement: rows another worker has
 * locked are skipped, so two workers never claim the same job. The claim counts as an attempt.
 *
 * Timestamps are passed as ISO text and cast to `timestamp(3)` (the column type, UTC wall time):
 * a `timestamptz` parameter would be converted by the session's time zone.
 */
export async function claimJobs(db: Db, args: { workerId: string; now: Date; leaseMs: number; limit: number }): Promise<ClaimedJob[]> {
  const now = args.now.toISOString();
  const staleBefore = new Date(args.now.getTime() - args.leaseMs).toISOString();
  return db.$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET "status" = 'running', "lockedBy" = ${args.workerId}, "lockedAt" = ${now}::timestamp(3),
                      "attempts" = "attempts" + 1, "updatedAt" = ${now}::timestamp(3)
    WHERE "id" IN (
      SELECT "id" FROM "Job"
      WHERE ("status" = 'pending' AND "runAt" <= ${now}::timestamp(3))
         OR ("status" = 'running' AND "lockedAt" < ${staleBefore}::timestamp(3))
      ORDER BY "runAt", "id"
      LIMIT ${args.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id"::text AS "id", "organisationId"::text AS "organisationId", "name", "version", "key", "payload", "attempts", "maxAttempts"`;
}

/** The job ran: done (only if this worker still holds it). */
export async function markJobDone(db: Db, id: string, workerId: string, now: Date): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id, lockedBy: workerId, status: "running" },
    data: { status: "done", finishedAt: now, lockedBy: null, lockedAt: null, lastError: null },
  });
  return count === 1;
}

/** The job failed: back to pending at `retryAt`, or failed for good when `retryAt` is null. */
export async function markJobFailedAttempt(db: Db, id: string, workerId: string, args: { now: Date; error: string; retryAt: Date | null }): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id, lockedBy: workerId, status: "running" },
    data:
      args.retryAt === null
        ? { status: "failed", finishedAt: args.now, lockedBy: null, lockedAt: null, lastError: args.error }
        : { status: "pending", runAt: args.retryAt, lockedBy: null, lockedAt: null, lastError: args.error },
  });
  return count === 1;
}

/** Makes sure a schedule has a row; a new one first runs at `firstRunAt`. */
export async function ensureSchedule(db: Db, name: string, firstRunAt: Date): Promise<void> {
  await db.jobSchedule.createMany({ data: [{ name, nextRunAt: firstRunAt }], skipDuplicates: true });
}

/** The schedules due at `now`, with the slot (nextRunAt) each is due for. */
export async function dueSchedules(db: Db, names: readonly string[], now: Date): Promise<Array<{ name: string; nextRunAt: Date }>> {
  return db.jobSchedule.findMany({ where: { name: { in: [...names] }, nextRunAt: { lte: now } }, select: { name: true, nextRunAt: true } });
}

/**
 * Runs `fn` for the schedule's slot `slot` if this caller wins it: the slot is moved on to `next`
 * by a conditional UPDATE in the same transaction as `fn`'s work (normally enqueueing jobs), so of
 * several instances exactly one runs each slot, and a failure leaves the slot due again.
 */
export async function runScheduleSlot(db: Db, args: { name: string; slot: Date; next: Date; now: Date }, fn: (tx: ScheduleTx) => Promise<void>): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.jobSchedule.updateMany({ where: { name: args.name, nextRunAt: args.slot }, data: { nextRunAt: args.next, lastRunAt: args.now } });
    if (count !== 1) return false;
    await fn({
      organisationIds: async () => (await tx.organisation.findMany({ where: { suspendedAt: null }, select: { id: true }, orderBy: { slug: "asc" } })).map((o) => o.id),
      insertJob: async (row) => {
        const { count: inserted } = await tx.job.createMany({ data: [row], skipDuplicates: true });
        return inserted === 1;
      },
    });
    return true;
  });
}

/** What a schedule's slot may do inside its transaction. */
export type ScheduleTx = {
  /** The organisations a schedule runs for: every one not suspended (a suspended organisation gets no reminders, clean-ups or digests until it is resumed). */
  organisationIds(): Promise<string[]>;
  insertJob(row: { organisationId: string; name: string; version: number; key: string; payload: object; maxAttempts: number; runAt?: Date }): Promise<boolean>;
};

