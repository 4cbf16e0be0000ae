/**
 * Reading a back-office export: CSV (`;`, `,` or tab separated; UTF-8 with or without BOM, UTF-16
 * with BOM, or Windows-1252 — detected) or XLSX (read-excel-file), into a table of strings, and the
 * value parsers the plan uses (numbers, dates as dd-mm-yyyy / yyyy-mm-dd / Excel serials, CPR).
 *
 * CPR numbers never leave this module in clear: `protectCpr` replaces every cell of a CPR column by
 * its keyed hash ("h:<hex>"), or "!" when it is not a valid CPR number, before anything is stored.
 */
import { parse as parseCsvSync } from "csv-parse/sync";
import { normaliseHeader } from "./fields";
import { autoMapping } from "./mapping";

export type SourceFormat = "csv" | "xlsx";

export type Table = {
  format: SourceFormat;
  /** The detected text encoding (CSV) and separator. */
  encoding?: string;
  delimiter?: string;
  columns: string[];
  /** Data rows with their row number in the file (the header is row 1). */
  rows: { line: number; cells: string[] }[];
};

export class ImportFileError extends Error {
  constructor(
    readonly reason: "empty" | "no-header" | "unreadable" | "too-many-rows" | "duplicate-header",
    message: string,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

export const MAX_ROWS = 200_000;

// ------------------------------------------------------------------------------------ encodings

/** Which text encoding bytes are in: a BOM decides; else valid UTF-8 is UTF-8; else Windows-1252. */
export function detectEncoding(bytes: Uint8Array): "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** Windows-1252's letters in 0x80–0x9F (where ISO-8859-1 has control codes); undefined ones stay as they are. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/** Windows-1252 by hand: Node's TextDecoder("windows-1252") decodes it as ISO-8859-1 (0x80 is not €). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    const codes = new Array<string>(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j]!;
      codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
    }
    out += codes.join("");
  }
  return out;
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const encoding = detectEncoding(bytes);
  // TextDecoder drops the BOM itself (ignoreBOM: false).
  const text = encoding === "windows-1252" ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
  return { text: text.replace(/^\uFEFF/, ""), encoding };
}

