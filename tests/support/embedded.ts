/**
 * Helpers for the embedded-server tests: a raw wire-protocol client (to send exactly the bytes a
 * hostile or broken client would), scratch directories, and scripts/embedded-db.ts as a child process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { md5Response } from "../../lib/db/embedded/auth";
import { LOCK_FILE_NAME } from "../../lib/db/embedded/server";

export const ROOT = path.resolve(__dirname, "../..");
export const TEST_DATA = path.join(ROOT, ".test-data");
export const TSX = path.join(ROOT, "node_modules/.bin/tsx");
export const lane = process.env.TEST_POSTGRES === "1" ? "postgres" : "embedded";

export function freshDir(label: string): string {
  const dir = path.join(TEST_DATA, `${label}-${process.pid}-${Date.now()}-${randomBytes(3).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------- raw protocol client

export function frame(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
export const z = (s: string) => Buffer.from(`${s}\0`, "utf8");
export function startupPacket(params: Record<string, string> = { user: "postgres", database: "postgres" }): Buffer {
  const body = Buffer.concat([...Object.entries(params).flatMap(([k, v]) => [z(k), z(v)]), Buffer.from([0])]);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}
export function parse(name: string, sql: string): Buffer {
  return frame("P", Buffer.concat([z(name), z(sql), Buffer.from([0, 0])]));
}
export function bind(portal: string, stmt: string, params: string[]): Buffer {
  const n = Buffer.alloc(2);
  n.writeInt16BE(params.length);
  const values = params.map((p) => {
    const len = Buffer.alloc(4);
    len.writeInt32BE(Buffer.byteLength(p));
    return Buffer.concat([len, Buffer.from(p)]);
  });
  return frame("B", Buffer.concat([z(portal), z(stmt), Buffer.from([0, 0]), n, ...values, Buffer.from([0, 0])]));
}
export const describePortal = (portal: string) => frame("D", Buffer.concat([Buffer.from("P"), z(portal)]));
export const execute = (portal: string) => frame("E", Buffer.concat([z(portal), Buffer.alloc(4)]));
export const sync = () => frame("S");
export const query = (sql: string) => frame("Q", z(sql));

export interface BackendMessage {
  type: string;
  body: Buffer;
}

export class RawClient {
  private buf = Buffer.alloc(0);
  readonly messages: BackendMessage[] = [];
  closed = false;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: net.Socket) {
    socket.on("data", (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      while (this.buf.length >= 5) {
        const len = this.buf.readInt32BE(1);
        if (this.buf.length < 1 + len) break;
        this.messages.push({ type: String.fromCharCode(this.buf[0]!), body: this.buf.subarray(5, 1 + len) });
        this.buf = this.buf.subarray(1 + len);
      }
      this.notify();
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.closed = true;
      this.notify();
    });
  }

  private notify() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Connects; with `password`, runs the startup and the MD5 password exchange until ReadyForQuery. */
  static async connect(port: number, password: string | null): Promise<RawClient> {
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const c = new RawClient(socket);
    if (password !== null) {
      c.socket.write(startupPacket());
      await c.authenticate(password);
      await c.until((m) => m.some((x) => x.type === "Z"));
      c.messages.length = 0;
    }
    return c;
  }

  /** Answers the server's AuthenticationMD5Password request. */
  async authenticate(password: string, user = "postgres"): Promise<void> {
    const [req] = (await this.until((m) => m.some((x) => x.type === "R" || x.type === "E"))).filter((x) => x.type === "R" || x.type === "E");
    if (req!.type === "E" || req!.body.readInt32BE(0) !== 5) throw new Error(`expected an MD5 password request, got ${this.types()}`);
    const salt = req!.body.subarray(4, 8);
    this.socket.write(frame("p", z(md5Response(password, user, salt))));
  }

  async until(pred: (messages: BackendMessage[]) => boolean, timeoutMs = 10_000): Promise<BackendMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.messages)) {
      if (this.closed) throw new Error(`connection closed; got ${this.types()}`);
      if (Date.now() > deadline) throw new Error(`timeout; got ${this.types()}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.messages;
  }

  async untilClosed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error("socket not closed by the server");
      await sleep(20);
    }
  }

  readyCount(): number {
    return this.messages.filter((m) => m.type === "Z").length;
  }

  types(): string {
    return this.messages.map((m) => (m.type === "Z" ? `Z${m.body.toString("latin1")}` : m.type)).join(" ");
  }

  dataRows(): string[] {
    return this.messages.filter((m) => m.type === "D").map((m) => m.body.subarray(6).toString());
  }

  /** Field 'C' (SQLSTATE) and 'M' of each ErrorResponse. */
  errors(): Array<{ severity: string; code: string; message: string }> {
    return this.messages
      .filter((m) => m.type === "E")
      .map((m) => {
        const fields: Record<string, string> = {};
        let i = 0;
        while (i < m.body.length && m.body[i] !== 0) {
          const end = m.body.indexOf(0, i + 1);
          fields[String.fromCharCode(m.body[i]!)] = m.body.toString("utf8", i + 1, end);
          i = end + 1;
        }
        return { severity: fields.S ?? "", code: fields.C ?? "", message: fields.M ?? "" };
      });
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface Child {
  proc: ChildProcess;
  url: string;
  serverPid: number;
  exited: Promise<number | null>;
  stderr: string[];
}

export async function spawnServer(dataDir: string, password: string): Promise<Child> {
  // node --import tsx: one process (tsx's CLI would run the script in a second one).
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/embedded-db.ts", "--data-dir", dataDir, "--port", "0"], {
    cwd: ROOT,
    env: { ...process.env, EMBEDDED_DB_PASSWORD: password },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  proc.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY line; stderr: ${stderr.join("")}`)), 30_000);
    readline.createInterface({ input: proc.stdout! }).on("line", (line) => {
      const m = /^READY (postgresql:\/\/\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before READY; stderr: ${stderr.join("")}`)));
  });
  const serverPid = (JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE_NAME), "utf8")) as { pid: number }).pid;
  return { proc, url, serverPid, exited, stderr };
}

export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}


/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
