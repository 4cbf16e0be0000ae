/**
 * vitest globalSetup of the "integration" project: one migrated database per run.
 *
 * - default ("embedded" lane): the embedded PGlite server (lib/db/embedded/server.ts) on a free
 *   port, in a fresh directory under .test-data/ (git-ignored), removed afterwards;
 * - TEST_POSTGRES=1 ("postgres" lane): a fresh database `fraflyt_test_<pid>_<time>` on the
 *   machine's PostgreSQL (TEST_POSTGRES_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres),
 *   dropped afterwards.
 *
 * Tests read the URL with `inject("databaseUrl")` (see tests/support/db.ts); DATABASE_URL is set too.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedServer, readLiveServer } from "../../lib/db/embedded/server";
import { applyMigrations } from "../../lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dbLane: "embedded" | "postgres";
  }
}

const ROOT = path.resolve(__dirname, "../..");
export const TEST_DATA_DIR = path.join(ROOT, ".test-data");
const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Removes directories left by crashed runs (no live server, older than an hour). */
function sweepStaleTestData(): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(TEST_DATA_DIR, { withFileTypes: true });
  } catch {
    return;
  }
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const dir = path.join(TEST_DATA_DIR, e.name);
    try {
      if (fs.statSync(dir).mtimeMs < cutoff && !readLiveServer(dir)) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* ignore */
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = process.env.TEST_DB_VERBOSE ? (m: string) => console.log(`[global-db] ${m}`) : undefined;

  if (process.env.TEST_POSTGRES === "1") {
    const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const name = `fraflyt_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    try {
      await admin.connect();
    } catch (err) {
      throw new Error(
        `TEST_POSTGRES=1 but PostgreSQL is not reachable at ${adminUrl} (${(err as Error).message}). ` +
          "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
      );
    }
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = withDatabase(adminUrl, name);
    await applyMigrations(url, { migrationsDir: MIGRATIONS_DIR, log });
    process.env.DATABASE_URL = url;
    project.provide("databaseUrl", url);
    project.provide("dbLane", "postgres");
    return async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await a.end();
      }
    };
  }

  sweepStaleTestData();
  const dataDir = path.join(TEST_DATA_DIR, `global-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await startEmbeddedServer({ dataDir, port: 0 });
  try {
    await applyMigrations(server.url, { migrationsDir: MIGRATIONS_DIR, log });
  } catch (err) {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  process.env.DATABASE_URL = server.url;
  project.provide("databaseUrl", server.url);
  project.provide("dbLane", "embedded");
  return async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
