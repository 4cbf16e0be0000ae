/**
 * The embedded server against a hostile or broken client (lib/db/embedded/*): password, loopback
 * only, a private data directory, COPY and SQL-level PREPARE/… refused, the watchdog when PGlite
 * stops answering, the idle-in-transaction limit, the message size cap and backpressure.
 *
 * Embedded lane only; every test starts its own server on its own directory under .test-data/.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPassword, startEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from "../../lib/db/embedded/server";
import { RawClient, freshDir, lane, parse, bind, query, waitFor } from "../support/embedded";

const PASSWORD = newPassword();

async function withServer<T>(opts: Partial<EmbeddedServerOptions>, fn: (s: EmbeddedServer, dir: string) => Promise<T>): Promise<T> {
  const dir = freshDir("hard");
  const s = await startEmbeddedServer({ dataDir: dir, password: PASSWORD, port: 0, log: () => undefined, ...opts });
  try {
    return await fn(s, dir);
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => undefined);
  await c.connect();
  return c;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? [p, ...walk(p)] : [p];
  });
}

describe.skipIf(lane !== "embedded")("embedded server hardening", () => {
  let dir: string;
  let server: EmbeddedServer;
  const clients: pg.Client[] = [];
  const client = async () => {
    const c = await connect(server.url);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    dir = freshDir("hard-shared");
    server = await startEmbeddedServer({ dataDir: dir, password: PASSWORD, port: 0, log: () => undefined });
    await (await client()).query("CREATE TABLE notes (id SERIAL PRIMARY KEY, body TEXT NOT NULL)");
  });
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe("authentication and address", () => {
    it.each([
      ["a wrong password", (u: URL) => (u.password = "wrong-password")],
      ["no password", (u: URL) => (u.password = "")],
      ["another user", (u: URL) => (u.username = "admin")],
    ])("refuses %s", async (_label, change) => {
      const u = new URL(server.url);
      change(u);
      const c = new pg.Client({ connectionString: u.toString(), password: u.password === "" ? "" : undefined });
      c.on("error", () => undefined);
      const err = await c.connect().then(() => null, (e: unknown) => e as { code?: string; message: string });
      await c.end().catch(() => undefined);
      expect(err).not.toBeNull();
      expect(["28P01", "28000", undefined]).toContain(err!.code); // pg refuses an empty password itself (no code)
    });

    it("a wrong password gets FATAL 28P01 on the wire and the socket is closed", async () => {
      const c = await RawClient.connect(server.port, null);
      c.socket.write((await import("../support/embedded")).startupPacket());
      await c.authenticate("not-the-password");
      await c.untilClosed();
      expect(c.errors()).toEqual([{ severity: "FATAL", code: "28P01", message: 'password authentication failed for user "postgres"' }]);
    });

    it.each(["0.0.0.0", "::", "192.168.1.10", "example.com"])("refuses to listen on %s", async (host) => {
      await expect(startEmbeddedServer({ dataDir: freshDir("host"), password: PASSWORD, host })).rejects.toThrow(/loopback only/);
    });

    it("refuses a password shorter than 8 characters", async () => {
      await expect(startEmbeddedServer({ dataDir: freshDir("pw"), password: "short" })).rejects.toThrow(/password/);
    });
  });

  it("keeps its data directory private: 0700, no entry readable by group or others, also files written later", async () => {
    const c = await client();
    for (let i = 0; i < 50; i++) await c.query("INSERT INTO notes (body) VALUES ($1)", [`private-${i}`.repeat(200)]);
    await c.query("CHECKPOINT");
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const open = walk(dir).filter((p) => (fs.statSync(p).mode & 0o077) !== 0);
    expect(open).toEqual([]);
    expect(walk(dir).some((p) => p.includes("pg_wal"))).toBe(true); // the WAL is among the files checked
  });

  describe("refused statements", () => {
    const refused: Array<[string, RegExp]> = [
      ["COPY (select 1) TO PROGRAM 'id'", /COPY is not supported/],
      ["SELECT '--'; COPY notes (body) FROM STDIN", /COPY is not supported/],
      ["SELECT 1 /* a /* nested */ comment */; copy notes to stdout", /COPY is not supported/],
      ["SELECT $q$ ; $q$; COPY notes FROM PROGRAM 'id'", /COPY is not supported/],
      ["SELECT E'\\''; COPY notes FROM STDIN", /COPY is not supported/],
      ["PREPARE shared_stmt AS SELECT 1", /SQL-level PREPARE is not supported/],
      ["EXECUTE shared_stmt", /SQL-level EXECUTE is not supported/],
      ["DEALLOCATE ALL", /SQL-level DEALLOCATE is not supported/],
      ["DISCARD ALL", /SQL-level DISCARD is not supported/],
    ];
    it.each(refused)("%s → 0A000, and the server goes on answering", async (sql, message) => {
      const c = await client();
      await expect(c.query(sql)).rejects.toMatchObject({ code: "0A000", message: expect.stringMatching(message) });
      // extended protocol too (pg sends Parse/Bind/Execute/Sync when there are parameters)
      await expect(c.query({ text: sql, values: [] })).rejects.toMatchObject({ code: "0A000" });
      const other = await client();
      expect((await other.query("SELECT 7 AS ok")).rows).toEqual([{ ok: 7 }]);
    });

    it("named prepared statements of the protocol still work after a refused DEALLOCATE ALL", async () => {
      const c = await client();
      expect((await c.query({ name: "kept", text: "SELECT $1::int AS v", values: [1] })).rows).toEqual([{ v: 1 }]);
      await expect((await client()).query("DEALLOCATE ALL")).rejects.toMatchObject({ code: "0A000" });
      expect((await c.query({ name: "kept", text: "SELECT $1::int AS v", values: [2] })).rows).toEqual([{ v: 2 }]);
    });
  });

  describe("message size", () => {
    it("takes a 20 MB message", async () => {
      const c = await client();
      const big = "x".repeat(20 * 1024 * 1024);
      expect((await c.query("SELECT length($1::text) AS n", [big])).rows).toEqual([{ n: big.length }]);
    });
  });
});

