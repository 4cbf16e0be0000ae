/**
 * `npm start`: everything a fresh machine needs to show Fraflyt with demo data.
 *  1. secrets: AUTH_SECRET, DATA_KEY and EMBEDDED_DB_PASSWORD from the environment, else created once
 *     in <data>/secrets.json (0600);
 *  2. database: DATABASE_URL if set, else the embedded PGlite server (scripts/embedded-db.ts) on
 *     loopback with that password, under a supervisor that starts it again on the same port when it
 *     dies (lib/db/embedded/supervisor.ts) — meanwhile /api/health answers 503;
 *  3. migrations (lib/db/migrate.ts);
 *  4. demo data (lib/demo/seed.ts, into an empty database) and the local test identity provider
 *     (scripts/idp.ts) — only as scripts/start-config.ts's demoGate allows: never for an https
 *     public URL; by default on an http localhost URL; elsewhere only with FRAFLYT_DEMO=1 / FRAFLYT_IDP=on;
 *  5. the local SMTP catcher (scripts/mail-catcher.ts; SMTP_URL then points at it) under the same gate,
 *     unless SMTP_URL is set (start-config.ts mailCatcherDecision), and the job worker
 *     (scripts/worker.ts: durable jobs such as e-mails, and schedules);
 *  6. `next build` when the sources changed since the last build, then `next start` on HOST:PORT
 *     (default 127.0.0.1:3000 — loopback; set HOST=0.0.0.0 behind a proxy on another machine).
 * `--dev` runs `next dev` instead of build + start. Ctrl+C stops everything cleanly.
 *
 * Environment: PORT, HOST, IDP_PORT (4000), DATABASE_URL, FRAFLYT_DATA_DIR (.data), FRAFLYT_FRESH=1
 * (wipe the embedded data dir first — tests), FRAFLYT_DEMO (0/1), FRAFLYT_IDP (off/on), NEXTAUTH_URL
 * (the public URL), EMBEDDED_DB_PORT, SMTP_URL / MAIL_FROM, MAIL_CATCHER_SMTP_PORT (1025),
 * MAIL_CATCHER_HTTP_PORT (1080), JOB_POLL_MS.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { loadSecrets } from "../lib/db/embedded/secrets";
import { redactUrl } from "../lib/db/embedded/server";
import { stopChild, superviseEmbeddedDb, type Supervisor } from "../lib/db/embedded/supervisor";
import { appListenHost, demoGate, mailCatcherDecision, publicUrl } from "./start-config";

const root = path.resolve(__dirname, "..");
/** Scripts that load server-only modules (lib/db, lib/auth, lib/demo, lib/idp …) resolve them as Next.js's server does. */
const SERVER_CONDITIONS = "--conditions=react-server";
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const children: ChildProcess[] = [];
let database: Supervisor | null = null;
let stopping = false;

function log(msg: string) {
  process.stdout.write(`[fraflyt] ${msg}\n`);
}

/** Spawns a helper process and resolves with the rest of its first `READY …` line. */
function spawnUntilReady(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    let ready = false;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!ready && line.startsWith("READY ")) {
        ready = true;
        clearTimeout(timer);
        resolve(line.slice(6).trim());
      } else process.stdout.write(`[${name}] ${line}\n`);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
      else if (!stopping) {
        log(`${name} stopped unexpectedly (code ${code}, signal ${signal}); shutting down`);
        void shutdown(1);
      }
    });
  });
}

