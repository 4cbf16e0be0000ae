/**
 * Wizard speed benchmark (`npm run bench:wizard`; not part of `npm test`). Project rule: speed
 * targets are ratios against a baseline measured in the same run on the same server.
 *
 * Starts the production server the way the e2e tests do (scripts/e2e-server.ts: `next build` when
 * the sources changed, `next start`, fresh demo data; BENCH_PORT/BENCH_IDP_PORT, default 3750/4750),
 * signs in tenant anna and staff member admin@nordhavn.example with Chromium (the real MitID-test
 * and TOTP sign-ins), and measures in one run:
 *
 *   a. a signed-in tenant page's server time (the tile page /nordhavn/beboer/selvbetjening/opsigelse)
 *      against the signed-in JSON session route (/api/nordhavn/session; a staff route — the one
 *      signed-in JSON route there is), sequentially: median and p95 over N requests; then
 *      requests per second at 16 connections (a small concurrent loop for BENCH_SECONDS each).
 *      Goal: tile / session ≤ 3×.
 *   b. first-load JavaScript in gzip bytes of each tenant page in PAGES (the tile page and every
 *      wizard step page): the <script src> and script preloads in the page's HTML, each fetched and
 *      gzip-counted (zlib default level). Goal ≤ 120 kB.
 *   c. a wizard step's save (the step form's server action, called as the browser does with
 *      JavaScript: Next-Action header + the form's fields) against a no-op server action
 *      (app/actions/noop.ts, public kind, rate-limited, returns nothing). Goal ≤ 2×.
 *
 * Every request presents its own client address (X-Forwarded-For; the e2e server trusts one hop),
 * so the per-address limits do not refuse the benchmark. A tenant session may run 60 actions a
 * minute (LIMITS.tenantActionPerSession), so c takes at most BENCH_SAVES (default 45) saves.
 * Results: a table on stdout and bench/results/wizard.json (git-ignored).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { chromium, type BrowserContext } from "@playwright/test";
import { currentTotp } from "../lib/auth/totp";
import { DEMO_PASSWORD, demoStaff } from "../lib/demo/staff";

const ROOT = path.resolve(__dirname, "..");
const PORT = Number(process.env.BENCH_PORT ?? 3750);
const IDP_PORT = Number(process.env.BENCH_IDP_PORT ?? 4750);
const BASE = `http://localhost:${PORT}`;
const N = Math.max(20, Number(process.env.BENCH_N ?? 200));
const SECONDS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 5));
const CONNECTIONS = 16;
const SAVES = Math.min(50, Math.max(8, Number(process.env.BENCH_SAVES ?? 45)));
const RESULTS_FILE = path.join(ROOT, "bench/results/wizard.json");
const TILE = "/nordhavn/beboer/selvbetjening/opsigelse";
const SESSION = "/api/nordhavn/session";

const log = (m: string) => process.stdout.write(`[bench:wizard] ${m}\n`);

// ------------------------------------------------------------------------------ stats

type Stats = { n: number; medianMs: number; p95Ms: number; meanMs: number };
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { n, medianMs: median, p95Ms: s[Math.min(n, Math.max(1, Math.ceil(0.95 * n))) - 1]!, meanMs: s.reduce((a, b) => a + b, 0) / n };
}
const f2 = (x: number) => x.toFixed(2);

// --------------------------------------------------------------------------- requests

let ipCounter = 0;
/** A client address per request (in 100.64.0.0/10, never a real client). */
function nextIp(): string {
  const i = ipCounter++;
  return `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`;
}

type Req = { path: string; method?: string; headers?: Record<string, string>; body?: BodyInit; expect?: number[] };

