/**
 * Database benchmark (`npm run bench`; not part of `npm test`). Project rule: speed targets live
 * here, as ratios against a baseline measured in the same run — never as timed tests.
 *
 * Measures the embedded server (PGlite behind lib/db/embedded/server.ts, started in this process)
 * against the machine's PostgreSQL (the baseline), both migrated and seeded with the demo data,
 * both reached the way the app reaches them: createPrismaClient (adapter-pg, pool of 10) + orgDb.
 *
 *   a. tenantOverview for demo tenant anna (the deep-link page's main query)
 *   b. interactive $transaction: read + update of anna's Person row
 *   c. 20 concurrent tenantOverview calls (one sample = the whole batch)
 *   d. one single-row insert + delete (two autocommit statements)
 *
 * Iterations of each operation alternate between the two databases in rounds, so drift of the
 * machine (other load, CPU frequency) hits both sides alike. Results: a table on stdout and
 * bench/results/latest.json (git-ignored). Everything it creates — the temp directory under
 * .test-data/bench-*, the database fraflyt_bench_<pid> — is removed at the end, on failure and on
 * Ctrl+C.
 *
 * Environment: BENCH_POSTGRES_ADMIN_URL (default TEST_POSTGRES_ADMIN_URL, then
 * postgresql://postgres@127.0.0.1:5432/postgres); BENCH_SCALE multiplies the iteration counts
 * (default 1, e.g. 0.2 for a quick smoke run).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createPrismaClient, type Db } from "../lib/db/client";
import { newPassword, startEmbeddedServer, type EmbeddedServer } from "../lib/db/embedded/server";
import { createScratchPostgres, scratchDir, sweepStaleScratchDirs } from "../lib/db/scratch";
import { applyMigrations } from "../lib/db/migrate";
import { organisationBySlug } from "../lib/db/platform";
import { orgDb } from "../lib/db/scoped";
import { cprHash } from "../lib/crypto";
import { demoIdentity } from "../lib/demo/identities";
import { seedDemo } from "../lib/demo/seed";
import { tenantOverview } from "../lib/tenancy/overview";
import { todayInDenmark } from "../lib/time";

const ROOT = path.resolve(__dirname, "..");
const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
const RESULTS_FILE = path.join(ROOT, "bench/results/latest.json");
const POOL_SIZE = 10;
const CONCURRENCY = 20;
/** Rounds per operation: each round runs a slice of the iterations on one side, then the other. */
const ROUNDS = 4;

process.env.DATA_KEY ??= "fraflyt-bench-data-key-not-a-secret-0123456789";
process.env.DB_POOL_SIZE = String(POOL_SIZE);

const SCALE = (() => {
  const s = Number(process.env.BENCH_SCALE ?? 1);
  return Number.isFinite(s) && s > 0 ? s : 1;
})();
const iters = (n: number) => Math.max(ROUNDS, Math.round((n * SCALE) / ROUNDS) * ROUNDS);

type Side = "embedded" | "postgres";
const SIDES: readonly Side[] = ["embedded", "postgres"];

interface Target {
  side: Side;
  url: string;
  db: Db;
  organisationId: string;
  annaId: string;
  serverVersion: string;
}

interface Operation {
  key: string;
  label: string;
  warmup: number;
  iterations: number;
  /** Database calls one sample stands for (ops/s counts these). */
  callsPerSample: number;
  run(t: Target, i: number): Promise<void>;
}

interface Stats {
  samples: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  opsPerSec: number;
}

// ------------------------------------------------------------------------------------ cleanup

const cleanups: Array<{ name: string; fn: () => Promise<void> }> = [];
let cleaning: Promise<void> | null = null;

function onCleanup(name: string, fn: () => Promise<void>): void {
  cleanups.push({ name, fn });
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]);
}

/** Runs the registered clean-ups once, newest first; a failing step does not stop the others. */
function cleanup(): Promise<void> {
  return (cleaning ??= (async () => {
    for (const { name, fn } of cleanups.reverse()) {
      try {
        await withTimeout(fn(), 15_000, name);
      } catch (err) {
        process.stderr.write(`bench: clean-up "${name}" failed: ${(err as Error).message}\n`);
      }
    }
  })());
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\nbench: ${signal}, cleaning up …\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ------------------------------------------------------------------------------------ helpers

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}


