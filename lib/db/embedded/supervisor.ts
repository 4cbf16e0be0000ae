/**
 * Runs the embedded database server (scripts/embedded-db.ts) as a child process and starts it again
 * when it dies (PGlite failed, the watchdog fired, someone killed it), on the same port and data
 * directory, so the app's DATABASE_URL stays valid: while it is down the app's queries fail and
 * /api/health answers 503; after the restart PGlite's crash recovery replays the WAL — no
 * acknowledged commit is lost — and the app's pool reconnects.
 *
 * Restarts back off (0.5 s doubling to 10 s) while the server keeps dying within a minute of its
 * start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

/** Asks a child process to stop (SIGTERM) and waits for it; SIGKILL after `graceMs`. */
export function stopChild(proc: ChildProcess, graceMs = 10_000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      proc.kill("SIGKILL");
      resolve();
    }, graceMs);
    proc.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    proc.kill("SIGTERM");
  });
}

export interface SupervisorOptions {
  /** The repository root (where scripts/ and node_modules/ are). */
  root: string;
  dataDir: string;
  password: string;
  /** Port of the first start; 0 or undefined lets the server choose (5433, else free). Restarts reuse the port it got. */
  port?: number;
  env?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
  /** Called when the server goes down (code/signal) and when it is up again. */
  onState?: (state: { up: boolean; pid: number | null; restarts: number }) => void;
  /** Asked when the server has stopped: false means "we are shutting down anyway" (e.g. Ctrl+C reached it first). */
  shouldRestart?: () => boolean;
  startTimeoutMs?: number;
}

export interface Supervisor {
  url: string;
  port: number;
  /** The pid of the server process now running (null while restarting). */
  pid(): number | null;
  restarts(): number;
  /** Resolves when the server is up again after a restart (immediately if up). */
  whenUp(): Promise<void>;
  stop(): Promise<void>;
}

const READY = /^READY (postgres(?:ql)?:\/\/\S+)$/;

export async function superviseEmbeddedDb(opts: SupervisorOptions): Promise<Supervisor> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const script = path.join(opts.root, "scripts/embedded-db.ts");
  let child: ChildProcess | null = null;
  let stopping = false;
  let restarts = 0;
  let port = opts.port;
  let url = "";
  let upWaiters: Array<() => void> = [];
  let backoff = 500;

  const start = (requestedPort: number | undefined): Promise<{ url: string; child: ChildProcess }> =>
    new Promise((resolve, reject) => {
      const args = ["--import", "tsx", script, "--data-dir", opts.dataDir, "--exit-with-parent"];
      if (requestedPort !== undefined) args.push("--port", String(requestedPort));
      const proc = spawn(process.execPath, args, {
        cwd: opts.root,
        env: { ...(opts.env ?? process.env), EMBEDDED_DB_PASSWORD: opts.password },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let ready = false;
      const timer = setTimeout(() => {
        proc.kill("SIGKILL");
        reject(new Error(`the embedded database did not start within ${(opts.startTimeoutMs ?? 120_000) / 1000} s`));
      }, opts.startTimeoutMs ?? 120_000);
      createInterface({ input: proc.stdout! }).on("line", (line) => {
        const m = READY.exec(line);
        if (!ready && m) {
          ready = true;
          clearTimeout(timer);
          resolve({ url: m[1]!, child: proc });
        } else log(`[db] ${line}`);
      });
      proc.once("exit", (code, signal) => {
        clearTimeout(timer);
        if (!ready) reject(new Error(`the embedded database exited before it was ready (code ${code}, signal ${signal})`));
      });
    });

  const watch = (proc: ChildProcess) => {
    const startedAt = Date.now();
    proc.once("exit", (code, signal) => {
      if (stopping || opts.shouldRestart?.() === false) return;
      child = null;
      log(`embedded database stopped unexpectedly (code ${code}, signal ${signal}); restarting it`);
      opts.onState?.({ up: false, pid: null, restarts });
      if (Date.now() - startedAt > 60_000) backoff = 500;
      void restart();
    });
  };

  const restart = async (): Promise<void> => {
    while (!stopping) {
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 10_000);
      if (stopping) return;
      try {
        const started = await start(port);
        if (stopping) {
          started.child.kill("SIGTERM");
          return;
        }
        child = started.child;
        restarts++;
        watch(child);
        log(`embedded database running again (restart ${restarts}, pid ${child.pid})`);
        opts.onState?.({ up: true, pid: child.pid ?? null, restarts });
        for (const w of upWaiters.splice(0)) w();
        return;
      } catch (err) {
        log(`embedded database restart failed: ${(err as Error).message}; trying again`);
      }
    }
  };

  const first = await start(port);
  child = first.child;
  url = first.url;
  port = Number(new URL(url).port);
  watch(child);
  opts.onState?.({ up: true, pid: child.pid ?? null, restarts });

  return {
    url,
    port,
    pid: () => child?.pid ?? null,
    restarts: () => restarts,
    whenUp: () => (child ? Promise.resolve() : new Promise<void>((r) => upWaiters.push(r))),
    stop: async () => {
      stopping = true;
      const proc = child;
      for (const w of upWaiters.splice(0)) w();
      if (proc) await stopChild(proc);
    },
  };
}
