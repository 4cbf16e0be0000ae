/**
 * Framing of the frontend byte stream: a queue of received chunks from which whole messages are
 * taken. Every byte is copied at most once (a message that spans chunks is assembled in one
 * allocation when it is complete), so framing is linear in the message size — no re-concatenation
 * of a growing buffer per chunk. The length in a header is checked against a cap before any body
 * is buffered.
 */

export class ChunkQueue {
  private chunks: Buffer[] = [];
  /** Read offset into chunks[0]. */
  private offset = 0;
  length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  clear(): void {
    this.chunks = [];
    this.offset = 0;
    this.length = 0;
  }

  /** Byte at position `i` from the read position (i < length). */
  byteAt(i: number): number {
    let pos = i + this.offset;
    for (const c of this.chunks) {
      if (pos < c.length) return c[pos]!;
      pos -= c.length;
    }
    throw new RangeError("ChunkQueue.byteAt out of range");
  }

  int32At(i: number): number {
    const first = this.chunks[0];
    if (first && first.length - this.offset >= i + 4) return first.readInt32BE(this.offset + i);
    return ((this.byteAt(i) << 24) | (this.byteAt(i + 1) << 16) | (this.byteAt(i + 2) << 8) | this.byteAt(i + 3)) | 0;
  }

  /** Removes and returns the next `n` bytes (n <= length). Zero-copy when they lie in one chunk. */
  take(n: number): Buffer {
    if (n > this.length) throw new RangeError("ChunkQueue.take beyond length");
    const first = this.chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first && first.length - this.offset >= n) {
      const out = first.subarray(this.offset, this.offset + n);
      this.advance(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!;
      const k = Math.min(c.length - this.offset, n - filled);
      c.copy(out, filled, this.offset, this.offset + k);
      filled += k;
      this.advance(k);
    }
    return out;
  }

  private advance(n: number): void {
    this.length -= n;
    this.offset += n;
    while (this.chunks.length > 0 && this.offset >= this.chunks[0]!.length) {
      this.offset -= this.chunks[0]!.length;
      this.chunks.shift();
    }
  }
}

export type Frame =
  | { kind: "message"; type: number; /** The whole message, type byte and length included. */ raw: Buffer }
  | { kind: "incomplete" }
  | { kind: "bad-type"; type: number }
  | { kind: "bad-length"; type: number; length: number }
  | { kind: "too-large"; type: number; length: number };

/**
 * Takes the next complete message of type + int32 length framing, or says why not. A type that
 * `acceptType` refuses is reported as soon as its byte arrives (its length may be garbage).
 */
export function nextFrame(queue: ChunkQueue, maxMessageBytes: number, acceptType: (type: number) => boolean = () => true): Frame {
  if (queue.length < 1) return { kind: "incomplete" };
  const type = queue.byteAt(0);
  if (!acceptType(type)) return { kind: "bad-type", type };
  if (queue.length < 5) return { kind: "incomplete" };
  const length = queue.int32At(1);
  if (length < 4) return { kind: "bad-length", type, length };
  if (length + 1 > maxMessageBytes) return { kind: "too-large", type, length };
  if (queue.length < length + 1) return { kind: "incomplete" };
  return { kind: "message", type, raw: queue.take(length + 1) };
}

export type StartupFrame =
  | { kind: "packet"; code: number; raw: Buffer }
  | { kind: "incomplete" }
  | { kind: "bad-length"; length: number };

/** Startup-phase packets (SSLRequest, StartupMessage…): int32 length, int32 code, no type byte. */
export function nextStartupFrame(queue: ChunkQueue, maxStartupBytes: number): StartupFrame {
  if (queue.length < 8) return { kind: "incomplete" };
  const length = queue.int32At(0);
  if (length < 8 || length > maxStartupBytes) return { kind: "bad-length", length };
  if (queue.length < length) return { kind: "incomplete" };
  const raw = queue.take(length);
  return { kind: "packet", code: raw.readInt32BE(4), raw };
}
