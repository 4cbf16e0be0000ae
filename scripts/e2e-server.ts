/**
 * The server the end-to-end tests run against: `npm start` on a fresh database (embedded, or a new
 * database on the local PostgreSQL when TEST_POSTGRES=1), with its own ports and data directory.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createScratchPostgres } from "../lib/db/scratch";

const root = path.resolve(__dirname, "..");
const port = process.env.E2E_PORT ?? "3100";
const idpPort = process.env.E2E_IDP_PORT ?? "4100";

async function main() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    IDP_PORT: idpPort,
    // One data directory per port, so two runs on different ports never share a PGlite directory.
    FRAFLYT_DATA_DIR: process.env.FRAFLYT_DATA_DIR ?? `.test-data/e2e-${process.env.TEST_POSTGRES === "1" ? "postgres" : "embedded"}-${port}`,
    FRAFLYT_FRESH: "1",
    // tests/e2e/fixtures read the database URL here (tests/e2e/db.ts).
    FRAFLYT_DB_URL_FILE: path.join(root, ".test-data", `e2e-db-url-${port}`),
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789abcdefghijklmnop",
    DATA_KEY: process.env.DATA_KEY ?? "e2e-data-key-0123456789abcdefghijklmnopqrst",
    NEXTAUTH_URL: `http://localhost:${port}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // The tests act as one trusted reverse proxy: each presents a client address of its own in
    // X-Forwarded-For (tests/e2e/helpers.ts), so no test meets another test's per-address limits.
    TRUSTED_PROXY_HOPS: "1",
    // The tests step time with the X-Fraflyt-Test-Now header (lib/clock.ts); never set outside tests.
    FRAFLYT_TEST_CLOCK: "1",
    // The local mail catcher on ports of this run (tests read http://127.0.0.1:<E2E_MAIL_PORT>/messages).
    MAIL_CATCHER_SMTP_PORT: process.env.E2E_SMTP_PORT ?? String(Number(port) + 2000),
    MAIL_CATCHER_HTTP_PORT: process.env.E2E_MAIL_PORT ?? String(Number(port) + 3000),
  };
  delete env.SMTP_URL;
  delete env.DATABASE_URL;
  let drop: (() => Promise<void>) | null = null;
  if (process.env.TEST_POSTGRES === "1") {
    const db = await createScratchPostgres(`fraflyt_e2e_${process.pid}_${Date.now()}`, {
      ...(process.env.TEST_POSTGRES_URL ? { adminUrl: process.env.TEST_POSTGRES_URL } : {}),
      dropLike: "fraflyt_e2e_%",
    });
    env.DATABASE_URL = db.url;
    drop = db.drop;
  }
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/start.ts"], { cwd: root, env, stdio: "inherit" });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  child.on("exit", async (code) => {
    if (drop) await drop().catch(() => undefined);
    process.exit(code ?? 0);
  });
}

void main();
