/**
 * Tenancy import benchmark (`npm run bench:import`; not part of `npm test`). Generates a CSV export
 * of BENCH_ROWS tenancies (default 100 000; every 100th row bad), and runs the import the way the
 * app does — upload (parse, hash the CPR numbers, store the gzipped rows), dry run, apply in one
 * transaction — and then the same file again (which must change nothing), against a fresh
 * database: the embedded server (PGlite, in this process) and/or the machine's PostgreSQL
 * (BENCH_DB=embedded|postgres|both, default both). Prints the time and rows per second of each
 * step. The job's phases are called directly (lib/import/phases.ts), as the worker would.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createPrismaClient, type Db } from "../lib/db/client";
import { newPassword, startEmbeddedServer } from "../lib/db/embedded/server";
import { createScratchPostgres, scratchDir } from "../lib/db/scratch";
import { applyMigrations } from "../lib/db/migrate";
import { createOrganisation } from "../lib/db/platform";
import { orgDb } from "../lib/db/scoped";
import { SYSTEM_ACTOR } from "../lib/audit/events";
import { organisationSettingsSchema } from "../lib/organisation/settings";
import { cprHash } from "../lib/crypto";
import { protectCpr, readImportFile } from "../lib/import/parse";
import { encodeTable } from "../lib/import/content";
import { requestApply, uploadImport } from "../lib/import/runs";
import { runApply, runDryRun } from "../lib/import/phases";

process.env.DATA_KEY ??= "fraflyt-bench-data-key-not-a-secret-0123456789";
const ROOT = path.resolve(__dirname, "..");
const ROWS = Math.max(100, Number(process.env.BENCH_ROWS ?? 100_000));
const SIDES = (process.env.BENCH_DB ?? "both") === "both" ? (["embedded", "postgres"] as const) : ([process.env.BENCH_DB] as ["embedded" | "postgres"]);
const log = (m: string) => process.stdout.write(`[bench:import] ${m}\n`);
const cleanups: Array<() => Promise<void>> = [];

/** A valid, unique, fictitious CPR number for row i (day 01–28, month 01–12, year 00–99, serial). */
function cprOf(i: number): string {
  const d = (i % 28) + 1;
  const m = (Math.floor(i / 28) % 12) + 1;
  const y = Math.floor(i / 336) % 100;
  const s = Math.floor(i / 33_600);
  return `${String(d).padStart(2, "0")}${String(m).padStart(2, "0")}${String(y).padStart(2, "0")}${String(s).padStart(4, "0")}`;
}

function generateCsv(rows: number): Buffer {
  const lines = ["SelskabNr;SelskabNavn;EjendomNr;EjendomNavn;LejemaalNr;HovedLejemaalNr;Adresse1;Postnr;By;Boligtype;LejerNr;IndflytDato;FraflytOpsigVarsel;FraflytIstandPeriode;Lejer1Navn;Lejer1Cpr;Lejer1Mobil;Lejer1Email"];
  for (let i = 0; i < rows; i++) {
    const s = 1 + Math.floor(i / 50_000);
    const e = 1 + (Math.floor(i / 500) % 100);
    const l = 1 + (i % 500);
    const bad = i % 100 === 99;
    const date = bad ? "31-02-2020" : `${String((i % 28) + 1).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}-${2000 + (i % 25)}`;
    lines.push([s, `Selskab ${s}`, e, `Afdeling ${e}`, l, "", `Testvej ${l}, ${1 + (i % 5)}. tv`, "2100", "København Ø", "FAM", 2, date, "3M", 14, `Lejer ${i} Æbelø`, cprOf(i), `2${String(i).padStart(7, "0")}`, `lejer${i}@example.dk`].join(";"));
  }
  return Buffer.from(lines.join("\r\n") + "\r\n", "utf8");
}

