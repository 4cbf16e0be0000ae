/**
 * Connections and scheduling: many client connections share the one PGlite session.
 *
 * Ownership. A connection takes ownership of PGlite with its first message and keeps it until PGlite
 * has answered a Sync or a simple Query with ReadyForQuery 'I' (idle, no transaction open). While the
 * status is 'T' (in a transaction) or 'E' (failed transaction), or in the middle of an
 * extended-protocol sequence not yet ended by Sync, it keeps ownership and the other connections'
 * messages wait in FIFO order, so a transaction is never interleaved with another connection's
 * statements. An owner that sends nothing for `idleInTransactionMs` (EMBEDDED_DB_IDLE_TX_SECONDS,
 * default 5 s) is terminated (FATAL 25P03) and rolled back, like PostgreSQL's
 * idle_in_transaction_session_timeout. A connection that goes away while owning PGlite is cleaned up
 * with Sync + ROLLBACK, and its prepared statements and portals are closed.
 *
 * Named prepared statements and portals are renamed per connection on the wire (`fc<id>_<name>`).
 * Statements the SQL guard refuses (COPY; SQL-level PREPARE/EXECUTE/DEALLOCATE/DISCARD) are replaced
 * by one that fails with SQLSTATE 0A000, so the client gets a normal error.
 *
 * Watchdog. Each call into PGlite must answer within `watchdogMs` (EMBEDDED_DB_WATCHDOG_SECONDS,
 * default 60 s), and a Sync or Query must end with ReadyForQuery; otherwise PGlite is taken as dead:
 * every connection gets FATAL 57P01, new ones FATAL 57P03, and `onFatal` runs (scripts/embedded-db.ts
 * exits 1 and its supervisor starts it again — committed data is on disk).
 *
 * Backpressure. PGlite's answer to one batch is written to the socket as it comes; a connection whose
 * socket has not drained (socket.write returned false) gets no further turn, and its socket is not
 * read, until 'drain'.
 */
import { randomInt } from "node:crypto";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { checkMd5Response, newSalt } from "./auth";
import { ChunkQueue, nextFrame, nextStartupFrame } from "./framing";
import {
  MSG_PASSWORD, MSG_TERMINATE, ROLLBACK_MESSAGE, ReadyScanner, STATUS_IDLE, SYNC_MESSAGE, T,
  cstr, errorResponse, int32, message, parameterStatus, readCString,
} from "./messages";
import { refusalStatement, refusedStatement } from "./sql-guard";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 3;
const MAX_STARTUP_LENGTH = 10_000;
const STARTUP_TIMEOUT_MS = 30_000;
export const USER = "postgres";

/** Frontend message types passed on to PGlite. Others (e.g. 'F', 'p' after startup, garbage) end the connection. */
const FORWARDED_TYPES = new Set(["B", "C", "D", "E", "H", "P", "Q", "S", "d", "c", "f"].map(T));
/** Messages after which PGlite answers ReadyForQuery. */
const CYCLE_END_TYPES = new Set(["S", "Q"].map(T));

export interface SessionOptions {
  password: string;
  params: Array<[string, string]>;
  log: (message: string) => void;
  onFatal: (err: Error) => void;
  /** 0 turns the idle-in-transaction limit off. */
  idleInTransactionMs: number;
  watchdogMs: number;
  maxMessageBytes: number;
}

type Item = { kind: "msg"; type: number; data: Buffer } | { kind: "terminate" } | { kind: "fatal"; data: Buffer };

class Connection {
  readonly input = new ChunkQueue();
  /** "startup" → "password" (AuthenticationMD5Password sent) → "ready". */
  phase: "startup" | "password" | "ready" = "startup";
  salt: Buffer = Buffer.alloc(0);
  user = USER;
  applicationName = "";
  /** Complete messages waiting for PGlite, in order. */
  pending: Item[] = [];
  /** Socket gone (or being ended): nothing more is read; pending work is dropped. */
  closed = false;
  /** Stop reading: a Terminate or a fatal error is queued. */
  ending = false;
  inQueue = false;
  /** Skipped by the scheduler until its socket drains. */
  parked = false;
  /** Renamed prepared statement / portal names this connection created (to close on exit). */
  statements = new Set<string>();
  portals = new Set<string>();
  startupTimer: NodeJS.Timeout | undefined;
  /** Armed while this connection owns PGlite inside a transaction and has nothing runnable. */
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