function percentile(sorted: number[], p: number): number {
  // nearest rank
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function stats(samples: number[], callsPerSample: number): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return {
    samples: n,
    medianMs: median,
    p95Ms: percentile(sorted, 95),
    meanMs: sum / n,
    minMs: sorted[0]!,
    maxMs: sorted[n - 1]!,
    opsPerSec: (n * callsPerSample) / (sum / 1000),
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external), arrayBuffersMB: mb(m.arrayBuffers) };
}

// ------------------------------------------------------------------------------------- setup

async function seedAndLocate(side: Side, url: string, today: string): Promise<Target> {
  await applyMigrations(url, { migrationsDir: MIGRATIONS_DIR });
  const db = createPrismaClient(url);
  onCleanup(`disconnect ${side} client`, () => db.$disconnect());
  const seeded = await seedDemo({ db, today, idpIssuer: "http://localhost:3001" });
  if (!seeded.created) throw new Error(`${side}: the database was not fresh (demo data already there)`);
  const org = await organisationBySlug(db, "nordhavn");
  if (!org) throw new Error(`${side}: demo organisation nordhavn missing after seeding`);
  const anna = demoIdentity("anna");
  if (!anna) throw new Error("demo identity anna missing");
  const person = await orgDb(org.id, db).person.findUnique({
    where: { organisationId_cprHash: { organisationId: org.id, cprHash: cprHash(anna.cpr) } },
    select: { id: true },
  });
  if (!person) throw new Error(`${side}: demo person anna missing after seeding`);
  const version = await db.$queryRaw<Array<{ server_version: string }>>`SHOW server_version`;
  return { side, url, db, organisationId: org.id, annaId: person.id, serverVersion: version[0]?.server_version ?? "?" };
}

async function setupPostgres(today: string): Promise<Target> {
  const adminUrl = process.env.BENCH_POSTGRES_ADMIN_URL ?? process.env.TEST_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `fraflyt_bench_${process.pid}`;
  const db = await createScratchPostgres(name, { adminUrl });
  onCleanup(`drop database ${name}`, db.drop);
  return seedAndLocate("postgres", db.url, today);
}

async function setupEmbedded(today: string): Promise<Target> {
  sweepStaleScratchDirs("bench-");
  const dataDir = scratchDir("bench-");
  onCleanup(`remove ${path.relative(ROOT, dataDir)}`, async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const server: EmbeddedServer = await startEmbeddedServer({ dataDir, password: newPassword(), port: 0 });
  onCleanup("close embedded server", () => server.close());
  return seedAndLocate("embedded", server.url, today);
}

// -------------------------------------------------------------------------------- operations

function operations(today: string): Operation[] {
  return [
    {
      key: "tenantOverview",
      label: "a. tenantOverview (anna)",
      warmup: 30,
      iterations: iters(400),
      callsPerSample: 1,
      async run(t) {
        const rows = await tenantOverview(orgDb(t.organisationId, t.db), t.annaId, today);
        if (rows.length !== 1) throw new Error(`${t.side}: tenantOverview returned ${rows.length} tenancies for anna, expected 1`);
      },
    },
    {
      key: "transactionReadUpdate",
      label: "b. $transaction read+update",
      warmup: 20,
      iterations: iters(300),
      callsPerSample: 1,
      async run(t, i) {
        await orgDb(t.organisationId, t.db).$transaction(async (tx) => {
          const p = await tx.person.findUniqueOrThrow({ where: { id: t.annaId }, select: { id: true, mobile: true } });
          await tx.person.update({ where: { id: p.id }, data: { mobile: i % 2 ? "20112233" : "20112234" } });
        });
      },
    },
    {
      key: "concurrentOverview20",
      label: `c. ${CONCURRENCY}× tenantOverview concurrent`,
      warmup: 5,
      iterations: iters(60),
      callsPerSample: CONCURRENCY,
      async run(t) {
        const results = await Promise.all(
          Array.from({ length: CONCURRENCY }, () => tenantOverview(orgDb(t.organisationId, t.db), t.annaId, today)),
        );
        if (results.some((r) => r.length !== 1)) throw new Error(`${t.side}: a concurrent tenantOverview returned a wrong result`);
      },
    },
    {
      key: "insertDelete",
      label: "d. insert+delete (autocommit)",
      warmup: 20,
      iterations: iters(300),
      callsPerSample: 1,
      async run(t) {
        const db = orgDb(t.organisationId, t.db);
        const todo = await db.todo.create({ data: { organisationId: t.organisationId, kind: "CONFIRM_NOTICE" }, select: { id: true } });
        await db.todo.delete({ where: { id: todo.id }, select: { id: true } });
      },
    },
  ];
}

async function measure(op: Operation, targets: Record<Side, Target>): Promise<Record<Side, number[]>> {
  for (const side of SIDES) for (let i = 0; i < op.warmup; i++) await op.run(targets[side], i);
  const samples: Record<Side, number[]> = { embedded: [], postgres: [] };
  const perRound = op.iterations / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? SIDES : [...SIDES].reverse();
    for (const side of order) {
      for (let i = 0; i < perRound; i++) {
        const start = performance.now();
        await op.run(targets[side], i);
        samples[side].push(performance.now() - start);
      }
    }
  }
  return samples;
}

