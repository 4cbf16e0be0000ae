/**
 * Casework benchmark (`npm run bench:casework`; a script, not a timed test — issue 12 §6). On the
 * machine's PostgreSQL (BENCH_POSTGRES_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres,
 * trust auth) it creates a scratch database, applies the committed migrations, seeds
 * BENCH_ORGS (50) organisations with BENCH_TENANCIES (600 000) tenancies and BENCH_NOTICES (1 000 000)
 * notices with set-based SQL (INSERT … SELECT generate_series; deterministic ids from md5, so no
 * round trips), ANALYZEs, and prints in one run:
 *
 *  - the missing-data report (lib/casework/missing-data.ts): its first page and its full CSV against
 *    the guide's raw SQL on the same data (ratio, goal ≤ 1.5×; first page goal < 200 ms);
 *  - the inbox (lib/casework/inbox.ts, the inbox helper's: skipped until it is merged): the first
 *    page with two filters and a sort, p95 over ≥ 30 runs across organisations (goal < 200 ms), and a
 *    deep page by keyset (the cursor of page 50);
 *  - the dashboard counts (lib/casework/dashboard.ts);
 *  - EXPLAIN (ANALYZE, FORMAT JSON) of every query the app sent (captured from Prisma's query
 *    events): the indexes used, whether each leads with organisationId, and any sequential scan of a
 *    large table (flagged).
 *
 * The database is dropped at the end (BENCH_KEEP=1 keeps it).
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createScratchPostgres } from "../lib/db/scratch";
import { applyMigrations } from "../lib/db/migrate";
import { createOrganisation } from "../lib/db/platform";
import { orgDb, type OrgDb } from "../lib/db/scoped";
import { SYSTEM_ACTOR } from "../lib/audit/events";
import { organisationSettingsSchema } from "../lib/organisation/settings";
import { PERMISSIONS } from "../lib/auth/permissions";
import { csvLine } from "../lib/text/csv";
import { listMissingData, missingDataCsvStream } from "../lib/casework/missing-data";
import { dashboardFigures } from "../lib/casework/dashboard";

process.env.DATA_KEY ??= "fraflyt-bench-data-key-not-a-secret-0123456789";
const ROOT = path.resolve(__dirname, "..");
const ORGS = Math.max(2, Number(process.env.BENCH_ORGS ?? 50));
const TENANCIES = Math.max(ORGS * 100, Number(process.env.BENCH_TENANCIES ?? 600_000));
const NOTICES = Math.max(ORGS * 100, Number(process.env.BENCH_NOTICES ?? 1_000_000));
const RUNS = Math.max(30, Number(process.env.BENCH_RUNS ?? 50));
const PER_ORG_T = Math.floor(TENANCIES / ORGS);
const PER_ORG_N = Math.floor(NOTICES / ORGS);
const LARGE_TABLES = new Set(["Lejer", "Lejemaal", "Person", "Opsigelse", "Todo", "Job", "AuditLog"]);
const log = (m: string) => process.stdout.write(`[bench:casework] ${m}\n`);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function stats(ms: number[]): { median: number; p95: number; min: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), min: s[0]! };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

// ------------------------------------------------------------------------------------ seeding

/** The seed, set-based: each statement inserts one table for every organisation at once. */
function seedSql(): string[] {
  const T = PER_ORG_T;
  const N = PER_ORG_N;
  // Deterministic ids: md5 of a tag, the organisation's ordinal and the row's ordinal, as a uuid.
  const id = (tag: string, ...parts: string[]) => `md5('${tag}:' || ${parts.join(" || ':' || ")})::uuid`;
  return [
    // Codes: one notice rule, two housing types, one sum type per organisation.
    `INSERT INTO "Kode" ("id","organisationId","type","value","codeText","rule","updatedAt")
     SELECT ${id("k", "o.o", "c.v")}, o.id, c.t::"KodeType", c.v, c.txt, c.rule::jsonb, now()
     FROM bench_orgs o CROSS JOIN (VALUES ('OPSIGELSESVARSEL','3M1','3 måneder til den 1.','{"months":3,"anchor":"first"}'),
       ('BOLIGTYPE','FAM','Familiebolig',NULL),('BOLIGTYPE','UNG','Ungdomsbolig',NULL),('SUMTYPE','HUSL','Husleje',NULL)) AS c(t,v,txt,rule)`,
    // Two companies per organisation; every tenth organisation's second company is stopped.
    `INSERT INTO "Selskab" ("id","organisationId","nr","name","stoppedOn","updatedAt")
     SELECT ${id("s", "o.o", "s")}, o.id, s, 'Boligselskab ' || s, CASE WHEN s = 2 AND o.o % 10 = 0 THEN DATE '2025-06-30' END, now()
     FROM bench_orgs o CROSS JOIN generate_series(1, 2) s`,
    // Ten properties per organisation (k = 0…9; five per company); the last of each organisation is stopped.
    `INSERT INTO "Ejendom" ("id","organisationId","selskabId","nr","name","stoppedOn","updatedAt")
     SELECT ${id("e", "o.o", "k")}, o.id, ${id("s", "o.o", "(k / 5 + 1)")}, k + 1, 'Afdeling ' || (k + 1), CASE WHEN k = 9 THEN DATE '2026-01-31' END, now()
     FROM bench_orgs o CROSS JOIN generate_series(0, 9) k`,
    `INSERT INTO "Person" ("id","organisationId","name","mobile","updatedAt")
     SELECT ${id("p", "o.o", "i")}, o.id, 'Lejer ' || i || ' Æbelø', '2' || lpad(i::text, 7, '0'), now()
     FROM bench_orgs o CROSS JOIN generate_series(0, ${T - 1}) i`,
    // Lease units: tenancy i lives in property i % 10; about 1 % have ended.
    `INSERT INTO "Lejemaal" ("id","organisationId","ejendomId","nr","address1","postalCode","city","boligtypeId","sumtypeId","endedOn","updatedAt")
     SELECT ${id("lm", "o.o", "i")}, o.id, ${id("e", "o.o", "(i % 10)")}, i / 10 + 1, 'Testvej ' || (i / 10 + 1) || ', ' || (i % 5) || '. tv', '2100', 'København Ø',
            ${id("k", "o.o", "(CASE WHEN i % 7 = 0 THEN 'UNG' ELSE 'FAM' END)")}, ${id("k", "o.o", "'HUSL'")}, CASE WHEN i % 97 = 5 THEN DATE '2024-12-31' END, now()
     FROM bench_orgs o CROSS JOIN generate_series(0, ${T - 1}) i`,
    // Tenancies: LejerNr 1…4 (odd and even), 5 % terminated; ~3 % missing data: no notice rule (i % 50 = 7) or no renovation period (i % 100 = 13).
    `INSERT INTO "Lejer" ("id","organisationId","lejemaalId","nr","moveInDate","noticeRuleId","renovationDays","terminatedOn","legalTenant1Id","updatedAt")
     SELECT ${id("l", "o.o", "i")}, o.id, ${id("lm", "o.o", "i")}, 1 + i % 4, DATE '2000-01-01' + (i % 9000),
            CASE WHEN i % 50 = 7 THEN NULL ELSE ${id("k", "o.o", "'3M1'")} END, CASE WHEN i % 100 = 13 THEN NULL ELSE 14 END,
            CASE WHEN i % 20 = 0 THEN DATE '2025-01-31' END, ${id("p", "o.o", "i")}, now()
     FROM bench_orgs o CROSS JOIN generate_series(0, ${T - 1}) i`,
    // Notices: notice j is of tenancy j % T; at most one active (DRAFT/AWAITING_SIGNATURES) per
    // tenancy (only j < T may be active); the rest SUBMITTED 35 %, CONFIRMED 50 %, CANCELLED 15 %,
    // submitted over the last two years, with the inbox columns filled.
    `INSERT INTO "Opsigelse" ("id","organisationId","lejerId","status","submittedAt","noticeDate","moveOutDate","terminationDate","inspectionDate","relettingDate",
                              "selskabId","ejendomId","reasonValue","searchText","cancelledAt","cancelledReason","processedAt","caseReference","createdAt","updatedAt")
     SELECT ${id("n", "o.o", "j")}, o.id, ${id("l", "o.o", "(j % " + T + ")")}, x.status::"OpsigelseStatus",
            CASE WHEN x.status IN ('DRAFT','AWAITING_SIGNATURES') THEN NULL ELSE x.at END,
            x.at::date, x.at::date + 30 + (j % 90), x.at::date + 30 + (j % 90), x.at::date + 28 + (j % 90), x.at::date + 45 + (j % 90),
            ${id("s", "o.o", "((j % " + T + ") % 10 / 5 + 1)")}, ${id("e", "o.o", "((j % " + T + ") % 10)")},
            (ARRAY['FLYT','KOEB','PLEJE','DOED','ANDET'])[1 + j % 5],
            lower('testvej ' || ((j % ${T}) / 10 + 1) || ', ' || ((j % ${T}) % 5) || '. tv 2100 københavn ø lejer ' || (j % ${T}) || ' æbelø 1-' || ((j % ${T}) % 10 + 1) || '-' || ((j % ${T}) / 10 + 1)),
            CASE WHEN x.status = 'CANCELLED' THEN x.at + interval '3 days' END, CASE WHEN x.status = 'CANCELLED' THEN 'Fortrudt' END,
            CASE WHEN x.status = 'CONFIRMED' THEN x.at + interval '2 days' END, CASE WHEN x.status = 'CONFIRMED' THEN 'SAG-' || j END,
            x.at, x.at
     FROM bench_orgs o CROSS JOIN generate_series(0, ${N - 1}) j
     CROSS JOIN LATERAL (SELECT
        CASE WHEN j < ${T} AND j % 100 < 5 THEN 'DRAFT' WHEN j < ${T} AND j % 100 < 8 THEN 'AWAITING_SIGNATURES'
             WHEN (j * 7) % 100 < 35 THEN 'SUBMITTED' WHEN (j * 7) % 100 < 85 THEN 'CONFIRMED' ELSE 'CANCELLED' END AS status,
        TIMESTAMP '2026-12-01 12:00' - ((j * 7919 + o.o * 104729) % (730 * 24 * 60)) * interval '1 minute' AS at) x`,
    // To-dos: an open confirm-notice per received notice, one tenancy-details to-do per active tenancy missing data, reminders.
    `INSERT INTO "Todo" ("id","organisationId","kind","status","lejerId","opsigelseId","createdAt","updatedAt")
     SELECT gen_random_uuid(), n."organisationId", 'CONFIRM_NOTICE', 'OPEN', n."lejerId", n.id, n."submittedAt", now() FROM "Opsigelse" n WHERE n.status = 'SUBMITTED'`,
    `INSERT INTO "Todo" ("id","organisationId","kind","status","lejerId","updatedAt")
     SELECT gen_random_uuid(), l."organisationId", 'PROVIDE_TENANCY_DETAILS', 'OPEN', l.id, now() FROM "Lejer" l WHERE (l."noticeRuleId" IS NULL OR l."renovationDays" IS NULL) AND l."terminatedOn" IS NULL`,
    `INSERT INTO "Todo" ("id","organisationId","kind","status","dueDate","category","source","title","updatedAt")
     SELECT gen_random_uuid(), o.id, 'REMINDER', CASE WHEN r % 4 = 0 THEN 'COMPLETED' ELSE 'OPEN' END::"TodoStatus", DATE '2026-12-01' + (r % 60) - 30, 'Fraflytning', 'paused', 'Erindring ' || r, now()
     FROM bench_orgs o CROSS JOIN generate_series(1, 200) r`,
    // Jobs: 2 000 done per organisation, 5 failed.
    `INSERT INTO "Job" ("id","organisationId","name","version","key","payload","status","maxAttempts","attempts","updatedAt","finishedAt")
     SELECT gen_random_uuid(), o.id, CASE WHEN r % 2 = 0 THEN 'send-mail' ELSE 'render-notice-letter' END, 1, 'bench:' || r, '{}'::jsonb,
            CASE WHEN r <= 5 THEN 'failed' ELSE 'done' END::"JobStatus", 5, CASE WHEN r <= 5 THEN 5 ELSE 1 END, now(), now()
     FROM bench_orgs o CROSS JOIN generate_series(1, 2000) r`,
  ];
}

