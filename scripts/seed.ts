/**
 * `npm run db:seed`: the demo data (lib/demo/seed.ts) into DATABASE_URL, else into the embedded
 * database of <FRAFLYT_DATA_DIR or .data>/pglite (EMBEDDED_DB_DIR overrides the directory): through
 * its running server if there is one (the port is in the lock file), otherwise by starting the
 * server for the duration of the seeding. Migrations are applied first.
 *
 * Idempotent: when the demo organisation exists already, nothing is written. The same gate as
 * `npm start` (scripts/start-config.ts): never for an https public URL (NEXTAUTH_URL), by default on an
 * http localhost URL, elsewhere only with FRAFLYT_DEMO=1. A refused seeding exits with code 1.
 */
import path from "node:path";
import { dataRoot, embeddedDbPassword, loadSecrets } from "../lib/db/embedded/secrets";
import { embeddedUrl, readLiveServer, redactUrl, startEmbeddedServer } from "../lib/db/embedded/server";
import { demoGate, publicUrl } from "./start-config";

const root = path.resolve(__dirname, "..");
const log = (m: string) => process.stdout.write(`db:seed: ${m}\n`);

async function main(): Promise<number> {
  const gate = demoGate({ publicUrl: publicUrl(process.env, Number(process.env.PORT ?? 3000)), FRAFLYT_DEMO: process.env.FRAFLYT_DEMO });
  if (!gate.seed) {
    log(`not seeding: ${gate.reason}`);
    return 1;
  }
  const dir = dataRoot(root);
  const secrets = loadSecrets(dir, ["AUTH_SECRET", "DATA_KEY"]);
  process.env.DATA_KEY = secrets.DATA_KEY;
  process.env.AUTH_SECRET = secrets.AUTH_SECRET;

  let url = process.env.DATABASE_URL;
  let close: (() => Promise<void>) | undefined;
  if (!url) {
    const dataDir = process.env.EMBEDDED_DB_DIR ? path.resolve(root, process.env.EMBEDDED_DB_DIR) : path.join(dir, "pglite");
    const password = process.env.EMBEDDED_DB_PASSWORD || embeddedDbPassword(dir);
    const live = readLiveServer(dataDir);
    if (live?.port) {
      url = embeddedUrl(live.port, password, live.host);
      log(`DATABASE_URL not set: using the running embedded server of ${path.relative(root, dataDir)} at ${redactUrl(url)}`);
    } else {
      const server = await startEmbeddedServer({ dataDir, password, log: (m) => process.stderr.write(`${m}\n`) });
      url = server.url;
      close = server.close;
      log(`DATABASE_URL not set: started the embedded database ${path.relative(root, dataDir)} for the seeding`);
    }
  }
  process.env.DATABASE_URL = url;
  try {
    const { applyMigrations } = await import("../lib/db/migrate");
    const { createPrismaClient } = await import("../lib/db/client");
    const { seedDemo } = await import("../lib/demo/seed");
    const { todayInDenmark } = await import("../lib/time");
    await applyMigrations(url, { migrationsDir: path.join(root, "prisma/migrations"), log });
    const db = createPrismaClient(url);
    try {
      const idpIssuer = process.env.IDP_ISSUER ?? `http://localhost:${process.env.IDP_PORT ?? 4000}`;
      const { created } = await seedDemo({ db, today: todayInDenmark(), idpIssuer });
      log(created ? "demo data seeded" : "the demo data is there already: nothing to do");
    } finally {
      await db.$disconnect();
    }
  } finally {
    await close?.();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`db:seed: ${(err as Error).message ?? String(err)}\n`);
    process.exit(1);
  },
);
