/**
 * The job worker. `tick()` does one round: run the schedules that are due, claim up to `batch` due
 * jobs (FOR UPDATE SKIP LOCKED: several workers, in one process or many, never claim the same
 * job), run each, and record the outcome — done; or pending again after backoffMs(attempt); or
 * failed once maxAttempts are used up (or at once for a PermanentJobError, a payload that no longer
 * parses or a job without a definition). `start()` ticks every `intervalMs` until `stop()`.
 *
 * Delivery is at least once: a worker that dies mid-job leaves it "running"; after `leaseMs` another
 * worker claims it again (the attempt counts). Handlers are idempotent by the job's key.
 *
 * The clock is injected (`now`), so tests step time instead of sleeping.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/platform";
import { claimJobs, dueSchedules, ensureSchedule, markJobDone, markJobFailedAttempt, runScheduleSlot, type ClaimedJob } from "@/lib/db/jobs";
import { orgDb } from "@/lib/db/scoped";
import { readSettings } from "@/lib/organisation/settings";
import { logger } from "@/lib/logger";
import { backoffMs, PermanentJobError, type JobRegistry, type JobServices } from "./define";
import { scheduleContext, type ScheduleDefinition } from "./schedule";

export interface WorkerOptions {
  db: Db;
  registry: JobRegistry;
  services: JobServices;
  schedules?: readonly ScheduleDefinition[];
  /** Default: `worker-<random>`; appears in lockedBy. */
  id?: string;
  now?: () => Date;
  /** Jobs claimed per tick (default 5). */
  batch?: number;
  /** A running job whose worker has been silent this long is claimed again (default 10 min). */
  leaseMs?: number;
  /** Delay before retry n+1 after n failed attempts (default backoffMs). */
  backoff?: (attempt: number) => number;
}

export type JobOutcome = { id: string; name: string; outcome: "done" | "retry" | "failed"; attempt: number; retryAt?: Date };

export interface Worker {
  readonly id: string;
  tick(): Promise<{ jobs: JobOutcome[]; schedules: string[] }>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/** The error as stored for staff and logs: its class and first line, capped. Never shown to tenants. */
export function describeError(err: unknown): string {
  const e = err instanceof Error ? `${err.name}: ${err.message}` : `thrown: ${String(err)}`;
  return e.split("\n")[0]!.slice(0, 500);
}

export function createWorker(options: WorkerOptions): Worker {
  const id = options.id ?? `worker-${randomUUID().slice(0, 8)}`;
  const now = options.now ?? (() => new Date());
  const batch = options.batch ?? 5;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const backoff = options.backoff ?? ((a: number) => backoffMs(a));
  const schedules = options.schedules ?? [];
  const log = logger.child({ worker: id });
  let ensured = false;

  async function runSchedules(): Promise<string[]> {
    if (schedules.length === 0) return [];
    const t = now();
    if (!ensured) {
      for (const s of schedules) await ensureSchedule(options.db, s.name, s.next(t));
      ensured = true;
    }
    const ran: string[] = [];
    for (const due of await dueSchedules(options.db, schedules.map((s) => s.name), t)) {
      const def = schedules.find((s) => s.name === due.name)!;
      try {
        const won = await runScheduleSlot(options.db, { name: def.name, slot: due.nextRunAt, next: def.next(t), now: t }, (tx) => def.run(scheduleContext(tx, due.nextRunAt, t)));
        if (won) ran.push(def.name);
      } catch (err) {
        log.error({ schedule: def.name, err: describeError(err) }, "schedule slot failed; it stays due");
      }
    }
    return ran;
  }

  async function runJob(job: ClaimedJob): Promise<JobOutcome> {
    const started = now();
    const def = options.registry.get(job.name, job.version);
    let error: unknown = null;
    let permanent = false;
    if (!def) {
      error = new PermanentJobError(`no definition for ${job.name}@${job.version}`);
      permanent = true;
    } else if (job.attempts > job.maxAttempts) {
      error = new PermanentJobError(`abandoned: its worker stopped during attempt ${job.attempts - 1}`);
      permanent = true;
    } else {
      const parsed = def.payload.safeParse(job.payload);
      if (!parsed.success) {
        error = new PermanentJobError(`payload does not match ${job.name}@${job.version}`);
        permanent = true;
      } else {
        try {
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${def.timeoutMs} ms`)), def.timeoutMs);
          });
          const run = def.run(parsed.data, {
            job: { id: job.id, organisationId: job.organisationId, name: job.name, version: job.version, key: job.key, attempt: job.attempts, maxAttempts: job.maxAttempts },
            db: orgDb(job.organisationId, options.db),
            now: started,
            settings: async () => readSettings((await options.db.organisation.findUnique({ where: { id: job.organisationId }, select: { settings: true } }))?.settings),
            organisation: async () => {
              const o = await options.db.organisation.findUnique({ where: { id: job.organisationId }, select: { id: true, slug: true, name: true, suspendedAt: true } });
              if (!o) throw new PermanentJobError(`organisation ${job.organisationId} is gone`);
              return o;
            },
            services: options.services,
          });
          // A run that outlives its timeout is given up (its later result is ignored: the row is no longer ours).
          run.catch(() => undefined);
          try {
            await Promise.race([run, timeout]);
          } finally {
            clearTimeout(timer);
          }
        } catch (err) {
          error = err;
          permanent = err instanceof PermanentJobError;
        }
      }
    }
    const finished = now();
    if (error === null) {
      await markJobDone(options.db, job.id, id, finished);
      log.info({ job: job.id, name: job.name, attempt: job.attempts }, "job done");
      return { id: job.id, name: job.name, outcome: "done", attempt: job.attempts };
    }
    const giveUp = permanent || job.attempts >= job.maxAttempts;
    const retryAt = giveUp ? null : new Date(finished.getTime() + backoff(job.attempts));
    await markJobFailedAttempt(options.db, job.id, id, { now: finished, error: describeError(error), retryAt });
    if (giveUp) log.error({ job: job.id, name: job.name, attempt: job.attempts, err: describeError(error) }, "job failed for good");
    else log.warn({ job: job.id, name: job.name, attempt: job.attempts, retryAt, err: describeError(error) }, "job failed; will retry");
    return retryAt ? { id: job.id, name: job.name, outcome: "retry", attempt: job.attempts, retryAt } : { id: job.id, name: job.name, outcome: "failed", attempt: job.attempts };
  }

  async function tick() {
    const ranSchedules = await runSchedules();
    const claimed = await claimJobs(options.db, { workerId: id, now: now(), leaseMs, limit: batch });
    const outcomes: JobOutcome[] = [];
    for (const job of claimed) outcomes.push(await runJob(job));
    return { jobs: outcomes, schedules: ranSchedules };
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  return {
    id,
    tick,
    start(intervalMs = 2000) {
      stopped = false;
      const loop = () => {
        if (stopped) return;
        running = tick()
          .then((r) => r.jobs.length)
          .catch((err: unknown) => {
            log.error({ err: describeError(err) }, "worker tick failed (database unreachable?)");
            return 0;
          })
          .then((n) => {
            running = null;
            // A full batch: there may be more, go again at once.
            if (!stopped) timer = setTimeout(loop, n >= batch ? 0 : intervalMs);
          });
      };
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