const BUILD_INPUTS = ["app", "components", "lib", "i18n", "messages", "public", "prisma/schema.prisma", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

function sourceHash(): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    const abs = path.join(root, p);
    if (!existsSync(abs)) return;
    const st = statSync(abs);
    if (st.isDirectory()) {
      if (p === "lib/generated") return;
      for (const e of readdirSync(abs).sort()) walk(path.join(p, e));
    } else {
      h.update(p);
      h.update(readFileSync(abs));
    }
  };
  BUILD_INPUTS.forEach(walk);
  return h.digest("hex");
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit" });
    children.push(child); // so that Ctrl+C during `next build` stops the build too
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${code})`))));
  });
}

async function buildIfNeeded(env: NodeJS.ProcessEnv) {
  const stampFile = path.join(root, ".next", "fraflyt-build-stamp");
  const hash = sourceHash();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash) {
    log("build is up to date");
    return;
  }
  log("building the app (next build) …");
  await run(bin("next"), ["build"], env);
  writeFileSync(stampFile, hash);
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // Stop in reverse order: the app first, the database last (it closes PGlite cleanly on SIGTERM).
  for (const child of [...children].reverse()) await stopChild(child);
  await database?.stop();
  process.exit(code);
}

async function main() {
  const dev = process.argv.includes("--dev");
  const dataDir = path.resolve(root, process.env.FRAFLYT_DATA_DIR ?? ".data");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets = loadSecrets(dataDir);
  process.env.AUTH_SECRET = secrets.AUTH_SECRET;
  process.env.DATA_KEY = secrets.DATA_KEY;
  const port = Number(process.env.PORT ?? 3000);
  const host = appListenHost({ HOST: process.env.HOST });
  const idpPort = Number(process.env.IDP_PORT ?? 4000);
  const appUrl = publicUrl(process.env, port);
  const gate = demoGate({ publicUrl: appUrl, FRAFLYT_DEMO: process.env.FRAFLYT_DEMO, FRAFLYT_IDP: process.env.FRAFLYT_IDP });
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: appUrl, PORT: String(port) };
  delete env.EMBEDDED_DB_PASSWORD; // the app gets it inside DATABASE_URL only

  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  if (!env.DATABASE_URL) {
    const pgliteDir = path.join(dataDir, "pglite");
    if (process.env.FRAFLYT_FRESH === "1") rmSync(pgliteDir, { recursive: true, force: true });
    log(`starting the embedded database in ${path.relative(root, pgliteDir) || pgliteDir}`);
    database = await superviseEmbeddedDb({
      root,
      dataDir: pgliteDir,
      password: secrets.EMBEDDED_DB_PASSWORD!,
      ...(process.env.EMBEDDED_DB_PORT ? { port: Number(process.env.EMBEDDED_DB_PORT) } : {}),
      env,
      log: (m) => log(m),
      shouldRestart: () => !stopping, // Ctrl+C reaches the database's process group too
    });
    env.DATABASE_URL = database.url;
    process.env.DATABASE_URL = env.DATABASE_URL;
    log(`embedded database ready at ${redactUrl(env.DATABASE_URL)}`);
  }

  // The end-to-end tests set up data through the services (tests/e2e/fixtures): tell them where the database is (0600).
  if (process.env.FRAFLYT_DB_URL_FILE) writeFileSync(process.env.FRAFLYT_DB_URL_FILE, env.DATABASE_URL!, { mode: 0o600 });

  const { applyMigrations } = await import("../lib/db/migrate");
  const migrated = await applyMigrations(env.DATABASE_URL!, { log });
  if (migrated.applied.length) log(`applied migrations: ${migrated.applied.join(", ")}`);

  const idpIssuer = process.env.IDP_ISSUER ?? `http://localhost:${idpPort}`;
  log(gate.reason);
  if (gate.seed) {
    const { createPrismaClient } = await import("../lib/db/client");
    const { seedDemo } = await import("../lib/demo/seed");
    const { todayInDenmark } = await import("../lib/time");
    const db = createPrismaClient(env.DATABASE_URL);
    try {
      const organisations = await db.organisation.count();
      if (organisations === 0) {
        log("first start: seeding demo data …");
        await seedDemo({ db, today: todayInDenmark(), idpIssuer });
        log("demo data ready");
      } else {
        log("the database already has organisations: no demo seeding");
      }
    } finally {
      await db.$disconnect();
    }
  }

  if (gate.idp) {
    const issuer = await spawnUntilReady("idp", bin("tsx"), [SERVER_CONDITIONS, "scripts/idp.ts"], { ...env, IDP_PORT: String(idpPort), IDP_ISSUER: idpIssuer, APP_URLS: appUrl });
    log(`identity provider (MitID test) ready at ${issuer}`);
  }

  const mail = mailCatcherDecision(gate, env);
  log(mail.reason);
  if (mail.start) {
    const urls = await spawnUntilReady("mail", bin("tsx"), [SERVER_CONDITIONS, "scripts/mail-catcher.ts"], {
      ...env,
      MAIL_CATCHER_SMTP_PORT: String(mail.smtpPort),
      MAIL_CATCHER_HTTP_PORT: String(mail.httpPort),
    });
    const [smtpUrl, pageUrl] = urls.split(" ");
    env.SMTP_URL = smtpUrl;
    log(`mail catcher ready: ${pageUrl}`);
  }
  // One worker beside the app; more (here or on other machines) are safe: see scripts/worker.ts.
  const workerId = await spawnUntilReady("worker", bin("tsx"), [SERVER_CONDITIONS, "scripts/worker.ts"], env);
  log(`job worker ${workerId} running`);

  if (dev) {
    children.push(spawn(bin("next"), ["dev", "-p", String(port), "-H", host], { cwd: root, env, stdio: "inherit" }));
  } else {
    await buildIfNeeded(env);
    // scripts/serve.ts: `next start`, but the socket's address is stamped into X-Forwarded-For first.
    const next = spawn(bin("tsx"), ["scripts/serve.ts", "--port", String(port), "--host", host], { cwd: root, env, stdio: "inherit" });
    children.push(next);
    next.on("exit", (code) => {
      if (!stopping) void shutdown(code ?? 1);
    });
  }
  log(`listening on ${host}:${port}${host === "127.0.0.1" ? " (loopback only; HOST changes it)" : ""}`);
  log(`Fraflyt: ${appUrl}  (deep link: ${appUrl}/nordhavn/beboer/selvbetjening/opsigelse, staff: ${appUrl}/nordhavn/admin)`);
}

main().catch((e: unknown) => {
  process.stderr.write(`[fraflyt] start failed: ${e instanceof Error ? e.message : String(e)}\n`);
  void shutdown(1);
});