describe.skipIf(lane !== "embedded")("embedded server limits", () => {
  it("refuses a message over the cap with FATAL 54000 without buffering it; others go on", async () => {
    await withServer({ maxMessageBytes: 1024 * 1024 }, async (s) => {
      const c = await RawClient.connect(s.port, PASSWORD);
      c.socket.write(query(`SELECT '${"y".repeat(2 * 1024 * 1024)}'`));
      await c.untilClosed();
      expect(c.errors()).toEqual([expect.objectContaining({ severity: "FATAL", code: "54000", message: expect.stringMatching(/exceeds the embedded database server's limit of 1048576 bytes/) })]);
      const ok = await connect(s.url);
      expect((await ok.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
      await ok.end();
    });
  });

  it.each([
    ["a transaction", (c: RawClient) => c.socket.write(query("BEGIN; SELECT 1"))],
    ["an extended sequence without Sync", (c: RawClient) => c.socket.write(Buffer.concat([parse("", "SELECT 1"), bind("", "", [])]))],
  ])("a client that opens %s and goes silent releases the database after the limit", async (_label, open) => {
    const limitMs = 1000;
    await withServer({ idleInTransactionTimeoutMs: limitMs }, async (s) => {
      const silent = await RawClient.connect(s.port, PASSWORD);
      open(silent);
      await silent.until((m) => m.some((x) => x.type === "Z" || x.type === "2"));
      const other = await connect(s.url);
      const started = Date.now();
      expect((await other.query("SELECT 8 AS ok")).rows).toEqual([{ ok: 8 }]);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(limitMs - 100);
      expect(waited).toBeLessThan(limitMs + 5000); // the limit, not the old 60 s
      await silent.untilClosed();
      expect(silent.errors()).toEqual([expect.objectContaining({ severity: "FATAL", code: "25P03" })]);
      // The silent client's transaction was rolled back: the session is idle for the next one.
      await other.query("BEGIN");
      await other.query("COMMIT");
      await other.end();
    });
  });

  it("the default limit is EMBEDDED_DB_IDLE_TX_SECONDS", async () => {
    const before = process.env.EMBEDDED_DB_IDLE_TX_SECONDS;
    process.env.EMBEDDED_DB_IDLE_TX_SECONDS = "0.5";
    try {
      await withServer({}, async (s) => {
        const silent = await RawClient.connect(s.port, PASSWORD);
        silent.socket.write(query("BEGIN"));
        const started = Date.now();
        await silent.untilClosed(10_000);
        expect(Date.now() - started).toBeLessThan(5000);
        expect(silent.errors()[0]?.code).toBe("25P03");
      });
    } finally {
      if (before === undefined) delete process.env.EMBEDDED_DB_IDLE_TX_SECONDS;
      else process.env.EMBEDDED_DB_IDLE_TX_SECONDS = before;
    }
  });

  it("dynamic COPY … TO PROGRAM (past the guard, inside PL/pgSQL) trips the watchdog: clients get FATAL, onFatal runs, nothing hangs", async () => {
    const fatal: Error[] = [];
    await withServer({ onFatal: (e) => fatal.push(e), watchdogMs: 2000 }, async (s) => {
      const bystander = await connect(s.url);
      const c = await connect(s.url);
      const started = Date.now();
      const err = await c.query("DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''id'''; END $$").then(() => null, (e: Error) => e);
      expect(err).not.toBeNull();
      expect(Date.now() - started).toBeLessThan(10_000);
      await waitFor("onFatal", () => fatal.length === 1);
      expect(fatal[0]!.message).toMatch(/PGlite (stopped answering|did not answer)/);
      // Everyone is told; new connections are refused until the server is restarted (the supervisor's job).
      await expect(bystander.query("SELECT 1")).rejects.toThrow();
      await expect(connect(s.url)).rejects.toMatchObject({ code: "57P03" });
    });
  });

  it("a client that does not read its results gets no further turns until it reads (backpressure); others go on", { timeout: 90_000 }, async () => {
    await withServer({}, async (s) => {
      const other = await connect(s.url);
      await other.query("CREATE SEQUENCE turns");
      const turns = async () => Number((await other.query("SELECT last_value, is_called FROM turns")).rows.map((r) => (r.is_called ? r.last_value : 0))[0]);
      const slow = await RawClient.connect(s.port, PASSWORD);
      slow.socket.pause(); // reads nothing
      const rows = 60;
      // 60 answers of 1 MB each: far more than the socket buffers hold.
      slow.socket.write(Buffer.concat(Array.from({ length: rows }, () => query("SELECT nextval('turns') AS n, repeat('z', 1000000) AS big"))));
      await waitFor("the first turn", async () => (await turns()) > 0);
      // Let it run as far as it will: until the count stands still for a second.
      let last = -1;
      let stableSince = Date.now();
      await waitFor("the count to stand still", async () => {
        const now = await turns();
        if (now !== last) {
          last = now;
          stableSince = Date.now();
        }
        return Date.now() - stableSince >= 1000;
      }, 60_000, 100);
      expect(last).toBeLessThan(rows / 2); // without backpressure all 60 would run, buffering 60 MB
      for (let i = 0; i < 5; i++) expect((await other.query("SELECT $1::int AS i", [i])).rows).toEqual([{ i }]);
      slow.socket.resume();
      await slow.until(() => slow.readyCount() === rows, 60_000);
      expect(slow.dataRows()).toHaveLength(rows);
      expect(await turns()).toBe(rows);
      slow.close();
      await other.end();
    });
  });
});