async function timed(cookie: string, r: Req): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${BASE}${r.path}`, { method: r.method ?? "GET", headers: { cookie, "x-forwarded-for": nextIp(), ...r.headers }, ...(r.body ? { body: r.body } : {}), redirect: "manual" });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (!(r.expect ?? [200]).includes(res.status)) throw new Error(`${r.method ?? "GET"} ${r.path} answered ${res.status}`);
  return ms;
}

/** Alternates the two in rounds (drift hits both alike); returns the samples of each. */
async function compare(a: () => Promise<number>, b: () => Promise<number>, n: number, warmup = 10): Promise<[number[], number[]]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const out: [number[], number[]] = [[], []];
  const rounds = 4;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ([1, 0] as const) : ([0, 1] as const);
    for (const side of order) for (let i = 0; i < n / rounds; i++) out[side].push(await (side === 0 ? a : b)());
  }
  return out;
}

/** Requests per second with `connections` requests in flight for `seconds`. */
async function throughput(run: () => Promise<number>, connections: number, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        await run();
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

// ------------------------------------------------------------------------------ server

let server: ChildProcess | null = null;
async function startServer(): Promise<void> {
  log(`starting the e2e server on ${PORT} (identity provider ${IDP_PORT}); builds first if the sources changed …`);
  server = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/e2e-server.ts"], {
    cwd: ROOT,
    env: { ...process.env, E2E_PORT: String(PORT), E2E_IDP_PORT: String(IDP_PORT), LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(`${BASE}/`)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("the server did not come up within 10 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
}
async function stopServer(): Promise<void> {
  if (!server || server.exitCode !== null || server.pid === undefined) return;
  const exited = new Promise((r) => server!.once("exit", r));
  process.kill(-server.pid, "SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (server.exitCode === null) process.kill(-server.pid, "SIGKILL");
}

// ------------------------------------------------------------------------------ sign-in

async function cookieHeader(ctx: BrowserContext): Promise<string> {
  return (await ctx.cookies(BASE)).map((c) => `${c.name}=${c.value}`).join("; ");
}

async function signInTenant(ctx: BrowserContext, username: string) {
  const page = await ctx.newPage();
  await page.goto(`${BASE}${TILE}`);
  await page.getByRole("button", { name: "Log ind med MitID" }).click();
  await page.locator("#username").fill(username);
  await page.getByRole("button", { name: "Fortsæt" }).click();
  await page.waitForURL(`${BASE}${TILE}`);
  return page;
}

async function signInStaff(ctx: BrowserContext, email: string): Promise<void> {
  const staff = demoStaff.find((s) => s.email === email)!;
  const page = await ctx.newPage();
  await page.goto(`${BASE}/nordhavn/admin`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByLabel("Engangskode").fill(currentTotp(staff.totpSecret));
  await page.getByRole("button", { name: "Log ind" }).click();
  await page.waitForURL(`${BASE}/nordhavn/admin`);
  await page.close();
}

// --------------------------------------------------------------------------- actions

type ServerRefs = Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
/** The id of a server action by its file and export name (.next/server/server-reference-manifest.json). */
function actionId(filename: string, exportedName: string): string | null {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as { node: ServerRefs };
  for (const [id, ref] of Object.entries(manifest.node)) if (ref.filename === filename && ref.exportedName === exportedName) return id;
  return null;
}

// ----------------------------------------------------------------------------- JS size

async function firstLoadJs(cookie: string, url: string): Promise<{ url: string; status: number; files: number; rawBytes: number; gzipBytes: number }> {
  const res = await fetch(`${BASE}${url}`, { headers: { cookie, "x-forwarded-for": nextIp() }, redirect: "manual" });
  const html = await res.text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="(?:preload|modulepreload)"[^>]*>/g)) {
    if (!/as="script"/.test(m[0]) && !/modulepreload/.test(m[0])) continue;
    const href = /href="([^"]+)"/.exec(m[0])?.[1];
    if (href) srcs.add(href);
  }
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src.replace(/&amp;/g, "&"), BASE))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body).length;
  }
  return { url, status: res.status, files: srcs.size, rawBytes: raw, gzipBytes: gz };
}

// -------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = performance.now();
  await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  try {
    const tenantCtx = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": nextIp() } });
    const tilePage = await signInTenant(tenantCtx, "anna");
    const staffCtx = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": nextIp() } });
    await signInStaff(staffCtx, "admin@nordhavn.example");
    const tenant = await cookieHeader(tenantCtx);
    const staff = await cookieHeader(staffCtx);
    log(`signed in (anna, admin@nordhavn.example) after ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // ------------------------------------------------------------------ a. page vs JSON route
    const tile = () => timed(tenant, { path: TILE });
    const session = () => timed(staff, { path: SESSION });
    const [tileMs, sessionMs] = await compare(tile, session, N);
    const a = { tile: stats(tileMs), session: stats(sessionMs) };
    const rpsTile = await throughput(tile, CONNECTIONS, SECONDS);
    const rpsSession = await throughput(session, CONNECTIONS, SECONDS);
    log(`a. done (${N} sequential requests each, then ${SECONDS} s at ${CONNECTIONS} connections each)`);

    // ------------------------------------------------------------------ wizard pages (data-driven)
    // Start (or resume) anna's notice from the tile page; the step pages are then the wizard's URLs.
    const pages: string[] = [TILE];
    let stepForm: { url: string; fields: [string, string][] } | null = null;
    const start = tilePage.getByTestId("start-notice");
    if ((await start.count()) > 0) {
      await start.click();
      // The start page (lead's wizard): "Start opsigelse" (start-button), or "Fortsæt" to resume.
      await tilePage.waitForURL(/\/opsigelse\/start/, { timeout: 15_000 }).catch(() => undefined);
      const begin = tilePage.getByTestId("start-button").or(tilePage.getByTestId("resume-button")).first();
      if ((await begin.count()) > 0) await begin.click();
      await tilePage.waitForURL(/\/opsigelse\/[0-9a-f-]{36}\/[a-z-]+/, { timeout: 15_000 }).catch(() => undefined);
      const m = /\/opsigelse\/([0-9a-f-]{36})\//.exec(tilePage.url());
      if (m) {
        const noticeId = m[1]!;
        const slugs = (process.env.BENCH_STEPS ?? "generelt,dig-og-lejemaalet,fraflytning,flyttesyn,fremvisning,ny-adresse,konto,tjek-svar").split(",");
        for (const s of slugs) pages.push(`${TILE}/${noticeId}/${s}`);
        // The first step's form, as the browser would send it.
        await tilePage.goto(`${BASE}${TILE}/${noticeId}/${slugs[0]}`);
        const fields = await tilePage.evaluate(() => {
          const form = [...document.querySelectorAll("form")].find((f) => f.querySelector('input[name="version"]'));
          return form ? [...new FormData(form).entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$ACTION")).map(([k, v]) => [k, String(v)] as [string, string]) : null;
        });
        if (fields) stepForm = { url: `${TILE}/${noticeId}/${slugs[0]}`, fields };
      }
    }
    if (pages.length === 1) log("no wizard step pages found (the wizard is not there yet): b measures the tile page only");

    // ------------------------------------------------------------------ b. first-load JS
    const js = [];
    for (const url of pages) js.push(await firstLoadJs(tenant, url));
    log("b. done");

    // ------------------------------------------------------------------ c. step save vs no-op action
    const noopId = actionId("app/actions/noop.ts", "noop");
    const saveId = actionId("app/[organisation]/beboer/selvbetjening/opsigelse/actions.ts", "submitWizardPage");
    let c: { save: Stats; noop: Stats } | { todo: string } = { todo: "" };
    if (!noopId) c = { todo: "the no-op action is not in the build (app/actions/noop.ts)" };
    else if (!saveId || !stepForm) c = { todo: "TODO(step save): the wizard's step form (submitWizardPage) was not found; only the no-op is measured" };
    if (noopId) {
      const noopPage = TILE;
      const noop = () => timed(tenant, { path: noopPage, method: "POST", headers: { "next-action": noopId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" }, body: "[]" });
      if (saveId && stepForm) {
        const form = stepForm;
        let version = Number(form.fields.find(([k]) => k === "version")?.[1] ?? 0);
        const save = () => {
          // As React's encodeReply sends one FormData argument: the root "0" refers to it ("$K1"),
          // its fields carry the prefix "1_".
          const fd = new FormData();
          fd.append("0", JSON.stringify(["$K1"]));
          for (const [k, v] of form.fields) fd.append(`1_${k}`, k === "version" ? String(version) : v);
          version++;
          // A redirect to the next step is the success (303 for a plain form; 200 + x-action-redirect with JavaScript).
          return timed(tenant, { path: form.url, method: "POST", headers: { "next-action": saveId, accept: "text/x-component" }, body: fd, expect: [200, 303] });
        };
        try {
          const [saveMs, noopMs] = await compare(save, noop, Math.floor(SAVES / 4) * 4, 3);
          c = { save: stats(saveMs), noop: stats(noopMs) };
        } catch (e) {
          c = { todo: `TODO(step save): the save failed (${(e as Error).message})` };
        }
      } else {
        const noopMs: number[] = [];
        for (let i = 0; i < 40; i++) noopMs.push(await noop());
        c = { todo: (c as { todo: string }).todo, noop: stats(noopMs) } as never;
      }
    }
    log("c. done");

    // ------------------------------------------------------------------ report
    const lines = [
      "",
      `Fraflyt wizard benchmark — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, node ${process.version}, database ${process.env.TEST_POSTGRES === "1" ? "PostgreSQL" : "embedded (PGlite)"}`,
      "",
      "a. signed-in tenant page vs signed-in JSON session route (sequential, ms)",
      `   tile page ${TILE}: median ${f2(a.tile.medianMs)}, p95 ${f2(a.tile.p95Ms)} (n=${a.tile.n}); ${rpsTile.toFixed(1)} req/s at ${CONNECTIONS} connections`,
      `   session   ${SESSION}: median ${f2(a.session.medianMs)}, p95 ${f2(a.session.p95Ms)} (n=${a.session.n}); ${rpsSession.toFixed(1)} req/s at ${CONNECTIONS} connections`,
      `   ratio tile/session: median ${f2(a.tile.medianMs / a.session.medianMs)}×, p95 ${f2(a.tile.p95Ms / a.session.p95Ms)}×, throughput ${f2(rpsSession / rpsTile)}× (goal ≤ 3×)`,
      "",
      "b. first-load JavaScript (gzip, zlib default level; goal ≤ 120 kB)",
      ...js.map((j) =>
        j.status === 200
          ? `   ${(j.gzipBytes / 1024).toFixed(1).padStart(6)} kB gzip (${(j.rawBytes / 1024).toFixed(0)} kB raw, ${j.files} files)  ${j.url}`
          : `        —  HTTP ${j.status} (a step whose earlier steps are unanswered redirects; TODO: answer them first)  ${j.url}`,
      ),
      "",
      "c. wizard step save vs no-op server action (ms)",
      ...("save" in c
        ? [
            `   step save (${stepForm?.url.split("/").pop()}): median ${f2(c.save.medianMs)}, p95 ${f2(c.save.p95Ms)} (n=${c.save.n})`,
            `   no-op action:          median ${f2(c.noop.medianMs)}, p95 ${f2(c.noop.p95Ms)} (n=${c.noop.n})`,
            `   ratio save/no-op: median ${f2(c.save.medianMs / c.noop.medianMs)}×, p95 ${f2(c.save.p95Ms / c.noop.p95Ms)}× (goal ≤ 2×)`,
          ]
        : [`   ${(c as { todo: string }).todo}`, ...("noop" in c ? [`   no-op action: median ${f2((c as { noop: Stats }).noop.medianMs)}, p95 ${f2((c as { noop: Stats }).noop.p95Ms)}`] : [])]),
      "",
      `Total ${((performance.now() - started) / 1000).toFixed(1)} s. JSON: ${path.relative(ROOT, RESULTS_FILE)}`,
      "",
    ];
    process.stdout.write(lines.join("\n"));
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(RESULTS_FILE, JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, node: process.version, a: { ...a, rpsTile, rpsSession }, b: js, c }, null, 2) + "\n");
  } finally {
    await browser.close();
  }
}

let code = 0;
main()
  .catch((e: unknown) => {
    process.stderr.write(`bench:wizard failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    code = 1;
  })
  .finally(async () => {
    await stopServer();
    process.exit(code);
  });
for (const s of ["SIGINT", "SIGTERM"] as const) process.on(s, () => void stopServer().finally(() => process.exit(130)));
