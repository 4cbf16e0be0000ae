/**
 * The embedded database: one PGlite instance behind a small PostgreSQL wire-protocol server on
 * 127.0.0.1, so the app always talks to it through `pg` / adapter-pg exactly as to real PostgreSQL.
 *
 * Run it in ONE process only (scripts/embedded-db.ts, or the integration tests' globalSetup): PGlite
 * has no lock of its own, and a second process opening the same data directory corrupts it. The
 * lock file `<dataDir>/.fraflyt-server.pid` (pid + port) makes a second server refuse to start.
 *
 * Concurrency. PGlite is one PostgreSQL session. Many client connections share it like this: a
 * connection takes ownership of PGlite with its first message and keeps it until PGlite has
 * answered a Sync or a simple Query with ReadyForQuery 'I' (idle, no transaction open). While the
 * status is 'T' (in a transaction) or 'E' (failed transaction), or in the middle of an
 * extended-protocol sequence not yet ended by Sync, it keeps ownership and the other connections'
 * messages wait in FIFO order. So a transaction is never interleaved with another connection's
 * statements. Consequences: a second connection used inside an open transaction waits until that
 * transaction ends (use only `tx` inside `$transaction`), and session state (SET, LISTEN, session
 * advisory locks, temp tables) is shared by all connections. Named prepared statements and portals
 * are renamed per connection on the wire, so two connections may use the same statement name.
 * When a connection goes away while owning PGlite (or mid-transaction) the server sends Sync and
 * ROLLBACK for it, and closes its prepared statements. A connection that never ends its
 * transaction (idle in transaction, or Parse/Bind without Sync) blocks every other connection:
 * there is no timeout. Prisma's interactive transactions end themselves (timeout 5 s).
 *
 * Limits: COPY FROM STDIN is refused with SQLSTATE 0A000 (PGlite would die on it); CancelRequest
 * is ignored; LISTEN/NOTIFY deliveries go to whichever connection runs next. Bad input (unknown
 * message types, bad lengths, garbage before startup) gets a FATAL ErrorResponse and that socket
 * is closed. If PGlite itself fails, the server refuses all connections and calls `onFatal`.
 *
 * Durability. A commit is acknowledged only after PGlite's execProtocol call returned, and PGlite
 * (synchronous_commit=on) has then written the commit's WAL to the data directory through Node's
 * fs (NODEFS, write-through to the OS). That survives SIGKILL of this process (tested by
 * tests/integration/embedded-server.test.ts). PGlite runs with fsync=off, so an OS crash or power
 * loss may lose recent commits.
 */
import { randomInt } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

export interface EmbeddedServerOptions {
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Diagnostics (connection errors, PGlite failures). Default: stderr. */
  log?: (message: string) => void;
  /**
   * PGlite failed (PostgreSQL inside it exited): the server now refuses every connection and must
   * be restarted; committed data is safe on disk. Default: log only. scripts/embedded-db.ts exits 1.
   */
  onFatal?: (err: Error) => void;
  /**
   * A connection that keeps a transaction (or a half-sent extended-protocol sequence) open without
   * sending anything for this long is terminated and rolled back, like PostgreSQL's
   * idle_in_transaction_session_timeout — on the embedded server it would otherwise block every
   * other connection. Default 60 000 ms (EMBEDDED_DB_IDLE_TX_MS); 0 turns it off.
   */
  idleInTransactionTimeoutMs?: number;
}

export interface EmbeddedServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

export const LOCK_FILE_NAME = ".fraflyt-server.pid";

export interface LockInfo {
  pid: number;
  port: number | null;
  host: string;
  startedAt: string;
}

/** The URL a client uses for an embedded server on `port`. PGlite has one database and one user. */
export function embeddedUrl(port: number, host = "127.0.0.1"): string {
  return `postgresql://postgres@${host}:${port}/postgres`;
}

// ------------------------------------------------------------------------------------- lock file

function lockPath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE_NAME);
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid !== "number") return null;
    return {
      pid: v.pid,
      port: typeof v.port === "number" ? v.port : null,
      host: typeof v.host === "string" ? v.host : "127.0.0.1",
      startedAt: typeof v.startedAt === "string" ? v.startedAt : "",
    };
  } catch {
    return null;
  }
}

