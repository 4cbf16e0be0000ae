/**
 * Throwaway databases for tests, end-to-end runs and benchmarks: a fresh database on a PostgreSQL
 * server, or a fresh data directory for the embedded server, and the sweeping of leftovers.
 * Not used by the app itself.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { readLiveServer } from "./embedded/server";

export const SCRATCH_ROOT = path.resolve(__dirname, "../../.test-data");
export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  try {
    await c.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${adminUrl} (${(err as Error).message}). ` +
        "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    );
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Creates database `name` (dropping one of that name first) and returns its URL and a `drop`.
 * `dropLike` also drops earlier databases matching a LIKE pattern (leftovers of killed runs).
 */
export async function createScratchPostgres(name: string, opts: { adminUrl?: string; dropLike?: string } = {}) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Bad scratch database name ${name}`);
  const adminUrl = opts.adminUrl ?? DEFAULT_ADMIN_URL;
  await admin(adminUrl, async (c) => {
    const names = [name];
    if (opts.dropLike) {
      const old = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [opts.dropLike]);
      names.push(...old.rows.map((r) => r.datname));
    }
    for (const n of new Set(names)) await c.query(`DROP DATABASE IF EXISTS "${n.replace(/"/g, "")}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return {
    url: withDatabase(adminUrl, name),
    drop: () => admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Removes scratch directories (name starting with `prefix`) older than an hour that no live server holds. */
export function sweepStaleScratchDirs(prefix = ""): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(SCRATCH_ROOT, { withFileTypes: true });
  } catch {
    return;
  }
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const e of entries) {
    if (!e.isDirectory() || !e.name.startsWith(prefix)) continue;
    const dir = path.join(SCRATCH_ROOT, e.name);
    try {
      if (fs.statSync(dir).mtimeMs < cutoff && !readLiveServer(dir)) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* ignore */
    }
  }
}

/** A new, empty scratch directory for an embedded server. */
export function scratchDir(prefix: string): string {
  const dir = path.join(SCRATCH_ROOT, `${prefix}${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
