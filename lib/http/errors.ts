/**
 * Domain errors and how the request wrapper answers them. Services throw; the wrapper maps:
 *
 *   bad input (zod, unparsable JSON)          → 400 invalid-input, with field errors
 *   not signed in / wrong kind of session     → 401 signed-out
 *   signed in without the permission          → 403 forbidden
 *   NotFound, Prisma P2025, ScopeViolation    → 404 not-found
 *   Prisma P2002 (unique conflict)            → 409 conflict, naming the field when Prisma says which
 *   PayloadTooLarge (body over the cap)       → 413 too-large
 *   RuleError (lib/rules), RuleFieldError     → 422 rule, naming the field
 *   RateLimited                               → 429 rate-limited (+ Retry-After)
 *   the organisation is suspended (resolver)  → 503 suspended
 *   anything else                             → 500 failed: generic text, the error only in the log
 *
 * The answer never carries an error's own message: messages come from the catalogues by code.
 */
import "server-only";
import { RuleError, type RuleErrorCode } from "@/lib/rules/errors";

export type ErrorCode =
  | "invalid-input"
  | "signed-out"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "too-large"
  | "rule"
  | "rate-limited"
  | "suspended"
  | "failed";

export const STATUS: Record<ErrorCode, number> = {
  "invalid-input": 400,
  "signed-out": 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "too-large": 413,
  rule: 422,
  "rate-limited": 429,
  suspended: 503,
  failed: 500,
};

/** A row (or anything addressed by the request) does not exist here. */
export class NotFound extends Error {
  constructor(what = "resource") {
    super(`${what} not found`);
    this.name = "NotFound";
  }
}

export class PayloadTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`body larger than ${limitBytes} bytes`);
    this.name = "PayloadTooLarge";
  }
}

export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`rate limited for ${retryAfterSeconds} s`);
    this.name = "RateLimited";
  }
}

/** A rule error tied to the input field whose value broke the rule. */
export class RuleFieldError extends Error {
  constructor(
    readonly field: string,
    readonly rule: RuleError,
  ) {
    super(rule.message);
    this.name = "RuleFieldError";
  }
}

/** Runs a rule on one field's value: a RuleError it throws becomes a 422 naming `field`. */
export function onField<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RuleError) throw new RuleFieldError(field, e);
    throw e;
  }
}

/** What the wrapper answers for an error thrown by a handler. */
export type Problem = {
  code: ErrorCode;
  status: number;
  /** The input field the problem is about (rule errors, unique conflicts), when known. */
  field?: string;
  /** Rule errors: the rule's stable code (messages: errors.rules.<ruleCode>). */
  ruleCode?: RuleErrorCode;
  retryAfterSeconds?: number;
  /** True when the error was not expected: the wrapper logs it. */
  unexpected?: boolean;
};

function prismaCode(e: unknown): string | null {
  // Duck-typed: lib/http must not import the Prisma client (architecture test).
  if (typeof e !== "object" || e === null) return null;
  const o = e as { code?: unknown; clientVersion?: unknown; name?: unknown };
  if (typeof o.code !== "string" || !/^P\d{4}$/.test(o.code)) return null;
  if (typeof o.clientVersion !== "string" && o.name !== "PrismaClientKnownRequestError") return null;
  return o.code;
}

function uniqueField(e: unknown): string | undefined {
  const meta = (e as { meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } }).meta;
  // Prisma's own engine names the columns in meta.target; adapter-pg in driverAdapterError.
  const target = meta?.target ?? meta?.driverAdapterError?.cause?.constraint?.fields;
  const fields = Array.isArray(target) ? target.filter((t): t is string => typeof t === "string") : typeof target === "string" ? [target] : [];
  // Every unique key leads with organisationId; the field the user can change is the other one.
  const named = fields.map((f) => f.replace(/^"|"$/g, "")).filter((f) => f !== "organisationId");
  return named.length === 1 ? named[0] : undefined;
}

const p = (code: ErrorCode, extra: Omit<Problem, "code" | "status"> = {}): Problem => ({ code, status: STATUS[code], ...extra });

/** The answer for a thrown error (table-tested in tests/unit/http-errors.test.ts). */
export function problemFor(e: unknown): Problem {
  if (e instanceof RuleFieldError) return p("rule", { field: e.field, ruleCode: e.rule.code });
  if (e instanceof RuleError) return p("rule", { ruleCode: e.code });
  if (e instanceof NotFound) return p("not-found");
  if (e instanceof PayloadTooLarge) return p("too-large");
  if (e instanceof RateLimited) return p("rate-limited", { retryAfterSeconds: e.retryAfterSeconds });
  if (e instanceof Error && e.name === "ZodError") return p("invalid-input");
  // lib/notice/errors.ts (duck-typed: lib/http does not depend on the domain)
  if (e instanceof Error && e.name === "StaleDraft") return p("conflict");
  if (e instanceof Error && e.name === "ScopeViolation") return p("not-found", { unexpected: true });
  // lib/address: the look-up service failed; lib/address has logged why (not unexpected here).
  if (e instanceof Error && e.name === "AddressLookupError") return p("failed");
  const code = prismaCode(e);
  if (code === "P2002") {
    const field = uniqueField(e);
    return p("conflict", field ? { field } : {});
  }
  if (code === "P2025" || code === "P2001" || code === "P2018") return p("not-found");
  return p("failed", { unexpected: true });
}