/** The live server holding `dataDir`, if any (its pid is alive). */
export function readLiveServer(dataDir: string): LockInfo | null {
  let text: string;
  try {
    text = fs.readFileSync(lockPath(dataDir), "utf8");
  } catch {
    return null;
  }
  const info = parseLock(text);
  return info && processAlive(info.pid) ? info : null;
}

function refuse(file: string, info: LockInfo | null, raw: string): never {
  const who = info ? `process ${info.pid}${info.port ? ` (port ${info.port})` : ""}` : `an unreadable lock (${JSON.stringify(raw.slice(0, 80))})`;
  throw new Error(
    `The embedded database directory is in use by ${who}: ${file} exists. ` +
      `Only one process may open a PGlite data directory. Stop that server first ` +
      `(or, if you are sure no server is running, delete the lock file).`,
  );
}

/** Atomically creates the lock file; takes over a stale one (its process is dead). */
function acquireLock(dataDir: string, host: string): string {
  const file = lockPath(dataDir);
  const content = (port: number | null) =>
    JSON.stringify({ pid: process.pid, port, host, startedAt: new Date().toISOString() } satisfies LockInfo) + "\n";
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, content(null), { flag: "wx" });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let raw = "";
    try {
      raw = fs.readFileSync(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // removed meanwhile: retry
      throw err;
    }
    const info = parseLock(raw);
    if (info === null) {
      // Possibly a lock being written right now by another starter: look again shortly.
      if (attempt < 2) {
        sleepSync(50);
        continue;
      }
      refuse(file, info, raw);
    }
    if (processAlive(info.pid)) refuse(file, info, raw);
    // Stale: move it aside atomically (only one taker can win the rename), then check that what we
    // moved is really the stale lock we judged, not a fresh one written in between.
    const aside = `${file}.stale-${process.pid}-${Date.now()}`;
    try {
      fs.renameSync(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    const moved = parseLock(safeRead(aside));
    if (moved && moved.pid !== info.pid && processAlive(moved.pid)) {
      try {
        fs.linkSync(aside, file); // put the live lock back (fails if yet another one exists)
      } catch {
        /* ignore */
      }
      fs.rmSync(aside, { force: true });
      refuse(file, moved, "");
    }
    fs.rmSync(aside, { force: true });
  }
  throw new Error(`Could not acquire the embedded database lock ${file}`);
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function writeLockPort(file: string, host: string, port: number): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const info: LockInfo = { pid: process.pid, port, host, startedAt: new Date().toISOString() };
  fs.writeFileSync(tmp, JSON.stringify(info) + "\n");
  fs.renameSync(tmp, file);
}

function releaseLock(file: string): void {
  const info = parseLock(safeRead(file));
  if (info && info.pid === process.pid) fs.rmSync(file, { force: true });
}

// ------------------------------------------------------------------------------- wire protocol

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 3;
const MAX_STARTUP_LENGTH = 10_000;
const MAX_MESSAGE_LENGTH = 0x3fffffff; // PostgreSQL's PQ_LARGE_MESSAGE_LIMIT (1 GiB - 1)
const STARTUP_TIMEOUT_MS = 30_000;

/** Frontend message types passed on to PGlite. Others (e.g. 'F', 'p', garbage) end the connection. */
const FORWARDED_TYPES = new Set(["B", "C", "D", "E", "H", "P", "Q", "S", "d", "c", "f"].map((c) => c.charCodeAt(0)));
const T = (c: string) => c.charCodeAt(0);
/** Messages after which PGlite answers ReadyForQuery. (No COPY FROM STDIN: see mentionsCopyFromStdin.) */
const CYCLE_END_TYPES = new Set(["S", "Q"].map(T));
const MSG_TERMINATE = T("X");
const MSG_READY = T("Z");
const STATUS_IDLE = T("I");

function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head[0] = type.charCodeAt(0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function cstr(s: string): Buffer {
  return Buffer.concat([Buffer.from(s, "utf8"), Buffer.from([0])]);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function errorResponse(severity: "ERROR" | "FATAL", code: string, text: string): Buffer {
  return message(
    "E",
    Buffer.concat([
      Buffer.from("S"), cstr(severity),
      Buffer.from("V"), cstr(severity),
      Buffer.from("C"), cstr(code),
      Buffer.from("M"), cstr(text),
      Buffer.from([0]),
    ]),
  );
}

function parameterStatus(name: string, value: string): Buffer {
  return message("S", Buffer.concat([cstr(name), cstr(value)]));
}

function readCString(buf: Buffer, offset: number): { value: string; end: number } | null {
  const nul = buf.indexOf(0, offset);
  if (nul < 0) return null;
  return { value: buf.toString("utf8", offset, nul), end: nul + 1 };
}

const SYNC_MESSAGE = message("S");
const ROLLBACK_MESSAGE = message("Q", cstr("ROLLBACK"));

/**
 * PGlite 0.5.14 cannot take COPY FROM STDIN over execProtocolRaw: when the data is not in the same
 * call, PostgreSQL hits end of input, exits, and PGlite is dead (the next call hangs). Such
 * statements are replaced by one that fails with feature_not_supported, so the client gets a
 * normal error (and its transaction, if any, the normal failed state).
 */
const COPY_FROM_STDIN_REPLACEMENT =
  "DO $fraflyt$ BEGIN RAISE EXCEPTION 'COPY FROM STDIN is not supported by the embedded database server' " +
  "USING ERRCODE = 'feature_not_supported'; END $fraflyt$";

function mentionsCopyFromStdin(sql: string): boolean {
  if (!/copy/i.test(sql) || !/stdin/i.test(sql)) return false;
  const bare = sql.replace(/--[^\n]*/g, " ").replace(/\/\*[\s\S]*?\*\//g, " ");
  return /\bcopy\b/i.test(bare) && /\bfrom\s+stdin\b/i.test(bare);
}

/**
 * Follows the backend message stream (possibly split across chunks) and remembers the status byte
 * of the last ReadyForQuery.
 */
class ReadyScanner {
  private header = Buffer.alloc(5);
  private headerFill = 0;
  private type = 0;
  private bodyRemaining = 0;
  private bodyOffset = 0;
  lastStatus: number | null = null;

  feed(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.headerFill < 5) {
        const n = Math.min(5 - this.headerFill, chunk.length - i);
        for (let k = 0; k < n; k++) this.header[this.headerFill + k] = chunk[i + k]!;
        this.headerFill += n;
        i += n;
        if (this.headerFill === 5) {
          this.type = this.header[0]!;
          this.bodyRemaining = this.header.readInt32BE(1) - 4;
          this.bodyOffset = 0;
          if (this.bodyRemaining <= 0) this.headerFill = 0;
        }
        continue;
      }
      const n = Math.min(this.bodyRemaining, chunk.length - i);
      if (this.type === MSG_READY && this.bodyOffset === 0 && n > 0) this.lastStatus = chunk[i]!;
      this.bodyOffset += n;
      this.bodyRemaining -= n;
      i += n;
      if (this.bodyRemaining === 0) this.headerFill = 0;
    }
  }
}

type Item = { kind: "msg"; type: number; data: Buffer } | { kind: "terminate" } | { kind: "fatal"; data: Buffer };

class Connection {
  buffer: Buffer = Buffer.alloc(0);
  started = false;
  /** Complete messages waiting for PGlite, in order. */
  pending: Item[] = [];
  /** Socket gone (or being ended): nothing more is read; pending work is dropped. */
  closed = false;
  /** Stop reading: a Terminate or a fatal error is queued. */
  ending = false;
  inQueue = false;
  /** Renamed prepared statement / portal names this connection created (to close on exit). */
  statements = new Set<string>();
  portals = new Set<string>();
  startupTimer: NodeJS.Timeout | undefined;
  /** Armed while this connection owns PGlite inside a transaction and has nothing queued. */
  idleTimer: NodeJS.Timeout | undefined;
  readonly prefix: string;

  constructor(
    readonly id: number,
    readonly socket: net.Socket,
  ) {
    this.prefix = `fc${id}_`;
  }

  write(data: Buffer): void {
    if (!this.closed && !this.socket.destroyed && this.socket.writable) this.socket.write(data);
  }

  /** Connections that may hold state in PGlite need a turn to clean up before they are dropped. */
  needsCleanup(): boolean {
    return this.statements.size > 0 || this.portals.size > 0;
  }
}

class EmbeddedProtocolServer {
  private conns = new Set<Connection>();
  private owner: Connection | null = null;
  private waiters: Connection[] = [];
  private running: Promise<void> | null = null;
  private nextId = 1;
  private stopping = false;
  private sink: ((data: Uint8Array) => void) | null = null;
  /** Set when PGlite failed: it must not be called again (after an abort its next call hangs). */
  broken: Error | null = null;

  constructor(
    private readonly pglite: PGlite,
    private readonly params: Array<[string, string]>,
    private readonly log: (message: string) => void,
    private readonly onFatal: (err: Error) => void,
    private readonly idleInTransactionMs: number,
  ) {}

  accept(socket: net.Socket): void {
    if (this.stopping || this.broken) {
      if (this.broken) socket.end(errorResponse("FATAL", "57P03", `the embedded database failed and must be restarted: ${this.broken.message}`));
      socket.on("error", () => undefined);
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    socket.setNoDelay(true);
    const conn = new Connection(this.nextId++, socket);
    this.conns.add(conn);
    conn.startupTimer = setTimeout(() => {
      if (!conn.started) this.fatalNow(conn, "08P01", "startup packet timeout");
    }, STARTUP_TIMEOUT_MS);
    conn.startupTimer.unref();
    socket.on("data", (chunk: Buffer) => {
      try {
        this.onData(conn, chunk);
      } catch (err) {
        this.log(`embedded-db: connection ${conn.id}: ${(err as Error).message}`);
        this.fatalNow(conn, "XX000", "internal error in the embedded database server");
      }
    });
    socket.on("error", () => {
      /* ECONNRESET and friends: handled as close */
    });
    socket.on("close", () => this.onClose(conn));
  }

  // ------------------------------------------------------------------------ reading and framing

  private onData(conn: Connection, chunk: Buffer): void {
    if (conn.closed || conn.ending) return;
    conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, chunk]) : chunk;
    if (!conn.started) {
      this.handleStartup(conn);
      if (!conn.started || conn.closed) return;
    }
    let added = false;
    let offset = 0;
    const buf = conn.buffer;
    while (buf.length - offset >= 5) {
      const type = buf[offset]!;
      const len = buf.readInt32BE(offset + 1);
      if (type === MSG_TERMINATE) {
        conn.pending.push({ kind: "terminate" });
        conn.ending = true;
        added = true;
        break;
      }
      if (!FORWARDED_TYPES.has(type) || len < 4 || len > MAX_MESSAGE_LENGTH) {
        const text = !FORWARDED_TYPES.has(type)
          ? `invalid frontend message type ${type}`
          : `invalid message length ${len}`;
        conn.pending.push({ kind: "fatal", data: errorResponse("FATAL", "08P01", text) });
        conn.ending = true;
        added = true;
        break;
      }
      if (buf.length - offset < 1 + len) break;
      const raw = buf.subarray(offset, offset + 1 + len);
      offset += 1 + len;
      conn.pending.push({ kind: "msg", type, data: this.rewrite(conn, type, raw) });
      added = true;
    }
    conn.buffer = conn.ending ? Buffer.alloc(0) : Buffer.from(buf.subarray(offset));
    if (added) {
      clearTimeout(conn.idleTimer);
      this.schedule(conn);
    }
  }

  private handleStartup(conn: Connection): void {
    while (!conn.started && !conn.closed) {
      const buf = conn.buffer;
      if (buf.length < 8) return;
      const len = buf.readInt32BE(0);
      const code = buf.readInt32BE(4);
      if (len < 8 || len > MAX_STARTUP_LENGTH) {
        this.fatalNow(conn, "08P01", "invalid length of startup packet");
        return;
      }
      if (buf.length < len) return;
      const packet = buf.subarray(0, len);
      conn.buffer = Buffer.from(buf.subarray(len));
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        conn.write(Buffer.from("N"));
        continue;
      }
      if (code === CANCEL_REQUEST) {
        // No backend to signal: PGlite runs one statement at a time and cannot be interrupted.
        this.closeSocket(conn);
        return;
      }
      const major = code >>> 16;
      const minor = code & 0xffff;
      if (major !== PROTOCOL_3) {
        this.fatalNow(conn, "0A000", `unsupported frontend protocol ${major}.${minor}: server supports 3.0`);
        return;
      }
      const startupParams = new Map<string, string>();
      let off = 8;
      while (off < packet.length - 1) {
        const k = readCString(packet, off);
        if (!k || k.value === "") break;
        const v = readCString(packet, k.end);
        if (!v) break;
        startupParams.set(k.value, v.value);
        off = v.end;
      }
      const database = startupParams.get("database") ?? startupParams.get("user") ?? "postgres";
      if (database !== "postgres") {
        this.fatalNow(conn, "3D000", `database "${database}" does not exist (the embedded server has only "postgres")`);
        return;
      }
      const out: Buffer[] = [];
      const unknownOptions = [...startupParams.keys()].filter((k) => k.startsWith("_pq_."));
      if (minor > 0 || unknownOptions.length > 0) {
        out.push(message("v", Buffer.concat([int32(0), int32(unknownOptions.length), ...unknownOptions.map(cstr)])));
      }
      out.push(message("R", int32(0))); // AuthenticationOk
      for (const [k, v] of this.params) out.push(parameterStatus(k, v));
      out.push(parameterStatus("application_name", startupParams.get("application_name") ?? ""));
      out.push(message("K", Buffer.concat([int32(conn.id), int32(randomInt(1, 0x7fffffff))])));
      out.push(message("Z", Buffer.from("I")));
      conn.write(Buffer.concat(out));
      conn.started = true;
      clearTimeout(conn.startupTimer);
    }
  }

  /**
   * Prefixes named prepared statements and portals with the connection's id, so that connections
   * sharing the one PGlite session cannot collide (pg's `{ name }` queries, JDBC-style drivers…),
   * and defuses COPY FROM STDIN (see COPY_FROM_STDIN_REPLACEMENT).
   */
  private rewrite(conn: Connection, type: number, raw: Buffer): Buffer {
    const rename = (name: string) => (name === "" ? "" : conn.prefix + name);
    const rebuild = (parts: Buffer[]) => message(String.fromCharCode(type), Buffer.concat(parts));
    switch (String.fromCharCode(type)) {
      case "Q": {
        const sql = readCString(raw, 5);
        return sql && mentionsCopyFromStdin(sql.value) ? rebuild([cstr(COPY_FROM_STDIN_REPLACEMENT)]) : raw;
      }
      case "P": {
        const name = readCString(raw, 5);
        if (!name) return raw;
        const sql = readCString(raw, name.end);
        const copy = sql !== null && mentionsCopyFromStdin(sql.value);
        if (name.value === "" && !copy) return raw;
        const renamed = rename(name.value);
        if (renamed !== "") conn.statements.add(renamed);
        if (!copy || !sql) return rebuild([cstr(renamed), raw.subarray(name.end)]);
        return rebuild([cstr(renamed), cstr(COPY_FROM_STDIN_REPLACEMENT), raw.subarray(sql.end)]);
      }
      case "B": {
        const portal = readCString(raw, 5);
        if (!portal) return raw;
        const stmt = readCString(raw, portal.end);
        if (!stmt || (portal.value === "" && stmt.value === "")) return raw;
        if (portal.value !== "") conn.portals.add(rename(portal.value));
        return rebuild([cstr(rename(portal.value)), cstr(rename(stmt.value)), raw.subarray(stmt.end)]);
      }
      case "E": {
        const portal = readCString(raw, 5);
        if (!portal || portal.value === "") return raw;
        return rebuild([cstr(rename(portal.value)), raw.subarray(portal.end)]);
      }
      case "D":
      case "C": {
        if (raw.length < 6) return raw;
        const kind = raw[5]!;
        const name = readCString(raw, 6);
        if (!name || name.value === "") return raw;
        const renamed = rename(name.value);
        if (type === T("C")) (kind === T("S") ? conn.statements : conn.portals).delete(renamed);
        return rebuild([Buffer.from([kind]), cstr(renamed), raw.subarray(name.end)]);
      }
      default:
        return raw;
    }
  }

  // --------------------------------------------------------------------------------- scheduling

  private schedule(conn: Connection): void {
    const first = conn.pending[0];
    if (conn !== this.owner && first && first.kind !== "msg" && !conn.needsCleanup()) {
      // Terminate / protocol violation from a connection that holds nothing in PGlite: no need
      // to wait for a turn (another connection may hold a long transaction).
      conn.pending = [];
      if (first.kind === "fatal") conn.write(first.data);
      this.closeSocket(conn);
      return;
    }
    if (conn !== this.owner && !conn.inQueue) {
      conn.inQueue = true;
      this.waiters.push(conn);
    }
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      // Work that arrived while the loop was finishing.
      if (this.hasRunnable()) this.kick();
    });
  }

  private hasRunnable(): boolean {
    if (this.owner) return this.owner.closed || this.owner.pending.length > 0;
    return this.waiters.length > 0;
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.broken) return;
      let conn: Connection | undefined;
      if (this.owner) {
        if (!(this.owner.closed || this.owner.pending.length > 0)) return; // owner busy on its side
        conn = this.owner;
      } else {
        conn = this.waiters.shift();
        if (!conn) return;
        conn.inQueue = false;
        if (!conn.closed && conn.pending.length === 0) continue;
        if (conn.closed && !conn.needsCleanup()) {
          this.conns.delete(conn);
          continue;
        }
        this.owner = conn;
      }
      try {
        await this.step(conn);
      } catch (err) {
        this.fail(conn, err);
        return;
      }
      // Yield to the event loop between turns so sockets are read and written.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Runs bytes through PGlite, streaming the answer to `onData`; returns the last ReadyForQuery status. */
  private async exec(bytes: Buffer, onData: ((data: Buffer) => void) | null): Promise<number | null> {
    const scanner = new ReadyScanner();
    this.sink = (data) => {
      scanner.feed(data);
      if (onData) onData(Buffer.from(data)); // copy: `data` is a view of PGlite's wasm memory
    };
    try {
      await this.pglite.execProtocolRawStream(bytes, { onRawData: (data) => this.sink?.(data) });
    } finally {
      this.sink = null;
    }
    return scanner.lastStatus;
  }

  private async step(conn: Connection): Promise<void> {
    if (conn.closed) {
      await this.cleanup(conn);
      this.owner = null;
      this.conns.delete(conn);
      return;
    }
    const first = conn.pending[0];
    if (!first) return;
    if (first.kind !== "msg") {
      conn.pending.shift();
      if (first.kind === "fatal") conn.write(first.data);
      this.closeSocket(conn);
      await this.cleanup(conn);
      this.owner = null;
      this.conns.delete(conn);
      return;
    }
    // One batch = the messages up to and including the first Sync or Query, so that a
    // ReadyForQuery in the answer always belongs to the batch's last message.
    const batch: Buffer[] = [];
    while (conn.pending.length > 0 && conn.pending[0]!.kind === "msg") {
      const item = conn.pending.shift() as Extract<Item, { kind: "msg" }>;
      batch.push(item.data);
      if (CYCLE_END_TYPES.has(item.type)) break;
    }
    const status = await this.exec(batch.length === 1 ? batch[0]! : Buffer.concat(batch), (d) => conn.write(d));
    const done = status === STATUS_IDLE;
    if (done && !conn.closed) {
      this.owner = null;
      if (conn.pending.length > 0) this.schedule(conn); // back of the queue: others get a turn
    } else if (!done && !conn.closed && conn.pending.length === 0 && this.idleInTransactionMs > 0) {
      clearTimeout(conn.idleTimer);
      conn.idleTimer = setTimeout(() => {
        if (this.owner === conn && !conn.closed && conn.pending.length === 0) {
          this.log(`embedded-db: connection ${conn.id} idle in transaction for ${this.idleInTransactionMs} ms; terminating it`);
          this.fatalNow(conn, "25P03", "terminating connection due to idle-in-transaction timeout");
        }
      }, this.idleInTransactionMs);
      conn.idleTimer.unref();
    }
  }

  /** Leaves PGlite idle after `conn`: ends any half-done extended sequence and open transaction. */
  private async cleanup(conn: Connection): Promise<void> {
    if (this.owner === conn) {
      let status = await this.exec(SYNC_MESSAGE, null);
      if (status !== STATUS_IDLE) status = await this.exec(ROLLBACK_MESSAGE, null);
      if (status !== STATUS_IDLE) this.log(`embedded-db: ROLLBACK after connection ${conn.id} left status ${status}`);
    }
    if (conn.needsCleanup()) {
      const closes = [
        ...[...conn.portals].map((n) => message("C", Buffer.concat([Buffer.from("P"), cstr(n)]))),
        ...[...conn.statements].map((n) => message("C", Buffer.concat([Buffer.from("S"), cstr(n)]))),
      ];
      conn.portals.clear();
      conn.statements.clear();
      await this.exec(Buffer.concat([...closes, SYNC_MESSAGE]), null);
    }
  }

  /** PGlite threw (e.g. PostgreSQL exited): drop everyone, refuse new connections, report. */
  private fail(conn: Connection, err: unknown): void {
    const error = err instanceof Error ? err : new Error(String((err as { message?: string })?.message ?? err));
    this.broken = error;
    this.log(`embedded-db: PGlite failed while serving connection ${conn.id}; the server must be restarted: ${error.stack ?? error.message}`);
    for (const c of [...this.conns]) {
      c.write(errorResponse("FATAL", "57P01", `the embedded database failed and must be restarted: ${error.message}`));
      this.closeSocket(c);
      c.closed = true;
      c.pending = [];
    }
    this.conns.clear();
    this.waiters = [];
    this.owner = null;
    this.onFatal(error);
  }

  // ---------------------------------------------------------------------------- closing sockets

  private fatalNow(conn: Connection, code: string, text: string): void {
    conn.write(errorResponse("FATAL", code, text));
    this.closeSocket(conn);
    this.onClose(conn);
  }

  private closeSocket(conn: Connection): void {
    if (!conn.socket.destroyed) conn.socket.end(() => conn.socket.destroy());
    setTimeout(() => conn.socket.destroy(), 1000).unref();
  }

  private onClose(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    conn.ending = true;
    conn.pending = [];
    conn.buffer = Buffer.alloc(0);
    clearTimeout(conn.startupTimer);
    clearTimeout(conn.idleTimer);
    if (conn === this.owner) {
      this.kick();
    } else if (conn.needsCleanup()) {
      this.schedule(conn);
    } else {
      const i = this.waiters.indexOf(conn);
      if (i >= 0) this.waiters.splice(i, 1);
      conn.inQueue = false;
      this.conns.delete(conn);
    }
  }

  /** Stops serving: drops every connection and waits until PGlite is idle (transaction rolled back). */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const conn of [...this.conns]) {
      conn.socket.destroy();
      this.onClose(conn);
    }
    while (this.running) await this.running;
    if (!this.broken && this.pglite.isInTransaction()) await this.exec(ROLLBACK_MESSAGE, null);
  }
}