/** The separator of the header line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const header = end === -1 ? text : text.slice(0, end);
  const counts: Record<string, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ";";
}

// ------------------------------------------------------------------------------------ readers

function isXlsx(bytes: Uint8Array): boolean {
  // A ZIP file (an .xlsx is one) starts with "PK\x03\x04".
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function checkHeader(columns: string[]): string[] {
  const cols = columns.map((c) => String(c ?? "").trim());
  if (cols.length === 0 || cols.every((c) => c === "")) throw new ImportFileError("no-header", "Filen har ingen overskriftsrække.");
  const seen = new Set<string>();
  for (const c of cols) {
    if (c === "") continue;
    const n = normaliseHeader(c);
    if (seen.has(n)) throw new ImportFileError("duplicate-header", `Kolonnen "${c.slice(0, 40)}" står flere gange i overskriftsrækken.`);
    seen.add(n);
  }
  return cols;
}

export function readCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === "") throw new ImportFileError("empty", "Filen er tom.");
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parseCsvSync(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, relax_quotes: true, trim: false }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ImportFileError("unreadable", `Filen kan ikke læses som CSV${line ? ` (omkring række ${line})` : ""}.`);
  }
  const [header, ...data] = records;
  const columns = checkHeader(header ?? []);
  const rows: Table["rows"] = [];
  data.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return;
    rows.push({ line: i + 2, cells: cells.map((c) => c.trim()) });
  });
  if (rows.length > MAX_ROWS) throw new ImportFileError("too-many-rows", `Filen har mere end ${MAX_ROWS} rækker.`);
  return { format: "csv", encoding, delimiter, columns, rows };
}

/** A cell of a spreadsheet as text: dates as yyyy-mm-dd, whole numbers without decimals. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === "boolean") return v ? "1" : "0";
  return String(v).trim();
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const { readSheet } = await import("read-excel-file/node");
  let data: unknown[][];
  try {
    data = (await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as unknown[][];
  } catch {
    throw new ImportFileError("unreadable", "Filen kan ikke læses som et Excel-regneark (.xlsx).");
  }
  if (data.length === 0) throw new ImportFileError("empty", "Regnearket er tomt.");
  const [header, ...rest] = data;
  const columns = checkHeader((header ?? []).map(cellText));
  const rows: Table["rows"] = [];
  rest.forEach((r, i) => {
    const cells = (r ?? []).map(cellText);
    if (cells.every((c) => c === "")) return;
    rows.push({ line: i + 2, cells });
  });
  if (rows.length > MAX_ROWS) throw new ImportFileError("too-many-rows", `Filen har mere end ${MAX_ROWS} rækker.`);
  return { format: "xlsx", columns, rows };
}

export async function readImportFile(bytes: Uint8Array): Promise<Table> {
  if (bytes.byteLength === 0) throw new ImportFileError("empty", "Filen er tom.");
  return isXlsx(bytes) ? readXlsx(bytes) : readCsv(bytes);
}

// ------------------------------------------------------------------------------------ values

/** A whole number ≥ 0 ("12", "12.0" from a spreadsheet, " 12 "); null when it is not one. */
export function parseNumber(s: string): number | null {
  const t = s.trim().replace(/\.0+$/, "").replace(/,0+$/, "");
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * A date as yyyy-mm-dd, from dd-mm-yyyy (also with . or /), yyyy-mm-dd (also with a time after it, as
 * SQL exports write it) or an Excel serial day number (1900 system); null when it is none of them
 * or not a day of the calendar (31-02-2020).
 */
export function parseDate(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(t);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  // Excel serial day numbers of five or six digits (1927–2199; a four-digit number is more likely a year).
  m = /^(\d{5,6})(?:\.0+)?$/.exec(t);
  if (m) {
    const serial = Number(m[1]);
    // 1900 system: day 1 = 1900-01-01, with Excel's phantom 29-02-1900 (day 60).
    if (serial > 109_573) return null;
    const base = Date.UTC(1899, 11, serial > 60 ? 30 : 31);
    const d = new Date(base + serial * 86_400_000);
    return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return null;
}

/**
 * A CPR number's 10 digits when it is one: ddmmyy-ssss (dash and spaces allowed), the first six
 * a day of the calendar (the century is not known, so 29-02 is always allowed). No modulus-11
 * check: CPR numbers issued since 2007 need not pass it. A spreadsheet number that lost its leading
 * zero (101851234) is padded back.
 */
export function validCpr(s: string): string | null {
  let t = s.trim().replace(/[\s-]/g, "");
  if (/^\d{9}$/.test(t)) t = `0${t}`;
  if (!/^\d{10}$/.test(t)) return null;
  const d = Number(t.slice(0, 2));
  const mo = Number(t.slice(2, 4));
  if (mo < 1 || mo > 12 || d < 1) return null;
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days ? t : null;
}

/** Text that may be shown in a report: short, and any run of 9+ digits (with spaces or dashes: a CPR number, whole or without its leading zero) masked. A date's 8 digits stay. */
export function safeEcho(s: string): string {
  const t = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return t.replace(/\d[\d\s./-]{7,}\d/g, (run) => (run.replace(/\D/g, "").length >= 9 ? "######" : run));
}

// ------------------------------------------------------------------------------------ CPR

const CPR_LIKE = /^\s*\d{6}-?\d{4}\s*$/;

/**
 * The columns that hold CPR numbers: those whose header maps to a CPR field or mentions CPR /
 * personnummer, and any other column whose values mostly look like CPR numbers (ddmmyy-ssss).
 */
export function cprColumns(table: Pick<Table, "columns" | "rows">): number[] {
  const byName = new Set<number>();
  const auto = autoMapping(table.columns);
  for (const key of ["lejer1Cpr", "lejer2Cpr"] as const) {
    const col = auto[key];
    if (col !== undefined) byName.add(table.columns.indexOf(col));
  }
  table.columns.forEach((c, i) => {
    const n = normaliseHeader(c);
    if (n.includes("cpr") || n.includes("personnummer") || n.includes("personnr")) byName.add(i);
  });
  const sample = table.rows.slice(0, 500);
  table.columns.forEach((_, i) => {
    if (byName.has(i)) return;
    const values = sample.map((r) => r.cells[i] ?? "").filter((v) => v.trim() !== "");
    if (values.length === 0) return;
    const like = values.filter((v) => CPR_LIKE.test(v) && validCpr(v)).length;
    if (like / values.length >= 0.5) byName.add(i);
  });
  return [...byName].filter((i) => i >= 0).sort((a, b) => a - b);
}

export const CPR_INVALID = "!";
export const CPR_HASH_PREFIX = "h:";

/** Replaces every cell of the CPR columns by "h:<keyed hash>" ("!" when invalid, "" when empty). Returns a new table. */
export function protectCpr(table: Table, hash: (cpr: string) => string): Table & { cprColumns: number[] } {
  const cols = cprColumns(table);
  const rows = table.rows.map((r) => {
    const cells = r.cells.slice();
    for (const i of cols) {
      const v = cells[i] ?? "";
      if (v.trim() === "") cells[i] = "";
      else {
        const cpr = validCpr(v);
        cells[i] = cpr ? `${CPR_HASH_PREFIX}${hash(cpr)}` : CPR_INVALID;
      }
    }
    return { line: r.line, cells };
  });
  return { ...table, rows, cprColumns: cols };
}
