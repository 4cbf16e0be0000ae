/**
 * The embedded database: one PGlite instance behind a small PostgreSQL wire-protocol server on
 * loopback, so the app always talks to it through `pg` / adapter-pg exactly as to real PostgreSQL.
 *
 * Run it in ONE process only (scripts/embedded-db.ts, or the integration tests' globalSetup): PGlite
 * has no lock of its own, and a second process opening the same data directory corrupts it; the lock
 * file (lock.ts) makes a second server refuse to start.
 *
 * The parts:
 * - lock.ts      the data-directory lock (pid + port);
 * - files.ts     the data directory is 0700 and no file in it is readable by group or others;
 * - auth.ts      password authentication (MD5 challenge; the password is required);
 * - framing.ts   linear message framing with a size cap;
 * - sql-guard.ts statements refused after tokenising (COPY; SQL-level PREPARE/EXECUTE/DEALLOCATE/DISCARD);
 * - session.ts   connections sharing the one PGlite session: ownership, FIFO scheduling,
 *                idle-in-transaction limit, watchdog, backpressure;
 * - supervisor.ts runs scripts/embedded-db.ts as a child process and restarts it when it dies.
 *
 * Durability. A commit is acknowledged only after PGlite's execProtocol call returned, and PGlite
 * (synchronous_commit=on) has then written the commit's WAL to the data directory through Node's fs
 * (NODEFS, write-through to the OS). That survives SIGKILL of this process (tested by
 * tests/integration/embedded-server.test.ts). PGlite runs with fsync=off, so an OS crash or power
 * loss may lose recent commits.
 *
 * Limits: CancelRequest is ignored; LISTEN/NOTIFY deliveries go to whichever connection runs next;
 * session settings (SET) are shared by all connections. Bad input (unknown message types, bad
 * lengths, garbage before startup, a message over the size cap) gets a FATAL ErrorResponse and that
 * socket is closed.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { makePrivate, tightenUmask } from "./files";
import { acquireLock, releaseLock, writeLockPort } from "./lock";
import { SessionServer, USER } from "./session";

export { LOCK_FILE_NAME, readLiveServer, type LockInfo } from "./lock";
export { newPassword } from "./auth";

export interface EmbeddedServerOptions {
  dataDir: string;
  /** The password every client must give (user "postgres"). Required: there is no trust mode. */
  password: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** A loopback address: 127.0.0.1 (default), another 127.x.y.z, ::1 or localhost. Anything else is refused. */
  host?: string;
  /** Diagnostics (connection errors, PGlite failures). Default: stderr. */
  log?: (message: string) => void;
  /**
   * PGlite failed or stopped answering: the server now refuses every connection and must be
   * restarted; committed data is safe on disk. Default: log only. scripts/embedded-db.ts exits 1.
   */
  onFatal?: (err: Error) => void;
  /**
   * A connection that keeps a transaction (or a half-sent extended-protocol sequence) open without
   * sending anything for this long is terminated and rolled back — on the embedded server it would
   * otherwise block every other connection. Default EMBEDDED_DB_IDLE_TX_SECONDS × 1000, else 5000;
   * 0 turns it off.
   */
  idleInTransactionTimeoutMs?: number;
  /** A call into PGlite that takes longer is taken as PGlite being dead (see session.ts). Default EMBEDDED_DB_WATCHDOG_SECONDS, else 60 s. */
  watchdogMs?: number;
  /** Largest frontend message accepted. Default EMBEDDED_DB_MAX_MESSAGE_MB, else 128 MiB. */
  maxMessageBytes?: number;
}

export interface EmbeddedServer {
  port: number;
  host: string;
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_IDLE_TX_SECONDS = 5;
export const DEFAULT_WATCHDOG_SECONDS = 60;
export const DEFAULT_MAX_MESSAGE_MB = 128;

/** The URL a client uses for an embedded server on `port`. PGlite has one database and one user. */
export function embeddedUrl(port: number, password: string, host = "127.0.0.1"): string {
  const h = host.includes(":") ? `[${host}]` : host;
  return `postgresql://${USER}:${encodeURIComponent(password)}@${h}:${port}/postgres`;
}

/** The URL with its password replaced, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/, "$1***@");
}

export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not ${JSON.stringify(raw)}`);
  return n;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) {
    throw new Error(`The embedded database server listens on loopback only (127.0.0.1, ::1 or localhost), not on ${JSON.stringify(host)}. Use a real PostgreSQL server (DATABASE_URL) to serve other machines.`);
  }
  if (typeof options.password !== "string" || options.password.length < 8) {
    throw new Error("The embedded database server needs a password of at least 8 characters");
  }
  const log = options.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const idleInTransactionMs = options.idleInTransactionTimeoutMs ?? envNumber("EMBEDDED_DB_IDLE_TX_SECONDS", DEFAULT_IDLE_TX_SECONDS) * 1000;
  const watchdogMs = options.watchdogMs ?? envNumber("EMBEDDED_DB_WATCHDOG_SECONDS", DEFAULT_WATCHDOG_SECONDS) * 1000;
  const maxMessageBytes = options.maxMessageBytes ?? Math.floor(envNumber("EMBEDDED_DB_MAX_MESSAGE_MB", DEFAULT_MAX_MESSAGE_MB) * 1024 * 1024);
  if (watchdogMs <= 0) throw new Error("The watchdog limit must be positive");

  const dataDir = path.resolve(options.dataDir);
  tightenUmask(log);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const lock = acquireLock(dataDir, host);
  const onExit = () => releaseLock(lock);
  process.on("exit", onExit);

  let pglite: PGlite | undefined;
  let netServer: net.Server | undefined;
  try {
    pglite = await PGlite.create(dataDir);
    makePrivate(dataDir); // the initial cluster PGlite unpacks is 0666
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
      ["session_authorization", USER],
    ];
    const session = new SessionServer(pglite, {
      password: options.password,
      params,
      log,
      onFatal: options.onFatal ?? (() => undefined),
      idleInTransactionMs,
      watchdogMs,
      maxMessageBytes,
    });
    const srv = net.createServer((socket) => session.accept(socket));
    netServer = srv;
    await new Promise<void>((resolve, reject) => {
      srv.once("error", reject);
      srv.listen(options.port ?? 0, host, () => {
        srv.off("error", reject);
        resolve();
      });
    });
    srv.on("error", (err) => log(`embedded-db: server error: ${err.message}`));
    const address = srv.address() as net.AddressInfo;
    const port = address.port;
    writeLockPort(lock, address.address, port);

    const db = pglite;
    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        const listenerClosed = new Promise<void>((resolve) => srv.close(() => resolve()));
        await session.stop();
        await listenerClosed;
        if (!session.broken) await db.close(); // a failed PGlite would hang
        makePrivate(dataDir);
        releaseLock(lock);
        process.off("exit", onExit);
      })());
    return { port, host: address.address, url: embeddedUrl(port, options.password, address.address), close };
  } catch (err) {
    netServer?.close();
    if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
    releaseLock(lock);
    process.off("exit", onExit);
    throw err;
  }
}