  get needsDrain(): boolean {
    return this.socket.writableNeedDrain;
  }

  /** Connections that may hold state in PGlite need a turn to clean up before they are dropped. */
  needsCleanup(): boolean {
    return this.statements.size > 0 || this.portals.size > 0;
  }
}

export class SessionServer {
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
    private readonly opts: SessionOptions,
  ) {}

  accept(socket: net.Socket): void {
    socket.on("error", () => {
      /* ECONNRESET and friends: handled as close */
    });
    if (this.stopping || this.broken || !isLoopback(socket.remoteAddress)) {
      if (this.broken) socket.end(errorResponse("FATAL", "57P03", "the embedded database failed and is being restarted"));
      else socket.destroy();
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    socket.setNoDelay(true);
    const conn = new Connection(this.nextId++, socket);
    this.conns.add(conn);
    conn.startupTimer = setTimeout(() => {
      if (conn.phase !== "ready") this.fatalNow(conn, "08P01", "startup packet timeout");
    }, STARTUP_TIMEOUT_MS);
    conn.startupTimer.unref();
    socket.on("data", (chunk: Buffer) => {
      try {
        this.onData(conn, chunk);
      } catch (err) {
        this.opts.log(`embedded-db: connection ${conn.id}: ${(err as Error).message}`);
        this.fatalNow(conn, "XX000", "internal error in the embedded database server");
      }
    });
    socket.on("drain", () => {
      if (conn.closed) return;
      socket.resume();
      if (conn.parked) {
        conn.parked = false;
        this.schedule(conn);
      } else if (conn === this.owner) this.kick();
    });
    socket.on("close", () => this.onClose(conn));
  }

  // ------------------------------------------------------------------------ reading and framing

  private onData(conn: Connection, chunk: Buffer): void {
    if (conn.closed || conn.ending) return;
    conn.input.push(chunk);
    if (conn.phase !== "ready") {
      this.handleStartup(conn);
      if ((conn.phase as Connection["phase"]) !== "ready" || conn.closed) return;
    }
    let added = false;
    while (!conn.ending) {
      const frame = nextFrame(conn.input, this.opts.maxMessageBytes, (t) => t === MSG_TERMINATE || FORWARDED_TYPES.has(t));
      if (frame.kind === "incomplete") break;
      if (frame.kind === "message" && frame.type === MSG_TERMINATE) {
        conn.pending.push({ kind: "terminate" });
      } else if (frame.kind === "too-large") {
        conn.pending.push({
          kind: "fatal",
          data: errorResponse(
            "FATAL",
            "54000",
            `message of ${frame.length + 1} bytes exceeds the embedded database server's limit of ${this.opts.maxMessageBytes} bytes (EMBEDDED_DB_MAX_MESSAGE_MB)`,
          ),
        });
      } else if (frame.kind === "bad-type" || frame.kind === "bad-length") {
        const text = frame.kind === "bad-type" ? `invalid frontend message type ${frame.type}` : `invalid message length ${frame.length}`;
        conn.pending.push({ kind: "fatal", data: errorResponse("FATAL", "08P01", text) });
      } else {
        conn.pending.push({ kind: "msg", type: frame.type, data: this.rewrite(conn, frame.type, frame.raw) });
        added = true;
        continue;
      }
      conn.ending = true;
      added = true;
    }
    if (conn.ending) conn.input.clear();
    if (conn.needsDrain) conn.socket.pause(); // read on once the client has read our answers
    if (added) {
      clearTimeout(conn.idleTimer);
      this.schedule(conn);
    }
  }

  private handleStartup(conn: Connection): void {
    while (conn.phase !== "ready" && !conn.closed) {
      if (conn.phase === "password") {
        const frame = nextFrame(conn.input, MAX_STARTUP_LENGTH);
        if (frame.kind === "incomplete") return;
        if (frame.kind !== "message" || frame.type !== MSG_PASSWORD) {
          this.fatalNow(conn, "08P01", "expected a password message");
          return;
        }
        const pw = readCString(frame.raw, 5);
        if (!pw || !checkMd5Response(pw.value, this.opts.password, conn.user, conn.salt)) {
          this.opts.log(`embedded-db: connection ${conn.id}: password authentication failed`);
          this.fatalNow(conn, "28P01", `password authentication failed for user "${conn.user}"`);
          return;
        }
        this.sendReady(conn);
        return;
      }
      const frame = nextStartupFrame(conn.input, MAX_STARTUP_LENGTH);
      if (frame.kind === "incomplete") return;
      if (frame.kind === "bad-length") {
        this.fatalNow(conn, "08P01", "invalid length of startup packet");
        return;
      }
      const { code, raw: packet } = frame;
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
      const user = startupParams.get("user") ?? "";
      if (user !== USER) {
        this.fatalNow(conn, "28000", `role "${user}" does not exist (the embedded server has only "${USER}")`);
        return;
      }
      const database = startupParams.get("database") ?? user;
      if (database !== "postgres") {
        this.fatalNow(conn, "3D000", `database "${database}" does not exist (the embedded server has only "postgres")`);
        return;
      }
      const unknownOptions = [...startupParams.keys()].filter((k) => k.startsWith("_pq_."));
      if (minor > 0 || unknownOptions.length > 0) {
        conn.write(message("v", Buffer.concat([int32(0), int32(unknownOptions.length), ...unknownOptions.map(cstr)])));
      }
      conn.user = user;
      conn.applicationName = startupParams.get("application_name") ?? "";
      conn.salt = newSalt();
      conn.phase = "password";
      conn.write(message("R", Buffer.concat([int32(5), conn.salt]))); // AuthenticationMD5Password
    }
  }

  private sendReady(conn: Connection): void {
    const out: Buffer[] = [message("R", int32(0))]; // AuthenticationOk
    for (const [k, v] of this.opts.params) out.push(parameterStatus(k, v));
    out.push(parameterStatus("application_name", conn.applicationName));
    out.push(message("K", Buffer.concat([int32(conn.id), int32(randomInt(1, 0x7fffffff))])));
    out.push(message("Z", Buffer.from("I")));
    conn.write(Buffer.concat(out));
    conn.phase = "ready";
    clearTimeout(conn.startupTimer);
  }

  /**
   * Prefixes named prepared statements and portals with the connection's id, so that connections
   * sharing the one PGlite session cannot collide, and replaces statements the SQL guard refuses.
   */
  private rewrite(conn: Connection, type: number, raw: Buffer): Buffer {
    const rename = (name: string) => (name === "" ? "" : conn.prefix + name);
    const rebuild = (parts: Buffer[]) => message(String.fromCharCode(type), Buffer.concat(parts));
    switch (String.fromCharCode(type)) {
      case "Q": {
        const sql = readCString(raw, 5);
        const refusal = sql && refusedStatement(sql.value);
        return refusal ? rebuild([cstr(refusalStatement(refusal))]) : raw;
      }
      case "P": {
        const name = readCString(raw, 5);
        if (!name) return raw;
        const sql = readCString(raw, name.end);
        const refusal = sql && refusedStatement(sql.value);
        if (name.value === "" && !refusal) return raw;
        const renamed = rename(name.value);
        if (renamed !== "") conn.statements.add(renamed);
        if (!refusal || !sql) return rebuild([cstr(renamed), raw.subarray(name.end)]);
        return rebuild([cstr(renamed), cstr(refusalStatement(refusal)), raw.subarray(sql.end)]);
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
    if (conn !== this.owner && !conn.inQueue && !conn.parked) {
      conn.inQueue = true;
      this.waiters.push(conn);
    }
    this.kick();
  }

  private kick(): void {
    if (this.running || this.broken) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      // Work that arrived while the loop was finishing.
      if (this.hasRunnable()) this.kick();
    });
  }

  private ownerRunnable(owner: Connection): boolean {
    return owner.closed || (owner.pending.length > 0 && !owner.needsDrain);
  }

  private hasRunnable(): boolean {
    if (this.broken) return false;
    if (this.owner) return this.ownerRunnable(this.owner);
    return this.waiters.length > 0;
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.broken) return;
      let conn: Connection | undefined;
      if (this.owner) {
        if (!this.ownerRunnable(this.owner)) {
          this.armIdleTimer(this.owner);
          return; // owner busy on its side (or its client not reading)
        }
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
        if (!conn.closed && conn.needsDrain) {
          conn.parked = true; // rescheduled on 'drain'
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

  /**
   * Runs bytes through PGlite, streaming the answer to `onData`; returns the last ReadyForQuery
   * status. Throws if PGlite does not answer within the watchdog limit, or ends a batch that must
   * end with ReadyForQuery without one (what PGlite does once COPY … TO PROGRAM has wrecked it).
   */
  private async exec(bytes: Buffer, onData: ((data: Buffer) => void) | null, expectReady: boolean): Promise<number | null> {
    const scanner = new ReadyScanner();
    this.sink = (data) => {
      scanner.feed(data);
      if (onData) onData(Buffer.from(data)); // copy: `data` is a view of PGlite's wasm memory
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const call = this.pglite.execProtocolRawStream(bytes, { onRawData: (data) => this.sink?.(data) });
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`PGlite did not answer within ${this.opts.watchdogMs / 1000} s (EMBEDDED_DB_WATCHDOG_SECONDS)`)),
          this.opts.watchdogMs,
        );
      });
      await Promise.race([call, limit]);
    } finally {
      clearTimeout(timer);
      this.sink = null;
    }
    if (expectReady && scanner.lastStatus === null) throw new Error("PGlite stopped answering (no ReadyForQuery after Sync/Query)");
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
    let endsCycle = false;
    while (conn.pending.length > 0 && conn.pending[0]!.kind === "msg") {
      const item = conn.pending.shift() as Extract<Item, { kind: "msg" }>;
      batch.push(item.data);
      if (CYCLE_END_TYPES.has(item.type)) {
        endsCycle = true;
        break;
      }
    }
    const status = await this.exec(batch.length === 1 ? batch[0]! : Buffer.concat(batch), (d) => conn.write(d), endsCycle);
    if (conn.needsDrain && !conn.closed) conn.socket.pause();
    const done = status === STATUS_IDLE;
    if (done && !conn.closed) {
      this.owner = null;
      if (conn.pending.length > 0) this.schedule(conn); // back of the queue: others get a turn
    }
  }

  /** While `conn` owns PGlite with nothing runnable, it has `idleInTransactionMs` to go on. */
  private armIdleTimer(conn: Connection): void {
    const ms = this.opts.idleInTransactionMs;
    if (ms <= 0 || conn.closed) return;
    clearTimeout(conn.idleTimer);
    conn.idleTimer = setTimeout(() => {
      if (this.owner === conn && !conn.closed && !this.ownerRunnable(conn)) {
        this.opts.log(`embedded-db: connection ${conn.id} idle in transaction for ${ms / 1000} s; terminating it`);
        this.fatalNow(conn, "25P03", "terminating connection due to idle-in-transaction timeout (EMBEDDED_DB_IDLE_TX_SECONDS)");
      }
    }, ms);
    conn.idleTimer.unref();
  }

  /** Leaves PGlite idle after `conn`: ends any half-done extended sequence and open transaction. */
  private async cleanup(conn: Connection): Promise<void> {
    if (this.owner === conn) {
      let status = await this.exec(SYNC_MESSAGE, null, true);
      if (status !== STATUS_IDLE) status = await this.exec(ROLLBACK_MESSAGE, null, true);
      if (status !== STATUS_IDLE) this.opts.log(`embedded-db: ROLLBACK after connection ${conn.id} left status ${status}`);
    }
    if (conn.needsCleanup()) {
      const closes = [
        ...[...conn.portals].map((n) => message("C", Buffer.concat([Buffer.from("P"), cstr(n)]))),
        ...[...conn.statements].map((n) => message("C", Buffer.concat([Buffer.from("S"), cstr(n)]))),
      ];
      conn.portals.clear();
      conn.statements.clear();
      await this.exec(Buffer.concat([...closes, SYNC_MESSAGE]), null, true);
    }
  }

  /** PGlite failed or stopped answering: drop everyone, refuse new connections, report. */
  private fail(conn: Connection, err: unknown): void {
    const error = err instanceof Error ? err : new Error(String((err as { message?: string })?.message ?? err));
    this.broken = error;
    this.opts.log(`embedded-db: PGlite failed while serving connection ${conn.id}; the server must be restarted: ${error.stack ?? error.message}`);
    for (const c of [...this.conns]) {
      c.write(errorResponse("FATAL", "57P01", "the embedded database failed and is being restarted"));
      this.closeSocket(c);
      c.closed = true;
      c.pending = [];
      clearTimeout(c.idleTimer);
      clearTimeout(c.startupTimer);
    }
    this.conns.clear();
    this.waiters = [];
    this.owner = null;
    this.opts.onFatal(error);
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
    conn.parked = false;
    conn.input.clear();
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
    if (!this.broken && this.pglite.isInTransaction()) await this.exec(ROLLBACK_MESSAGE, null, true);
  }
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith("::ffff:") ? address.slice(7) : address;
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}
