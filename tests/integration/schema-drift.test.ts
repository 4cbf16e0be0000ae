/**
 * Schema drift (both lanes): the committed history prisma/migrations/<name>/migration.sql produces
 * exactly the database schema that prisma/schema.prisma describes.
 *
 * The full DDL of schema.prisma comes from the Prisma CLI (`migrate diff --from-empty
 * --to-schema-datamodel … --script`). In the test database, two fresh schemas are created: every
 * migration.sql runs, in name order, into the first; the generated DDL into the second (each under
 * `SET LOCAL search_path`, so neither script may schema-qualify names — checked). Their catalogs
 * are then compared: relations, columns (type with modifiers, NOT NULL, default, identity,
 * generated), enum types with their labels in order, indexes (pg_indexes.indexdef), constraints
 * (pg_get_constraintdef), functions and triggers. The only differences allowed are the
 * hand-written extras listed in HAND_WRITTEN_EXTRAS; every one of them must actually be there.
 *
 * A second case generates the DDL of a modified copy of schema.prisma (one column and one index
 * more, one default changed) and checks that the comparison against the unmodified schema's DDL
 * reports exactly that, so the comparison itself is known to see such differences.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { ORG_MODELS } from "@/lib/db/scoped";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl, testDbLane } from "../support/db";

const ROOT = path.resolve(__dirname, "../..");
const SCHEMA = path.join(ROOT, "prisma/schema.prisma");
const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const PRISMA_BIN = path.join(ROOT, "node_modules/.bin/prisma");

/**
 * Objects that exist only in the migrations, on purpose, because Prisma's schema language cannot
 * express them. Add an entry (with the reason) whenever a migration gets a hand-written addition;
 * remove it when the object goes away — an entry that matches nothing fails the test.
 */
const HAND_WRITTEN_EXTRAS: ReadonlyArray<{ key: string; reason: string }> = [
  {
    // prisma/migrations/20261125000000_init: one active notice (DRAFT or AWAITING_SIGNATURES) per tenancy.
    key: "index Opsigelse_one_active_per_lejer",
    reason: "partial unique index (WHERE status IN …), not expressible in schema.prisma",
  },
  {
    // prisma/migrations/20261201090625_…: the database refuses changing an existing row's organisationId.
    key: "function fraflyt_refuse_organisation_change()",
    reason: "trigger function, not expressible in schema.prisma",
  },
  {
    // prisma/migrations/20261201182521_casework_…: one open provide-tenancy-details to-do per tenancy.
    key: "index Todo_one_open_tenancy_details",
    reason: "partial unique index (WHERE kind … AND status …), not expressible in schema.prisma",
  },
  {
    // prisma/migrations/20261201182521_casework_…: one confirm-notice to-do per notice.
    key: "index Todo_one_confirm_per_notice",
    reason: "partial unique index (WHERE kind …), not expressible in schema.prisma",
  },
  {
    // prisma/migrations/20261201182521_casework_…: the missing-data report's partial index.
    key: "index Lejer_missing_data",
    reason: "partial index (WHERE … IS NULL), not expressible in schema.prisma",
  },
  {
    // prisma/migrations/20261201220121_automation_…: at most 2 active automation accounts (slot 1 or 2).
    key: "index User_one_active_automation_per_slot",
    reason: "partial unique index (WHERE automation AND active), not expressible in schema.prisma",
  },
  {
    // prisma/migrations/20261201220121_automation_…: an automation account's number is unique per organisation.
    key: "index User_automation_number",
    reason: "partial unique index (WHERE automation), not expressible in schema.prisma",
  },
  {
    // prisma/migrations/20261201220121_automation_…: the slot is 1 or 2.
    key: "constraint User.User_automation_slot_range",
    reason: "CHECK constraint, not expressible in schema.prisma",
  },
  ...ORG_MODELS.map((model) => ({
    key: `trigger ${model}.organisation_id_immutable`,
    reason: "trigger on every organisation-owned table, not expressible in schema.prisma",
  })),
];

const execFileAsync = promisify(execFile);