// --------------------------------------------------------------------------------------- main

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

async function main(): Promise<void> {
  const started = performance.now();
  const today = todayInDenmark();
  const loadBefore = os.loadavg()[0]!;
  log(`today (Denmark) ${today}; ${os.cpus().length} CPUs; node ${process.version}; pool ${POOL_SIZE}; scale ${SCALE}`);

  log("creating the PostgreSQL database (baseline) …");
  const postgres = await setupPostgres(today);

  const memBefore = memory();
  log("starting the embedded server (in this process) …");
  const embedded = await setupEmbedded(today);
  const memAfterSetup = memory();
  const targets: Record<Side, Target> = { embedded, postgres };
  log(`ready after ${((performance.now() - started) / 1000).toFixed(1)} s (embedded PostgreSQL ${embedded.serverVersion} in PGlite, PostgreSQL ${postgres.serverVersion})`);

  // Same answer from both databases: we measure the same work.
  const [ea, pa] = await Promise.all(SIDES.map((s) => tenantOverview(orgDb(targets[s].organisationId, targets[s].db), targets[s].annaId, today)));
  const strip = (rows: typeof ea) => JSON.stringify(rows?.map(({ lejerId: _l, activeNoticeId: _a, ...rest }) => rest));
  if (strip(ea) !== strip(pa)) throw new Error("tenantOverview differs between the embedded server and PostgreSQL");

  const results: Array<{ key: string; label: string; callsPerSample: number; embedded: Stats; postgres: Stats; ratioMedian: number; ratioP95: number }> = [];
  for (const op of operations(today)) {
    if (interrupted) return;
    const t0 = performance.now();
    const samples = await measure(op, targets);
    const e = stats(samples.embedded, op.callsPerSample);
    const p = stats(samples.postgres, op.callsPerSample);
    results.push({ key: op.key, label: op.label, callsPerSample: op.callsPerSample, embedded: e, postgres: p, ratioMedian: e.medianMs / p.medianMs, ratioP95: e.p95Ms / p.p95Ms });
    log(`${op.label}: ${op.iterations} iterations per database in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const memAfter = memory();
  const loadAfter = os.loadavg()[0]!;
  const totalS = (performance.now() - started) / 1000;

  // ------------------------------------------------------------------------------ the table
  const fmt = (x: number) => x.toFixed(2);
  const header = [
    pad("operation", 34),
    pad("embedded med/p95 ms", 20, true),
    pad("ops/s", 8, true),
    pad("PostgreSQL med/p95 ms", 22, true),
    pad("ops/s", 8, true),
    pad("ratio med", 10, true),
    pad("ratio p95", 10, true),
  ].join("  ");
  const lines = results.map((r) =>
    [
      pad(r.label, 34),
      pad(`${fmt(r.embedded.medianMs)} / ${fmt(r.embedded.p95Ms)}`, 20, true),
      pad(r.embedded.opsPerSec.toFixed(0), 8, true),
      pad(`${fmt(r.postgres.medianMs)} / ${fmt(r.postgres.p95Ms)}`, 22, true),
      pad(r.postgres.opsPerSec.toFixed(0), 8, true),
      pad(`${r.ratioMedian.toFixed(2)}×`, 10, true),
      pad(`${r.ratioP95.toFixed(2)}×`, 10, true),
    ].join("  "),
  );
  const rule = "-".repeat(header.length);
  process.stdout.write(
    [
      "",
      `Fraflyt database benchmark — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}`,
      `embedded = PGlite server in this process; baseline = PostgreSQL ${postgres.serverVersion} on this machine; adapter-pg pool ${POOL_SIZE}`,
      "ratio = embedded / PostgreSQL (1.00× = as fast as PostgreSQL, 2.00× = twice as slow); ops/s counts calls (c: 20 per sample)",
      rule,
      header,
      rule,
      ...lines,
      rule,
      `Memory (indication only: process.memoryUsage() of this process, which also holds both Prisma clients; GC-dependent):`,
      `  RSS before starting the embedded server ${memBefore.rssMB} MB, after migrate+seed ${memAfterSetup.rssMB} MB, after the benchmark ${memAfter.rssMB} MB` +
        ` → delta ${r2(memAfter.rssMB - memBefore.rssMB)} MB (arrayBuffers delta ${r2(memAfter.arrayBuffersMB - memBefore.arrayBuffersMB)} MB)`,
      `Load average (1 min, context only; "after" includes this benchmark): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
      `Total ${totalS.toFixed(1)} s. JSON: ${path.relative(ROOT, RESULTS_FILE)}`,
      "",
    ].join("\n"),
  );

  // ------------------------------------------------------------------------------------ JSON
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const json = {
    date: new Date().toISOString(),
    today,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, totalMemMB: mb(os.totalmem()), platform: `${os.platform()} ${os.release()}`, node: process.version },
    loadAverage1m: { before: r2(loadBefore), after: r2(loadAfter) },
    config: { poolSize: POOL_SIZE, concurrency: CONCURRENCY, rounds: ROUNDS, scale: SCALE },
    servers: { embedded: `PGlite (PostgreSQL ${embedded.serverVersion}), in-process`, postgres: `PostgreSQL ${postgres.serverVersion}` },
    results: results.map((r) => ({
      key: r.key,
      label: r.label,
      callsPerSample: r.callsPerSample,
      embedded: roundStats(r.embedded),
      postgres: roundStats(r.postgres),
      ratioMedian: r3(r.ratioMedian),
      ratioP95: r3(r.ratioP95),
    })),
    memory: {
      note: "indication only: process.memoryUsage() of the bench process, which runs the embedded server in-process and also holds both Prisma clients",
      beforeEmbedded: memBefore,
      afterSetup: memAfterSetup,
      afterBenchmark: memAfter,
      rssDeltaMB: r2(memAfter.rssMB - memBefore.rssMB),
    },
    totalSeconds: r2(totalS),
  };
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(json, null, 2) + "\n");
}

function roundStats(s: Stats) {
  return {
    samples: s.samples,
    medianMs: r3(s.medianMs),
    p95Ms: r3(s.p95Ms),
    meanMs: r3(s.meanMs),
    minMs: r3(s.minMs),
    maxMs: r3(s.maxMs),
    opsPerSec: r2(s.opsPerSec),
  };
}

main()
  .then(
    () => cleanup().then(() => 0),
    (err: unknown) => {
      // After Ctrl+C the in-flight queries fail because their pools were closed: not worth a stack.
      if (!interrupted) process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      return cleanup().then(() => 1);
    },
  )
  .then((code) => {
    if (!interrupted) process.exit(code);
  });
