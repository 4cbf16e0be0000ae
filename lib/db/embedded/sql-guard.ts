/**
 * Statements the embedded server refuses, found by tokenising the SQL the way PostgreSQL's lexer
 * does — comments (`--`, nested `/* *\/`), string literals ('…' with '' , E'…' with backslash
 * escapes, $tag$…$tag$ dollar quoting), quoted identifiers ("…") — and looking at the first word of
 * every statement of the text (statements are split at top-level semicolons).
 *
 * Refused:
 * - COPY, in every form. PGlite 0.5.14 dies on COPY FROM STDIN (PostgreSQL hits end of input and
 *   exits), and COPY … TO/FROM PROGRAM leaves it answering nothing ever again. The app never uses
 *   COPY.
 * - SQL-level PREPARE, EXECUTE, DEALLOCATE and DISCARD. All connections share PGlite's one session,
 *   so a statement PREPAREd by one connection would be visible to all, and DEALLOCATE ALL or
 *   DISCARD ALL would drop the other connections' protocol-level prepared statements. Protocol-level
 *   prepared statements (Parse with a name, what pg/Prisma use) are renamed per connection instead.
 *
 * Whether a backslash escapes a quote in a plain '…' literal depends on standard_conforming_strings,
 * which a client may change; the text is therefore tokenised both ways and refused if either way
 * finds a refused statement. Dynamic SQL (EXECUTE '…' inside a PL/pgSQL body) cannot be seen here:
 * the watchdog in session.ts is the backstop for that.
 */

export const REFUSED_KEYWORDS = ["COPY", "PREPARE", "EXECUTE", "DEALLOCATE", "DISCARD"] as const;
export type RefusedKeyword = (typeof REFUSED_KEYWORDS)[number];
const REFUSED = new Set<string>(REFUSED_KEYWORDS);

const isIdentStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdentChar = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** The first word (upper-cased) of every statement in `sql`; a statement without a word is skipped. */
export function statementLeadWords(sql: string, backslashEscapesInPlainStrings = false): string[] {
  const words: string[] = [];
  let expectingLead = true;
  let i = 0;
  const n = sql.length;
  /** Skips a quoted run starting at the quote at `i`; returns the index after the closing quote. */
  const skipQuoted = (quote: string, backslash: boolean, from: number): number => {
    let j = from + 1;
    // Jump from quote to quote (and backslash to backslash): literals can be megabytes long. The
    // next positions are remembered, so every character is looked at once at most.
    let q = -1;
    let bs = backslash ? -1 : n;
    while (j < n) {
      if (q < j) q = sql.indexOf(quote, j);
      if (q < 0) return n; // unterminated: PostgreSQL refuses the whole text
      if (bs < j) {
        bs = sql.indexOf("\\", j);
        if (bs < 0) bs = n;
      }
      if (bs < q) {
        j = bs + 2;
        continue;
      }
      if (sql[q + 1] === quote) {
        j = q + 2;
        continue;
      }
      return q + 1;
    }
    return n;
  };
  while (i < n) {
    const c = sql[i]!;
    if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i + 2);
      i = nl < 0 ? n : nl + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === "/" && sql[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (sql[i] === "*" && sql[i + 1] === "/") {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'") {
      i = skipQuoted("'", backslashEscapesInPlainStrings, i);
      expectingLead = false;
    } else if (c === '"') {
      i = skipQuoted('"', false, i);
      expectingLead = false;
    } else if (c === "$") {
      DOLLAR_TAG.lastIndex = i;
      const m = DOLLAR_TAG.exec(sql);
      if (m) {
        const close = sql.indexOf(m[0], i + m[0].length);
        i = close < 0 ? n : close + m[0].length;
        expectingLead = false;
      } else {
        i++; // $1 parameter: the digits follow as a number
      }
    } else if (c === ";") {
      expectingLead = true;
      i++;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(sql[j]!)) j++;
      const word = sql.slice(i, j);
      if ((word === "E" || word === "e") && sql[j] === "'") {
        i = skipQuoted("'", true, j); // E'…' escape string
        expectingLead = false;
        continue;
      }
      if (expectingLead) {
        words.push(word.toUpperCase());
        expectingLead = false;
      }
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j]!)) j++;
      i = j;
      expectingLead = false;
    } else if (c === "(" || /\s/.test(c)) {
      i++; // a statement may start with parentheses: look at the first word after them
    } else {
      i++;
      expectingLead = false;
    }
  }
  return words;
}

export interface Refusal {
  keyword: RefusedKeyword;
  /** SQLSTATE feature_not_supported. */
  code: "0A000";
  message: string;
}

/** Cheap pre-check: without one of the words anywhere, no statement can be refused. */
const MENTIONS_REFUSED = /copy|prepare|execute|deallocate|discard/i;

/** The first refused statement in `sql`, or null. */
export function refusedStatement(sql: string): Refusal | null {
  if (!MENTIONS_REFUSED.test(sql)) return null;
  for (const backslash of [false, true]) {
    const hit = statementLeadWords(sql, backslash).find((w) => REFUSED.has(w));
    if (hit) {
      const keyword = hit as RefusedKeyword;
      const message =
        keyword === "COPY"
          ? "COPY is not supported by the embedded database server"
          : `SQL-level ${keyword} is not supported by the embedded database server (its connections share one session); use protocol-level prepared statements`;
      return { keyword, code: "0A000", message };
    }
  }
  return null;
}

/** A statement that fails with `refusal`'s SQLSTATE and message when PGlite runs it in its place. */
export function refusalStatement(refusal: Refusal): string {
  const text = refusal.message.replace(/'/g, "''");
  return `DO $fraflyt_refused$ BEGIN RAISE EXCEPTION '${text}' USING ERRCODE = '${refusal.code}'; END $fraflyt_refused$`;
}
