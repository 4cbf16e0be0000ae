/**
 * The supervisor `npm start` runs the embedded database under (lib/db/embedded/supervisor.ts): when
 * the server process dies — SIGKILL during writes, or PGlite wrecked and the server exiting — it is
 * started again on the same port and data directory, clients (pg and the app's Prisma client) serve
 * again, and no acknowledged commit is lost.
 *
 * Embedded lane only.
 */
import fs from "node:fs";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../lib/db/client";
import { newPassword } from "../../lib/db/embedded/server";
import { superviseEmbeddedDb, type Supervisor } from "../../lib/db/embedded/supervisor";
import { applyMigrations } from "../../lib/db/migrate";
import { ROOT, freshDir, lane, processGone, waitFor } from "../support/embedded";

const PASSWORD = newPassword();
let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function supervised(): Promise<{ sup: Supervisor; log: string[] }> {
  const dataDir = freshDir("sup");
  const log: string[] = [];
  const sup = await superviseEmbeddedDb({ root: ROOT, dataDir, password: PASSWORD, port: 0, log: (m) => log.push(m), startTimeoutMs: 60_000 });
  cleanup.push(async () => {
    await sup.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { sup, log };
}

const insert = `INSERT INTO "Organisation" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), $1, $1, now())`;

/** Writers that keep inserting, reconnecting whenever the server is gone; `acknowledged` holds what COMMIT confirmed. */
function writers(url: string, n: number) {
  const acknowledged = new Set<string>();
  let stop = false;
  let seq = 0;
  const loops = Array.from({ length: n }, async (_, w) => {
    while (!stop) {
      const c = new pg.Client({ connectionString: url });
      c.on("error", () => undefined);
      try {
        await c.connect();
        while (!stop) {
          const slug = `sup-${w}-${seq++}`;
          await c.query(insert, [slug]);
          acknowledged.add(slug);
        }
      } catch {
        await new Promise((r) => setTimeout(r, 50)); // server gone: try again
      } finally {
        await c.end().catch(() => undefined);
      }
    }
  });
  return { acknowledged, stop: async () => ((stop = true), await Promise.all(loops)) };
}

describe.skipIf(lane !== "embedded")("embedded database supervisor", () => {
  it("restarts the server after SIGKILL during writes, on the same URL; nothing acknowledged is lost", { timeout: 120_000 }, async () => {
    const { sup, log } = await supervised();
    await applyMigrations(sup.url);
    const prisma = createPrismaClient(sup.url);
    cleanup.push(() => prisma.$disconnect());
    expect(await prisma.organisation.count()).toBe(0);

    const w = writers(sup.url, 4);
    try {
      await waitFor("30 commits", () => w.acknowledged.size >= 30, 60_000, 5);
      const pid = sup.pid()!;
      process.kill(pid, "SIGKILL");
      await waitFor("the server to be gone", () => processGone(pid));
      // While it is down, the app's queries fail (health answers 503)…
      await waitFor("the restart", () => sup.restarts() === 1, 60_000, 50);
      await sup.whenUp();
      expect(sup.pid()).not.toBe(pid);
      // …and afterwards the same URL serves the writers again.
      const afterRestart = w.acknowledged.size;
      await waitFor("30 commits after the restart", () => w.acknowledged.size >= afterRestart + 30, 60_000, 5);
    } finally {
      await w.stop();
    }
    expect(log.join("\n")).toMatch(/stopped unexpectedly \(code null, signal SIGKILL\); restarting/);

    const c = new pg.Client({ connectionString: sup.url });
    await c.connect();
    const present = new Set((await c.query<{ slug: string }>(`SELECT slug FROM "Organisation"`)).rows.map((r) => r.slug));
    await c.end();
    expect([...w.acknowledged].filter((s) => !present.has(s))).toEqual([]);
    // The app's Prisma pool reconnects by itself.
    await waitFor("Prisma to serve again", () => prisma.organisation.count().then((n) => n >= w.acknowledged.size, () => false), 30_000, 100);
  });

  it("restarts the server when PGlite stops answering (COPY … TO PROGRAM past the guard)", { timeout: 120_000 }, async () => {
    const { sup, log } = await supervised();
    const c = new pg.Client({ connectionString: sup.url });
    c.on("error", () => undefined);
    await c.connect();
    await c.query("CREATE TABLE kept (v TEXT)");
    await c.query("INSERT INTO kept VALUES ('before')");
    await expect(c.query("DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''id'''; END $$")).rejects.toThrow();
    await c.end().catch(() => undefined);
    await waitFor("the restart", () => sup.restarts() === 1, 60_000, 50);
    expect(log.join("\n")).toMatch(/stopped unexpectedly \(code 1, signal null\)/);
    const d = new pg.Client({ connectionString: sup.url });
    await d.connect();
    expect((await d.query("SELECT v FROM kept")).rows).toEqual([{ v: "before" }]);
    await d.end();
  });
});
