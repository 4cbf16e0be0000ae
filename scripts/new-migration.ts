/**
 * Creates a migration from the changes to prisma/schema.prisma since the last commit.
 *
 *   npm run db:migration:new -- <name>          (name: [a-z0-9_]+, e.g. add_lejer_phone)
 *
 * Writes prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql with the SQL of
 *   prisma migrate diff --from-schema-datamodel <schema.prisma at git HEAD> --to-schema-datamodel prisma/schema.prisma --script
 * or, when there is no difference, says so and writes nothing. Review the SQL before committing:
 * Prisma may drop and re-create what you meant to rename, and anything schema.prisma cannot express
 * (e.g. the partial unique index in the init migration) is added by hand. The base is HEAD's
 * schema, so commit schema.prisma together with its migration; if an earlier commit changed the
 * schema without one, tests/integration/schema-drift.test.ts fails and names the difference.
 *
 * Database: prisma.config.ts uses the driver adapter, and with it the CLI connects to
 * DATABASE_URL even for a datamodel-to-datamodel diff (nothing is read or written there). If
 * DATABASE_URL is unset, a throwaway embedded server (lib/db/embedded/server.ts) in a temporary
 * directory is started for the diff, so no PostgreSQL is needed. (The CLI then waits ~10 s for
 * adapter-pg's idle pool connection to time out before it exits.)
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { newPassword, startEmbeddedServer, type EmbeddedServer } from "../lib/db/embedded/server";

const ROOT = path.resolve(__dirname, "..");
const SCHEMA = "prisma/schema.prisma";
const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const PRISMA_BIN = path.join(ROOT, "node_modules/.bin/prisma");

/** An expected failure: reported without a stack trace (after the cleanup in main's finally). */
class Refusal extends Error {}

function fail(message: string): never {
  throw new Refusal(message);
}

function utcTimestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** True if the script has no statements (Prisma prints "-- This is an empty migration."). */
function isEmptyScript(sql: string): boolean {
  return sql.replace(/--[^\n]*/g, "").trim() === "";
}

function git(args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 * 1024 * 1024 });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] === "--help" || args[0] === "-h") {
    fail("usage: npm run db:migration:new -- <name>   (name: lower-case letters, digits and _, e.g. add_lejer_phone)");
  }
  const name = args[0]!;
  if (!/^[a-z0-9_]+$/.test(name)) fail(`invalid name ${JSON.stringify(name)}: use only [a-z0-9_] (snake_case), e.g. add_lejer_phone`);

  const existing = fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const timestamp = utcTimestamp(new Date());
  const folder = `${timestamp}_${name}`;
  const latest = existing[existing.length - 1];
  if (latest && folder <= latest) {
    fail(`${folder} would not sort after the latest migration ${latest} (is the clock right?); migrations run in name order`);
  }
  if (existing.some((e) => e.startsWith(`${timestamp}_`))) fail(`a migration with timestamp ${timestamp} exists already; try again in a second`);

  let headSchema: string;
  try {
    headSchema = git(["show", `HEAD:${SCHEMA}`]);
  } catch (err) {
    fail(`cannot read ${SCHEMA} at git HEAD (${(err as { stderr?: string }).stderr?.trim() || (err as Error).message})`);
  }
  const pending = git(["status", "--porcelain", "--untracked-files=all", "--", "prisma/migrations"]).trim();
  if (pending) {
    process.stderr.write(
      `db:migration:new: warning: prisma/migrations has uncommitted changes:\n${pending}\n` +
        `  The diff is taken against ${SCHEMA} at HEAD, so it repeats whatever those migrations already do.\n` +
        `  Commit them together with ${SCHEMA} first, or delete the folder this run creates and fold it into yours.\n`,
    );
  }

  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "fraflyt-new-migration-"));
  // Ctrl+C (or a closed pipe) would skip the finally below: remove the temporary directory (with
  // the throwaway database, ~40 MB) anyway. The embedded server dies with this process.
  const removeTmp = () => fs.rmSync(tmpDir, { recursive: true, force: true });
  process.once("exit", removeTmp);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      removeTmp();
      process.exit(130);
    });
  }
  process.stdout.on("error", () => process.exit(1));
  let server: EmbeddedServer | undefined;
  try {
    const headFile = path.join(tmpDir, "schema.head.prisma");
    fs.writeFileSync(headFile, headSchema);

    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      server = await startEmbeddedServer({ dataDir: path.join(tmpDir, "pglite"), password: newPassword(), port: 0, log: (m) => process.stderr.write(`embedded db: ${m}\n`) });
      databaseUrl = server.url;
      process.stderr.write(`db:migration:new: DATABASE_URL not set; the Prisma CLI connects to a throwaway embedded server (${databaseUrl})\n`);
    }

    process.stderr.write(`db:migration:new: diffing ${SCHEMA} at HEAD against the working copy…\n`);
    let sql: string;
    try {
      const { stdout } = await promisify(execFile)(
        PRISMA_BIN,
        ["migrate", "diff", "--from-schema-datamodel", headFile, "--to-schema-datamodel", path.join(ROOT, SCHEMA), "--script"],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
          timeout: 120_000,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      sql = stdout;
    } catch (err) {
      const e = err as Error & { stderr?: string };
      fail(`prisma migrate diff failed: ${e.message}\n${e.stderr ?? ""}`);
    }

    if (isEmptyScript(sql)) {
      process.stdout.write(`No changes: ${SCHEMA} is the same as at HEAD (as far as the database is concerned). Nothing written.\n`);
      return;
    }

    const dir = path.join(MIGRATIONS, folder);
    fs.mkdirSync(dir);
    const file = path.join(dir, "migration.sql");
    fs.writeFileSync(file, sql.endsWith("\n") ? sql : `${sql}\n`);
    process.stdout.write(
      `Wrote ${path.relative(ROOT, file)}\n` +
        `Review the SQL before committing it: renames come out as drop + add (data loss), new NOT NULL columns\n` +
        `need a default or a backfill for existing rows, and what schema.prisma cannot express is added by hand\n` +
        `(list it in HAND_WRITTEN_EXTRAS of tests/integration/schema-drift.test.ts). Never edit it once applied.\n` +
        `Then: npm run db:migrate, and npx vitest run --project integration tests/integration/schema-drift.test.ts\n`,
    );
  } finally {
    await server?.close().catch(() => undefined);
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`db:migration:new: ${err instanceof Refusal ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(1);
});
