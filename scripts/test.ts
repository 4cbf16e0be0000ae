/**
 * `npm test`: every test — unit and integration (vitest), then end-to-end (Playwright against
 * `npm start` on a fresh database). Exits non-zero on any failure and ends with one line
 * `N passed, N failed` (plus skipped). TEST_POSTGRES=1 runs the same suites on real PostgreSQL.
 * Arguments: `--skip-e2e`, `--only-e2e`.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const bin = (n: string) => path.join(root, "node_modules", ".bin", n);
const out = path.join(root, "test-results");

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function main() {
  const args = process.argv.slice(2);
  mkdirSync(out, { recursive: true });
  const lane = process.env.TEST_POSTGRES === "1" ? "postgres" : "embedded";
  console.log(`\n=== Fraflyt tests (database lane: ${lane}, node ${process.version}) ===\n`);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let exit = 0;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", NEXT_TELEMETRY_DISABLED: "1" };

  if (!args.includes("--only-e2e")) {
    const vitestJson = path.join(out, "vitest.json");
    rmSync(vitestJson, { force: true });
    const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`], env);
    const r = readJson(vitestJson);
    if (r) {
      passed += Number(r.numPassedTests ?? 0);
      failed += Number(r.numFailedTests ?? 0);
      skipped += Number(r.numPendingTests ?? 0) + Number(r.numTodoTests ?? 0);
    }
    if (code !== 0) {
      exit = 1;
      if (!r || Number(r.numFailedTests ?? 0) === 0) failed += 1; // a suite that failed to load counts too
    }
  }

  if (!args.includes("--skip-e2e")) {
    const pwJson = path.join(out, "playwright.json");
    rmSync(pwJson, { force: true });
    // next start sets its own NODE_ENV.
    const e2eEnv = Object.fromEntries(Object.entries(env).filter(([k]) => k !== "NODE_ENV")) as NodeJS.ProcessEnv;
    const code = await run(bin("playwright"), ["test"], e2eEnv);
    const r = readJson(pwJson) as { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } } | null;
    if (r?.stats) {
      passed += Number(r.stats.expected ?? 0) + Number(r.stats.flaky ?? 0);
      failed += Number(r.stats.unexpected ?? 0);
      skipped += Number(r.stats.skipped ?? 0);
    }
    if (code !== 0) {
      exit = 1;
      if (!r?.stats || Number(r.stats.unexpected ?? 0) === 0) failed += 1;
    }
  }

  if (passed === 0 && failed === 0) {
    console.log("no test ran");
    exit = 1;
  }
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exit(exit);
}

void main();
