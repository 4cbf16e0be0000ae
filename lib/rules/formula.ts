/**
 * The validation-formula language of forretningsgang 03.02 (docs/rules.md, "The validation formula language"),
 * as staff know it from their back-office system, e.g.
 *
 *     ((AntalDageReelt( Dagsdato ; Dato ) > 42) & ((Dag=1) ? (Dag=15)))
 *
 * Grammar (white space is free everywhere between tokens; names are case-insensitive):
 *
 *     formula    := or                         -- or nothing at all (blank = "no validation")
 *     or         := and ( "?" and )*           -- OR   (lowest precedence)
 *     and        := comparison ( "&" comparison )*   -- AND
 *     comparison := prefix ( ("=" | "<>" | "<" | ">" | "<=" | ">=") prefix )?   -- not chained
 *     prefix     := "!" prefix | "-" prefix | primary   -- NOT, and minus on numbers (highest)
 *     primary    := NUMBER | NAME | NAME "(" or ( ";" or )* ")" | "(" or ")"
 *
 * Precedence, highest first: `!` and prefix `-`  >  comparison  >  `&`  >  `?`. So
 * `Dag=1 ? Dag=15 & Maaned=3` means `(Dag=1) ? ((Dag=15) & (Maaned=3))`, and `!Dag=1` means
 * `(!Dag)=1`, which is a type error — write `!(Dag=1)` (or `Dag<>1`).
 *
 * Values are whole numbers, booleans (true/false, the result of a comparison) and calendar dates.
 * Numbers are written as non-negative whole numbers; a prefix `-` negates any number (`-5`,
 * `-AntalDageReelt(Dato;Dagsdato)`). There is no arithmetic (no binary `+`/`-`).
 * `<`, `>`, `<=`, `>=` compare two numbers or two dates (dates by calendar order); `=` and `<>` also
 * compare two booleans. Comparisons cannot be chained (`1 < Dag < 5`): combine them with `&`.
 *
 * Names:
 *   Dagsdato                 today (a date)
 *   Dato                     the value being validated (a date)
 *   AntalDageReelt(a; b)     calendar days from date a to date b (negative when b is earlier)
 *   Dag, Maaned / Måned, Aar / År, Ugedag (1 = Monday … 7 = Sunday)
 *                            parts of Dato; with one date argument, parts of that date: Dag(Dagsdato)
 *
 * Every formula is type-checked while it is parsed, so a type error (`Dag & 3`, `Dato > 5`) or a
 * formula whose result is not true/false (`Dag`) is refused when staff save it, with a position.
 * All positions are 0-based character offsets (UTF-16 code units) into the formula as written.
 * Limits: at most 2000 characters and 100 levels of nested parentheses / arguments.
 */
import { daysBetween, isoWeekday, parseISODate, parts, type ISODate } from "./calendar";
import { RuleError } from "./errors";

export type FormulaType = "number" | "boolean" | "date";
export type FormulaComparison = "=" | "<>" | "<" | ">" | "<=" | ">=";
export type FormulaFunction = "antaldagereelt" | "dag" | "maaned" | "aar" | "ugedag";

/**
 * A parsed, type-checked formula. Every node has its 0-based source position `pos` and its result
 * `type`. A blank formula parses to `{ kind: 'always-true' }`, which evaluates to true whatever the
 * dates are ("no validation"). For `Dag`, `Maaned`, `Aar`, `Ugedag` written without an argument,
 * `args` is empty and the part is taken from `Dato`.
 */
export type FormulaAst =
  | { kind: "always-true"; pos: number; type: "boolean" }
  | { kind: "number"; value: number; pos: number; type: "number" }
  | { kind: "today" | "value"; pos: number; type: "date" }
  | { kind: "call"; fn: FormulaFunction; name: string; args: FormulaAst[]; pos: number; type: "number" }
  | { kind: "not"; operand: FormulaAst; pos: number; type: "boolean" }
  | { kind: "negate"; operand: FormulaAst; pos: number; type: "number" }
  | { kind: "compare"; op: FormulaComparison; left: FormulaAst; right: FormulaAst; pos: number; type: "boolean" }
  | { kind: "and" | "or"; left: FormulaAst; right: FormulaAst; pos: number; type: "boolean" };

