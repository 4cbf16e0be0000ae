/**
 * PostgreSQL wire-protocol messages the embedded server builds itself (errors, authentication,
 * parameter status) and a scanner that follows PGlite's answer stream for ReadyForQuery.
 */
export const T = (c: string): number => c.charCodeAt(0);

export const MSG_TERMINATE = T("X");
export const MSG_PASSWORD = T("p");
export const MSG_READY = T("Z");
export const STATUS_IDLE = T("I");

export function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head[0] = type.charCodeAt(0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

export function cstr(s: string): Buffer {
  return Buffer.concat([Buffer.from(s, "utf8"), Buffer.from([0])]);
}

export function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

export function errorResponse(severity: "ERROR" | "FATAL", code: string, text: string): Buffer {
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

export function parameterStatus(name: string, value: string): Buffer {
  return message("S", Buffer.concat([cstr(name), cstr(value)]));
}

export function readCString(buf: Buffer, offset: number): { value: string; end: number } | null {
  const nul = buf.indexOf(0, offset);
  if (nul < 0) return null;
  return { value: buf.toString("utf8", offset, nul), end: nul + 1 };
}

export const SYNC_MESSAGE = message("S");
export const ROLLBACK_MESSAGE = message("Q", cstr("ROLLBACK"));

/**
 * Follows the backend message stream (possibly split across chunks) and remembers the status byte
 * of the last ReadyForQuery. Linear in the bytes fed.
 */
export class ReadyScanner {
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
