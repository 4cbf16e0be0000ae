/** How the request wrapper answers a thrown error (lib/http/errors.ts): status by type, never the error's text. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RuleError } from "@/lib/rules/errors";
import { StaleDraft } from "@/lib/notice/errors";
import { NotFound, onField, PayloadTooLarge, problemFor, RateLimited, RuleFieldError } from "@/lib/http/errors";

function prismaError(code: string, meta?: Record<string, unknown>) {
  return Object.assign(new Error(`Invalid \`prisma.user.create()\` invocation: secret detail ${code}`), {
    name: "PrismaClientKnownRequestError",
    code,
    clientVersion: "6.19.3",
    ...(meta ? { meta } : {}),
  });
}

function scopeViolation() {
  return Object.assign(new Error("User: cannot reach a row of another organisation"), { name: "ScopeViolation" });
}

const zodError = z.object({ a: z.string() }).safeParse({}).error!;

describe("problemFor", () => {
  it.each([
    ["a rule error", new RuleError("invalid-date", "bad date"), { code: "rule", status: 422, ruleCode: "invalid-date" }],
    ["a rule error on a field", new RuleFieldError("moveOut", new RuleError("invalid-date", "bad")), { code: "rule", status: 422, field: "moveOut", ruleCode: "invalid-date" }],
    ["a unique conflict (Prisma engine meta)", prismaError("P2002", { target: ["organisationId", "email"] }), { code: "conflict", status: 409, field: "email" }],
    [
      "a unique conflict (adapter-pg meta)",
      prismaError("P2002", { modelName: "User", driverAdapterError: { cause: { kind: "UniqueConstraintViolation", constraint: { fields: ['"organisationId"', '"email"'] } } } }),
      { code: "conflict", status: 409, field: "email" },
    ],
    ["a stale notice draft (lib/notice)", new StaleDraft("n1", 3), { code: "conflict", status: 409 }],
    ["a unique conflict on several fields", prismaError("P2002", { target: ["organisationId", "nr", "ejendomId"] }), { code: "conflict", status: 409 }],
    ["a missing record (P2025)", prismaError("P2025"), { code: "not-found", status: 404 }],
    ["a NotFound domain error", new NotFound("tenancy"), { code: "not-found", status: 404 }],
    ["a scope violation", scopeViolation(), { code: "not-found", status: 404, unexpected: true }],
    ["a body over the cap", new PayloadTooLarge(1024), { code: "too-large", status: 413 }],
    ["a rate limit", new RateLimited(17), { code: "rate-limited", status: 429, retryAfterSeconds: 17 }],
    ["a zod error", zodError, { code: "invalid-input", status: 400 }],
    ["another Prisma error (connection)", prismaError("P1001"), { code: "failed", status: 500, unexpected: true }],
    ["a plain error", new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "failed", status: 500, unexpected: true }],
    ["a thrown string", "boom", { code: "failed", status: 500, unexpected: true }],
    ["null", null, { code: "failed", status: 500, unexpected: true }],
    ["an object that only looks like Prisma's", { code: "P2002" }, { code: "failed", status: 500, unexpected: true }],
  ] as const)("%s", (_name, error, expected) => {
    expect(problemFor(error)).toEqual(expected);
  });

  it("never carries the error's own message", () => {
    for (const e of [prismaError("P2002"), new Error("SELECT secret FROM x"), new RuleError("invalid-rule", "internal wording")]) {
      expect(JSON.stringify(problemFor(e))).not.toMatch(/secret|SELECT|wording|prisma/i);
    }
  });
});

describe("onField", () => {
  it("ties a rule error to the field, and lets other errors and values through", () => {
    expect(onField("date", () => 42)).toBe(42);
    try {
      onField("date", () => {
        throw new RuleError("invalid-date", "x");
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleFieldError);
      expect((e as RuleFieldError).field).toBe("date");
    }
    const other = new Error("other");
    expect(() => onField("date", () => { throw other; })).toThrow(other);
  });
});