/** `prisma migrate diff --from-empty --to-schema-datamodel <schemaFile> --script`. */
async function generateDdl(schemaFile: string, databaseUrl: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(
      PRISMA_BIN,
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaFile, "--script"],
      {
        cwd: ROOT,
        // The adapter in prisma.config.ts connects to DATABASE_URL even for a datamodel diff.
        env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
        timeout: 90_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return stdout;
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`prisma migrate diff failed for ${schemaFile}: ${e.message}\n${e.stderr ?? ""}`);
  }
}

/** Names qualified with a schema would escape the search_path and land in (or collide with) public. */
function assertNoSchemaQualifiedNames(label: string, sql: string): void {
  const withoutComments = sql.replace(/--[^\n]*/g, "");
  const m = /(?:"public"|\bpublic)\s*\.\s*["\w]/i.exec(withoutComments);
  if (m) throw new Error(`${label} schema-qualifies a name (${JSON.stringify(m[0])}); the drift test applies it under search_path`);
}

function readMigrations(): Array<{ name: string; sql: string }> {
  return fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({ name, sql: fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8") }));
}

// ------------------------------------------------------------------------------ catalog snapshot

/** key ("column Lejer.email", "index X", …) -> normalised definition. */
type Snapshot = Map<string, string>;

async function snapshot(client: pg.Client, schema: string): Promise<Snapshot> {
  // Strip the (random) schema name wherever the catalog functions qualify with it.
  const qualified = new RegExp(`(?:"${schema}"|\\b${schema})\\.`, "g");
  const norm = (s: string | null) => (s === null ? "" : s.replace(qualified, ""));
  const out: Snapshot = new Map();
  const put = (key: string, value: string) => {
    if (out.has(key)) throw new Error(`duplicate catalog key ${key}`);
    out.set(key, value);
  };

  const relations = await client.query<{ relname: string; relkind: string }>(
    `SELECT c.relname::text AS relname, c.relkind::text AS relkind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind NOT IN ('i', 'I')`,
    [schema],
  );
  for (const r of relations.rows) put(`relation ${r.relname}`, `relkind=${r.relkind}`);

  const columns = await client.query<{ tbl: string; col: string; type: string; notnull: boolean; def: string | null; identity: string; generated: string }>(
    `SELECT c.relname::text AS tbl, a.attname::text AS col, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS def,
            a.attidentity::text AS identity, a.attgenerated::text AS generated
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema],
  );
  // Column order (attnum) is deliberately not compared: ALTER TABLE ADD COLUMN appends.
  for (const c of columns.rows) {
    put(
      `column ${c.tbl}.${c.col}`,
      `${norm(c.type)}${c.notnull ? " NOT NULL" : " NULL"}${c.def === null ? "" : ` DEFAULT ${norm(c.def)}`}` +
        `${c.identity ? ` IDENTITY(${c.identity})` : ""}${c.generated ? ` GENERATED(${c.generated})` : ""}`,
    );
  }

  // Labels in sort order: the order is observable (ORDER BY on an enum column). Add new values at
  // the end of an enum in schema.prisma — that is where ALTER TYPE … ADD VALUE puts them.
  const enums = await client.query<{ typname: string; labels: string[] }>(
    `SELECT t.typname::text AS typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE n.nspname = $1 GROUP BY t.typname`,
    [schema],
  );
  for (const e of enums.rows) put(`enum ${e.typname}`, e.labels.join(", "));

  const otherTypes = await client.query<{ typname: string; typtype: string }>(
    `SELECT t.typname::text AS typname, t.typtype::text AS typtype
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1
        AND (t.typtype IN ('d', 'r', 'm') OR (t.typtype = 'c' AND t.typrelid IN (SELECT oid FROM pg_class WHERE relkind = 'c')))`,
    [schema],
  );
  for (const t of otherTypes.rows) put(`type ${t.typname}`, `typtype=${t.typtype}`);

  const indexes = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname::text AS indexname, indexdef FROM pg_indexes WHERE schemaname = $1`,
    [schema],
  );
  for (const i of indexes.rows) put(`index ${i.indexname}`, norm(i.indexdef));

  const constraints = await client.query<{ tbl: string; conname: string; contype: string; def: string }>(
    `SELECT coalesce(c.relname::text, t.typname::text, '') AS tbl, con.conname::text AS conname,
            con.contype::text AS contype, pg_get_constraintdef(con.oid) AS def
       FROM pg_constraint con
       JOIN pg_namespace n ON n.oid = con.connamespace
       LEFT JOIN pg_class c ON c.oid = con.conrelid
       LEFT JOIN pg_type t ON t.oid = con.contypid
      WHERE n.nspname = $1`,
    [schema],
  );
  for (const c of constraints.rows) put(`constraint ${c.tbl}.${c.conname}`, `${c.contype}: ${norm(c.def)}`);

  const functions = await client.query<{ sig: string; def: string }>(
    `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS sig,
            CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) ELSE p.prokind::text END AS def
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1`,
    [schema],
  );
  for (const f of functions.rows) put(`function ${norm(f.sig)}`, norm(f.def));

  const triggers = await client.query<{ tbl: string; tgname: string; def: string }>(
    `SELECT c.relname::text AS tbl, tg.tgname::text AS tgname, pg_get_triggerdef(tg.oid) AS def
       FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT tg.tgisinternal`,
    [schema],
  );
  for (const t of triggers.rows) put(`trigger ${t.tbl}.${t.tgname}`, norm(t.def));

  return out;
}

interface Difference {
  key: string;
  migrations: string | undefined;
  schema: string | undefined;
}

function compare(migrations: Snapshot, schema: Snapshot): Difference[] {
  const keys = [...new Set([...migrations.keys(), ...schema.keys()])].sort();
  return keys
    .filter((k) => migrations.get(k) !== schema.get(k))
    .map((key) => ({ key, migrations: migrations.get(key), schema: schema.get(key) }));
}

/** Removes the allowed extras (which must exist, in the migrations only) from the differences. */
function withoutHandWrittenExtras(diffs: Difference[]): { unexpected: Difference[]; missingExtras: string[] } {
  const allowed = new Set(HAND_WRITTEN_EXTRAS.map((e) => e.key));
  const present = new Set(diffs.filter((d) => allowed.has(d.key) && d.migrations !== undefined && d.schema === undefined).map((d) => d.key));
  return {
    unexpected: diffs.filter((d) => !present.has(d.key)),
    missingExtras: [...allowed].filter((k) => !present.has(k)),
  };
}

function describeDifferences(diffs: Difference[]): string {
  return diffs
    .map((d) =>
      d.schema === undefined
        ? `only in the migrations:   ${d.key}: ${d.migrations}`
        : d.migrations === undefined
          ? `only in schema.prisma:    ${d.key}: ${d.schema}`
          : `different:                ${d.key}\n    migrations:   ${d.migrations}\n    schema.prisma: ${d.schema}`,
    )
    .join("\n");
}

// ------------------------------------------------------------------------------------- the test

const suffix = randomBytes(4).toString("hex");
const MIGRATED = `drift_m_${suffix}`;
const GENERATED = `drift_s_${suffix}`;
const PROBE = `drift_p_${suffix}`;

let client: pg.Client;
let tmpDir: string | undefined;
let generatedDdl: string;
let probeDdl: string;

/** Creates `schema` and runs each script into it in its own transaction (as lib/db/migrate.ts does), with a transaction-local search_path. */
async function applyInto(schema: string, scripts: Array<{ name: string; sql: string }>): Promise<void> {
  await client.query(`CREATE SCHEMA "${schema}"`);
  for (const s of scripts) {
    await client.query("BEGIN");
    try {
      await client.query(`SET LOCAL search_path TO "${schema}"`);
      await client.query(s.sql);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      const e = err as Error;
      e.message = `${s.name} failed in schema ${schema}: ${e.message}`;
      throw e;
    }
  }
}

beforeAll(async () => {
  const url = testDatabaseUrl();

  // The modified copy for the "would it notice?" case: one more column, one more index, one
  // changed default.
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "fraflyt-drift-"));
  const probeSchema = path.join(tmpDir, "schema.prisma");
  const original = fs.readFileSync(SCHEMA, "utf8");
  let modified = original.replace(/^model Organisation \{\n/m, "model Organisation {\n  driftProbe String?\n  @@index([driftProbe])\n");
  modified = modified.replace(/^(\s+settings\s+Json\s+)@default\("\{\}"\)/m, '$1@default("[]")');
  if ((modified.match(/driftProbe|@default\("\[\]"\)/g) ?? []).length !== 3) {
    throw new Error("schema-drift test: could not modify `model Organisation` (its first line and `settings Json @default(\"{}\")`) in a copy of schema.prisma");
  }
  fs.writeFileSync(probeSchema, modified);

  // Both CLI runs before this file's client opens any transaction (the embedded server serialises them).
  [generatedDdl, probeDdl] = await Promise.all([generateDdl(SCHEMA, url), generateDdl(probeSchema, url)]);

  client = new pg.Client({ connectionString: url });
  await client.connect();
});

afterAll(async () => {
  if (client) {
    await client.query("ROLLBACK").catch(() => undefined);
    for (const s of [MIGRATED, GENERATED, PROBE]) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe(`schema drift (${testDbLane()} lane)`, () => {
  it("the committed migrations produce exactly the schema of prisma/schema.prisma (plus the hand-written extras)", async () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) assertNoSchemaQualifiedNames(`migration ${m.name}`, m.sql);
    assertNoSchemaQualifiedNames("the generated DDL", generatedDdl);
    expect(generatedDdl).toMatch(/CREATE TABLE/);

    await applyInto(MIGRATED, migrations);
    await applyInto(GENERATED, [{ name: "generated DDL", sql: generatedDdl }]);

    const fromMigrations = await snapshot(client, MIGRATED);
    const fromSchema = await snapshot(client, GENERATED);
    // Sanity: the snapshot sees the model (a table, its columns, an enum, a foreign key).
    expect(fromSchema.get("relation Opsigelse")).toBe("relkind=r");
    expect(fromSchema.get("enum OpsigelseStatus")).toContain("DRAFT");
    expect([...fromSchema.keys()].some((k) => k.startsWith("column Opsigelse."))).toBe(true);
    expect([...fromSchema.values()].some((v) => v.startsWith("f: FOREIGN KEY"))).toBe(true);

    const { unexpected, missingExtras } = withoutHandWrittenExtras(compare(fromMigrations, fromSchema));
    // Soft: one run reports both kinds of mismatch.
    expect.soft(missingExtras, "HAND_WRITTEN_EXTRAS lists objects that the migrations do not create (or that schema.prisma creates too)").toEqual([]);
    expect.soft(
      unexpected,
      `prisma/migrations and prisma/schema.prisma disagree — add a migration (npm run db:migration:new -- <name>):\n${describeDifferences(unexpected)}`,
    ).toEqual([]);
  });

  it("notices drift: a column, an index and a default that differ are reported", async () => {
    assertNoSchemaQualifiedNames("the generated DDL of the modified schema", probeDdl);
    if (!(await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [GENERATED])).rowCount) {
      await applyInto(GENERATED, [{ name: "generated DDL", sql: generatedDdl }]);
    }
    await applyInto(PROBE, [{ name: "generated DDL (modified schema)", sql: probeDdl }]);

    // Against the unmodified schema's DDL, so that this case does not depend on the first one.
    const diffs = compare(await snapshot(client, GENERATED), await snapshot(client, PROBE));
    expect(diffs).toEqual([
      { key: "column Organisation.driftProbe", migrations: undefined, schema: "text NULL" },
      { key: "column Organisation.settings", migrations: "jsonb NOT NULL DEFAULT '{}'::jsonb", schema: "jsonb NOT NULL DEFAULT '[]'::jsonb" },
      {
        key: "index Organisation_driftProbe_idx",
        migrations: undefined,
        schema: `CREATE INDEX "Organisation_driftProbe_idx" ON "Organisation" USING btree ("driftProbe")`,
      },
    ]);
    const report = describeDifferences(withoutHandWrittenExtras(diffs).unexpected);
    expect(report).toContain("only in schema.prisma:    column Organisation.driftProbe: text NULL");
    expect(report).toContain("different:                column Organisation.settings");
  });
});
