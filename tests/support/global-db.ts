/**
 * vitest globalSetup of the "integration" project: one migrated database per run.
 *
 * - default ("embedded" lane): the embedded PGlite server (lib/db/embedded/server.ts) on a free
 *   port, in a fresh directory under .test-data/ (git-ignored), removed afterwards, with a random
 *   password of this run (it is in the URL);
 * - TEST_POSTGRES=1 ("postgres" lane): a fresh database `fraflyt_test_<pid>_<time>` on the
 *   machine's PostgreSQL (TEST_POSTGRES_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/postgres),
 *   dropped afterwards.
 *
 * Tests read the URL with `inject("databaseUrl")` (see tests/support/db.ts); DATABASE_URL is set too.
 */
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { newPassword, startEmbeddedServer } from "../../lib/db/embedded/server";
import { createScratchPostgres, scratchDir, sweepStaleScratchDirs } from "../../lib/db/scratch";
import { applyMigrations } from "../../lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dbLane: "embedded" | "postgres";
  }
}

const ROOT = path.resolve(__dirname, "../..");
const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = process.env.TEST_DB_VERBOSE ? (m: string) => console.log(`[global-db] ${m}`) : undefined;

  if (process.env.TEST_POSTGRES === "1") {
    const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const db = await createScratchPostgres(`fraflyt_test_${process.pid}_${Date.now()}`, { adminUrl });
    const url = db.url;
    await applyMigrations(url, { migrationsDir: MIGRATIONS_DIR, log });
    process.env.DATABASE_URL = url;
    project.provide("databaseUrl", url);
    project.provide("dbLane", "postgres");
    return db.drop;
  }

  sweepStaleScratchDirs();
  const dataDir = scratchDir("global-");
  const server = await startEmbeddedServer({ dataDir, password: newPassword(), port: 0 });
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
