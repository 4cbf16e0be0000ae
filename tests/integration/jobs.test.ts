/**
 * Durable jobs (lib/jobs) on both lanes: enqueued in the use case's transaction, claimed with
 * FOR UPDATE SKIP LOCKED, retried with backoff on an injected clock (no sleeps), failed after
 * maxAttempts and listed for staff, idempotent by key, and scheduled slots run once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { createOrganisation } from "@/lib/db/platform";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { claimJobs } from "@/lib/db/jobs";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { backoffMs, defineJob, JobRegistry, PermanentJobError } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/enqueue";
import { listFailedJobs } from "@/lib/jobs/failed";
import { retryJob } from "@/lib/jobs/retry";
import { defineSchedule, every } from "@/lib/jobs/schedule";
import { createWorker, type WorkerOptions } from "@/lib/jobs/worker";
import type { MailTransport } from "@/lib/mail/mail";
import { resetDatabase, testDbLane, testPrisma } from "../support/db";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: PrismaClient;
let orgA: OrgDb;
let orgB: OrgDb;

const noMail: MailTransport = { send: async () => Promise.reject(new Error("no mail in this test")) };

/** A job whose behaviour each test sets: `plan(n)` decides attempt n (throw to fail). */
const runs: Array<{ n: number; key: string; attempt: number; at: Date }> = [];
let plan: (attempt: number) => void = () => undefined;
const countJob = defineJob({
  name: "test-count",
  version: 1,
  payload: z.object({ n: z.number().int() }),
  maxAttempts: 4,
  async run(p, { job, now }) {
    runs.push({ n: p.n, key: job.key, attempt: job.attempt, at: now });
    plan(job.attempt);
  },
});
const registry = new JobRegistry([countJob]);

/** A clock the test moves (in the future, so jobs enqueued "now" by the database are due). */
function clock(start = new Date("2030-06-01T10:00:00.000Z")) {
  let t = start.getTime();
  return { now: () => new Date(t), set: (d: Date) => (t = d.getTime()), advance: (ms: number) => (t += ms) };
}

function worker(now: () => Date, extra: Partial<WorkerOptions> = {}) {
  return createWorker({ db: prisma, registry, services: { mail: noMail }, now, ...extra });
}

async function jobRow(db: OrgDb, key: string) {
  return db.job.findFirstOrThrow({ where: { key } });
}

