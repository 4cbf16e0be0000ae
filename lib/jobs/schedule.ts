/**
 * Scheduled jobs (cron-like). A schedule names when it runs (`next(after)`: the first slot after a
 * moment) and what each slot enqueues — normally one job per organisation, keyed by the slot, so
 * the real work is an ordinary durable, retried job:
 *
 *   export const discardStaleDrafts = defineSchedule({
 *     name: "discard-stale-drafts",
 *     next: dailyAt(3, 15),                      // 03:15 Danish time
 *     async run({ slot, enqueueForEach }) {
 *       await enqueueForEach(discardDraftsJob, () => ({}), `drafts:${slot.toISOString()}`);
 *     },
 *   });
 *
 * The slot's state lives in `job_schedules`; the worker that moves it on (a conditional UPDATE, in
 * the same transaction as the enqueueing) runs it, so several instances run each slot once. A slot
 * missed while no worker ran is run once when one starts again (not once per missed slot).
 */
import "server-only";
import { TZDate } from "@date-fns/tz";
import type { z } from "zod";
import { DANISH_TZ } from "@/lib/time";
import type { ScheduleTx } from "@/lib/db/jobs";
import { toJsonValue } from "@/lib/json";
import type { JobDefinition } from "./define";

export interface ScheduleContext {
  /** The slot being run (the schedule's nextRunAt), for idempotency keys. */
  slot: Date;
  now: Date;
  organisationIds(): Promise<string[]>;
  /** Enqueues `job` for one organisation (idempotent by key, like enqueue()). */
  enqueueFor<P extends z.ZodType>(organisationId: string, job: JobDefinition<P>, payload: z.input<P>, key: string): Promise<boolean>;
  /** Enqueues `job` once per organisation, with the same key in each. */
  enqueueForEach<P extends z.ZodType>(job: JobDefinition<P>, payload: (organisationId: string) => z.input<P>, key: string): Promise<number>;
}

export interface ScheduleDefinition {
  readonly name: string;
  /** The first slot strictly after `after`. */
  next(after: Date): Date;
  run(ctx: ScheduleContext): Promise<void>;
}

export function defineSchedule(def: ScheduleDefinition): ScheduleDefinition {
  if (!/^[a-z][a-z0-9-]{1,62}$/.test(def.name)) throw new Error(`defineSchedule: "${def.name}" is not a kebab-case name`);
  return Object.freeze({ ...def });
}

/** Every day at hh:mm Danish time (summer time included). */
export function dailyAt(hour: number, minute = 0): (after: Date) => Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) throw new Error("dailyAt: bad time of day");
  return (after) => {
    const local = new TZDate(after.getTime(), DANISH_TZ);
    let candidate = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), hour, minute, 0, DANISH_TZ);
    if (candidate.getTime() <= after.getTime()) candidate = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, hour, minute, 0, DANISH_TZ);
    return new Date(candidate.getTime());
  };
}

/** Every `ms` milliseconds, aligned to multiples of `ms` since the epoch. */
export function every(ms: number): (after: Date) => Date {
  if (!Number.isInteger(ms) || ms < 1000) throw new Error("every: at least 1000 ms");
  return (after) => new Date((Math.floor(after.getTime() / ms) + 1) * ms);
}

/** The context of one slot, over the slot's transaction. */
export function scheduleContext(tx: ScheduleTx, slot: Date, now: Date): ScheduleContext {
  const enqueueFor = async <P extends z.ZodType>(organisationId: string, job: JobDefinition<P>, payload: z.input<P>, key: string) =>
    tx.insertJob({ organisationId, name: job.name, version: job.version, key, payload: toJsonValue(job.payload.parse(payload)) ?? {}, maxAttempts: job.maxAttempts });
  return {
    slot,
    now,
    organisationIds: () => tx.organisationIds(),
    enqueueFor,
    enqueueForEach: async (job, payload, key) => {
      let n = 0;
      for (const id of await tx.organisationIds()) if (await enqueueFor(id, job, payload(id), key)) n++;
      return n;
    },
  };
}
