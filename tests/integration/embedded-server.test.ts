/**
 * The embedded PGlite server (lib/db/embedded/server.ts, scripts/embedded-db.ts): wire protocol,
 * connection ownership under concurrency, robustness against bad clients, the data-directory lock,
 * and durability of acknowledged commits across SIGKILL.
 *
 * Embedded lane only. The tests start their own servers (own data directories under .test-data/).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE_NAME, newPassword, startEmbeddedServer, type EmbeddedServer } from "../../lib/db/embedded/server";
import { md5Response } from "../../lib/db/embedded/auth";
import { applyMigrations } from "../../lib/db/migrate";
import {
  RawClient, bind, describePortal, z, execute, frame, freshDir, lane, parse, processGone, query, sleep, spawnServer, startupPacket, sync, waitFor,
} from "../support/embedded";

const PASSWORD = newPassword();

// --------------------------------------------------------------------------------------- tests

describe.skipIf(lane !== "embedded")("embedded PGlite server", () => {
  let dataDir: string;
  let server: EmbeddedServer;
  const clients: pg.Client[] = [];

  async function client(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: server.url });
    c.on("error", () => undefined);
    await c.connect();
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    dataDir = freshDir("server");
    server = await startEmbeddedServer({ dataDir, password: PASSWORD, port: 0, log: () => undefined });
    const c = await client();
    await c.query(`CREATE TABLE items (id SERIAL PRIMARY KEY, label TEXT NOT NULL)`);
  });

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the URL format the READY line prints", () => {
    expect(server.url).toBe(`postgresql://postgres:${PASSWORD}@127.0.0.1:${server.port}/postgres`);
  });

  describe("protocol through pg", () => {
    it("simple and extended queries with parameters", async () => {
      const c = await client();
      expect((await c.query("SELECT 1 AS one, 'x' AS s")).rows).toEqual([{ one: 1, s: "x" }]);
      expect((await c.query("SELECT $1::int + $2::int AS sum, $3::text AS t", [40, 2, "æøå"])).rows).toEqual([{ sum: 42, t: "æøå" }]);
      const multi = (await c.query("SELECT 1 AS a; SELECT 2 AS b")) as unknown as pg.QueryResult[];
      expect(multi.map((r) => r.rows)).toEqual([[{ a: 1 }], [{ b: 2 }]]);
      const ts = (await c.query("SELECT now() AS now, current_setting('TimeZone') AS tz")).rows[0];
      expect(ts.now).toBeInstanceOf(Date);
      expect(ts.tz).toBe("UTC");
    });

    it("named prepared statements, also the same name on two connections", async () => {
      const a = await client();
      const b = await client();
      const qa = { name: "same-name", text: "SELECT $1::int * 2 AS v" };
      const qb = { name: "same-name", text: "SELECT $1::text || '!' AS v" };
      expect((await a.query({ ...qa, values: [21] })).rows).toEqual([{ v: 42 }]);
      expect((await b.query({ ...qb, values: ["hi"] })).rows).toEqual([{ v: "hi!" }]);
      expect((await a.query({ ...qa, values: [5] })).rows).toEqual([{ v: 10 }]); // reused, not re-parsed
      expect((await b.query({ ...qb, values: ["yo"] })).rows).toEqual([{ v: "yo!" }]);
    });

    it("recovers from errors, also inside a transaction", async () => {
      const c = await client();
      await expect(c.query("SELECT no_such_column")).rejects.toMatchObject({ code: "42703" });
      expect((await c.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
      await expect(c.query("SELECT $1::int", ["not a number"])).rejects.toMatchObject({ code: "22P02" });
      expect((await c.query("SELECT $1::int AS n", [7])).rows).toEqual([{ n: 7 }]);

      await c.query("BEGIN");
      await expect(c.query("SELECT 1/0")).rejects.toMatchObject({ code: "22012" });
      await expect(c.query("SELECT 1")).rejects.toMatchObject({ code: "25P02" }); // transaction aborted
      await c.query("ROLLBACK");
      expect((await c.query("SELECT 2 AS ok")).rows).toEqual([{ ok: 2 }]);
    });

    it("ROLLBACK discards and COMMIT keeps", async () => {
      const c = await client();
      await c.query("BEGIN");
      await c.query("INSERT INTO items (label) VALUES ('rolled-back')");
      await c.query("ROLLBACK");
      await c.query("BEGIN");
      await c.query("INSERT INTO items (label) VALUES ('committed')");
      await c.query("COMMIT");
      const other = await client();
      const labels = (await other.query("SELECT label FROM items WHERE label IN ('rolled-back', 'committed')")).rows;
      expect(labels).toEqual([{ label: "committed" }]);
    });
  });

  describe("framing", () => {
    const pipeline = Buffer.concat([
      parse("", "SELECT $1::int + 1 AS x"),
      bind("", "", ["41"]),
      describePortal(""),
      execute(""),
      sync(),
      parse("", "SELECT $1::text AS y"),
      bind("", "", ["pipelined"]),
      describePortal(""),
      execute(""),
      sync(),
      query("SELECT 'simple' AS z"),
    ]);
    const expected = "1 2 T D C ZI 1 2 T D C ZI T D C ZI";

    it("handles pipelined extended-protocol messages in one TCP write", async () => {
      const c = await RawClient.connect(server.port, PASSWORD);
      c.socket.write(pipeline);
      await c.until(() => c.readyCount() === 3);
      expect(c.types()).toBe(expected);
      expect(c.dataRows()).toEqual(["42", "pipelined", "simple"]);
      c.close();
    });

    it("handles the same bytes split into 1-byte and random-size chunks", async () => {
      for (const chunking of ["bytes", "random"] as const) {
        const c = await RawClient.connect(server.port, PASSWORD);
        let i = 0;
        while (i < pipeline.length) {
          const n = chunking === "bytes" ? 1 : 1 + Math.floor(Math.random() * 17);
          c.socket.write(pipeline.subarray(i, i + n));
          i += n;
          if (i % 7 === 0) await sleep(1);
        }
        await c.until(() => c.readyCount() === 3);
        expect(c.types()).toBe(expected);
        expect(c.dataRows()).toEqual(["42", "pipelined", "simple"]);
        c.close();
      }
    });

    it("keeps an unfinished extended sequence (no Sync yet) private to its connection", async () => {
      const a = await RawClient.connect(server.port, PASSWORD);
      const b = await RawClient.connect(server.port, PASSWORD);
      // a: Parse + Bind of the unnamed statement/portal, Sync still to come.
      a.socket.write(Buffer.concat([parse("", "SELECT 'from a' AS v"), bind("", "", [])]));
      await a.until((m) => m.some((x) => x.type === "2"));
      // b uses the unnamed statement too; it must wait, not clobber a's portal.
      b.socket.write(Buffer.concat([parse("", "SELECT 'from b' AS v"), bind("", "", []), execute(""), sync()]));
      await sleep(150);
      expect(b.readyCount()).toBe(0);
      a.socket.write(Buffer.concat([execute(""), sync()]));
      await a.until(() => a.readyCount() === 1);
      await b.until(() => b.readyCount() === 1);
      expect(a.dataRows()).toEqual(["from a"]);
      expect(b.dataRows()).toEqual(["from b"]);
      a.close();
      b.close();
    });

    it("COPY is refused with an error instead of killing PGlite, in simple and extended protocol", async () => {
      const a = await RawClient.connect(server.port, PASSWORD);
      a.socket.write(query("COPY (SELECT 'c1' UNION ALL SELECT 'c2' ORDER BY 1) TO STDOUT"));
      await a.until(() => a.readyCount() === 1);
      expect(a.types()).toBe("E ZI");
      expect(a.errors()[0]).toMatchObject({ code: "0A000", message: expect.stringMatching(/COPY is not supported/) });

      a.messages.length = 0;
      a.socket.write(query("COPY items (label) FROM STDIN"));
      await a.until(() => a.readyCount() === 1);
      expect(a.types()).toBe("E ZI");
      expect(a.errors()[0]).toMatchObject({ code: "0A000", message: expect.stringMatching(/COPY is not supported/) });

      // extended protocol, inside a transaction: the transaction fails as for any error
      a.messages.length = 0;
      a.socket.write(Buffer.concat([query("BEGIN"), parse("", "copy items from\n  stdin with (format csv)"), bind("", "", []), execute(""), sync()]));
      await a.until(() => a.readyCount() === 2);
      expect(a.types()).toBe("C ZT 1 2 E ZE");
      a.messages.length = 0;
      a.socket.write(query("ROLLBACK"));
      await a.until(() => a.readyCount() === 1);
      expect(a.types()).toBe("C ZI");
      a.close();
      const c = await client();
      expect((await c.query("SELECT 6 AS ok")).rows).toEqual([{ ok: 6 }]);
    });

    it("answers SSLRequest and GSSENCRequest with N, then starts up", async () => {
      const c = await RawClient.connect(server.port, null);
      const got: Buffer[] = [];
      c.socket.on("data", (d) => got.push(d));
      const req = (code: number) => {
        const b = Buffer.alloc(8);
        b.writeInt32BE(8);
        b.writeInt32BE(code, 4);
        return b;
      };
      c.socket.write(req(80877103));
      c.socket.write(req(80877104));
      c.socket.write(startupPacket());
      // The raw client's parser does not know the one-byte 'N' answers: read the bytes directly.
      await waitFor("the password request", () => Buffer.concat(got).length >= 2 + 13);
      const bytes = Buffer.concat(got);
      expect(bytes.subarray(0, 2).toString()).toBe("NN");
      expect([bytes.toString("latin1", 2, 3), bytes.readInt32BE(3), bytes.readInt32BE(7)]).toEqual(["R", 12, 5]); // AuthenticationMD5Password
      c.socket.write(frame("p", z(md5Response(PASSWORD, "postgres", bytes.subarray(11, 15)))));
      await waitFor("ReadyForQuery", () => Buffer.concat(got).includes(Buffer.from("Z\0\0\0\x05I", "latin1")));
      c.close();
    });
  });

  describe("connection ownership", () => {
    it("runs another connection's statements only after a transaction ends", async () => {
      const a = await client();
      const b = await client();
      await a.query("BEGIN");
      await a.query("INSERT INTO items (label) VALUES ('owned-1')");
      let bDone = false;
      const bCount = b.query("SELECT count(*)::int AS n FROM items WHERE label = 'owned-1'").then((r) => {
        bDone = true;
        return r.rows[0].n as number;
      });
      await sleep(200);
      expect(bDone).toBe(false);
      await a.query("COMMIT");
      expect(await bCount).toBe(1);
    });

    it("a client disconnecting mid-transaction is rolled back and does not wedge others", async () => {
      const a = await client();
      const b = await client();
      await a.query("BEGIN");
      await a.query("INSERT INTO items (label) VALUES ('abandoned')");
      const bQuery = b.query("SELECT count(*)::int AS n FROM items WHERE label = 'abandoned'");
      await sleep(100);
      // Kill a's socket abruptly (no Terminate, no ROLLBACK).
      (a as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
      expect((await bQuery).rows[0].n).toBe(0);
      // The session is idle again: a new transaction works.
      await b.query("BEGIN");
      await b.query("INSERT INTO items (label) VALUES ('after-abandon')");
      await b.query("COMMIT");
      expect((await b.query("SELECT count(*)::int AS n FROM items WHERE label = 'after-abandon'")).rows[0].n).toBe(1);
    });

    it("a client vanishing mid extended sequence or in a failed transaction does not wedge others", async () => {
      const a = await RawClient.connect(server.port, PASSWORD);
      const b = await client();
      // A named statement (renamed fc<id>_vanish on the wire) a keeps…
      a.socket.write(Buffer.concat([parse("vanish", "SELECT 1"), sync()]));
      await a.until(() => a.readyCount() === 1);
      const leaked = async () => (await b.query("SELECT name FROM pg_prepared_statements WHERE name LIKE '%vanish'")).rows.map((r) => r.name as string);
      expect(await leaked()).toHaveLength(1);
      // …then a failed transaction and an extended sequence without Sync.
      a.socket.write(Buffer.concat([query("BEGIN"), parse("", "SELECT 1/0"), bind("", "", []), execute("")]));
      await a.until((m) => m.some((x) => x.type === "E"));
      a.close();
      await waitFor("a's cleanup", async () => (await leaked()).length === 0); // …and is closed when a goes
      expect((await b.query("SELECT 3 AS ok")).rows).toEqual([{ ok: 3 }]);
      await b.query("BEGIN");
      // a's failed transaction was rolled back: in it, this would fail with 25P02
      expect((await b.query("SELECT 4 AS ok")).rows).toEqual([{ ok: 4 }]);
      await b.query("COMMIT");
    });

    it("20 concurrent clients with transactions and plain queries give exact results", async () => {
      const pool = new pg.Pool({ connectionString: server.url, max: 10 });
      await pool.query("CREATE TABLE IF NOT EXISTS counters (id INT PRIMARY KEY, n INT NOT NULL)");
      await pool.query("INSERT INTO counters VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0");
      const work = Array.from({ length: 20 }, async (_, i) => {
        if (i % 2 === 0) {
          const c = await pool.connect();
          try {
            await c.query("BEGIN");
            const { n } = (await c.query("SELECT n FROM counters WHERE id = 1 FOR UPDATE")).rows[0];
            await sleep(2); // give others a chance to interleave (they must not)
            await c.query("UPDATE counters SET n = $1 WHERE id = 1", [n + 1]);
            await c.query("COMMIT");
          } finally {
            c.release();
          }
        } else {
          await pool.query("INSERT INTO items (label) VALUES ($1)", [`concurrent-${i}`]);
        }
      });
      await Promise.all(work);
      expect((await pool.query("SELECT n FROM counters WHERE id = 1")).rows[0].n).toBe(10);
      expect((await pool.query("SELECT count(*)::int AS n FROM items WHERE label LIKE 'concurrent-%'")).rows[0].n).toBe(10);
      await pool.end();
    });
  });

  describe("bad clients", () => {
    it("garbage before startup gets a FATAL error and the socket is closed", async () => {
      for (const garbage of [Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), randomBytes(64), Buffer.from([0, 0, 0, 9, 0, 2, 0, 0, 0])]) {
        const c = await RawClient.connect(server.port, null);
        c.socket.write(garbage);
        await c.untilClosed();
        expect(c.errors()[0]?.severity).toBe("FATAL");
      }
    });

    it("an unknown message type or absurd length after startup: FATAL and closed, server fine", async () => {
      const owner = await client();
      await owner.query("BEGIN");
      await owner.query("INSERT INTO items (label) VALUES ('owner-during-garbage')");

      const bad1 = await RawClient.connect(server.port, PASSWORD);
      bad1.socket.write(Buffer.concat([Buffer.from("!"), Buffer.from([0, 0, 0, 8]), randomBytes(4)]));
      const bad2 = await RawClient.connect(server.port, PASSWORD);
      bad2.socket.write(Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff])); // Q with a 2 GiB length
      const bad3 = await RawClient.connect(server.port, PASSWORD);
      bad3.socket.write(startupPacket()); // a second startup packet
      for (const bad of [bad1, bad2, bad3]) {
        await bad.untilClosed();
        expect(bad.errors().map((e) => e.severity)).toEqual(["FATAL"]);
      }
      // The transaction owner was not disturbed.
      await owner.query("COMMIT");
      const c = await client();
      expect((await c.query("SELECT count(*)::int AS n FROM items WHERE label = 'owner-during-garbage'")).rows[0].n).toBe(1);
    });

    it("survives random bodies in every forwarded message type", async () => {
      const types = ["B", "C", "D", "E", "H", "P", "Q", "S", "d", "c", "f"];
      for (let round = 0; round < 44; round++) {
        const c = await RawClient.connect(server.port, PASSWORD);
        const body = randomBytes(Math.floor(Math.random() * 40));
        c.socket.write(Buffer.concat([frame(types[round % types.length]!, body), sync()]));
        await c.until(() => c.readyCount() >= 1);
        c.close();
      }
      const c = await client();
      expect((await c.query("SELECT 4 AS ok")).rows).toEqual([{ ok: 4 }]);
    });

    it("refuses a database other than postgres", async () => {
      const c = new pg.Client({ connectionString: server.url.replace(/\/postgres$/, "/other") });
      c.on("error", () => undefined);
      await expect(c.connect()).rejects.toMatchObject({ code: "3D000" });
    });
  });

  describe("lock file", () => {
    it("holds pid and port while running", () => {
      const lock = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE_NAME), "utf8"));
      expect(lock).toMatchObject({ pid: process.pid, port: server.port });
    });

    it("refuses a second server on the same data directory", async () => {
      await expect(startEmbeddedServer({ dataDir, password: PASSWORD, port: 0 })).rejects.toThrow(/in use by process \d+ \(port \d+\)/);
      // …and the running one still works.
      const c = await client();
      expect((await c.query("SELECT 5 AS ok")).rows).toEqual([{ ok: 5 }]);
    });

    it("takes over a stale lock (dead process) and removes the lock on close", async () => {
      const dir = freshDir("stale");
      const dead = spawn(process.execPath, ["-e", ""]);
      await new Promise((r) => dead.once("exit", r));
      fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: dead.pid, port: 1, host: "127.0.0.1", startedAt: "" }));
      const s = await startEmbeddedServer({ dataDir: dir, password: PASSWORD, port: 0 });
      try {
        expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8"))).toMatchObject({ pid: process.pid, port: s.port });
      } finally {
        await s.close();
      }
      expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});

// ------------------------------------------------------------------------------------ kill test

describe.skipIf(lane !== "embedded")("embedded server idle-in-transaction timeout", () => {
  it("terminates a connection that sits in a transaction, rolls it back and lets others run", async () => {
    const dir = freshDir("idle");
    const srv = await startEmbeddedServer({ dataDir: dir, password: PASSWORD, port: 0, log: () => undefined, idleInTransactionTimeoutMs: 400 });
    const a = new pg.Client({ connectionString: srv.url });
    const b = new pg.Client({ connectionString: srv.url });
    const aErrors: Error[] = [];
    a.on("error", (e) => aErrors.push(e));
    b.on("error", () => undefined);
    try {
      await a.connect();
      await b.connect();
      await b.query("CREATE TABLE idle_items (id SERIAL PRIMARY KEY, label TEXT NOT NULL)");
      await a.query("BEGIN");
      await a.query("INSERT INTO idle_items (label) VALUES ('stuck')");
      const started = Date.now();
      // b waits behind a's open transaction until the timeout ends it.
      const n = (await b.query("SELECT count(*)::int AS n FROM idle_items")).rows[0].n;
      expect(n).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      await sleep(50);
      expect(aErrors.map((e) => e.message).join(" ")).toMatch(/idle-in-transaction timeout|terminat|Connection terminated/i);
      // A busy connection that keeps talking is not cut off.
      await b.query("BEGIN");
      for (let i = 0; i < 4; i++) {
        await sleep(150);
        await b.query("INSERT INTO idle_items (label) VALUES ('busy')");
      }
      await b.query("COMMIT");
      expect((await b.query("SELECT count(*)::int AS n FROM idle_items WHERE label = 'busy'")).rows[0].n).toBe(4);
    } finally {
      await a.end().catch(() => undefined);
      await b.end().catch(() => undefined);
      await srv.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(lane !== "embedded")("embedded server durability (SIGKILL)", () => {
  it("keeps every acknowledged commit across SIGKILL of the server, several cycles", { timeout: 120_000 }, async () => {
    const dataDir = freshDir("kill");
    const acknowledged = new Set<string>();
    const pairs = new Set<string>();
    let child = await spawnServer(dataDir, PASSWORD);
    try {
      const { applied } = await applyMigrations(child.url);
      expect(applied.length).toBeGreaterThan(0);
      const cycles = 3;
      for (let cycle = 0; cycle < cycles; cycle++) {
        const writers = 6;
        let stop = false;
        let seq = 0;
        const loops = Array.from({ length: writers }, async (_, w) => {
          const c = new pg.Client({ connectionString: child.url });
          c.on("error", () => undefined);
          await c.connect();
          while (!stop) {
            const a = `kill-${cycle}-${w}-${seq++}`;
            try {
              if (seq % 3 === 0) {
                // explicit transaction with two rows: both or neither
                const b = `${a}-pair`;
                pairs.add(a);
                await c.query("BEGIN");
                for (const slug of [a, b]) {
                  await c.query(`INSERT INTO "Organisation" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), $1, $1, now())`, [slug]);
                }
                await c.query("COMMIT");
                acknowledged.add(a);
                acknowledged.add(b);
              } else {
                await c.query(`INSERT INTO "Organisation" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), $1, $1, now())`, [a]);
                acknowledged.add(a);
              }
            } catch {
              break; // the server is gone
            }
          }
          await c.end().catch(() => undefined);
        });
        const before = acknowledged.size;
        // Kill once the writers are really busy: a number of commits acknowledged, not a guessed sleep.
        await waitFor("30 acknowledged commits", () => acknowledged.size - before >= 30, 60_000, 5);
        process.kill(child.serverPid, "SIGKILL");
        stop = true;
        await Promise.all(loops);
        await child.exited;
        expect(processGone(child.serverPid)).toBe(true);
        const killedAt = Date.now();

        // Restart on the same directory (stale lock taken over, crash recovery) and check.
        child = await spawnServer(dataDir, PASSWORD);
        const c = new pg.Client({ connectionString: child.url });
        await c.connect();
        const present = new Set((await c.query<{ slug: string }>(`SELECT slug FROM "Organisation"`)).rows.map((r) => r.slug));
        const missing = [...acknowledged].filter((s) => !present.has(s));
        if (process.env.TEST_DB_VERBOSE) {
          console.log(
            `kill cycle ${cycle}: ${acknowledged.size - before} commits acknowledged before SIGKILL, ` +
              `${present.size - acknowledged.size} more rows present (committed, ack lost), restart ${Date.now() - killedAt} ms, missing ${missing.length}`,
          );
        }
        expect(missing).toEqual([]);
        // Pairs are atomic: never one row of a pair without the other.
        const torn = [...pairs].filter((a) => present.has(a) !== present.has(`${a}-pair`));
        expect(torn).toEqual([]);
        await c.query(`INSERT INTO "Organisation" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), $1, $1, now())`, [`after-${cycle}`]);
        acknowledged.add(`after-${cycle}`);
        await c.end();
      }
      // Finally a clean shutdown removes the lock.
      child.proc.kill("SIGTERM");
      expect(await child.exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    } finally {
      if (!processGone(child.serverPid)) process.kill(child.serverPid, "SIGKILL");
      await child.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
