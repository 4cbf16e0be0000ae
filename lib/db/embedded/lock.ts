/**
 * The data-directory lock: `<dataDir>/.fraflyt-server.pid` (pid, port, host) makes a second server
 * on the same PGlite directory refuse to start (PGlite has no lock of its own; a second opener
 * corrupts the directory). A lock whose process is dead is taken over atomically.
 */
import fs from "node:fs";
import path from "node:path";

export const LOCK_FILE_NAME = ".fraflyt-server.pid";

export interface LockInfo {
  pid: number;
  port: number | null;
  host: string;
  startedAt: string;
}


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
export function acquireLock(dataDir: string, host: string): string {
  const file = lockPath(dataDir);
  const content = (port: number | null) =>
    JSON.stringify({ pid: process.pid, port, host, startedAt: new Date().toISOString() } satisfies LockInfo) + "\n";
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, content(null), { flag: "wx", mode: 0o600 });
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

export function writeLockPort(file: string, host: string, port: number): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const info: LockInfo = { pid: process.pid, port, host, startedAt: new Date().toISOString() };
  fs.writeFileSync(tmp, JSON.stringify(info) + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function releaseLock(file: string): void {
  const info = parseLock(safeRead(file));
  if (info && info.pid === process.pid) fs.rmSync(file, { force: true });
}
