/**
 * Applies prisma/migrations (lib/db/migrate.ts).
 *
 *   DATABASE_URL=postgresql://… tsx scripts/migrate.ts [--migrations-dir prisma/migrations]
 *
 * Without DATABASE_URL it migrates the embedded database in EMBEDDED_DB_DIR (default
 * .data/pglite): through the running embedded server if one holds that directory (its port is in
 * the lock file), otherwise by starting the server for the duration of the migration.
 */
import { applyMigrations } from "../lib/db/migrate";
import { dataRoot, embeddedDbPassword } from "../lib/db/embedded/secrets";
import { embeddedUrl, readLiveServer, redactUrl, startEmbeddedServer } from "../lib/db/embedded/server";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let migrationsDir = "prisma/migrations";
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--migrations-dir" && args[i + 1]) migrationsDir = args[++i]!;
    else throw new Error(`unknown argument ${args[i]} (usage: tsx scripts/migrate.ts [--migrations-dir DIR])`);
  }
  const log = (m: string) => process.stderr.write(`migrate: ${m}\n`);

  let url = process.env.DATABASE_URL;
  let close: (() => Promise<void>) | undefined;
  if (!url) {
    const dataDir = process.env.EMBEDDED_DB_DIR || ".data/pglite";
    const password = process.env.EMBEDDED_DB_PASSWORD || embeddedDbPassword(dataRoot());
    const live = readLiveServer(dataDir);
    if (live?.port) {
      url = embeddedUrl(live.port, password, live.host);
      log(`DATABASE_URL not set: using the embedded server of ${dataDir} (pid ${live.pid}) at ${redactUrl(url)}`);
    } else {
      const server = await startEmbeddedServer({ dataDir, password });
      url = server.url;
      close = server.close;
      log(`DATABASE_URL not set: started the embedded database ${dataDir} for the migration`);
    }
  }
  try {
    const { applied } = await applyMigrations(url, { migrationsDir, log });
    log(applied.length ? `applied ${applied.length}: ${applied.join(", ")}` : "database is up to date");
  } finally {
    await close?.();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`migrate: ${(err as Error).message ?? String(err)}\n`);
  process.exit(1);
});
