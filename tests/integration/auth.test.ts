/**
 * Staff and operator sign-in (password + single-use TOTP, throttled failures), server-side
 * sessions, the sign-in rate limits and safe redirects, and the request resolver that every page,
 * action and route goes through (the URL's organisation must agree with the session's).
 *
 * Every test sets up its own state: beforeEach forgets every TOTP step used, every throttle and
 * rate-limit counter and every session row, and each test uses its own client address.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { staffSignIn, operatorSignIn, type SignInResult } from "@/lib/auth/credentials";
import { currentTotp, totpStep } from "@/lib/auth/totp";
import { SIGN_IN_THROTTLE, throttleDelaySeconds } from "@/lib/auth/throttle";
import { closeSession, isSessionLive, openSession } from "@/lib/auth/session-store";
import { tokenHash } from "@/lib/crypto";
import { safeRedirect, sanitizeCallbackInputs } from "@/lib/auth/redirect";
import { authorizeWith } from "@/lib/auth/options";
import { SignInError } from "@/lib/auth/errors";
import { signInLimitFor, tooManyResponse, unavailableResponse } from "@/lib/auth/limits";
import { resolveOrgContext } from "@/lib/http/context";
import { demoDatabase } from "../support/db";
import { demoOperator, demoStaff, DEMO_PASSWORD } from "@/lib/demo/staff";
import { endAuthSessionsOf, organisationBySlug } from "@/lib/db/platform";
import { orgDb } from "@/lib/db/scoped";
import { hashPassword, verifyPassword } from "@/lib/crypto";
import { SESSION_TTL, type AppSession, type SessionKind } from "@/lib/auth/types";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: Db;
const staff = (email: string) => demoStaff.find((s) => s.email === email)!;
const admin = staff("admin@nordhavn.example");
const readOnly = staff("laeser@nordhavn.example");
const caseworker = staff("sagsbehandler@nordhavn.example");

/** A fresh client address per call, so no test shares a per-address counter with another. */
let ipCounter = 0;
const freshMeta = () => ({ ip: `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`, userAgent: "vitest" });

const staffCreds = (s = admin, over: Record<string, string> = {}) => ({
  organisation: s.organisationSlug,
  email: s.email,
  password: DEMO_PASSWORD,
  code: currentTotp(s.totpSecret),
  ...over,
});
const operatorCreds = (over: Record<string, string> = {}) => ({ email: demoOperator.email, password: DEMO_PASSWORD, code: currentTotp(demoOperator.totpSecret), ...over });

beforeAll(async () => {
  prisma = await demoDatabase();
  // The app's own modules use the process-wide client: point it at the test database.
});

beforeEach(async () => {
  await prisma.user.updateMany({ data: { totpLastStep: null, active: true } });
  await prisma.operator.updateMany({ data: { totpLastStep: null, active: true } });
  await prisma.$executeRawUnsafe(`DELETE FROM rate_limits`);
  await prisma.authSession.deleteMany({});
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await prisma?.$disconnect();
});

async function nordhavnDb() {
  const org = (await organisationBySlug(prisma, "nordhavn"))!;
  return orgDb(org.id, prisma);
}

