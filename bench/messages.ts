/**
 * Message-size benchmark of the embedded server (`npm run bench:messages`; not part of `npm test`).
 * Project rule: speed targets are ratios against a baseline measured in the same run.
 *
 * One simple Query `SELECT length('xxx…')` of 16, 32 and 64 MB is sent over a raw socket, and the
 * time from the first byte written to ReadyForQuery is measured (median of BENCH_REPEAT, default 5,
 * after one 64 MB warm-up that lets PGlite's memory grow). Target: the framing is linear, so a 64 MB message costs about twice a 32 MB
 * one — ratio 64/32 ≈ 2 (before the framing was made linear it was ≈ 10 at 32/16). When the
 * machine's PostgreSQL is reachable (BENCH_POSTGRES_ADMIN_URL, default
 * postgresql://postgres@127.0.0.1:5432/postgres) the same messages go to it as a reference.
 *
 * The embedded server runs in this process (data directory .test-data/bench-messages-*, removed).
 */
import fs from "node:fs";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { md5Response } from "../lib/db/embedded/auth";
import { newPassword, startEmbeddedServer } from "../lib/db/embedded/server";
import { scratchDir } from "../lib/db/scratch";

const SIZES_MB = [16, 32, 64];
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 5) || 5);

function frame(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function startup(user: string): Buffer {
  const body = Buffer.from(`user\0${user}\0database\0postgres\0\0`);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + body.length);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

/** A minimal client: startup (trust or MD5), then one message at a time until ReadyForQuery. */
class Wire {
  private onMessage: ((type: string, body: Buffer) => void) | null = null;
  private constructor(private readonly socket: net.Socket) {
    let buf: Buffer = Buffer.alloc(0);
    socket.on("data", (d: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d; // the answers are small
      while (buf.length >= 5 && buf.length >= 1 + buf.readInt32BE(1)) {
        const len = buf.readInt32BE(1);
        const type = String.fromCharCode(buf[0]!);
        const body = buf.subarray(5, 1 + len);
        buf = buf.subarray(1 + len);
        this.onMessage?.(type, body);
      }
    });
  }

  static async connect(port: number, password: string | null): Promise<Wire> {
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    socket.setNoDelay(true);
    const w = new Wire(socket);
    await new Promise<void>((resolve, reject) => {
      w.onMessage = (type, body) => {
        if (type === "R" && body.readInt32BE(0) === 5) socket.write(frame("p", Buffer.from(`${md5Response(password ?? "", "postgres", body.subarray(4, 8))}\0`)));
        else if (type === "R" && body.readInt32BE(0) !== 0) reject(new Error(`unsupported authentication ${body.readInt32BE(0)}`));
        else if (type === "E") reject(new Error(body.toString()));
        else if (type === "Z") resolve();
      };
      socket.write(startup("postgres"));
    });
    return w;
  }

  /** Milliseconds from writing `msg` to ReadyForQuery; throws on ErrorResponse. */
  roundTrip(msg: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      let error: string | null = null;
      const t0 = performance.now();
      this.onMessage = (type, body) => {
        if (type === "E") error = body.toString("utf8").replace(/\0/g, " ");
        if (type === "Z") (error ? reject(new Error(error)) : resolve(performance.now() - t0));
      };
      this.socket.write(msg);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(label: string, w: Wire): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const query = (mb: number) => frame("Q", Buffer.from(`SELECT length('${"x".repeat(mb * 1024 * 1024)}')\0`));
  await w.roundTrip(query(Math.max(...SIZES_MB))); // warm-up: lets PGlite's wasm memory grow once, before the timings
  for (const mb of SIZES_MB) {
    const msg = query(mb);
    const times: number[] = [];
    for (let i = 0; i < REPEAT; i++) times.push(await w.roundTrip(msg));
    out.set(mb, median(times));
    process.stdout.write(`${label.padEnd(10)} ${String(mb).padStart(3)} MB: median ${median(times).toFixed(0).padStart(6)} ms  (${times.map((t) => t.toFixed(0)).join(", ")})\n`);
  }
  return out;
}

function ratios(label: string, m: Map<number, number>): void {
  const r = (a: number, b: number) => (m.get(a)! / m.get(b)!).toFixed(2);
  process.stdout.write(`${label.padEnd(10)} ratio 32/16 MB: ${r(32, 16)}×   ratio 64/32 MB: ${r(64, 32)}×   (linear ≈ 2.00×)\n`);
}

async function main(): Promise<void> {
  const dataDir = scratchDir("bench-messages-");
  const password = newPassword();
  const server = await startEmbeddedServer({ dataDir, password, port: 0, maxMessageBytes: 256 * 1024 * 1024, log: () => undefined });
  const results: Record<string, Map<number, number>> = {};
  try {
    const w = await Wire.connect(server.port, password);
    results.embedded = await measure("embedded", w);
    w.close();
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const pgUrl = new URL(process.env.BENCH_POSTGRES_ADMIN_URL ?? process.env.TEST_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  try {
    const w = await Wire.connect(Number(pgUrl.port || 5432), decodeURIComponent(pgUrl.password) || null);
    results.postgres = await measure("postgres", w);
    w.close();
  } catch (err) {
    process.stdout.write(`postgres   not measured (${(err as Error).message})\n`);
  }
  process.stdout.write("\n");
  for (const [label, m] of Object.entries(results)) ratios(label, m);
  if (results.postgres) {
    const e = results.embedded!;
    const p = results.postgres;
    process.stdout.write(`embedded / postgres at 64 MB: ${(e.get(64)! / p.get(64)!).toFixed(2)}×\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:messages: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
