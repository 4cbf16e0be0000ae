/**
 * CSV for spreadsheets (Danish Excel): `;` between cells, CRLF, a UTF-8 byte-order mark, and cells
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with `'`. Every CSV export
 * (audit log, notices inbox, missing-data report) streams through csvStream, page by keyset page.
 */

/** One cell: quoted when it holds `;`, `"` or a line break; formula-safe. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV line (CRLF-terminated) of cells. */
export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(";")}\r\n`;
}

/** The byte-order mark Excel needs to read UTF-8. */
export const CSV_BOM = "\uFEFF";

/**
 * A streamed CSV: the header first, then one page at a time (`page(cursor)` returns the rows and the
 * cursor of the next page, null at the end), so a large export never sits in memory.
 */
export function csvStream<Row, Cursor>(a: { header: readonly string[]; page: (cursor: Cursor | null) => Promise<{ rows: Row[]; next: Cursor | null }>; line: (row: Row) => unknown[] }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine([...a.header])));
        return;
      }
      if (done) {
        controller.close();
        return;
      }
      const { rows, next } = await a.page(cursor);
      if (next === null) done = true;
      cursor = next;
      if (rows.length === 0) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(rows.map((r) => csvLine(a.line(r))).join("")));
    },
  });
}
