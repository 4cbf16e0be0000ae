/**
 * lib/db/migrate.ts on the test database (both lanes): idempotent, Prisma-compatible records,
 * edited migrations refused, a failing migration leaves nothing.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../lib/db/migrate";
import { testDatabaseUrl, testDbLane } from "../support/db";

const MIGRATIONS = path.resolve(__dirname, "../../prisma/migrations");
const localMigrations = fs
  .readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

let url: string;
let client: pg.Client;
const tmpDirs: string[] = [];

function copyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fraflyt-migrations-"));
  tmpDirs.push(dir);
  fs.cpSync(MIGRATIONS, dir, { recursive: true });
  return dir;
}

async function migrationRows() {
  return (
    await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    )
  ).rows;
}

async function tableExists(name: string): Promise<boolean> {
  const r = await client.query(`SELECT to_regclass($1) AS t`, [`public."${name}"`]);
  return r.rows[0].t !== null;
}

beforeAll(async () => {
  url = testDatabaseUrl();
  client = new pg.Client({ connectionString: url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

afterEach(async () => {
  // Undo the extra migration of the "new migration" test if it ran.
  await client.query(`DROP TABLE IF EXISTS "MigrationTestExtra"`);
  await client.query(`DELETE FROM "_prisma_migrations" WHERE migration_name LIKE '2999%'`);
});

describe(`migrations (${testDbLane()} lane)`, () => {
  it("the global setup applied every migration; applying again is a no-op", async () => {
    const before = await migrationRows();
    expect(before.map((r) => r.migration_name)).toEqual(localMigrations);
    const { applied } = await applyMigrations(url, { migrationsDir: MIGRATIONS });
    expect(applied).toEqual([]);
    expect(await migrationRows()).toEqual(before);
  });

  it("`prisma migrate status` (Prisma's own CLI, through the adapter) agrees: up to date", () => {
    const r = spawnSync(path.resolve(__dirname, "../../node_modules/.bin/prisma"), ["migrate", "status"], {
      cwd: path.resolve(__dirname, "../.."),
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stdout + r.stderr).toMatch(/Database schema is up to date/);
    expect(r.status).toBe(0);
  }, 90_000);

  it("records Prisma-compatible rows: sha256 of migration.sql, finished, one step", async () => {
    for (const row of await migrationRows()) {
      const bytes = fs.readFileSync(path.join(MIGRATIONS, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("refuses an applied migration whose file was edited, and changes nothing", async () => {
    const dir = copyMigrations();
    const file = path.join(dir, localMigrations[0]!, "migration.sql");
    fs.appendFileSync(file, "\n-- edited after being applied\n");
    const before = await migrationRows();
    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/was edited after it was applied/);
    expect(await migrationRows()).toEqual(before);
  });

  it("accepts the same migration checked out with CRLF line endings (as Prisma does)", async () => {
    const dir = copyMigrations();
    const file = path.join(dir, localMigrations[0]!, "migration.sql");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\r?\n/g, "\r\n"));
    await expect(applyMigrations(url, { migrationsDir: dir })).resolves.toEqual({ applied: [] });
  });

  it("a failing migration is rolled back completely and not recorded", async () => {
    const dir = copyMigrations();
    fs.mkdirSync(path.join(dir, "29990101000000_broken"));
    fs.writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "MigrationTestBroken" ("id" INTEGER);\nINSERT INTO "MigrationTestBroken" VALUES (1);\nSELECT 1 / 0;\n`,
    );
    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/29990101000000_broken failed and was rolled back: division by zero/);
    expect(await tableExists("MigrationTestBroken")).toBe(false);
    expect((await migrationRows()).map((r) => r.migration_name)).toEqual(localMigrations);
    // The connection used by the migrator is gone and the database is usable.
    expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("applies a new migration once, in name order after the existing ones", async () => {
    const dir = copyMigrations();
    fs.mkdirSync(path.join(dir, "29990101000001_extra"));
    fs.writeFileSync(path.join(dir, "29990101000001_extra", "migration.sql"), `CREATE TABLE "MigrationTestExtra" ("id" INTEGER);\n`);
    const logs: string[] = [];
    expect(await applyMigrations(url, { migrationsDir: dir, log: (m) => logs.push(m) })).toEqual({ applied: ["29990101000001_extra"] });
    expect(logs).toContain("applying 29990101000001_extra");
    expect(await tableExists("MigrationTestExtra")).toBe(true);
    expect(await applyMigrations(url, { migrationsDir: dir })).toEqual({ applied: [] });
    const rows = await migrationRows();
    expect(rows.map((r) => r.migration_name)).toEqual([...localMigrations, "29990101000001_extra"]);
  });
});
