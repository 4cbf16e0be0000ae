/**
 * What ImportRun.content holds: the normalised table (CPR cells already keyed hashes), as gzipped
 * JSON lines — a header line {v, format, encoding, delimiter, columns, cprColumns}, then one line per
 * data row: [rowNumber, cell, cell, …]. Never the uploaded bytes.
 */
import { constants, gunzipSync, gzipSync } from "node:zlib";
import type { Table } from "./parse";

export type StoredTable = Table & { cprColumns: number[] };

export function encodeTable(t: StoredTable): Buffer {
  const head = JSON.stringify({ v: 1, format: t.format, encoding: t.encoding ?? null, delimiter: t.delimiter ?? null, columns: t.columns, cprColumns: t.cprColumns });
  const parts: string[] = [head];
  for (const r of t.rows) parts.push(JSON.stringify([r.line, ...r.cells]));
  return gzipSync(Buffer.from(parts.join("\n"), "utf8"), { level: 6 });
}

export function decodeTable(bytes: Uint8Array): StoredTable {
  const text = gunzipSync(bytes).toString("utf8");
  const lines = text.split("\n");
  const head = JSON.parse(lines[0]!) as { v: number; format: Table["format"]; encoding: string | null; delimiter: string | null; columns: string[]; cprColumns: number[] };
  if (head.v !== 1) throw new Error(`import content version ${head.v} is not known`);
  const rows: Table["rows"] = [];
  for (let i = 1; i < lines.length; i++) {
    const [line, ...cells] = JSON.parse(lines[i]!) as [number, ...string[]];
    rows.push({ line, cells });
  }
  return {
    format: head.format,
    ...(head.encoding ? { encoding: head.encoding } : {}),
    ...(head.delimiter ? { delimiter: head.delimiter } : {}),
    columns: head.columns,
    cprColumns: head.cprColumns,
    rows,
  };
}

/** Only the header line (columns and CPR columns), from the start of the gzip stream: a page need not unpack 100 000 rows to show them. */
export function decodeHeader(bytes: Uint8Array): { columns: string[]; cprColumns: number[] } {
  for (const size of [64 * 1024, bytes.byteLength]) {
    const text = gunzipSync(bytes.subarray(0, size), { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
    const end = text.indexOf("\n");
    if (end !== -1 || size >= bytes.byteLength) {
      const head = JSON.parse(end === -1 ? text : text.slice(0, end)) as { columns: string[]; cprColumns: number[] };
      return { columns: head.columns, cprColumns: head.cprColumns };
    }
  }
  throw new Error("unreachable");
}
