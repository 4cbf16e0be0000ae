/**
 * For the HTTP tests of the versioned API (/api/v1) against the running app: a fresh automation
 * world per test file (its own organisation), the test clock header (lib/clock.ts; the e2e server
 * runs with FRAFLYT_TEST_CLOCK=1), TOTP codes for an instant of that clock, and a day token.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { currentTotp } from "../../lib/auth/totp";
import type { AutomationWorld, WorldOptions } from "../support/automation-world";
import { testClientAddress } from "./helpers";

export type { AutomationWorld, WorldOptions };

const root = path.resolve(__dirname, "../..");
const port = process.env.E2E_PORT ?? "3100";
export const TEST_CLOCK_HEADER = "x-fraflyt-test-now";

export function e2eDatabaseUrl(): string {
  return fs.readFileSync(path.join(root, ".test-data", `e2e-db-url-${port}`), "utf8").trim();
}

/** Runs a fixture script (tests/e2e/fixtures/<name>.ts) with the e2e database; its last stdout line is JSON. */
export function runFixture<T>(name: string, input: Record<string, unknown>): T {
  const url = e2eDatabaseUrl();
  const out = execFileSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", `tests/e2e/fixtures/${name}.ts`, JSON.stringify({ url, dataKey: process.env.DATA_KEY ?? "e2e-data-key-0123456789abcdefghijklmnopqrst", ...input })], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
  });
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}

export function automationWorld(options: WorldOptions = {}): AutomationWorld {
  return runFixture<AutomationWorld>("automation-world", { options });
}

/** Headers for an API call at instant `now` (the test clock), from a client address of this test's own. */
export function at(now: string | Date, extra: Record<string, string> = {}, ip = testClientAddress()): Record<string, string> {
  return { [TEST_CLOCK_HEADER]: typeof now === "string" ? now : now.toISOString(), "x-forwarded-for": ip, ...extra };
}

/** The TOTP code of `secret` at `now`. */
export function codeAt(secret: string, now: string | Date): string {
  return currentTotp(secret, new Date(now).getTime());
}