// ------------------------------------------------------------------------------------ the guide's SQL

/** The guide's "Hjælp til at finde manglende data på Lejer" on our schema (without its `LejerNr % 2 = 0`). */
const GUIDE_SQL = `
SELECT S.nr AS "SelskabNr", E.nr AS "EjendomNr", LM.nr AS "LejemaalNr", L.nr AS "LejerNr", LM.address1 AS "Adresse1", L."moveInDate" AS "IndflytDato",
       K.value AS "FraflytOpsigVarsel", L."renovationDays" AS "FraflytIstandPeriode",
       (SELECT "codeText" FROM "Kode" WHERE "organisationId" = LM."organisationId" AND id = LM."boligtypeId") AS "Boligtype",
       (SELECT "codeText" FROM "Kode" WHERE "organisationId" = LM."organisationId" AND id = LM."sumtypeId") AS "Sumtype"
FROM "Lejer" L
JOIN "Lejemaal" LM ON LM."organisationId" = L."organisationId" AND LM.id = L."lejemaalId"
JOIN "Ejendom" E ON E."organisationId" = LM."organisationId" AND E.id = LM."ejendomId"
JOIN "Selskab" S ON S."organisationId" = E."organisationId" AND S.id = E."selskabId"
LEFT JOIN "Kode" K ON K."organisationId" = L."organisationId" AND K.id = L."noticeRuleId"
WHERE L."organisationId" = $1::uuid
  AND (L."noticeRuleId" IS NULL OR L."renovationDays" IS NULL)
  AND S."stoppedOn" IS NULL AND E."stoppedOn" IS NULL AND LM."endedOn" IS NULL AND L."terminatedOn" IS NULL
ORDER BY S.nr, E.nr, LM.nr, L.nr`;

