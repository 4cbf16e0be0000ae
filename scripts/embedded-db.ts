/**
 * The embedded database server (PGlite behind the PostgreSQL wire protocol on 127.0.0.1).
 *
 *   tsx scripts/embedded-db.ts [--data-dir .data/pglite] [--port 5433] [--host 127.0.0.1] [--exit-with-parent]
 *
 * When ready it prints exactly one line on stdout:
 *
 *   READY postgresql://postgres:<password>@127.0.0.1:<port>/postgres
 *
 * which is the DATABASE_URL to use; a parent process waits for that line. Everything else goes to
 * stderr (with the password masked). SIGINT/SIGTERM/SIGHUP close PGlite cleanly and remove the lock
 * file; a second signal exits at once. If PGlite fails or stops answering (watchdog), the process
 * exits with code 1: restart it (npm start's supervisor does); committed data is safe.
 *
 * Password: EMBEDDED_DB_PASSWORD, else the one kept in <FRAFLYT_DATA_DIR or .data>/secrets.json
 * (created there when missing — the file `npm start` uses). Host: loopback only (127.0.0.1 default,
 * ::1, localhost); any other is refused. Limits (environment, see lib/db/embedded/server.ts):
 * EMBEDDED_DB_IDLE_TX_SECONDS (5), EMBEDDED_DB_WATCHDOG_SECONDS (60), EMBEDDED_DB_MAX_MESSAGE_MB (128).
 *
 * Port: `--port N` or EMBEDDED_DB_PORT=N is strict (the server exits with an error if N is busy);
 * `--port 0` picks a free port. Without either, 5433 is tried and, if busy, a free port is chosen —
 * read the port from the READY line. The data directory defaults to EMBEDDED_DB_DIR or .data/pglite.
 * --exit-with-parent: shut down cleanly when the parent process goes away.
 */
import { dataRoot, embeddedDbPassword } from "../lib/db/embedded/secrets";
import { isLoopbackHost, redactUrl, startEmbeddedServer, type EmbeddedServer } from "../lib/db/embedded/server";

const DEFAULT_PORT = 5433;

function usage(message: string): never {
  process.stderr.write(`embedded-db: ${message}\nusage: tsx scripts/embedded-db.ts [--data-dir DIR] [--port N] [--host HOST] [--exit-with-parent]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  let dataDir = process.env.EMBEDDED_DB_DIR || ".data/pglite";
  let port: number | undefined;
  let host = "127.0.0.1";
  let exitWithParent = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--data-dir":
        dataDir = value();
        break;
      case "--port": {
        const v = value();
        port = Number(v);
        if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`invalid port ${v}`);
        break;
      }
      case "--host":
        host = value();
        if (!isLoopbackHost(host)) usage(`--host ${host}: the embedded database listens on loopback only (127.0.0.1, ::1, localhost)`);
        break;
      case "--exit-with-parent":
        exitWithParent = true;
        break;
      case "--help":
      case "-h":
        usage("help");
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  if (port === undefined && process.env.EMBEDDED_DB_PORT) {
    port = Number(process.env.EMBEDDED_DB_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`invalid EMBEDDED_DB_PORT ${process.env.EMBEDDED_DB_PORT}`);
  }
  return { dataDir, port, host, exitWithParent };
}

/** PGlite died (PostgreSQL inside it exited): exit non-zero so whoever started us notices. */
function onFatal(err: Error): void {
  process.stderr.write(`embedded-db: the database engine failed or stopped answering, exiting (committed data is safe; start the server again): ${err.message}\n`);
  setTimeout(() => process.exit(1), 100);
}

async function main(): Promise<void> {
  const { dataDir, port, host, exitWithParent } = parseArgs(process.argv.slice(2));
  const password = process.env.EMBEDDED_DB_PASSWORD || embeddedDbPassword(dataRoot());
  let server: EmbeddedServer;
  try {
    server = await startEmbeddedServer({ dataDir, password, port: port ?? DEFAULT_PORT, host, onFatal });
  } catch (err) {
    if (port === undefined && (err as NodeJS.ErrnoException).code === "EADDRINUSE") {
      process.stderr.write(`embedded-db: port ${DEFAULT_PORT} is busy, using a free port\n`);
      server = await startEmbeddedServer({ dataDir, password, port: 0, host, onFatal });
    } else {
      throw err;
    }
  }

  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) {
      process.stderr.write(`embedded-db: ${reason} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`embedded-db: ${reason}, shutting down\n`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`embedded-db: error while closing: ${(err as Error).stack ?? err}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(signal));
  if (exitWithParent) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) shutdown("parent process exited");
    }, 1000).unref();
  }

  process.stdout.write(`READY ${server.url}\n`);
  process.stderr.write(`embedded-db: serving ${dataDir} on ${redactUrl(server.url)} (pid ${process.pid})\n`);
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  process.stderr.write(`embedded-db: ${e.code === "EADDRINUSE" ? `port is busy: ${e.message}` : (e.message ?? String(err))}\n`);
  process.exit(1);
});
