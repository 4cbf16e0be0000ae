/**
 * The request wrapper (lib/http/wrappers.ts) against the real database of this lane: who may call
 * (every kind, and what never satisfies a kind), how input is parsed and refused, how domain and
 * database errors become statuses, the rate limits, and that every JSON answer is no-store.
 * The session and the request headers are set per test (next-auth and next/headers are mocked).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { z } from "zod";
import type { AppSession } from "@/lib/auth/types";

// ---------------------------------------------------------------- the request the code under test sees
const current: { session: AppSession | null; headers: Headers } = { session: null, headers: new Headers() };
vi.mock("@/lib/auth/session", () => ({ getAppSession: async () => current.session }));
vi.mock("next/headers", () => ({
  headers: async () => current.headers,
  cookies: async () => ({
    get: (name: string) => {
      const m = new RegExp(`(?:^|; )${name}=([^;]*)`).exec(current.headers.get("cookie") ?? "");
      return m ? { name, value: m[1] } : undefined;
    },
  }),
}));

const { createPrismaClient } = await import("@/lib/db/client");
const { demoOperator, demoStaff } = await import("@/lib/demo/staff");
const { organisationBySlug, operatorByEmail } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const awaitedWrappers = await import("@/lib/http/wrappers");
const { defineAction, defineRoute, routeContracts } = awaitedWrappers;
const { registerAutomationTokenVerifier } = await import("@/lib/http/automation");
const awaitedErrors = await import("@/lib/http/errors");
const { onField } = awaitedErrors;
const { RuleError } = await import("@/lib/rules/errors");
const { consume, LIMITS } = await import("@/lib/security/rate-limit");
const { writeAudit } = await import("@/lib/audit/write");
const { GET: sessionRoute } = await import("@/app/api/[organisation]/session/route");
const { demoDatabase } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

type Db = ReturnType<typeof createPrismaClient>;
let prisma: Db;
let nordhavn: { id: string; slug: string };
const now = () => Math.floor(Date.now() / 1000);
const sessions: Record<string, AppSession> = {};

beforeAll(async () => {
  prisma = await demoDatabase();
  nordhavn = (await organisationBySlug(prisma, "nordhavn"))!;
  const solbakken = (await organisationBySlug(prisma, "solbakken"))!;
  for (const s of demoStaff) {
    const org = s.organisationSlug === "nordhavn" ? nordhavn : solbakken;
    const u = await orgDb(org.id, prisma).user.findFirstOrThrow({ where: { email: s.email } });
    sessions[s.email] = { kind: "staff", uid: u.id, name: u.name, email: u.email, orgId: org.id, orgSlug: org.slug, roles: u.roles, sv: u.sessionVersion, authAt: now() };
  }
  const anna = await orgDb(nordhavn.id, prisma).person.findFirstOrThrow({ where: { name: "Anna Jensen" } });
  sessions.tenant = { kind: "tenant", uid: anna.id, name: anna.name, orgId: nordhavn.id, orgSlug: "nordhavn", authAt: now() };
  const op = (await operatorByEmail(prisma, demoOperator.email))!;
  sessions.operator = { kind: "operator", uid: op.id, name: op.name, email: op.email, authAt: now() };
});

afterAll(async () => {
  registerAutomationTokenVerifier(null);
  await prisma?.$disconnect();
});

let ip = "";
let testNo = 0;
beforeEach(() => {
  // A fresh client address per test (the database is fresh per run), so the per-address limits of one test never reach another.
  testNo++;
  ip = `198.51.${Math.floor(testNo / 250)}.${testNo % 250}`;
  current.session = null;
  current.headers = new Headers({ "x-forwarded-for": ip });
  registerAutomationTokenVerifier(null);
});

function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit | null; duplex?: "half" } = {}) {
  const headers = new Headers({ "x-forwarded-for": ip, ...init.headers });
  return new NextRequest(`http://localhost${url}`, { method: init.method ?? "GET", headers, body: init.body ?? null, ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}) } as ConstructorParameters<typeof NextRequest>[1]);
}
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const ADMIN = "admin@nordhavn.example";
const READER = "laeser@nordhavn.example";

// ---------------------------------------------------------------- routes: who may call

describe("GET /api/{organisation}/session (staff)", () => {
  it.each([
    ["nobody", null, "nordhavn", 401, "signed-out"],
    ["a tenant of the organisation", "tenant", "nordhavn", 401, "signed-out"],
    ["an operator", "operator", "nordhavn", 401, "signed-out"],
    ["staff of another organisation", "admin@solbakken.example", "nordhavn", 404, "not-found"],
    ["anyone, for an organisation that does not exist", ADMIN, "findes-ikke", 404, "not-found"],
    ["anyone, for a malformed slug", ADMIN, "../x", 404, "not-found"],
  ] as const)("refuses %s", async (_who, who, slug, status, error) => {
    current.session = who ? sessions[who]! : null;
    const res = await sessionRoute(request(`/api/${slug}/session`), params({ organisation: slug }));
    expect(res.status).toBe(status);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.error).toBe(error);
    expect(typeof body.message).toBe("string");
  });

  it("answers staff of the organisation, no-store, in the response schema's shape", async () => {
    current.session = sessions[ADMIN]!;
    const res = await sessionRoute(request("/api/nordhavn/session"), params({ organisation: "nordhavn" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ organisation: { slug: "nordhavn" }, user: { email: ADMIN } });
    expect(body.permissions).toContain("users.manage");
  });

  it("refuses a bearer token with 403: automation tokens reach /api/v1 only", async () => {
    registerAutomationTokenVerifier(async () => ({ userId: sessions[ADMIN]!.uid }));
    const res = await sessionRoute(request("/api/nordhavn/session", { headers: { authorization: "Bearer good-token" } }), params({ organisation: "nordhavn" }));
    expect(res.status).toBe(403);
  });

  it("re-reads the user: a deactivated staff member is signed out at once", async () => {
    const email = "sagsbehandler@nordhavn.example";
    current.session = sessions[email]!;
    const db = orgDb(nordhavn.id, prisma);
    expect((await sessionRoute(request("/api/nordhavn/session"), params({ organisation: "nordhavn" }))).status).toBe(200);
    await db.user.update({ where: { id: sessions[email]!.uid }, data: { active: false } });
    try {
      expect((await sessionRoute(request("/api/nordhavn/session"), params({ organisation: "nordhavn" }))).status).toBe(401);
    } finally {
      await db.user.update({ where: { id: sessions[email]!.uid }, data: { active: true } });
    }
  });

  it("refuses unknown query parameters with 400 and the field named", async () => {
    current.session = sessions[ADMIN]!;
    const res = await sessionRoute(request("/api/nordhavn/session?debug=1"), params({ organisation: "nordhavn" }));
    expect(res.status).toBe(400);
    expect((await res.json()).fieldErrors).toEqual({ "query.debug": ["Feltet kendes ikke."] });
  });

  it("answers 429 with Retry-After once the address has used up its limit", async () => {
    current.session = sessions[ADMIN]!;
    await consume("jsonRoutePerIp", ip, LIMITS.jsonRoutePerIp.points);
    const res = await sessionRoute(request("/api/nordhavn/session"), params({ organisation: "nordhavn" }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(LIMITS.jsonRoutePerIp.duration);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await res.json()).message).toMatch(/^Du har prøvet for mange gange/);
  });

  it("publishes its contract (zod schemas) for the OpenAPI document", () => {
    expect(sessionRoute.contract).toMatchObject({ kind: "staff", path: "/api/{organisation}/session" });
    expect(routeContracts).toContain(sessionRoute.contract);
    expect(z.toJSONSchema(sessionRoute.contract.response!)).toMatchObject({ type: "object", required: expect.arrayContaining(["organisation", "user", "roles", "permissions"]) });
  });
});

// ---------------------------------------------------------------- routes: input and errors

const body = z.object({ email: z.email(), name: z.string().min(1).max(40), moveOut: z.iso.date().optional() }).strict();
type Mode = "ok" | "rule" | "duplicate" | "missing" | "crash" | "bad-response";
const testRoute = defineRoute(
  { kind: "staff", permission: "users.manage", name: "testRoute", body, maxBodyBytes: 1024, response: z.object({ id: z.string() }) },
  async (ctx, { body: input }, req) => {
    const mode = (req.headers.get("x-mode") ?? "ok") as Mode;
    if (mode === "rule") onField("moveOut", () => { throw new RuleError("invalid-date", "internal: bad date"); });
    if (mode === "duplicate") {
      // A real unique violation from the database: the e-mail of an existing user.
      await ctx.db.user.create({ data: { organisationId: ctx.org.id, email: ADMIN, name: input.name, passwordHash: "x", totpSecretEnc: "x", roles: [] } });
    }
    if (mode === "missing") await ctx.db.user.update({ where: { id: randomUUID() }, data: { name: input.name } });
    if (mode === "crash") throw new Error("connect ECONNREFUSED secret-host:5432 password=hunter2");
    if (mode === "bad-response") return { id: 42 } as unknown as { id: string };
    return { id: "made" };
  },
);
const post = (payload: unknown, headers: Record<string, string> = {}) =>
  testRoute(request("/api/nordhavn/test", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof payload === "string" ? payload : JSON.stringify(payload) }), params({ organisation: "nordhavn" }));
const good = { email: "ny@nordhavn.example", name: "Ny" };

describe("a JSON route's input and errors", () => {
  beforeEach(() => {
    current.session = sessions[ADMIN]!;
  });

  it("answers a good request", async () => {
    const res = await post(good);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "made" });
  });

  it("refuses a signed-in member without the permission with 403", async () => {
    current.session = sessions[READER]!;
    expect((await post(good)).status).toBe(403);
  });

  it.each([
    ["Danish by default", {}, { email: ["Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."], name: ["Udfyld feltet."], extra: ["Feltet kendes ikke."] }],
    ["English when chosen", { cookie: "NEXT_LOCALE=en" }, { email: ["Enter a valid e-mail address, e.g. name@example.com."], name: ["Fill in this field."], extra: ["This field is not known."] }],
  ] as const)("refuses bad input with 400 and field errors, %s", async (_lang, headers, expected) => {
    const res = await post({ email: "nope", name: "", extra: true }, headers);
    expect(res.status).toBe(400);
    const b = await res.json();
    expect(b.error).toBe("invalid-input");
    expect(b.fieldErrors).toEqual(expected);
  });

  it.each([
    ["not JSON", "{nope", 400],
    ["an empty body", "", 400],
    ["a JSON array", "[1,2]", 400],
    ["a JSON string", '"x"', 400],
    ["null", "null", 400],
  ] as const)("refuses %s with 400, never 500", async (_name, raw, status) => {
    const res = await post(raw);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toBe("invalid-input");
  });

  it("refuses a body over the cap by its Content-Length with 413, before reading it", async () => {
    const res = await post({ ...good, name: "x".repeat(2000) });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe("too-large");
  });

  it("refuses a streamed body (no Content-Length) once it passes the cap, with 413", async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 10) return controller.close();
        sent++;
        controller.enqueue(new TextEncoder().encode("x".repeat(500)));
      },
    });
    const req = request("/api/nordhavn/test", { method: "POST", headers: { "content-type": "application/json" }, body: stream });
    expect(req.headers.get("content-length")).toBeNull();
    const res = await testRoute(req, params({ organisation: "nordhavn" }));
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(10); // it stopped reading
  });

  it.each([
    ["a rule error, naming the field", "rule", 422, "rule", { moveOut: ["Datoen er ugyldig."] }],
    ["a unique conflict from the database, naming the field", "duplicate", 409, "conflict", { email: ["Der findes allerede en med den værdi."] }],
    ["a missing record", "missing", 404, "not-found", undefined],
    ["an unexpected error, generically", "crash", 500, "failed", undefined],
    ["a response that does not fit its schema", "bad-response", 500, "failed", undefined],
  ] as const)("answers %s", async (_name, mode, status, error, fieldErrors) => {
    const res = await post(good, { "x-mode": mode });
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(text).not.toMatch(/secret|hunter2|ECONNREFUSED|prisma|internal|Unique constraint/i);
    const b = JSON.parse(text);
    expect(b.error).toBe(error);
    expect(b.fieldErrors).toEqual(fieldErrors);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

// ---------------------------------------------------------------- automation and operator kinds

describe("the automation kind", () => {
  const automationRoute = defineRoute({ kind: "automation", permission: "todos.complete", name: "automationTest", rateLimit: false }, async (ctx) => ({ who: ctx.userId, kind: ctx.kind }));
  let botId = "";
  beforeAll(async () => {
    const bot = await orgDb(nordhavn.id, prisma).user.create({
      data: { organisationId: nordhavn.id, email: `bot-${randomUUID()}@nordhavn.example`, name: "Portal-bot", passwordHash: "-", totpSecretEnc: "-", roles: ["COMPLETE_TODOS", "MANAGE_USERS"], automation: true },
    });
    botId = bot.id;
  });
  const call = (headers: Record<string, string> = {}) => automationRoute(request("/api/nordhavn/automation", { headers }), params({ organisation: "nordhavn" }));
  const verifier = async ({ token }: { token: string }) => (token === "good-token" ? { userId: botId } : null);

  it("is signed-out (401, WWW-Authenticate) while no token verifier is registered", async () => {
    const res = await call({ authorization: "Bearer good-token" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("is not satisfied by a registered verifier alone: the guard checks a real day token first (lib/automation/guard.ts; the accepted path: tests/integration/automation-api.test.ts)", async () => {
    registerAutomationTokenVerifier(verifier);
    const res = await call({ authorization: "Bearer good-token" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it.each([
    ["no Authorization header", {}],
    ["a wrong token", { authorization: "Bearer bad-token" }],
    ["another scheme", { authorization: "Basic Z29vZC10b2tlbg==" }],
    ["a token with spaces in it", { authorization: "Bearer good token" }],
  ] as const)("refuses %s", async (_name, headers) => {
    registerAutomationTokenVerifier(verifier);
    expect((await call(headers)).status).toBe(401);
  });

  it("is never satisfied by a staff cookie, even one that has the permission", async () => {
    registerAutomationTokenVerifier(verifier);
    current.session = sessions["todo@nordhavn.example"]!;
    expect((await call()).status).toBe(401);
  });

  it("refuses a token of a user that is not an automation account, or is paused", async () => {
    registerAutomationTokenVerifier(async () => ({ userId: sessions[ADMIN]!.uid }));
    expect((await call({ authorization: "Bearer good-token" })).status).toBe(401);
    registerAutomationTokenVerifier(verifier);
    const db = orgDb(nordhavn.id, prisma);
    await db.user.update({ where: { id: botId }, data: { pausedAt: new Date() } });
    try {
      expect((await call({ authorization: "Bearer good-token" })).status).toBe(401);
    } finally {
      await db.user.update({ where: { id: botId }, data: { pausedAt: null } });
    }
  });
});

describe("the operator kind", () => {
  const operatorRoute = defineRoute({ kind: "operator", name: "operatorTest", rateLimit: false }, async (ctx) => ({ id: ctx.operator.id }));
  const call = () => operatorRoute(request("/api/operator/test"), params({}));

  it("answers a signed-in, active operator and nobody else", async () => {
    for (const who of [null, "tenant", ADMIN] as const) {
      current.session = who ? sessions[who]! : null;
      expect((await call()).status).toBe(401);
    }
    current.session = sessions.operator!;
    expect((await call()).status).toBe(200);
  });

  it("re-reads `active` on every request", async () => {
    current.session = sessions.operator!;
    expect((await call()).status).toBe(200);
    await prisma.operator.update({ where: { id: sessions.operator!.uid }, data: { active: false } });
    try {
      expect((await call()).status).toBe(401);
    } finally {
      await prisma.operator.update({ where: { id: sessions.operator!.uid }, data: { active: true } });
    }
  });
});

// ---------------------------------------------------------------- server actions

describe("server actions", () => {
  const calls: unknown[] = [];
  const tenantAction = defineAction(
    { kind: "tenant", name: "tenantTest", input: z.object({ phone: z.string().regex(/^\d{8}$/), password: z.string().optional(), when: z.iso.date().optional() }), messages: { phone: { format: "staffLogin.codeFormat" } } },
    async (ctx, input) => {
      calls.push(input);
      if (input.when === "2000-01-01") throw new Error("db exploded: secret");
      return { person: ctx.actor.id, phone: input.phone };
    },
  );
  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    return fd;
  };
  beforeEach(async () => {
    current.session = { ...sessions.tenant!, authAt: now() };
    // Tenant actions are limited per session; each test starts with that session's count at zero.
    await prisma.$executeRawUnsafe(`DELETE FROM rate_limits WHERE key LIKE 'tenantActionPerSession:%'`);
  });

  it("takes a plain form through useActionState's (previous state, FormData), with the organisation bound or as a field", async () => {
    const bound = await tenantAction("nordhavn", null, form({ phone: "12345678" }));
    expect(bound).toEqual({ ok: true, data: { person: sessions.tenant!.uid, phone: "12345678" } });
    const field = await tenantAction(null, form({ organisation: "nordhavn", phone: "12345678" }));
    expect(field.ok).toBe(true);
    expect(calls.at(-1)).toEqual({ phone: "12345678" }); // the organisation addressed the request; the schema never saw it
    expect(await tenantAction("nordhavn", { phone: "12345678" })).toMatchObject({ ok: true });
  });

  it("answers bad input with catalogue messages, the per-field override, and the values to refill — never secrets", async () => {
    const r = await tenantAction("nordhavn", null, form({ phone: "12", password: "hunter2", when: "nope" }));
    expect(r).toMatchObject({ ok: false, error: "invalid-input", status: 400, message: "Der er et problem med det, du har udfyldt. Ret felterne, og prøv igen." });
    if (r.ok) return;
    expect(r.fieldErrors).toEqual({ phone: ["Engangskoden er 6 cifre."], when: ["Skriv en gyldig dato (åååå-mm-dd)."] });
    expect(r.values).toEqual({ phone: "12", when: "nope" });
  });

  it("speaks English when the visitor chose it", async () => {
    current.headers = new Headers({ cookie: "NEXT_LOCALE=en", "x-forwarded-for": ip });
    const r = await tenantAction("nordhavn", null, form({ phone: "" }));
    expect(!r.ok && r.fieldErrors).toEqual({ phone: ["Fill in this field."] });
  });

  it.each([
    ["nobody", null, "nordhavn", "signed-out"],
    ["staff", ADMIN, "nordhavn", "signed-out"],
    ["a tenant, for another organisation", "tenant", "solbakken", "signed-out"],
    ["a tenant, without an organisation", "tenant", undefined, "not-found"],
  ] as const)("refuses %s", async (_name, who, slug, error) => {
    current.session = who ? sessions[who]! : null;
    const r = slug ? await tenantAction(slug, null, form({ phone: "12345678" })) : await tenantAction(null, form({ phone: "12345678" }));
    expect(r).toMatchObject({ ok: false, error });
  });

  it("answers an unexpected error generically", async () => {
    const r = await tenantAction("nordhavn", { phone: "12345678", when: "2000-01-01" });
    expect(r).toMatchObject({ ok: false, error: "failed", status: 500 });
    expect(JSON.stringify(r)).not.toMatch(/secret|exploded/);
  });

  it("refuses an input over the size cap", async () => {
    const r = await tenantAction("nordhavn", { phone: "1".repeat(70_000) });
    expect(r).toMatchObject({ ok: false, error: "too-large", status: 413 });
  });

  it("limits a tenant session's actions, answering a result the form can show", async () => {
    const key = `${nordhavn.id}:${current.session!.uid}:${current.session!.authAt}`;
    await consume("tenantActionPerSession", key, LIMITS.tenantActionPerSession.points);
    const r = await tenantAction("nordhavn", { phone: "12345678" });
    expect(r).toMatchObject({ ok: false, error: "rate-limited", status: 429 });
    if (!r.ok) {
      expect(r.retryAfterSeconds).toBeGreaterThan(0);
      expect(r.message).toContain(`${r.retryAfterSeconds} sekunder`);
    }
  });

  it("lets a handler's redirect through", async () => {
    const { redirect } = await import("next/navigation");
    const go = defineAction({ kind: "tenant", input: z.object({}) }, async () => redirect("/done"));
    await expect(go("nordhavn", {})).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});

// ---------------------------------------------------------------- audit rows belong to their change

describe("audit rows are written in the transaction of the change", () => {
  it("a write whose audit data does not fit its event rolls the change back", async () => {
    const db = orgDb(nordhavn.id, prisma);
    const email = `rollback-${randomUUID()}@nordhavn.example`;
    await expect(
      db.$transaction(async (tx) => {
        const u = await tx.user.create({ data: { organisationId: tx.organisationId, email, name: "R", passwordHash: "-", totpSecretEnc: "-", roles: [] } });
        await writeAudit(tx, { type: "USER_CREATED", actor: { type: "SYSTEM", label: "test" }, entityType: "User", entityId: u.id, after: { email, passwordHash: "-" } as never });
      }),
    ).rejects.toThrow(/USER_CREATED: after/);
    expect(await db.user.findFirst({ where: { email } })).toBeNull();
  });
});

// ---------------------------------------------------------------- pages

describe("pages", () => {
  const { definePage } = awaitedWrappers;
  const { NotFound } = awaitedErrors;
  const page = definePage(
    { kind: "staff", permission: "admin.view", params: z.object({ organisation: z.string(), id: z.uuid().optional() }) },
    async (ctx, { params: p }) => {
      if (p.id === "00000000-0000-4000-8000-000000000000") throw new NotFound("thing");
      return `${ctx.org.slug}:${ctx.actor.label}`;
    },
  );
  const render = (p: Record<string, string>) => page({ params: Promise.resolve(p), searchParams: Promise.resolve({}) });
  const digest = async (p: Promise<unknown>) => {
    try {
      await p;
      return "rendered";
    } catch (e) {
      return String((e as { digest?: string }).digest);
    }
  };

  it("renders for staff of the organisation", async () => {
    current.session = sessions[ADMIN]!;
    expect(await render({ organisation: "nordhavn" })).toBe(`nordhavn:${ADMIN}`);
  });

  it.each([
    ["nobody → the staff sign-in page, coming back here", null, { organisation: "nordhavn" }, /^NEXT_REDIRECT;replace;\/nordhavn\/admin\/login\?callbackUrl=%2Fnordhavn%2Fadmin;/],
    ["a tenant → the staff sign-in page", "tenant", { organisation: "nordhavn" }, /^NEXT_REDIRECT;replace;\/nordhavn\/admin\/login/],
    ["staff of another organisation → 404", "admin@solbakken.example", { organisation: "nordhavn" }, /^NEXT_HTTP_ERROR_FALLBACK;404$/],
    ["an unknown organisation → 404", ADMIN, { organisation: "findes-ikke" }, /^NEXT_HTTP_ERROR_FALLBACK;404$/],
    ["bad params → 404", ADMIN, { organisation: "nordhavn", id: "not-a-uuid" }, /^NEXT_HTTP_ERROR_FALLBACK;404$/],
    ["a NotFound while rendering → 404", ADMIN, { organisation: "nordhavn", id: "00000000-0000-4000-8000-000000000000" }, /^NEXT_HTTP_ERROR_FALLBACK;404$/],
  ] as const)("%s", async (_name, who, p, expected) => {
    current.session = who ? sessions[who]! : null;
    expect(await digest(render(p))).toMatch(expected);
  });

  it("sends a member without the permission to 404, not to sign-in", async () => {
    const usersPage = definePage({ kind: "staff", permission: "users.manage" }, async () => "users");
    current.session = sessions[READER]!;
    expect(await digest(usersPage({ params: Promise.resolve({ organisation: "nordhavn" }) }))).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404$/);
  });
});