// ------------------------------------------------------------------------------------ plans

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[]; "Actual Rows"?: number };
type PlanSummary = { indexes: string[]; seqScans: string[]; ms: number };

async function explain(client: pg.Client, sql: string, params: unknown[], leading: Map<string, string>): Promise<PlanSummary> {
  const r = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  const root = (r.rows[0]["QUERY PLAN"] as Array<{ Plan: PlanNode; "Execution Time": number }>)[0]!;
  const indexes = new Set<string>();
  const seq = new Set<string>();
  const walk = (n: PlanNode) => {
    if (n["Index Name"]) indexes.add(n["Index Name"]);
    if (n["Node Type"] === "Seq Scan" && n["Relation Name"] && LARGE_TABLES.has(n["Relation Name"])) seq.add(n["Relation Name"]);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(root.Plan);
  return {
    // An index that leads with organisationId, or a primary key (a join by id); anything else is flagged.
    indexes: [...indexes].map((i) => `${i}${leading.get(i) === "organisationId" ? "" : i.endsWith("_pkey") ? " (primary key)" : ` (leads with ${leading.get(i) ?? "?"})`}`),
    seqScans: [...seq],
    ms: root["Execution Time"],
  };
}

type Captured = { query: string; params: string };

async function main() {
  const adminUrl = process.env.BENCH_POSTGRES_ADMIN_URL ?? process.env.TEST_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchPostgres(`fraflyt_bench_casework_${process.pid}`, { adminUrl, dropLike: "fraflyt_bench_casework_%" });
  const raw = new pg.Client({ connectionString: scratch.url });
  let prisma: PrismaClient | null = null;
  try {
    log(`PostgreSQL scratch database ${new URL(scratch.url).pathname.slice(1)}: ${ORGS} organisations, ${PER_ORG_T * ORGS} tenancies, ${PER_ORG_N * ORGS} notices`);
    await applyMigrations(scratch.url, { migrationsDir: path.join(ROOT, "prisma/migrations") });
    const captured: Captured[] = [];
    let capturing = false;
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: scratch.url, max: 4 }), log: [{ emit: "event", level: "query" }] });
    (prisma as unknown as { $on: (e: "query", cb: (ev: Captured) => void) => void }).$on("query", (ev) => {
      if (capturing) captured.push({ query: ev.query, params: ev.params });
    });
    await raw.connect();

    const t0 = performance.now();
    const settings = organisationSettingsSchema.parse({});
    const orgs: { id: string; slug: string }[] = [];
    for (let o = 1; o <= ORGS; o++) orgs.push(await createOrganisation(prisma, { slug: `bench-${o}`, name: `Bench ${o}`, settings }, { actor: SYSTEM_ACTOR }));
    await raw.query(`CREATE UNLOGGED TABLE bench_orgs (o int PRIMARY KEY, id uuid NOT NULL)`);
    await raw.query(`INSERT INTO bench_orgs SELECT ordinality, id::uuid FROM unnest($1::text[]) WITH ORDINALITY AS u(id, ordinality)`, [orgs.map((o) => o.id)]);
    await raw.query(`SET maintenance_work_mem = '256MB'`);
    for (const sql of seedSql()) {
      const table = /INSERT INTO "(\w+)"/.exec(sql)![1];
      const s = await timed(() => raw.query(sql));
      log(`  seeded ${table}: ${s.value.rowCount} rows in ${f1(s.ms / 1000)} s`);
    }
    await raw.query(`DROP TABLE bench_orgs`);
    const a = await timed(() => raw.query("ANALYZE"));
    log(`seed done in ${f1((performance.now() - t0) / 1000)} s (ANALYZE ${f1(a.ms / 1000)} s)`);

    const leading = new Map<string, string>(
      (
        await raw.query<{ index: string; first: string }>(`SELECT ic.relname AS index, a.attname AS first FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE n.nspname = 'public'`)
      ).rows.map((r) => [r.index, r.first]),
    );
    const plans: { name: string; plan: PlanSummary }[] = [];
    const client = prisma;
    /** Runs fn once with Prisma's queries captured, and EXPLAINs each of them. */
    const explainApp = async (name: string, fn: () => Promise<unknown>) => {
      captured.length = 0;
      capturing = true;
      await fn();
      capturing = false;
      for (const [i, q] of captured.entries()) {
        const params = JSON.parse(q.params) as unknown[];
        if (process.env.BENCH_SQL === "1") log(`SQL of ${name} [${i + 1}]: ${q.query} -- ${q.params}`);
        plans.push({ name: captured.length > 1 ? `${name} [${i + 1}]` : name, plan: await explain(raw, q.query, params, leading) });
      }
    };
    const db = (o: number): OrgDb => orgDb(orgs[o % orgs.length]!.id, client);
    const lines: string[] = [];
    const out = (m: string) => {
      lines.push(m);
      log(m);
    };

    // ---------------------------------------------------------------- missing-data report
    const guidePage = (o: number) => client.$queryRawUnsafe<unknown[]>(`${GUIDE_SQL} LIMIT 50`, orgs[o % orgs.length]!.id);
    const guideCsv = async (o: number) => {
      const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(GUIDE_SQL, orgs[o % orgs.length]!.id);
      let size = 0;
      for (const r of rows) size += csvLine(Object.values(r)).length;
      return { rows: rows.length, size };
    };
    const appCsv = async (o: number) => {
      const reader = missingDataCsvStream(db(o), {}).getReader();
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
      }
      return size;
    };
    // Warm up (plans cached, buffers read).
    for (let o = 0; o < orgs.length; o++) {
      await listMissingData(db(o), {});
      await guidePage(o);
    }
    const sample = (await listMissingData(db(0), {}, { limit: 1000 })).rows.length;
    const guideRows = (await guideCsv(0)).rows;
    out(`missing-data report: organisation 1 lists ${sample} tenancies (the guide's SQL: ${guideRows})${sample === guideRows ? "" : "  ← MISMATCH"}`);
    const mdPage: number[] = [];
    const gdPage: number[] = [];
    const mdCsv: number[] = [];
    const gdCsv: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      mdPage.push((await timed(() => listMissingData(db(r), {}))).ms);
      gdPage.push((await timed(() => guidePage(r))).ms);
      mdCsv.push((await timed(() => appCsv(r))).ms);
      gdCsv.push((await timed(() => guideCsv(r))).ms);
    }
    const [mp, gp, mc, gc] = [stats(mdPage), stats(gdPage), stats(mdCsv), stats(gdCsv)];
    out(`  first page (50 rows): ${f1(mp.median)} ms median, ${f1(mp.p95)} ms p95 — guide's SQL ${f1(gp.median)} / ${f1(gp.p95)} ms — ratio ${f2(mp.median / gp.median)}× (goal ≤ 1.5×; page < 200 ms: ${mp.p95 < 200 ? "met" : "NOT met"})`);
    out(`  full CSV (~${sample} rows): ${f1(mc.median)} ms median, ${f1(mc.p95)} ms p95 — guide's SQL + CSV lines ${f1(gc.median)} / ${f1(gc.p95)} ms — ratio ${f2(mc.median / gc.median)}× (goal ≤ 1.5×)`);
    const second = await listMissingData(db(0), {});
    const filtered = await listMissingData(db(0), {}, { after: second.next });
    out(`  second page by keyset: ${filtered.rows.length} rows`);
    await explainApp("missing-data first page", () => listMissingData(db(0), {}));
    await explainApp("missing-data next page (keyset)", () => listMissingData(db(0), {}, { after: second.next }));
    await explainApp("missing-data CSV", () => appCsv(0));
    plans.push({ name: "guide's SQL (reference)", plan: await explain(raw, GUIDE_SQL, [orgs[0]!.id], leading) });

    // ---------------------------------------------------------------- inbox (the inbox helper's module, after the merge)
    type InboxModule = {
      parseInboxQuery: (q: unknown) => { filters: unknown; after: string | null };
      listInbox: (db: OrgDb, filters: unknown, page: { after?: string | null; limit?: number }) => Promise<{ rows: unknown[]; next: string | null }>;
    };
    let inbox: InboxModule | null = null;
    try {
      const modulePath = "../lib/casework/inbox";
      inbox = (await import(/* @vite-ignore */ modulePath)) as InboxModule;
      if (typeof inbox.parseInboxQuery !== "function" || typeof inbox.listInbox !== "function") inbox = null;
    } catch {
      inbox = null;
    }
    if (!inbox) {
      out("inbox: skipped, lib/casework/inbox.ts not present");
    } else {
      const ib = inbox;
      const ejendom = async (o: number) => (await db(o).ejendom.findFirstOrThrow({ where: { nr: 3 }, select: { id: true } })).id;
      const parse = (q: Record<string, string>) => {
        try {
          return ib.parseInboxQuery(q);
        } catch {
          return ib.parseInboxQuery(new URLSearchParams(q));
        }
      };
      const queryOf = async (o: number) => parse({ status: "SUBMITTED", ejendom: await ejendom(o), sort: "flytning" });
      const parsed: Array<ReturnType<typeof parse>> = [];
      for (let o = 0; o < orgs.length; o++) parsed.push(await queryOf(o));
      for (let o = 0; o < orgs.length; o++) await ib.listInbox(db(o), parsed[o]!.filters, {});
      const firstMs: number[] = [];
      for (let r = 0; r < RUNS; r++) firstMs.push((await timed(() => ib.listInbox(db(r), parsed[r % orgs.length]!.filters, {}))).ms);
      const fs1 = stats(firstMs);
      out(`inbox: first page, status=SUBMITTED + ejendom, sort=flytning: ${f1(fs1.median)} ms median, ${f1(fs1.p95)} ms p95 over ${RUNS} runs across ${orgs.length} organisations (goal p95 < 200 ms: ${fs1.p95 < 200 ? "met" : "NOT met"})`);
      // A deep page: follow the keyset cursor of the unfiltered inbox (newest first) to page 50.
      const all = parse({});
      let after: string | null = null;
      let pages = 0;
      for (; pages < 50; pages++) {
        const p = await ib.listInbox(db(0), all.filters, { after });
        if (!p.next) break;
        after = p.next;
      }
      const deep = await timed(() => ib.listInbox(db(0), all.filters, { after }));
      out(`inbox: page ${pages + 1} by keyset (cursor of page ${pages}): ${f1(deep.ms)} ms, ${deep.value.rows.length} rows`);
      await explainApp("inbox first page (2 filters + sort)", () => ib.listInbox(db(0), parsed[0]!.filters, {}));
      await explainApp(`inbox page ${pages + 1} (keyset)`, () => ib.listInbox(db(0), all.filters, { after }));
    }

    // ---------------------------------------------------------------- dashboard
    const everything = new Set(PERMISSIONS);
    const now = new Date("2026-12-01T12:00:00Z");
    const dash = (o: number) => dashboardFigures(db(o), { slug: orgs[o % orgs.length]!.slug, permissions: everything, now });
    for (let o = 0; o < orgs.length; o++) await dash(o);
    const dashMs: number[] = [];
    for (let r = 0; r < RUNS; r++) dashMs.push((await timed(() => dash(r))).ms);
    const ds = stats(dashMs);
    const figures = await dash(0);
    out(`dashboard: all ${figures.length} figures in ${f1(ds.median)} ms median, ${f1(ds.p95)} ms p95 (${figures.map((f) => `${f.key} ${f.count}`).join(", ")})`);
    await explainApp("dashboard", () => dash(0));

    // ---------------------------------------------------------------- plans
    out("query plans (EXPLAIN ANALYZE): indexes used; every index should lead with organisationId; a sequential scan of a large table is flagged");
    let flagged = 0;
    for (const p of plans) {
      const bad = p.plan.seqScans.length > 0 || p.plan.indexes.some((i) => i.includes("(leads with"));
      if (bad) flagged++;
      out(`  ${bad ? "✗" : "✓"} ${p.name}: ${f1(p.plan.ms)} ms; ${p.plan.indexes.join(", ") || "no index"}${p.plan.seqScans.length ? `; SEQ SCAN of ${p.plan.seqScans.join(", ")}` : ""}`);
    }
    out(flagged === 0 ? "every query used organisation-led indexes only" : `${flagged} queries flagged`);
  } finally {
    await prisma?.$disconnect().catch(() => undefined);
    await raw.end().catch(() => undefined);
    if (process.env.BENCH_KEEP === "1") log(`kept ${scratch.url}`);
    else await scratch.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
