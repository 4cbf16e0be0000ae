/**
 * A small client of the Fraflyt automation API (/api/v1) — what an administration's own software
 * does each day:
 *
 *   1. sign in with the account's API key and the day's code (a person gives it the code) → a day token
 *   2. list the open to-dos
 *   3. read one, validate a completion (`Prefer: validate-only`: nothing is stored), then complete it
 *   4. verify the signature of a webhook delivery
 *
 * Run:  FRAFLYT_URL=https://… FRAFLYT_ORG=<slug> FRAFLYT_API_KEY=ffk_… FRAFLYT_CODE=123456 \
 *         npx tsx examples/automation-client.ts
 *
 * Errors are RFC 9457 problem details: { type, title, status, code, detail?, fieldErrors?, reason?, nextAllowed? }.
 * No dependencies beyond Node 20 (fetch, node:crypto).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type Problem = { type: string; title: string; status: number; code: string; detail?: string; fieldErrors?: Record<string, string[]>; reason?: string; nextAllowed?: string; retryAfterSeconds?: number };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}${problem.detail ? `: ${problem.detail}` : ""}`);
  }
}

export type TodoSummary = { id: string; kind: "confirm-notice" | "provide-tenancy-details" | "reminder"; status: string; version: number; createdAt: string; address: string | null; missing: string[] };
export type Todo = TodoSummary & {
  notice: { id: string; caseReference: string | null; relettingDate: string | null; inspectionDate: string | null; allowedInspectionDates: string[] } | null;
  tenancy: { id: string; noticeRuleId: string | null; renovationDays: number | null; noticeRuleOptions: { id: string; text: string }[] } | null;
};
export type Completion = {
  version: number;
  caseReference?: string;
  relettingDate?: string | null;
  inspectionDate?: string | null;
  correctionReason?: string | null;
  noticeRuleId?: string | null;
  renovationDays?: number | null;
};
export type CompletionResult = { validateOnly: boolean; stored: boolean; todo: { id: string; version: number; result: Record<string, unknown> }; notice: unknown; tenancy: unknown };

export class FraflytClient {
  private token: string | null = null;
  constructor(
    private readonly baseUrl: string,
    private readonly organisation: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1/${encodeURIComponent(this.organisation)}${path}`, {
      method,
      headers: {
        accept: "application/json, application/problem+json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...this.extraHeaders,
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) throw new ApiError(json as Problem);
    return json as T;
  }

  /** Exchanges the API key and the day's code for a day token (valid until the next Danish midnight). */
  async signIn(apiKey: string, code: string): Promise<{ token: string; expiresAt: string }> {
    const r = await this.call<{ token: string; tokenType: string; expiresAt: string }>("POST", "/token", { apiKey, code });
    this.token = r.token;
    return r;
  }

  /** Uses a day token obtained earlier today. */
  useToken(token: string): void {
    this.token = token;
  }

  /** Every open to-do (of one kind), following the keyset cursor page by page. */
  async *openTodos(kind?: TodoSummary["kind"], limit = 50): AsyncGenerator<TodoSummary> {
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams({ limit: String(limit), ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) });
      const page: { items: TodoSummary[]; next: string | null } = await this.call("GET", `/todos?${q}`);
      yield* page.items;
      cursor = page.next;
    } while (cursor);
  }

  readTodo(todoId: string): Promise<Todo> {
    return this.call("GET", `/todos/${encodeURIComponent(todoId)}`);
  }

  /** Runs every check of the completion and stores nothing: the answer is what would be stored. */
  validate(todoId: string, completion: Completion): Promise<CompletionResult> {
    return this.call("POST", `/todos/${encodeURIComponent(todoId)}/completion`, completion, { prefer: "validate-only" });
  }

  /** Completes the to-do (409 if it changed since it was read: read it again). */
  complete(todoId: string, completion: Completion): Promise<CompletionResult> {
    return this.call("POST", `/todos/${encodeURIComponent(todoId)}/completion`, completion);
  }
}