describe("passwords", () => {
  it("are stored with scrypt and verified", async () => {
    const h = await hashPassword("correct horse");
    expect(h.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword("correct horse", h)).toBe(true);
    expect(await verifyPassword("wrong horse", h)).toBe(false);
    expect(await verifyPassword("x", null)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("staff sign-in", () => {
  it("accepts the right password and the current TOTP code", async () => {
    const r = await staffSignIn(staffCreds(), freshMeta());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.session.kind).toBe("staff");
      expect(r.session.orgSlug).toBe("nordhavn");
      expect(r.session.roles).toEqual(["MANAGE_USERS", "CASEWORKER"]);
    }
  });

  it.each([
    ["a wrong TOTP code", { code: "000000" }],
    ["a code of another user", { code: currentTotp(readOnly.totpSecret) }],
    ["an old code", { code: currentTotp(admin.totpSecret, Date.now() - 10 * 60_000) }],
    ["a wrong password", { password: "nope" }],
    ["an unknown e-mail", { email: "nobody@nordhavn.example" }],
    ["another organisation", { organisation: "solbakken" }],
    ["an unknown organisation", { organisation: "findes-ikke" }],
    ["a malformed code", { code: "12ab56" }],
  ])("refuses %s with the same answer", async (_label, over) => {
    expect(await staffSignIn(staffCreds(admin, over), freshMeta())).toEqual({ ok: false, reason: "invalid" });
  });

  it("audits failed and successful attempts in the organisation, with address and user agent", async () => {
    const meta = freshMeta();
    await staffSignIn(staffCreds(admin, { password: "nope" }), meta);
    await staffSignIn(staffCreds(admin, { code: "000000" }), meta);
    expect((await staffSignIn(staffCreds(), meta)).ok).toBe(true);
    const db = await nordhavnDb();
    const rows = await db.auditLog.findMany({ where: { actorLabel: admin.email, ip: meta.ip }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.type, (r.after as { reason?: string } | null)?.reason ?? null])).toEqual([
      ["STAFF_SIGN_IN_FAILED", "password"],
      ["STAFF_SIGN_IN_FAILED", "totp"],
      ["STAFF_SIGNED_IN", null],
    ]);
    expect(rows.every((r) => r.userAgent === "vitest")).toBe(true);
  });

  it("refuses a deactivated user", async () => {
    const db = await nordhavnDb();
    await db.user.updateMany({ where: { email: readOnly.email }, data: { active: false } });
    expect(await staffSignIn(staffCreds(readOnly), freshMeta())).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("a TOTP code is accepted once", () => {
  const signIns: Array<[string, (code?: string, now?: number) => Promise<SignInResult>]> = [
    ["staff", (code, now) => staffSignIn(staffCreds(caseworker, code ? { code } : {}), freshMeta(), { now })],
    ["operator", (code, now) => operatorSignIn(operatorCreds(code ? { code } : {}), freshMeta(), { now })],
  ];

  it.each(signIns)("%s: the same code twice → the second is refused; the next step's code works", async (_kind, signIn) => {
    const now = Date.now();
    const secret = _kind === "staff" ? caseworker.totpSecret : demoOperator.totpSecret;
    const code = currentTotp(secret, now);
    expect((await signIn(code, now)).ok).toBe(true);
    expect(await signIn(code, now)).toEqual({ ok: false, reason: "invalid" });
    // Within the drift window, the previous step's code is older than the claimed step: refused too.
    expect((await signIn(currentTotp(secret, now - 30_000), now)).ok).toBe(false);
    const next = now + 30_000;
    expect((await signIn(currentTotp(secret, next), next)).ok).toBe(true);
  });

  it.each(signIns)("%s: two concurrent uses of one code — exactly one wins", async (_kind, signIn) => {
    const now = Date.now();
    const secret = _kind === "staff" ? caseworker.totpSecret : demoOperator.totpSecret;
    const code = currentTotp(secret, now);
    const results = await Promise.all([signIn(code, now), signIn(code, now), signIn(code, now)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("stores the step used, and audits the reuse", async () => {
    const now = Date.now();
    const meta = freshMeta();
    const creds = staffCreds(caseworker, { code: currentTotp(caseworker.totpSecret, now) });
    expect((await staffSignIn(creds, meta, { now })).ok).toBe(true);
    expect((await staffSignIn(creds, meta, { now })).ok).toBe(false);
    const db = await nordhavnDb();
    const user = await db.user.findFirst({ where: { email: caseworker.email } });
    expect(user?.totpLastStep).toBe(totpStep(now));
    const reused = await db.auditLog.count({ where: { type: "STAFF_SIGN_IN_FAILED", ip: meta.ip, after: { path: ["reason"], equals: "totp-reused" } } });
    expect(reused).toBe(1);
  });

  it("a wrong password does not burn the code", async () => {
    const now = Date.now();
    const code = currentTotp(caseworker.totpSecret, now);
    expect((await staffSignIn(staffCreds(caseworker, { code, password: "wrong" }), freshMeta(), { now })).ok).toBe(false);
    expect((await staffSignIn(staffCreds(caseworker, { code }), freshMeta(), { now })).ok).toBe(true);
  });
});

describe("failed sign-ins are throttled with growing delays", () => {
  it.each([
    [1, 0],
    [2, 0],
    [3, 1],
    [4, 2],
    [5, 4],
    [10, 128],
    [12, 512],
    [13, 900],
    [40, 900],
  ])("the %i. failure of an account earns %i s", (failures, seconds) => {
    expect(throttleDelaySeconds(failures, SIGN_IN_THROTTLE.accountFree)).toBe(seconds);
  });

  /** Runs attempts on a fake clock (rate-limiter-flexible and TOTP read Date.now). */
  function clock() {
    vi.useFakeTimers({ toFake: ["Date"] });
    let t = Date.now();
    vi.setSystemTime(t);
    return {
      advance(ms: number) {
        t += ms;
        vi.setSystemTime(t);
      },
    };
  }

  it("after 3 failures the account waits 1 s, then 2 s, then 4 s; the right password is refused meanwhile", async () => {
    const c = clock();
    const wrong = () => staffSignIn(staffCreds(caseworker, { password: "wrong" }), freshMeta());
    for (let i = 0; i < 3; i++) expect(await wrong()).toEqual({ ok: false, reason: "invalid" });
    // Throttled: refused before the password is looked at, whoever asks from wherever.
    expect(await staffSignIn(staffCreds(caseworker), freshMeta())).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    c.advance(1000);
    expect(await wrong()).toEqual({ ok: false, reason: "invalid" });
    expect(await wrong()).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 2 });
    c.advance(2000);
    expect(await wrong()).toEqual({ ok: false, reason: "invalid" });
    expect(await wrong()).toMatchObject({ ok: false, reason: "throttled", retryAfterSeconds: 4 });
    c.advance(4000);
    expect((await staffSignIn(staffCreds(caseworker), freshMeta())).ok).toBe(true);
    // Success forgets the account's failures: the next failure is free again.
    expect(await wrong()).toEqual({ ok: false, reason: "invalid" });
    expect(await wrong()).toEqual({ ok: false, reason: "invalid" });
  });

  it("attempts while throttled do not extend the wait", async () => {
    const c = clock();
    const wrong = () => staffSignIn(staffCreds(caseworker, { password: "wrong" }), freshMeta());
    for (let i = 0; i < 3; i++) await wrong(); // the third failure earns 1 s
    expect(await wrong()).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    for (let i = 0; i < 20; i++) {
      c.advance(40);
      expect(await wrong()).toMatchObject({ ok: false, reason: "throttled" });
    }
    // 1 s after the third failure — not 1 s after the last throttled attempt — the account is open.
    c.advance(1000 - 20 * 40 + 1);
    expect((await staffSignIn(staffCreds(caseworker), freshMeta())).ok).toBe(true);
  });

  it("answers an unknown e-mail exactly like a known one, step by step", async () => {
    clock();
    const run = async (email: string) => {
      const out: SignInResult[] = [];
      for (let i = 0; i < 5; i++) out.push(await staffSignIn(staffCreds(caseworker, { email, password: "wrong" }), freshMeta()));
      return out;
    };
    expect(await run("nobody@nordhavn.example")).toEqual(await run(caseworker.email));
  });

  it("throttles an address that fails across many accounts, not other addresses", async () => {
    clock();
    const meta = freshMeta();
    for (let i = 0; i < SIGN_IN_THROTTLE.addressFree; i++) {
      expect(await staffSignIn(staffCreds(caseworker, { email: `guess${i}@nordhavn.example` }), meta)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await staffSignIn(staffCreds(admin), meta)).toMatchObject({ ok: false, reason: "throttled" });
    expect((await staffSignIn(staffCreds(admin), freshMeta())).ok).toBe(true);
  });

  it("throttles operators the same way", async () => {
    const c = clock();
    for (let i = 0; i < 3; i++) expect(await operatorSignIn(operatorCreds({ password: "wrong" }), freshMeta())).toEqual({ ok: false, reason: "invalid" });
    expect(await operatorSignIn(operatorCreds(), freshMeta())).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    c.advance(1000);
    expect((await operatorSignIn(operatorCreds(), freshMeta())).ok).toBe(true);
  });
});

describe("server-side sessions", () => {
  async function subjectOf(kind: SessionKind): Promise<{ uid: string; orgSlug?: string }> {
    if (kind === "operator") return { uid: (await prisma.operator.findFirstOrThrow()).id };
    const db = await nordhavnDb();
    if (kind === "staff") return { uid: (await db.user.findFirstOrThrow({ where: { email: admin.email } })).id, orgSlug: "nordhavn" };
    return { uid: (await db.person.findFirstOrThrow({ where: { name: "Anna Jensen" } })).id, orgSlug: "nordhavn" };
  }

  it.each<SessionKind>(["tenant", "staff", "operator"])("%s: open until signed out; a copied cookie is refused afterwards", async (kind) => {
    const s = await subjectOf(kind);
    const { sid, expiresAt } = await openSession({ kind, subjectId: s.uid, orgSlug: s.orgSlug ?? null });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan((SESSION_TTL[kind] - 60) * 1000);
    const cookie = { kind, uid: s.uid, sid };
    expect(await isSessionLive(cookie)).toBe(true);
    expect(await closeSession(sid)).toEqual({ ended: true, idToken: null });
    expect(await isSessionLive(cookie)).toBe(false);
    expect(await isSessionLive({ ...cookie })).toBe(false); // the same cookie, copied
    // Ending twice is harmless.
    expect((await closeSession(sid)).ended).toBe(true);
  });

  it("refuses an expired, a missing, a foreign and an id-less session", async () => {
    const s = await subjectOf("staff");
    const old = await openSession({ kind: "staff", subjectId: s.uid, now: new Date(Date.now() - (SESSION_TTL.staff + 1) * 1000) });
    expect(await isSessionLive({ kind: "staff", uid: s.uid, sid: old.sid })).toBe(false);
    expect(await isSessionLive({ kind: "staff", uid: s.uid, sid: randomUUID() })).toBe(false);
    expect(await isSessionLive({ kind: "staff", uid: s.uid })).toBe(false);
    const live = await openSession({ kind: "staff", subjectId: s.uid });
    expect(await isSessionLive({ kind: "operator", uid: s.uid, sid: live.sid })).toBe(false);
    expect(await isSessionLive({ kind: "staff", uid: randomUUID(), sid: live.sid })).toBe(false);
  });

  it("stores only the hash of the session id, and the tenant's ID token encrypted", async () => {
    const s = await subjectOf("tenant");
    const idToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm5hIn0.c2ln";
    const { sid } = await openSession({ kind: "tenant", subjectId: s.uid, orgSlug: "nordhavn", idToken });
    const rows = await prisma.authSession.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(tokenHash(sid));
    expect(rows[0]!.id).not.toContain(sid);
    expect(rows[0]!.idTokenEnc).toBeTruthy();
    expect(rows[0]!.idTokenEnc).not.toContain(idToken.split(".")[1]!);
    expect(await closeSession(sid)).toEqual({ ended: true, idToken });
  });

  it("sweeps expired rows at the next sign-in, and keeps live and recently ended ones", async () => {
    const s = await subjectOf("operator");
    const expired = await openSession({ kind: "operator", subjectId: s.uid, now: new Date(Date.now() - 3 * 24 * 3600_000) });
    const ended = await openSession({ kind: "operator", subjectId: s.uid });
    await closeSession(ended.sid);
    const live = await openSession({ kind: "operator", subjectId: s.uid });
    const ids = (await prisma.authSession.findMany({ select: { id: true } })).map((r) => r.id).sort();
    expect(ids).toEqual([tokenHash(ended.sid), tokenHash(live.sid)].sort());
    expect(ids).not.toContain(tokenHash(expired.sid));
  });

  it("ends every session of one subject at once", async () => {
    const s = await subjectOf("staff");
    const a = await openSession({ kind: "staff", subjectId: s.uid });
    const b = await openSession({ kind: "staff", subjectId: s.uid });
    expect(await endAuthSessionsOf(prisma, "staff", s.uid, new Date())).toBe(2);
    expect(await isSessionLive({ kind: "staff", uid: s.uid, sid: a.sid })).toBe(false);
    expect(await isSessionLive({ kind: "staff", uid: s.uid, sid: b.sid })).toBe(false);
  });
});

describe("redirects after sign-in and sign-out stay on the app", () => {
  const base = "http://localhost:3000";
  it.each([
    ["/nordhavn/admin", `${base}/nordhavn/admin`],
    ["/nordhavn/beboer?x=1#y", `${base}/nordhavn/beboer?x=1#y`],
    [`${base}/operator`, `${base}/operator`],
    ["%E0%A4%A", base],
    ["/%E0%A4%A", `${base}/%E0%A4%A`],
    ["http://[", base],
    ["javascript:alert(1)", base],
    ["JaVaScRiPt:alert(1)", base],
    ["data:text/html,<script>alert(1)</script>", base],
    ["//evil.example/", base],
    ["/\\evil.example", base],
    ["https://evil.example/", base],
    ["http://localhost:3000@evil.example/", base],
    ["http://localhost:3001/", base],
    ["/\tjavascript:alert(1)", base],
    ["", base],
  ])("%s → %s", (url, expected) => {
    expect(safeRedirect(url, base)).toBe(expected);
  });

  it("rewrites next-auth's inputs (query and callback-url cookie) before next-auth sees them", () => {
    const jar = new Map<string, string>([["next-auth.callback-url", "http://["], ["other", "x"]]);
    const store = { get: (n: string) => (jar.has(n) ? { value: jar.get(n)! } : undefined), set: (n: string, v: string) => jar.set(n, v) };
    const params = new URLSearchParams({ callbackUrl: "javascript:alert(1)", other: "%E0" });
    sanitizeCallbackInputs(params, store, base);
    expect(params.get("callbackUrl")).toBe(base);
    expect(params.get("other")).toBe("%E0");
    expect(jar.get("next-auth.callback-url")).toBe(base);
    expect(jar.get("other")).toBe("x");
    // A good value is kept as it is.
    const good = new URLSearchParams({ callbackUrl: `${base}/nordhavn/admin` });
    jar.set("next-auth.callback-url", `${base}/nordhavn/beboer`);
    sanitizeCallbackInputs(good, store, base);
    expect(good.get("callbackUrl")).toBe(`${base}/nordhavn/admin`);
    expect(jar.get("next-auth.callback-url")).toBe(`${base}/nordhavn/beboer`);
  });

  it("never throws, whatever it is given", () => {
    for (const v of [undefined, null, 42, {}, "x".repeat(5000), "http://%zz", "\u0000"]) expect(() => safeRedirect(v, base)).not.toThrow();
  });
});

describe("a database error never reaches the answer", () => {
  it("a sign-in with the database throwing gives the generic code, not the error's text", async () => {
    const g = globalThis as unknown as { __fraflytPrisma?: Db };
    const saved = g.__fraflytPrisma;
    const broken = createPrismaClient("postgresql://fraflyt:secret-password@127.0.0.1:1/nothere");
    g.__fraflytPrisma = broken;
    try {
      const err = await authorizeWith("staff", () => staffSignIn(staffCreds(), freshMeta())).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SignInError);
      expect((err as Error).message).toBe("Unavailable");
      const opErr = await authorizeWith("operator", () => operatorSignIn(operatorCreds(), freshMeta())).catch((e: unknown) => e);
      expect((opErr as Error).message).toBe("Unavailable");
    } finally {
      g.__fraflytPrisma = saved;
      await broken.$disconnect();
    }
  });

  it("authorizeWith: a refusal is null, throttling is the Throttled code", async () => {
    expect(await authorizeWith("staff", async () => ({ ok: false, reason: "invalid" }))).toBeNull();
    await expect(authorizeWith("staff", async () => ({ ok: false, reason: "throttled", retryAfterSeconds: 3 }))).rejects.toThrow(/^Throttled$/);
  });

  it("the auth route's error answer is a plain page or next-auth JSON", async () => {
    const form = new NextRequest("http://localhost:3000/api/auth/callback/staff", { method: "POST", body: new URLSearchParams({ json: "true" }) });
    const json = await unavailableResponse(form);
    expect(json.status).toBe(503);
    expect(await json.json()).toEqual({ url: expect.stringMatching(/\/auth\/signin\?error=Unavailable$/) });
    const page = await unavailableResponse(new NextRequest("http://localhost:3000/api/auth/callback/mitid-nordhavn"));
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("Login er ikke muligt lige nu");
  });
});

describe("sign-in rate limits", () => {
  it.each([
    ["POST", ["callback", "staff"], "signInPerIp"],
    ["POST", ["callback", "operator"], "signInPerIp"],
    ["GET", ["callback", "staff"], null],
    ["POST", ["signin", "mitid-nordhavn"], "signInPerIp"],
    ["GET", ["signin", "mitid-nordhavn"], "signInPerIp"],
    ["GET", ["callback", "mitid-nordhavn"], "oidcCallbackPerIp"],
    ["POST", ["callback", "mitid-nordhavn"], "oidcCallbackPerIp"],
    ["GET", ["session"], null],
    ["GET", ["csrf"], null],
    ["GET", ["providers"], null],
    ["POST", ["signout"], null],
  ] as const)("%s /api/auth/%s counts against %s", (method, segments, name) => {
    expect(signInLimitFor(method, segments)?.name ?? null).toBe(name);
  });

  it("answers next-auth's client with JSON that names the error, and a browser with a Danish page; both with Retry-After", async () => {
    const base = "http://localhost:3000";
    const json = await tooManyResponse(new NextRequest(`${base}/api/auth/signin/mitid-nordhavn`, { method: "POST", body: new URLSearchParams({ json: "true", csrfToken: "x" }) }), {
      name: "signInPerIp",
      kind: "tenant-start",
      slug: "nordhavn",
      retryAfterSeconds: 17,
      baseUrl: base,
    });
    expect(json.status).toBe(429);
    expect(json.headers.get("retry-after")).toBe("17");
    expect(await json.json()).toEqual({ url: `${base}/nordhavn/beboer/login?error=rate-limited` });

    const creds = await tooManyResponse(new NextRequest(`${base}/api/auth/callback/staff`, { method: "POST", body: new URLSearchParams({ json: "true" }) }), {
      name: "signInPerIp",
      kind: "credentials",
      retryAfterSeconds: 5,
      baseUrl: base,
    });
    expect(await creds.json()).toEqual({ url: `${base}/auth/signin?error=RateLimited` });

    const page = await tooManyResponse(new NextRequest(`${base}/api/auth/callback/mitid-nordhavn?code=x`), { name: "oidcCallbackPerIp", kind: "oidc-callback", retryAfterSeconds: 9, baseUrl: base });
    expect(page.status).toBe(429);
    expect(page.headers.get("retry-after")).toBe("9");
    const html = await page.text();
    expect(html).toContain('lang="da"');
    expect(html).toContain("Vent 9 sekunder");

    const english = await tooManyResponse(new NextRequest(`${base}/api/auth/callback/mitid-nordhavn`, { headers: { cookie: "NEXT_LOCALE=en" } }), { name: "oidcCallbackPerIp", kind: "oidc-callback", retryAfterSeconds: 9, baseUrl: base });
    expect(await english.text()).toContain("Wait 9 seconds");
  });
});

describe("resolveOrgContext: session → organisation → role", () => {
  /** A staff session as sign-in would make it (built from the stored user; sign-in is tested above). */
  async function staffSession(email: string): Promise<AppSession> {
    const s = staff(email);
    const org = (await organisationBySlug(prisma, s.organisationSlug))!;
    const user = await orgDb(org.id, prisma).user.findFirstOrThrow({ where: { email } });
    return { kind: "staff", uid: user.id, name: user.name, email, orgId: org.id, orgSlug: org.slug, roles: user.roles, sv: user.sessionVersion, authAt: Math.floor(Date.now() / 1000) };
  }

  it("gives staff their own organisation with fresh roles", async () => {
    const r = await resolveOrgContext("nordhavn", { kind: "staff", permission: "admin.view" }, await staffSession(admin.email));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.ctx.org.slug).toBe("nordhavn");
      expect(r.ctx.permissions.has("users.manage")).toBe(true);
    }
  });

  it("answers not-found to staff of another organisation", async () => {
    const r = await resolveOrgContext("nordhavn", { kind: "staff" }, await staffSession("admin@solbakken.example"));
    expect(r).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("refuses a permission the role does not have", async () => {
    const r = await resolveOrgContext("nordhavn", { kind: "staff", permission: "users.manage" }, await staffSession(readOnly.email));
    expect(r).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("treats a tenant, an operator or nobody as signed out of the admin", async () => {
    const org = (await organisationBySlug(prisma, "nordhavn"))!;
    const person = await orgDb(org.id, prisma).person.findFirst({ where: { name: "Anna Jensen" } });
    const tenant: AppSession = { kind: "tenant", uid: person!.id, name: "Anna Jensen", orgId: org.id, orgSlug: "nordhavn", authAt: Math.floor(Date.now() / 1000) };
    expect(await resolveOrgContext("nordhavn", { kind: "staff" }, tenant)).toMatchObject({ ok: false, reason: "signed-out" });
    expect(await resolveOrgContext("nordhavn", { kind: "tenant" }, tenant)).toMatchObject({ ok: true });
    const operator: AppSession = { kind: "operator", uid: "x", name: "Op", authAt: Math.floor(Date.now() / 1000) };
    expect(await resolveOrgContext("nordhavn", { kind: "staff" }, operator)).toMatchObject({ ok: false, reason: "signed-out" });
    expect(await resolveOrgContext("nordhavn", { kind: "staff" }, null)).toMatchObject({ ok: false, reason: "signed-out" });
    expect(await resolveOrgContext("findes-ikke", { kind: "staff" }, null)).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("ends sessions when the user's session version changes", async () => {
    const s = await staffSession(admin.email);
    const db = await nordhavnDb();
    await db.user.update({ where: { id: s.uid }, data: { sessionVersion: { increment: 1 } } });
    expect(await resolveOrgContext("nordhavn", { kind: "staff" }, s)).toMatchObject({ ok: false, reason: "signed-out" });
  });
});