export type FormulaValidation = { ok: true } | { ok: false; message: string; position: number };

const MAX_FORMULA_LENGTH = 2000;
const MAX_NESTING = 100;

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { t: "num"; value: number; text: string; pos: number }
  | { t: "name"; text: string; pos: number }
  | { t: "op"; text: "&" | "?" | "!" | "-" | "(" | ")" | ";" | FormulaComparison; pos: number }
  | { t: "end"; text: ""; pos: number };

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{M}\p{N}_]/u;

function fail(message: string, position: number): never {
  throw new RuleError("invalid-formula", message, position);
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c >= "0" && c <= "9") {
      while (i < src.length && (src[i] as string) >= "0" && (src[i] as string) <= "9") i++;
      const text = src.slice(start, i);
      if (src[i] === "." || src[i] === ",") {
        fail(`Only whole numbers are allowed: unexpected "${src[i]}" at position ${i}`, i);
      }
      const value = Number(text);
      if (!Number.isSafeInteger(value)) fail(`The number ${text} at position ${start} is too large`, start);
      tokens.push({ t: "num", value, text, pos: start });
      continue;
    }
    if (NAME_START.test(c)) {
      i++;
      while (i < src.length && NAME_PART.test(src[i] as string)) i++;
      tokens.push({ t: "name", text: src.slice(start, i), pos: start });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      tokens.push({ t: "op", text: two, pos: start });
      i += 2;
      continue;
    }
    if ("&?!-();=<>".includes(c)) {
      tokens.push({ t: "op", text: c as "&", pos: start });
      i++;
      continue;
    }
    const hint =
      c === "|" ? ' (use "?" for OR)' : c === "," ? ' (use ";" between the arguments of a function)' : c === "+" ? " (there is no arithmetic)" : "";
    fail(`Unexpected character "${c}" at position ${start}${hint}`, start);
  }
  tokens.push({ t: "end", text: "", pos: src.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Names

type NameInfo =
  | { kind: "today" | "value"; display: string }
  | { kind: "fn"; fn: FormulaFunction; display: string };

const NAMES: Record<string, NameInfo> = {
  dagsdato: { kind: "today", display: "Dagsdato" },
  dato: { kind: "value", display: "Dato" },
  antaldagereelt: { kind: "fn", fn: "antaldagereelt", display: "AntalDageReelt" },
  dag: { kind: "fn", fn: "dag", display: "Dag" },
  maaned: { kind: "fn", fn: "maaned", display: "Maaned" },
  "måned": { kind: "fn", fn: "maaned", display: "Måned" },
  aar: { kind: "fn", fn: "aar", display: "Aar" },
  "år": { kind: "fn", fn: "aar", display: "År" },
  ugedag: { kind: "fn", fn: "ugedag", display: "Ugedag" },
};

const KNOWN_NAMES = "Dagsdato, Dato, AntalDageReelt, Dag, Maaned (Måned), Aar (År), Ugedag";

function lookupName(text: string): NameInfo | undefined {
  const key = text.normalize("NFC").toLowerCase();
  return Object.prototype.hasOwnProperty.call(NAMES, key) ? NAMES[key] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Parser (recursive descent, type-checking as it builds the tree)

const TYPE_WORDS: Record<FormulaType, string> = {
  number: "a number",
  boolean: "true/false (a condition such as Dag=1)",
  date: "a date",
};

function describe(tok: Token): string {
  return tok.t === "end" ? "the end of the formula" : `"${tok.text}"`;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private next(): Token {
    const tok = this.tokens[this.i] as Token;
    if (tok.t !== "end") this.i++;
    return tok;
  }

  private isOp(tok: Token, ...ops: string[]): boolean {
    return tok.t === "op" && ops.includes(tok.text);
  }

  private expectOp(op: ")" | "(", context = ""): Token {
    const tok = this.peek();
    if (!this.isOp(tok, op)) {
      fail(`Expected "${op}" at position ${tok.pos}${context}, found ${describe(tok)}`, tok.pos);
    }
    return this.next();
  }

  parseFormula(): FormulaAst {
    const ast = this.parseOr();
    const tok = this.peek();
    if (tok.t !== "end") {
      if (this.isOp(tok, ")")) fail(`Unexpected ")" at position ${tok.pos}: there is no matching "("`, tok.pos);
      if (this.isOp(tok, "=", "<>", "<", ">", "<=", ">=")) {
        fail(`Unexpected "${tok.text}" at position ${tok.pos}: comparisons cannot be chained, combine them with "&"`, tok.pos);
      }
      fail(`Unexpected ${describe(tok)} at position ${tok.pos}: expected "&", "?" or the end of the formula`, tok.pos);
    }
    if (ast.type !== "boolean") {
      fail(
        `The formula must give true or false (a condition such as Dag=1), but it gives ${TYPE_WORDS[ast.type]} (position ${ast.pos})`,
        ast.pos,
      );
    }
    return ast;
  }

  private requireBoolean(node: FormulaAst, op: string): void {
    if (node.type !== "boolean") {
      fail(`Each side of "${op}" must be true/false (a condition such as Dag=1), but at position ${node.pos} there is ${TYPE_WORDS[node.type]}`, node.pos);
    }
  }

  private parseOr(): FormulaAst {
    if (++this.depth > MAX_NESTING) fail(`The formula is nested too deeply at position ${this.peek().pos}`, this.peek().pos);
    let left = this.parseAnd();
    while (this.isOp(this.peek(), "?")) {
      const opTok = this.next();
      const right = this.parseAnd();
      this.requireBoolean(left, "?");
      this.requireBoolean(right, "?");
      left = { kind: "or", left, right, pos: opTok.pos, type: "boolean" };
    }
    this.depth--;
    return left;
  }

  private parseAnd(): FormulaAst {
    let left = this.parseComparison();
    while (this.isOp(this.peek(), "&")) {
      const opTok = this.next();
      const right = this.parseComparison();
      this.requireBoolean(left, "&");
      this.requireBoolean(right, "&");
      left = { kind: "and", left, right, pos: opTok.pos, type: "boolean" };
    }
    return left;
  }

  private parseComparison(): FormulaAst {
    const left = this.parsePrefix();
    const tok = this.peek();
    if (!this.isOp(tok, "=", "<>", "<", ">", "<=", ">=")) return left;
    this.next();
    const op = tok.text as FormulaComparison;
    const right = this.parsePrefix();
    if (left.type !== right.type) {
      fail(`Cannot compare ${TYPE_WORDS[left.type]} with ${TYPE_WORDS[right.type]} ("${op}" at position ${tok.pos})`, tok.pos);
    }
    if (left.type === "boolean" && op !== "=" && op !== "<>") {
      fail(`"${op}" at position ${tok.pos} compares numbers or dates; true/false can only be compared with "=" or "<>"`, tok.pos);
    }
    return { kind: "compare", op, left, right, pos: tok.pos, type: "boolean" };
  }

  private parsePrefix(): FormulaAst {
    const tok = this.peek();
    if (this.isOp(tok, "!")) {
      this.next();
      const operand = this.parsePrefix();
      if (operand.type !== "boolean") {
        fail(`"!" (NOT) at position ${tok.pos} needs true/false after it, but there is ${TYPE_WORDS[operand.type]}; write !( … ) around a comparison`, tok.pos);
      }
      return { kind: "not", operand, pos: tok.pos, type: "boolean" };
    }
    if (this.isOp(tok, "-")) {
      this.next();
      const operand = this.parsePrefix();
      if (operand.type !== "number") {
        fail(`"-" at position ${tok.pos} needs a number after it, but there is ${TYPE_WORDS[operand.type]}`, tok.pos);
      }
      return { kind: "negate", operand, pos: tok.pos, type: "number" };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FormulaAst {
    const tok = this.next();
    if (tok.t === "num") return { kind: "number", value: tok.value, pos: tok.pos, type: "number" };
    if (tok.t === "name") return this.parseName(tok);
    if (this.isOp(tok, "(")) {
      if (this.isOp(this.peek(), ")")) {
        const close = this.peek();
        fail(`Empty parentheses at position ${tok.pos}: expected a value at position ${close.pos}`, close.pos);
      }
      const inner = this.parseOr();
      this.expectOp(")", ` to close the "(" at position ${tok.pos}`);
      return inner;
    }
    let hint = "";
    if (tok.t === "op") {
      const prev = this.tokens[this.i - 2];
      if ((tok.text === "&" || tok.text === "?") && prev && prev.t === "op" && prev.text === tok.text) {
        hint = ` (write "${tok.text}" only once)`;
      } else if (tok.text === "=" && prev && prev.t === "op" && prev.text === "=") {
        hint = ' (write "=" only once)';
      }
    }
    fail(`Expected a value (a number, a name or "(") at position ${tok.pos}, found ${describe(tok)}${hint}`, tok.pos);
  }

  private parseName(tok: Token & { t: "name" }): FormulaAst {
    const info = lookupName(tok.text);
    if (!info) fail(`Unknown name "${tok.text}" at position ${tok.pos} (known names: ${KNOWN_NAMES})`, tok.pos);
    const open = this.peek();
    const hasArgs = this.isOp(open, "(");
    if (info.kind !== "fn") {
      if (hasArgs) fail(`${info.display} takes no arguments: unexpected "(" at position ${open.pos}`, open.pos);
      return { kind: info.kind, pos: tok.pos, type: "date" };
    }
    if (!hasArgs) {
      if (info.fn === "antaldagereelt") {
        fail(`Expected "(" at position ${open.pos}: ${info.display} needs two dates, e.g. ${info.display}(Dagsdato; Dato)`, open.pos);
      }
      return { kind: "call", fn: info.fn, name: info.display, args: [], pos: tok.pos, type: "number" };
    }
    this.next(); // "("
    const arity = info.fn === "antaldagereelt" ? 2 : 1;
    const usage = info.fn === "antaldagereelt" ? `${info.display}(Dagsdato; Dato)` : `${info.display}(Dagsdato), or ${info.display} alone (which reads Dato)`;
    if (this.isOp(this.peek(), ")")) {
      const close = this.peek();
      fail(`Expected a date at position ${close.pos}: ${info.display}( ) is empty — write ${usage}`, close.pos);
    }
    const args: FormulaAst[] = [];
    const argStarts: number[] = [];
    for (;;) {
      argStarts.push(this.peek().pos);
      args.push(this.parseOr());
      const sep = this.peek();
      if (this.isOp(sep, ";")) {
        if (args.length >= arity) {
          fail(`Too many arguments: ${info.display} takes ${arity === 1 ? "one date" : "two dates"}, unexpected ";" at position ${sep.pos}`, sep.pos);
        }
        this.next();
        continue;
      }
      if (this.isOp(sep, ")")) {
        if (args.length < arity) {
          fail(`Expected ";" at position ${sep.pos}: ${info.display} needs two dates separated by ";", e.g. ${usage}`, sep.pos);
        }
        this.next();
        break;
      }
      fail(`Expected ${args.length < arity ? '";" or ' : ""}")" at position ${sep.pos} in ${info.display}( … ), found ${describe(sep)}`, sep.pos);
    }
    args.forEach((arg, n) => {
      if (arg.type !== "date") {
        const which = arity === 1 ? "The argument" : n === 0 ? "The first argument" : "The second argument";
        const at = argStarts[n] ?? arg.pos;
        fail(`${which} of ${info.display} at position ${at} must be a date (Dagsdato or Dato), but it is ${TYPE_WORDS[arg.type]}`, at);
      }
    });
    return { kind: "call", fn: info.fn, name: info.display, args, pos: tok.pos, type: "number" };
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

const cache = new Map<string, FormulaAst>();
const CACHE_LIMIT = 200;

function deepFreeze(node: FormulaAst): void {
  if ("args" in node) node.args.forEach(deepFreeze);
  if ("operand" in node) deepFreeze(node.operand);
  if ("left" in node) {
    deepFreeze(node.left);
    deepFreeze(node.right);
  }
  Object.freeze(node);
  if ("args" in node) Object.freeze(node.args);
}

/**
 * Parses and type-checks a formula. Throws RuleError('invalid-formula', message, position) with the
 * 0-based position of the first error. A blank formula (empty or only white space) parses to
 * `{ kind: 'always-true' }`: no validation, every date is accepted.
 */
export function parseFormula(formula: string): FormulaAst {
  if (typeof formula !== "string") fail("The formula is missing (expected text).", 0);
  const cached = cache.get(formula);
  if (cached) return cached;
  if (formula.length > MAX_FORMULA_LENGTH) {
    fail(`The formula is too long (${formula.length} characters, at most ${MAX_FORMULA_LENGTH})`, MAX_FORMULA_LENGTH);
  }
  let ast: FormulaAst;
  if (formula.trim() === "") {
    ast = { kind: "always-true", pos: 0, type: "boolean" };
  } else {
    ast = new Parser(tokenize(formula)).parseFormula();
  }
  deepFreeze(ast); // shared through the cache: nobody may change it
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(formula, ast);
  return ast;
}

/** For the staff settings screen: is this formula valid, and if not, what is wrong and where. */
export function validateFormula(formula: string): FormulaValidation {
  try {
    parseFormula(formula);
    return { ok: true };
  } catch (e) {
    if (e instanceof RuleError) return { ok: false, message: e.message, position: e.position ?? 0 };
    throw e;
  }
}

type Value = number | boolean | ISODate;

function evaluate(node: FormulaAst, today: ISODate, value: ISODate): Value {
  switch (node.kind) {
    case "always-true":
      return true;
    case "number":
      return node.value;
    case "today":
      return today;
    case "value":
      return value;
    case "not":
      return !evaluate(node.operand, today, value);
    case "negate":
      return -(evaluate(node.operand, today, value) as number);
    case "and":
      return (evaluate(node.left, today, value) as boolean) && (evaluate(node.right, today, value) as boolean);
    case "or":
      return (evaluate(node.left, today, value) as boolean) || (evaluate(node.right, today, value) as boolean);
    case "compare": {
      // Both sides have the same type (checked when parsing); ISO dates compare correctly as strings.
      const l = evaluate(node.left, today, value);
      const r = evaluate(node.right, today, value);
      switch (node.op) {
        case "=":
          return l === r;
        case "<>":
          return l !== r;
        case "<":
          return l < r;
        case ">":
          return l > r;
        case "<=":
          return l <= r;
        case ">=":
          return l >= r;
      }
      break;
    }
    case "call": {
      const dates = node.args.map((a) => evaluate(a, today, value) as ISODate);
      if (node.fn === "antaldagereelt") return daysBetween(dates[0] as ISODate, dates[1] as ISODate);
      const d = dates[0] ?? value;
      if (node.fn === "ugedag") return isoWeekday(d);
      const p = parts(d);
      return node.fn === "dag" ? p.day : node.fn === "maaned" ? p.month : p.year;
    }
  }
  throw new Error("unreachable formula node");
}

/**
 * Evaluates a formula for a value (`Dato`) on a day (`Dagsdato`). Both dates are validated first
 * (RuleError('invalid-date')), even for a blank formula, which then returns true. A formula that does
 * not parse throws RuleError('invalid-formula').
 */
export function evaluateFormula(formula: string, a: { today: ISODate; value: ISODate }): boolean {
  parseISODate(a?.today, "today's date (Dagsdato)");
  parseISODate(a?.value, "date being validated (Dato)");
  const ast = parseFormula(formula);
  return evaluate(ast, a.today, a.value) === true;
}