async function database(side: "embedded" | "postgres"): Promise<{ url: string; db: Db }> {
  let url: string;
  if (side === "postgres") {
    const adminUrl = process.env.BENCH_POSTGRES_ADMIN_URL ?? process.env.TEST_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const name = `fraflyt_bench_import_${process.pid}`;
    const pg = await createScratchPostgres(name, { adminUrl });
    cleanups.push(pg.drop);
    url = pg.url;
  } else {
    const dir = scratchDir("bench-import-");
    // In this process (as bench/run.ts does): the import's own CPU work then holds up the server's
    // event loop too, so the idle-in-transaction guard (5 s; for a separate server process) is relaxed.
    const server = await startEmbeddedServer({ dataDir: dir, password: newPassword(), port: 0, idleInTransactionTimeoutMs: 120_000 });
    cleanups.push(async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    url = server.url;
  }
  await applyMigrations(url, { migrationsDir: path.join(ROOT, "prisma/migrations") });
  const db = createPrismaClient(url);
  cleanups.unshift(() => db.$disconnect());
  return { url, db };
}

type Step = { step: string; seconds: number; rowsPerSecond: number; note?: string };

async function benchSide(side: "embedded" | "postgres", file: Buffer): Promise<Step[]> {
  const { db } = await database(side);
  const org = await createOrganisation(db, { slug: `bench-import-${process.pid}`, name: "Bench import", settings: organisationSettingsSchema.parse({}) }, { actor: SYSTEM_ACTOR });
  const odb = orgDb(org.id, db);
  await odb.kode.createMany({
    data: [
      { organisationId: org.id, type: "OPSIGELSESVARSEL", value: "3M", codeText: "3 måneder", rule: { months: 3, anchor: "first" } },
      { organisationId: org.id, type: "BOLIGTYPE", value: "FAM", codeText: "Familiebolig" },
    ],
  });
  const user = await odb.user.create({ data: { organisationId: org.id, email: "bench@import.example", name: "Bench", roles: ["CASEWORKER"] } });
  const who = { actor: { type: "STAFF" as const, id: user.id, label: user.email }, userId: user.id };
  const steps: Step[] = [];
  const time = async <T>(step: string, fn: () => Promise<T>, note?: (r: T) => string): Promise<T> => {
    const t0 = performance.now();
    const r = await fn();
    const seconds = (performance.now() - t0) / 1000;
    steps.push({ step, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(ROWS / seconds), ...(note ? { note: note(r) } : {}) });
    log(`${side}: ${step} ${seconds.toFixed(2)} s${note ? ` (${note(r)})` : ""}`);
    return r;
  };
  const counts = async (id: string) => {
    const r = await odb.importRun.findUniqueOrThrow({ where: { id }, select: { status: true, created: true, changed: true, unchanged: true, refused: true } });
    return `${r.status}: ${r.created} created, ${r.changed} changed, ${r.unchanged} unchanged, ${r.refused} refused`;
  };
  for (const round of ["first import", "same file again"] as const) {
    const { id } = await time(`${round}: upload (parse + hash CPR + store)`, () => uploadImport(odb, { fileName: "bench.csv", contentType: "text/csv", bytes: file, ...who }));
    await time(`${round}: dry run`, () => runDryRun(odb, id).then(() => counts(id)), (r) => r);
    await requestApply(odb, { runId: id, ...who });
    await time(`${round}: apply (one transaction)`, () => runApply(odb, id, { actor: who.actor }).then(() => counts(id)), (r) => r);
  }
  const total = { lejer: await odb.lejer.count(), person: await odb.person.count(), lejemaal: await odb.lejemaal.count() };
  log(`${side}: in the database: ${total.lejer} tenancies, ${total.lejemaal} lease units, ${total.person} persons`);
  return steps;
}

async function main() {
  log(`generating ${ROWS} tenancies …`);
  const file = generateCsv(ROWS);
  log(`CSV: ${(file.length / 1024 / 1024).toFixed(1)} MB`);
  const t0 = performance.now();
  const stored = encodeTable(protectCpr(await readImportFile(file), cprHash));
  const parseSeconds = (performance.now() - t0) / 1000;
  log(`parse + hash + gzip alone: ${parseSeconds.toFixed(2)} s (${Math.round(ROWS / parseSeconds)} rows/s), stored ${(stored.length / 1024 / 1024).toFixed(1)} MB`);
  const results: Record<string, Step[]> = {};
  for (const side of SIDES) {
    log(`--- ${side}`);
    results[side] = await benchSide(side, file);
  }
  process.stdout.write(`\n| step | ${SIDES.join(" s | ")} s |\n|---|${SIDES.map(() => "---:").join("|")}|\n`);
  for (let i = 0; i < results[SIDES[0]]!.length; i++) {
    process.stdout.write(`| ${results[SIDES[0]]![i]!.step} | ${SIDES.map((s) => `${results[s]![i]!.seconds} (${results[s]![i]!.rowsPerSecond} rows/s)`).join(" | ")} |\n`);
  }
  fs.mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench/results/import.json"), JSON.stringify({ rows: ROWS, csvBytes: file.length, parseSeconds, results, node: process.version, at: new Date().toISOString() }, null, 2));
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`[bench:import] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const c of cleanups) await c().catch(() => undefined);
  });
