/**
 * Automation benchmark (`npm run bench:automation`; a script, not a timed test — issue 13 "bench/"):
 * to-do completion throughput through the API with two automation accounts, against a no-op API
 * route on the same server, printed as a ratio (goal ≥ 0.5×).
 *
 * It starts the production server of the end-to-end tests (scripts/e2e-server.ts: a fresh database,
 * FRAFLYT_TEST_CLOCK=1) on BENCH_PORT (default 3790; or uses a running one with BENCH_REUSE=1 and
 * .test-data/e2e-db-url-<port>), makes an automation world with two accounts and BENCH_TODOS (default
 * 200) open to-dos (half confirm-notice, half provide-tenancy-details), writes a day token per
 * account (tests/e2e/fixtures/todo-api.ts), raises the operator's thresholds so the kill switch does
 * not trip on the bench, then, with BENCH_CONCURRENCY (default 4) requests in flight per account:
 *
 *   - no-op:      GET /api/v1/{org}/ping (api-core's) — or, where it is not there yet,
 *                 GET /api/v1/{org}/todos/{unknown id} (the automation guard and one indexed lookup)
 *   - completion: POST …/completion (the version and a notice rule read beforehand, untimed)
 *
 * The time is the test clock's Wednesday 10:00 (inside the automation hours).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const ROOT = path.resolve(__dirname, "..");
const PORT = process.env.BENCH_PORT ?? "3790";
const IDP_PORT = process.env.BENCH_IDP_PORT ?? String(Number(PORT) + 1000);
const BASE = `http://localhost:${PORT}`;
const TODOS = Math.max(20, Number(process.env.BENCH_TODOS ?? 200));
const CONCURRENCY = Math.max(1, Number(process.env.BENCH_CONCURRENCY ?? 4));
const NOW = "2026-12-02T09:00:00.000Z";
const EXPIRES = "2026-12-02T23:00:00.000Z";
const DATA_KEY = process.env.DATA_KEY ?? "e2e-data-key-0123456789abcdefghijklmnopqrst";
const log = (m: string) => process.stdout.write(`[bench:automation] ${m}\n`);

function fixture<T>(name: string, input: Record<string, unknown>): T {
  const url = fs.readFileSync(path.join(ROOT, ".test-data", `e2e-db-url-${PORT}`), "utf8").trim();
  const out = execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", `tests/e2e/fixtures/${name}.ts`, JSON.stringify({ url, dataKey: DATA_KEY, ...input })], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url, DATA_KEY, LOG_LEVEL: "warn" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}

async function waitForServer(child: ChildProcess | null): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      const r = await fetch(`${BASE}/`);
      if (r.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the server did not start within 10 minutes");
}

type World = { orgId: string; slug: string; accounts: { id: string }[]; notices: { todoId: string }[]; missing: { todoId: string }[] };

/** Runs `jobs` with `CONCURRENCY` in flight per account; the elapsed time and the failures. */
async function run(perAccount: (() => Promise<boolean>)[][]): Promise<{ ms: number; ok: number; failed: number }> {
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    perAccount.flatMap((jobs) => {
      let next = 0;
      return Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          if (await job()) ok++;
          else failed++;
        }
      });
    }),
  );
  return { ms: performance.now() - t0, ok, failed };
}

async function main() {
  let server: ChildProcess | null = null;
  if (process.env.BENCH_REUSE !== "1") {
    log(`starting the server on ${BASE} (a production build; the first time takes minutes)`);
    server = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/e2e-server.ts"], { cwd: ROOT, env: { ...process.env, E2E_PORT: PORT, E2E_IDP_PORT: IDP_PORT }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  }
  try {
    await waitForServer(server);
    log(`making a world: 2 accounts, ${TODOS} open to-dos`);
    const world = fixture<World>("automation-world", { options: { accounts: 2, notices: Math.ceil(TODOS / 2), missing: Math.floor(TODOS / 2) } });
    fixture("todo-api", { command: "bench-policy", orgId: world.orgId });
    const tokens = world.accounts.map((a) => fixture<{ token: string }>("todo-api", { command: "token", orgId: world.orgId, userId: a.id, expiresAt: EXPIRES }).token);
    const headers = (i: number, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${tokens[i]}`, "x-fraflyt-test-now": NOW, "x-forwarded-for": `100.90.0.${i + 1}`, ...extra });
    const api = `${BASE}/api/v1/${world.slug}`;

    const ping = await fetch(`${api}/ping`, { headers: headers(0) });
    const noopPath = ping.status === 200 ? "/ping" : "/todos/00000000-0000-4000-8000-000000000000";
    const noopOk = ping.status === 200 ? 200 : 404;
    await ping.arrayBuffer();
    log(`no-op route: GET ${noopPath}${ping.status === 200 ? "" : " (api-core's /ping is not there yet: a to-do lookup that answers 404 instead)"}`);

    // Warm up both paths (compilation caches, connection pool).
    for (let i = 0; i < 10; i++) await (await fetch(`${api}${noopPath}`, { headers: headers(i % 2) })).arrayBuffer();

    const todos = [...world.notices.map((n) => n.todoId), ...world.missing.map((m) => m.todoId)];
    const split: string[][] = [[], []];
    todos.forEach((id, i) => split[i % 2]!.push(id));

    const noop = await run(
      split.map((ids, acc) =>
        ids.map(() => async () => {
          const r = await fetch(`${api}${noopPath}`, { headers: headers(acc) });
          await r.arrayBuffer();
          return r.status === noopOk;
        }),
      ),
    );

    // What each completion sends, read beforehand (untimed): the version and, for a tenancy, a notice rule.
    const bodies = new Map<string, unknown>();
    for (const [acc, ids] of split.entries())
      for (const id of ids) {
        const todo = (await (await fetch(`${api}/todos/${id}`, { headers: headers(acc) })).json()) as { kind: string; version: number; tenancy: { noticeRuleOptions: { id: string }[] } | null };
        bodies.set(id, todo.kind === "confirm-notice" ? { version: todo.version, caseReference: `BENCH-${id.slice(0, 8)}` } : { version: todo.version, noticeRuleId: todo.tenancy!.noticeRuleOptions[0]!.id, renovationDays: 14 });
      }

    const complete = await run(
      split.map((ids, acc) =>
        ids.map((id) => async () => {
          const r = await fetch(`${api}/todos/${id}/completion`, { method: "POST", headers: headers(acc, { "content-type": "application/json" }), body: JSON.stringify(bodies.get(id)) });
          await r.arrayBuffer();
          return r.status === 200;
        }),
      ),
    );

    const rate = (x: { ms: number; ok: number }) => (x.ok / x.ms) * 1000;
    log(`no-op:       ${noop.ok} ok, ${noop.failed} failed in ${noop.ms.toFixed(0)} ms → ${rate(noop).toFixed(1)} req/s`);
    log(`completions: ${complete.ok} ok, ${complete.failed} failed in ${complete.ms.toFixed(0)} ms → ${rate(complete).toFixed(1)} completions/s`);
    const ratio = rate(complete) / rate(noop);
    log(`ratio completion / no-op: ${ratio.toFixed(2)}× (goal ≥ 0.5×) ${ratio >= 0.5 ? "OK" : "BELOW GOAL"}`);
    if (complete.failed > 0) process.exitCode = 1;
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
