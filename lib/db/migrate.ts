/**
 * Applies prisma/migrations to a database with `pg` directly (`prisma migrate deploy` does not
 * work through the driver adapter, prisma/orm#27403), recording them in Prisma's own
 * `_prisma_migrations` table so that `prisma migrate status` agrees.
 *
 * - One migrator at a time: a session advisory lock (Prisma's key) on the migrator's connection.
 *   On the embedded server all connections share one session, so the lock does not exclude a
 *   second migrator there; each migration re-checks inside its transaction that it is still
 *   pending, and the server serialises transactions, so two migrators still apply it once.
 * - Each migration folder, in name order, runs in ONE transaction together with the insert of its
 *   `_prisma_migrations` row: a failure leaves nothing behind. (So a migration cannot contain
 *   statements that refuse to run in a transaction, such as CREATE INDEX CONCURRENTLY.)
 * - checksum = sha256 hex of migration.sql's bytes, as Prisma computes it. An applied migration
 *   whose file changed since is refused, as is a migration Prisma recorded as failed.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** The advisory lock key `prisma migrate` uses, so our migrator and Prisma's exclude each other. */
const MIGRATE_LOCK_KEY = 72707369;

export interface ApplyMigrationsOptions {
  migrationsDir?: string;
  log?: (message: string) => void;
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
  /** Checksums of the same script with other line endings (a checkout with CRLF), as Prisma accepts. */
  equivalent: Set<string>;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function migrationChecksum(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name, "migration.sql");
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`Migration folder ${name} has no migration.sql (${file})`);
      throw err;
    }
    const text = bytes.toString("utf8");
    const lf = text.replace(/\r\n/g, "\n");
    const equivalent = new Set([bytes, Buffer.from(lf), Buffer.from(lf.replace(/\n/g, "\r\n"))].map(migrationChecksum));
    out.push({ name, sql: text, checksum: migrationChecksum(bytes), equivalent });
  }
  return out;
}

function isApplied(row: MigrationRow): boolean {
  return row.finished_at !== null && row.rolled_back_at === null;
}

export async function applyMigrations(
  connectionString: string,
  { migrationsDir = "prisma/migrations", log = () => undefined }: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(path.resolve(migrationsDir));
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  let locked = false;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    locked = true;
    await client.query(CREATE_TABLE);

    const rows = (
      await client.query<MigrationRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      )
    ).rows;
    const local = new Set(migrations.map((m) => m.name));
    for (const row of rows) {
      if (!local.has(row.migration_name) && isApplied(row)) {
        log(`warning: migration ${row.migration_name} is applied in the database but missing from ${migrationsDir}`);
      }
    }
    for (const m of migrations) {
      const mine = rows.filter((r) => r.migration_name === m.name);
      const failed = mine.find((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed) {
        throw new Error(
          `Migration ${m.name} is recorded as failed (started but never finished) in _prisma_migrations. ` +
            `Fix the database by hand, then mark it with \`prisma migrate resolve\` before migrating again.`,
        );
      }
      const done = mine.find(isApplied);
      if (done && !m.equivalent.has(done.checksum)) {
        throw new Error(
          `Migration ${m.name} was edited after it was applied: the database has checksum ${done.checksum}, ` +
            `the file has ${m.checksum}. Never edit an applied migration; add a new one instead.`,
        );
      }
    }

    for (const m of migrations) {
      if (rows.some((r) => r.migration_name === m.name && isApplied(r))) continue;
      await client.query("BEGIN");
      try {
        // Another migrator (on the embedded server the advisory lock is shared) may have won.
        const again = await client.query(
          `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          [m.name],
        );
        if (again.rowCount) {
          await client.query("ROLLBACK");
          continue;
        }
        log(`applying ${m.name}`);
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, NULL, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        const e = err as Error;
        e.message = `Migration ${m.name} failed and was rolled back: ${e.message}`;
        throw e;
      }
      applied.push(m.name);
    }
    if (applied.length === 0) log("no pending migrations");
    return { applied };
  } finally {
    if (locked) await client.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