// -------------------------------------------------------------------------------------- public

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = acquireLock(dataDir, host);
  const onExit = () => releaseLock(lock);
  process.on("exit", onExit);

  let pglite: PGlite | undefined;
  let netServer: net.Server | undefined;
  try {
    pglite = await PGlite.create(dataDir);
    const version = (await pglite.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "18";
    const params: Array<[string, string]> = [
      ["server_version", version],
      ["server_encoding", "UTF8"],
      ["client_encoding", "UTF8"],
      ["DateStyle", "ISO, MDY"],
      ["IntervalStyle", "postgres"],
      ["integer_datetimes", "on"],
      ["standard_conforming_strings", "on"],
      ["TimeZone", "UTC"],
      ["is_superuser", "on"],
      ["session_authorization", "postgres"],
    ];
    const idleMs = options.idleInTransactionTimeoutMs ?? Number(process.env.EMBEDDED_DB_IDLE_TX_MS ?? 60_000);
    const protocol = new EmbeddedProtocolServer(pglite, params, log, options.onFatal ?? (() => undefined), Number.isFinite(idleMs) && idleMs > 0 ? idleMs : 0);
    const srv = net.createServer((socket) => protocol.accept(socket));
    netServer = srv;
    await new Promise<void>((resolve, reject) => {
      srv.once("error", reject);
      srv.listen(options.port ?? 0, host, () => {
        srv.off("error", reject);
        resolve();
      });
    });
    srv.on("error", (err) => log(`embedded-db: server error: ${err.message}`));
    const port = (srv.address() as net.AddressInfo).port;
    writeLockPort(lock, host, port);

    const db = pglite;
    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        const listenerClosed = new Promise<void>((resolve) => srv.close(() => resolve()));
        await protocol.stop();
        await listenerClosed;
        if (!protocol.broken) await db.close(); // a failed PGlite would hang
        releaseLock(lock);
        process.off("exit", onExit);
      })());
    return { port, url: embeddedUrl(port, host), close };
  } catch (err) {
    netServer?.close();
    if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
    releaseLock(lock);
    process.off("exit", onExit);
    throw err;
  }
}
