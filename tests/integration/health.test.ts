/**
 * GET /api/health while the supervised embedded database dies and comes back: 200 "up", then 503
 * "down" during the outage, then 200 again on the same DATABASE_URL — the app is not shut down.
 *
 * Embedded lane only. The route's process-wide Prisma client is pointed at a supervised server of
 * this test (and the previous one put back afterwards).
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "../../app/api/health/route";
import { createPrismaClient } from "../../lib/db/client";
import { newPassword } from "../../lib/db/embedded/server";
import { superviseEmbeddedDb, type Supervisor } from "../../lib/db/embedded/supervisor";
import { applyMigrations } from "../../lib/db/migrate";
import { ROOT, freshDir, lane, processGone, waitFor } from "../support/embedded";

type Holder = { __fraflytPrisma?: ReturnType<typeof createPrismaClient> };
const holder = globalThis as unknown as Holder;

async function health(): Promise<{ status: number; body: unknown; cache: string | null }> {
  const res = await GET();
  return { status: res.status, body: await res.json(), cache: res.headers.get("cache-control") };
}

describe.skipIf(lane !== "embedded")("/api/health during an embedded database outage", () => {
  let sup: Supervisor;
  let dataDir: string;
  let previous: Holder["__fraflytPrisma"];

  beforeAll(async () => {
    dataDir = freshDir("health");
    sup = await superviseEmbeddedDb({ root: ROOT, dataDir, password: newPassword(), port: 0, log: () => undefined, startTimeoutMs: 60_000 });
    await applyMigrations(sup.url);
    previous = holder.__fraflytPrisma;
    holder.__fraflytPrisma = createPrismaClient(sup.url);
  });

  afterAll(async () => {
    await holder.__fraflytPrisma?.$disconnect();
    holder.__fraflytPrisma = previous;
    await sup?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers 503 database down while the server restarts, then 200 again", { timeout: 90_000 }, async () => {
    expect(await health()).toEqual({ status: 200, body: { ok: true, database: "up" }, cache: "no-store" });
    const pid = sup.pid()!;
    process.kill(pid, "SIGKILL");
    await waitFor("the server to be gone", () => processGone(pid));
    // The supervisor waits ≥ 0.5 s before it starts the server again: the outage is observable.
    let down: Awaited<ReturnType<typeof health>> | null = null;
    await waitFor("a 503", async () => {
      const h = await health();
      if (h.status === 503) down = h;
      return down !== null;
    }, 30_000, 20);
    expect(down).toEqual({ status: 503, body: { ok: false, database: "down" }, cache: "no-store" });
    await waitFor("200 again", async () => (await health()).status === 200, 60_000, 100);
    expect(sup.restarts()).toBe(1);
    expect(await health()).toEqual({ status: 200, body: { ok: true, database: "up" }, cache: "no-store" });
  });
});