beforeAll(() => {
  prisma = testPrisma();
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(async () => {
  await resetDatabase(prisma);
  runs.length = 0;
  plan = () => undefined;
  const settings = organisationSettingsSchema.parse({});
  const a = await createOrganisation(prisma, { slug: "jobs-a", name: "A", settings }, { actor: SYSTEM_ACTOR });
  const b = await createOrganisation(prisma, { slug: "jobs-b", name: "B", settings }, { actor: SYSTEM_ACTOR });
  orgA = orgDb(a.id, prisma);
  orgB = orgDb(b.id, prisma);
});

class Rollback extends Error {}

describe(`durable jobs (${testDbLane()} lane)`, () => {
  it("a job enqueued in a transaction that rolls back never exists and never runs", async () => {
    const c = clock();
    await expect(
      orgA.$transaction(async (tx) => {
        expect(await enqueue(tx, countJob, { n: 1 }, { key: "rolled-back" })).toEqual({ enqueued: true });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await orgA.job.count()).toBe(0);
    const r = await worker(c.now).tick();
    expect(r.jobs).toEqual([]);
    expect(runs).toEqual([]);
  });

  it("committed jobs run exactly once although two workers race for them", async () => {
    const c = clock();
    await orgA.$transaction(async (tx) => {
      for (let n = 0; n < 12; n++) await enqueue(tx, countJob, { n }, { key: `a-${n}` });
    });
    await orgB.$transaction(async (tx) => {
      for (let n = 12; n < 20; n++) await enqueue(tx, countJob, { n }, { key: `b-${n}` });
    });
    const w1 = worker(c.now, { id: "w1", batch: 3 });
    const w2 = worker(c.now, { id: "w2", batch: 3 });
    // Both workers tick concurrently, several rounds each, until neither finds work.
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all([w1.tick(), w2.tick(), w1.tick(), w2.tick()]);
      if (results.every((r) => r.jobs.length === 0)) break;
    }
    expect(runs.map((r) => r.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const rows = await prisma.job.findMany();
    expect(rows.every((j) => j.status === "done" && j.attempts === 1 && j.lockedBy === null)).toBe(true);
    // Each organisation's jobs ran with that organisation's accessor and are visible only there.
    expect(await orgA.job.count()).toBe(12);
    expect(await orgB.job.count()).toBe(8);
  });

  it("concurrent claims from many connections never hand out one job twice", async () => {
    const c = clock();
    await orgA.$transaction(async (tx) => {
      for (let n = 0; n < 30; n++) await enqueue(tx, countJob, { n }, { key: `c-${n}` });
    });
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claimJobs(prisma, { workerId: `w${i}`, now: c.now(), leaseMs: 60_000, limit: 5 })));
    const ids = claims.flat().map((j) => j.id);
    expect(ids.length).toBe(30);
    expect(new Set(ids).size).toBe(30);
  });

  it("the same key enqueues once, and the transaction goes on after the duplicate", async () => {
    const results = await orgA.$transaction(async (tx) => {
      const first = await enqueue(tx, countJob, { n: 1 }, { key: "once" });
      const second = await enqueue(tx, countJob, { n: 2 }, { key: "once" });
      await tx.kode.create({ data: { organisationId: tx.organisationId, type: "OPSIGELSESVARSEL", value: "after-duplicate", codeText: "x", rule: { months: 3, anchor: "first" } } });
      return [first, second];
    });
    expect(results).toEqual([{ enqueued: true }, { enqueued: false }]);
    const again = await orgA.$transaction((tx) => enqueue(tx, countJob, { n: 3 }, { key: "once" }));
    expect(again).toEqual({ enqueued: false });
    expect((await orgA.job.findMany()).map((j) => j.payload)).toEqual([{ n: 1 }]);
    expect(await orgA.kode.count({ where: { value: "after-duplicate" } })).toBe(1);
    // The key is per organisation: B may use it too.
    expect(await orgB.$transaction((tx) => enqueue(tx, countJob, { n: 4 }, { key: "once" }))).toEqual({ enqueued: true });
  });

  it.each([
    ["a payload that does not match the schema", { n: 1.5 }, { key: "k" }],
    ["an empty key", { n: 1 }, { key: "" }],
  ])("refuses %s at enqueue, failing the use case's transaction", async (_label, payload, opts) => {
    await expect(orgA.$transaction((tx) => enqueue(tx, countJob, payload as { n: number }, opts))).rejects.toThrow();
    expect(await orgA.job.count()).toBe(0);
  });

  it("a failing handler is retried with exponential backoff until it succeeds", async () => {
    const c = clock();
    plan = (attempt) => {
      if (attempt < 3) throw new Error(`smtp.example.internal refused (attempt ${attempt})`);
    };
    const t0 = c.now();
    await orgA.$transaction((tx) => enqueue(tx, countJob, { n: 7 }, { key: "flaky", runAt: t0 }));
    const w = worker(c.now);

    expect((await w.tick()).jobs).toEqual([{ id: expect.any(String), name: "test-count", outcome: "retry", attempt: 1, retryAt: new Date(t0.getTime() + 30_000) }]);
    let row = await jobRow(orgA, "flaky");
    expect(row).toMatchObject({ status: "pending", attempts: 1, lockedBy: null, lastError: "Error: smtp.example.internal refused (attempt 1)" });
    expect(row.runAt).toEqual(new Date(t0.getTime() + 30_000));

    c.advance(29_999);
    expect((await w.tick()).jobs).toEqual([]); // not due yet
    c.advance(1);
    expect((await w.tick()).jobs.map((j) => [j.outcome, j.attempt])).toEqual([["retry", 2]]);
    row = await jobRow(orgA, "flaky");
    expect(row.runAt).toEqual(new Date(c.now().getTime() + 60_000)); // doubled

    c.advance(59_999);
    expect((await w.tick()).jobs).toEqual([]);
    c.advance(1);
    expect((await w.tick()).jobs.map((j) => [j.outcome, j.attempt])).toEqual([["done", 3]]);
    row = await jobRow(orgA, "flaky");
    expect(row).toMatchObject({ status: "done", attempts: 3, lastError: null });
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    c.advance(3_600_000);
    expect((await w.tick()).jobs).toEqual([]); // done is done
  });

  it("after maxAttempts failures the job is failed, listed for its organisation's staff (without the error text) and can be retried", async () => {
    const c = clock();
    plan = () => {
      throw new Error("secret internal detail");
    };
    await orgA.$transaction((tx) => enqueue(tx, countJob, { n: 1 }, { key: "doomed" }));
    const w = worker(c.now);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(...(await w.tick()).jobs.map((j) => j.outcome));
      c.advance(backoffMs(8));
    }
    expect(outcomes).toEqual(["retry", "retry", "retry", "failed"]); // maxAttempts 4
    const row = await jobRow(orgA, "doomed");
    expect(row).toMatchObject({ status: "failed", attempts: 4, lastError: "Error: secret internal detail" });

    const listed = await listFailedJobs(orgA);
    expect(listed).toEqual([{ id: row.id, name: "test-count", key: "doomed", attempts: 4, createdAt: row.createdAt, failedAt: row.finishedAt }]);
    expect(JSON.stringify(listed)).not.toContain("secret");
    expect(await listFailedJobs(orgB)).toEqual([]);
    expect(await retryJob(orgB, { jobId: row.id, actor: SYSTEM_ACTOR, now: c.now() })).toEqual({ kind: "not-found" }); // another organisation's job

    plan = () => undefined;
    expect(await retryJob(orgA, { jobId: row.id, actor: SYSTEM_ACTOR, now: c.now() })).toEqual({ kind: "retried", jobId: row.id });
    expect(await retryJob(orgA, { jobId: row.id, actor: SYSTEM_ACTOR, now: c.now() })).toEqual({ kind: "not-failed" });
    expect(await orgA.auditLog.count({ where: { type: "JOB_RETRIED", entityId: row.id } })).toBe(1);
    expect((await w.tick()).jobs.map((j) => j.outcome)).toEqual(["done"]);
    expect(await listFailedJobs(orgA)).toEqual([]);
  });

  it("a PermanentJobError, an unknown definition or a payload that no longer parses fail at once", async () => {
    const c = clock();
    plan = () => {
      throw new PermanentJobError("the notice is gone");
    };
    await orgA.$transaction(async (tx) => {
      await enqueue(tx, countJob, { n: 1 }, { key: "permanent" });
      await tx.job.create({ data: { organisationId: tx.organisationId, name: "no-such-job", version: 1, key: "unknown", payload: {}, maxAttempts: 5 } });
      await tx.job.create({ data: { organisationId: tx.organisationId, name: "test-count", version: 1, key: "bad-payload", payload: { n: "x" }, maxAttempts: 5 } });
    });
    const r = await worker(c.now, { batch: 10 }).tick();
    expect(r.jobs.map((j) => j.outcome)).toEqual(["failed", "failed", "failed"]);
    expect((await orgA.job.findMany({ orderBy: { key: "asc" } })).map((j) => [j.key, j.status, j.attempts, j.lastError])).toEqual([
      ["bad-payload", "failed", 1, "PermanentJobError: payload does not match test-count@1"],
      ["permanent", "failed", 1, "PermanentJobError: the notice is gone"],
      ["unknown", "failed", 1, "PermanentJobError: no definition for no-such-job@1"],
    ]);
    expect(runs.map((x) => x.key)).toEqual(["permanent"]);
  });

  it("a run that outlives its timeout counts as a failed attempt", async () => {
    const slowJob = defineJob({ name: "test-slow", version: 1, payload: z.object({}), timeoutMs: 50, run: () => new Promise<void>(() => undefined) });
    await orgA.$transaction((tx) => enqueue(tx, slowJob, {}, { key: "slow" }));
    const r = await worker(clock().now, { registry: new JobRegistry([slowJob]) }).tick();
    expect(r.jobs.map((j) => j.outcome)).toEqual(["retry"]);
    expect((await jobRow(orgA, "slow")).lastError).toBe("Error: timed out after 50 ms");
  });

  it("a job whose worker died is claimed again after the lease, and the dead worker's late answer is ignored", async () => {
    const c = clock();
    await orgA.$transaction((tx) => enqueue(tx, countJob, { n: 1 }, { key: "orphan" }));
    const [claimed] = await claimJobs(prisma, { workerId: "dead", now: c.now(), leaseMs: 60_000, limit: 1 });
    expect(claimed?.attempts).toBe(1);
    const w = worker(c.now, { leaseMs: 60_000 });
    expect((await w.tick()).jobs).toEqual([]); // still leased
    c.advance(60_001);
    expect((await w.tick()).jobs.map((j) => [j.outcome, j.attempt])).toEqual([["done", 2]]);
    const { markJobDone } = await import("@/lib/db/jobs");
    expect(await markJobDone(prisma, claimed!.id, "dead", c.now())).toBe(false);
  });

  it("a scheduled slot runs once however many workers tick, enqueueing one job per organisation", async () => {
    const c = clock(new Date("2030-06-01T10:00:30.000Z"));
    const hourly = defineSchedule({
      name: "test-hourly",
      next: every(3_600_000),
      async run({ slot, enqueueForEach }) {
        await enqueueForEach(countJob, () => ({ n: slot.getUTCHours() }), `hourly:${slot.toISOString()}`);
      },
    });
    const workers = [worker(c.now, { id: "s1", schedules: [hourly] }), worker(c.now, { id: "s2", schedules: [hourly] })];
    // First ticks register the schedule: its first slot is 11:00.
    const first = await Promise.all(workers.map((w) => w.tick()));
    expect(first.flatMap((r) => r.schedules)).toEqual([]);
    c.set(new Date("2030-06-01T11:00:00.000Z"));
    const due = await Promise.all([...workers, ...workers].map((w) => w.tick()));
    expect(due.flatMap((r) => r.schedules)).toEqual(["test-hourly"]);
    // Settle: whatever was enqueued runs.
    while ((await workers[0]!.tick()).jobs.length > 0);
    expect(runs.map((r) => r.key).sort()).toEqual(["hourly:2030-06-01T11:00:00.000Z", "hourly:2030-06-01T11:00:00.000Z"]);
    expect(await orgA.job.count()).toBe(1);
    expect(await orgB.job.count()).toBe(1);
    // Asleep for three hours: the missed slots run once, not three times.
    c.set(new Date("2030-06-01T14:30:00.000Z"));
    const late = await Promise.all(workers.map((w) => w.tick()));
    expect(late.flatMap((r) => r.schedules)).toEqual(["test-hourly"]);
    const state = await prisma.jobSchedule.findUniqueOrThrow({ where: { name: "test-hourly" } });
    expect(state.nextRunAt).toEqual(new Date("2030-06-01T15:00:00.000Z"));
  });

  it("a schedule skips a suspended organisation (no reminders, clean-ups or digests while it is closed), and runs for it again once resumed", async () => {
    const c = clock(new Date("2030-06-01T10:00:30.000Z"));
    const hourly = defineSchedule({
      name: "test-hourly-suspended",
      next: every(3_600_000),
      async run({ slot, enqueueForEach }) {
        await enqueueForEach(countJob, () => ({ n: slot.getUTCHours() }), `suspended:${slot.toISOString()}`);
      },
    });
    const w = worker(c.now, { id: "s3", schedules: [hourly] });
    await w.tick();
    await prisma.organisation.update({ where: { id: orgB.organisationId }, data: { suspendedAt: c.now(), suspendedReason: "test" } });
    c.set(new Date("2030-06-01T11:00:00.000Z"));
    expect((await w.tick()).schedules).toEqual(["test-hourly-suspended"]);
    expect(await orgA.job.count({ where: { key: "suspended:2030-06-01T11:00:00.000Z" } })).toBe(1);
    expect(await orgB.job.count({ where: { key: "suspended:2030-06-01T11:00:00.000Z" } })).toBe(0);
    await prisma.organisation.update({ where: { id: orgB.organisationId }, data: { suspendedAt: null, suspendedReason: null } });
    c.set(new Date("2030-06-01T12:00:00.000Z"));
    expect((await w.tick()).schedules).toEqual(["test-hourly-suspended"]);
    expect(await orgB.job.count({ where: { key: "suspended:2030-06-01T12:00:00.000Z" } })).toBe(1);
  });

  it("start() and stop(): the loop runs jobs and stops cleanly", async () => {
    await orgA.$transaction((tx) => enqueue(tx, countJob, { n: 1 }, { key: "loop" }));
    const w = worker(() => new Date(Date.now() + 3_600_000));
    w.start(20);
    const deadline = Date.now() + 10_000;
    while ((await jobRow(orgA, "loop")).status !== "done" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await w.stop();
    expect((await jobRow(orgA, "loop")).status).toBe("done");
  });
});