/**
 * Verifies a webhook delivery: `Fraflyt-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]`, each v1 the
 * hex HMAC-SHA256 of `${t}.${body}` under the endpoint's secret (two while the secret is rotated: the
 * current and the previous). Accepts when any v1 matches any of `secrets` and t is within
 * `toleranceSeconds` of now (a replay guard). `body` is the raw request body, exactly as received.
 */
export function verifyWebhookSignature(header: string | null | undefined, body: string, secrets: string[], opts: { now?: Date; toleranceSeconds?: number } = {}): boolean {
  if (!header) return false;
  let t: string | null = null;
  const sigs: string[] = [];
  for (const part of header.split(",")) {
    const [k, v] = part.trim().split("=", 2);
    if (k === "t" && v && /^\d{1,12}$/.test(v)) t = v;
    else if (k === "v1" && v && /^[0-9a-f]{64}$/i.test(v)) sigs.push(v.toLowerCase());
  }
  if (t === null || sigs.length === 0) return false;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(t)) > (opts.toleranceSeconds ?? 300)) return false;
  for (const secret of secrets) {
    const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"), "utf8");
    for (const s of sigs) {
      const given = Buffer.from(s, "utf8");
      if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    }
  }
  return false;
}

/** Signs a body the way Fraflyt does (for testing a receiver). */
export function signWebhook(body: string, secrets: string[], at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return [`t=${t}`, ...secrets.map((s) => `v1=${createHmac("sha256", s).update(`${t}.${body}`).digest("hex")}`)].join(",");
}

async function main(): Promise<void> {
  const env = (k: string) => {
    const v = process.env[k];
    if (!v) throw new Error(`set ${k}`);
    return v;
  };
  const client = new FraflytClient(env("FRAFLYT_URL").replace(/\/$/, ""), env("FRAFLYT_ORG"));
  const { expiresAt } = await client.signIn(env("FRAFLYT_API_KEY"), env("FRAFLYT_CODE"));
  console.log(`signed in until ${expiresAt}`);

  let first: TodoSummary | null = null;
  for await (const t of client.openTodos()) {
    console.log(`${t.kind}\t${t.id}\t${t.address ?? ""}`);
    first ??= t.kind === "confirm-notice" || t.kind === "provide-tenancy-details" ? t : null;
  }
  if (!first) return console.log("no open to-do to complete");

  const todo = await client.readTodo(first.id);
  const completion: Completion =
    todo.kind === "confirm-notice"
      ? { version: todo.version, caseReference: process.env.FRAFLYT_CASE_REFERENCE ?? "SAG-0001" }
      : { version: todo.version, noticeRuleId: todo.tenancy?.noticeRuleId ?? todo.tenancy?.noticeRuleOptions[0]?.id ?? null, renovationDays: todo.tenancy?.renovationDays ?? 14 };
  try {
    const would = await client.validate(todo.id, completion);
    console.log("would store:", JSON.stringify(would.todo.result));
    if (process.env.FRAFLYT_COMPLETE === "1") {
      const done = await client.complete(todo.id, completion);
      console.log(`completed ${done.todo.id} (version ${done.todo.version})`);
    }
  } catch (e) {
    if (e instanceof ApiError) console.error(e.problem.code, e.problem.fieldErrors ?? e.problem.detail ?? "");
    else throw e;
  }

  // A webhook receiver checks every delivery before trusting it:
  const body = JSON.stringify({ event: "todo.completed", todoId: todo.id });
  const header = signWebhook(body, ["example-secret"]);
  console.log("signature valid:", verifyWebhookSignature(header, body, ["example-secret"]));
}

if (process.argv[1] && /automation-client\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    // A refusal is a problem body: say what it means (e.g. outside automation hours: when to try again).
    if (e instanceof ApiError) console.error(`${e.problem.status} ${e.problem.code}${e.problem.reason ? ` (${e.problem.reason})` : ""}: ${e.problem.detail ?? e.problem.title}${e.problem.nextAllowed ? ` — next allowed ${e.problem.nextAllowed}` : ""}`);
    else console.error(e);
    process.exit(1);
  });
}
