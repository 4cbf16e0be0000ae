/**
 * `npm start` (scripts/start.ts) with an https public URL seeds nothing and starts no test identity
 * provider, even with FRAFLYT_DEMO=1 / FRAFLYT_IDP=on, and says so; `npm run db:seed` (scripts/seed.ts)
 * seeds the demo once (idempotent) under the same gate. Plus: the app's loopback address
 * (127.0.0.1) is reached through http://localhost also when localhost resolves to ::1 first.
 *
 * Embedded lane only (the scripts start their own embedded database in a scratch FRAFLYT_DATA_DIR).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { embeddedUrl, LOCK_FILE_NAME } from "../../lib/db/embedded/server";
import { ROOT, freshDir, lane, processGone, waitFor } from "../support/embedded";

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

function portOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, host);
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const running: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.exitCode === null && p.signalCode === null) {
      p.kill("SIGTERM");
      await new Promise((r) => p.once("exit", r));
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function run(script: string, env: Record<string, string>): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const clean = { ...process.env };
  for (const k of ["DATABASE_URL", "NEXTAUTH_URL", "FRAFLYT_DEMO", "FRAFLYT_IDP", "EMBEDDED_DB_PASSWORD", "EMBEDDED_DB_DIR", "AUTH_SECRET", "DATA_KEY"]) delete clean[k];
  const proc = spawn(TSX, ["--conditions=react-server", script], { cwd: ROOT, env: { ...clean, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  running.push(proc);
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  return { proc, output: () => out, exited };
}

async function organisationSlugs(dataDir: string, url?: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ slug: string }>(`SELECT slug FROM "Organisation" ORDER BY slug`)).rows.map((r) => r.slug);
  } finally {
    await c.end();
  }
}

describe.skipIf(lane !== "embedded")("npm start and npm run db:seed: demo gate", () => {
  it("a start with an https NEXTAUTH_URL seeds nothing and starts no identity provider, even with the flags", { timeout: 180_000 }, async () => {
    const dataDir = freshDir("start-https");
    dirs.push(dataDir);
    const [port, idpPort] = [await freePort(), await freePort()];
    const start = run("scripts/start.ts", {
      FRAFLYT_DATA_DIR: dataDir,
      PORT: String(port),
      IDP_PORT: String(idpPort),
      NEXTAUTH_URL: "https://fraflyt.example",
      FRAFLYT_DEMO: "1",
      FRAFLYT_IDP: "on",
    });
    // The identity provider would be up before the build step starts: wait for that step.
    await waitFor("the build step", () => /building the app|build is up to date/.test(start.output()) || start.proc.exitCode !== null, 150_000, 100);
    expect(start.output()).toContain("the public URL https://fraflyt.example is https: no demo data, no test identity provider (FRAFLYT_DEMO/FRAFLYT_IDP are ignored for an https URL)");
    expect(start.output()).not.toMatch(/seeding demo data|identity provider \(MitID test\) ready/);
    expect(await portOpen(idpPort)).toBe(false);
    // No mail catcher for an https URL; the job worker runs (mails wait in its queue until SMTP_URL is set).
    expect(start.output()).toContain("SMTP_URL is not set and demo services are off: mails wait in the job queue until SMTP_URL is set");
    expect(start.output()).not.toContain("mail catcher ready");
    expect(start.output()).toMatch(/job worker worker-[0-9a-f]{8} running/);

    // The database is migrated and empty.
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, "pglite", LOCK_FILE_NAME), "utf8")) as { pid: number; port: number };
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as Record<string, string>;
    expect(fs.statSync(path.join(dataDir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(await organisationSlugs(dataDir, embeddedUrl(lock.port, secrets.EMBEDDED_DB_PASSWORD!))).toEqual([]);
    expect(start.output()).not.toContain(secrets.EMBEDDED_DB_PASSWORD!); // the log masks the password

    start.proc.kill("SIGTERM");
    await start.exited;
    await waitFor("the database to stop", () => processGone(lock.pid), 20_000, 100);
  });

  it("a local start runs the mail catcher (SMTP and its JSON endpoint on the configured ports) and the job worker", { timeout: 180_000 }, async () => {
    const dataDir = freshDir("start-mail");
    dirs.push(dataDir);
    const [port, idpPort, smtpPort, mailPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const start = run("scripts/start.ts", {
      FRAFLYT_DATA_DIR: dataDir,
      PORT: String(port),
      IDP_PORT: String(idpPort),
      FRAFLYT_DEMO: "0",
      MAIL_CATCHER_SMTP_PORT: String(smtpPort),
      MAIL_CATCHER_HTTP_PORT: String(mailPort),
      SMTP_URL: "",
    });
    await waitFor("the build step", () => /building the app|build is up to date/.test(start.output()) || start.proc.exitCode !== null, 150_000, 100);
    expect(start.output()).toContain(`mail catcher ready: http://127.0.0.1:${mailPort}`);
    expect(start.output()).toMatch(/job worker worker-[0-9a-f]{8} running/);
    const { smtpTransport } = await import("../../lib/mail/mail");
    const transport = smtpTransport(`smtp://127.0.0.1:${smtpPort}`, "test@fraflyt.localhost");
    await transport.send({ to: ["anna@example.dk"], subject: "Prøve", text: "Hej" });
    transport.close();
    const mails = (await (await fetch(`http://127.0.0.1:${mailPort}/messages`)).json()) as Array<{ subject: string }>;
    expect(mails.map((m) => m.subject)).toEqual(["Prøve"]);
    start.proc.kill("SIGTERM");
    await start.exited;
    expect(await portOpen(mailPort)).toBe(false);
  });

  it("db:seed seeds the demo once, idempotently, and refuses for an https public URL", { timeout: 180_000 }, async () => {
    const dataDir = freshDir("seed");
    dirs.push(dataDir);
    const refused = run("scripts/seed.ts", { FRAFLYT_DATA_DIR: dataDir, NEXTAUTH_URL: "https://fraflyt.example", FRAFLYT_DEMO: "1" });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/not seeding: the public URL https:\/\/fraflyt.example is https/);
    expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false); // not even a database was created

    const first = run("scripts/seed.ts", { FRAFLYT_DATA_DIR: dataDir });
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("demo data seeded");
    const second = run("scripts/seed.ts", { FRAFLYT_DATA_DIR: dataDir });
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain("the demo data is there already: nothing to do");

    // Look at the result through a server of our own on the same directory (the scripts have stopped theirs).
    const { startEmbeddedServer } = await import("../../lib/db/embedded/server");
    const password = (JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as Record<string, string>).EMBEDDED_DB_PASSWORD!;
    const srv = await startEmbeddedServer({ dataDir: path.join(dataDir, "pglite"), password, log: () => undefined });
    try {
      const slugs = await organisationSlugs(dataDir, srv.url);
      expect(slugs).toContain("nordhavn");
      expect(new Set(slugs).size).toBe(slugs.length);
    } finally {
      await srv.close();
    }
  });
});

describe("the app's loopback address", () => {
  it("http://localhost reaches a server on 127.0.0.1 also when localhost resolves to ::1 first", async () => {
    const srv = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const { port } = srv.address() as net.AddressInfo;
    try {
      // What Playwright's webServer check and Node's fetch do: Happy Eyeballs over every address.
      const ipv6First: net.LookupFunction = (_host, opts, cb) => {
        const all = [{ address: "::1", family: 6 }, { address: "127.0.0.1", family: 4 }];
        if ((opts as { all?: boolean }).all) (cb as unknown as (e: null, a: typeof all) => void)(null, all);
        else cb(null, all[0]!.address, all[0]!.family);
      };
      const body = await new Promise<string>((resolve, reject) => {
        http
          .get({ host: "localhost", port, path: "/", lookup: ipv6First }, (res) => {
            let b = "";
            res.on("data", (d) => (b += d));
            res.on("end", () => resolve(b));
          })
          .on("error", reject);
      });
      expect(body).toBe("ok");
    } finally {
      await new Promise((r) => srv.close(r));
    }
  });
});
