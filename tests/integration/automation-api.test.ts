/**
 * The automation API's core in-process (route handlers with NextRequest, the test clock on): the
 * token exchange (a code used once, wrong / yesterday's code 401, expiry at Danish midnight), the
 * per-request guard (hours with nextAllowed + Retry-After, pause and switch-off on the next
 * request, access, the per-account rate with RateLimit-* headers and switch-off over it, the
 * error-ratio switch-off, the mail to "Manage users" staff), RFC 9457 bodies, and scope (a staff
 * session cannot call the API; a bearer token cannot call a staff route or server action).
 * Each test makes its own organisation (automationWorld).
 */
process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.FRAFLYT_TEST_CLOCK = "1";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { AppSession } from "@/lib/auth/types";

const current: { session: AppSession | null; headers: Headers } = { session: null, headers: new Headers() };
vi.mock("@/lib/auth/session", () => ({ getAppSession: async () => current.session }));
vi.mock("next/headers", () => ({ headers: async () => current.headers, cookies: async () => ({ get: () => undefined }) }));

const { createPrismaClient } = await import("@/lib/db/client");
const { orgDb } = await import("@/lib/db/scoped");
const { currentTotp } = await import("@/lib/auth/totp");
const { apiTokenExpiry } = await import("@/lib/rules/automation");
const { SYSTEM_ACTOR } = await import("@/lib/audit/events");
const { pauseAccount, switchOffAccount } = await import("@/lib/automation/kill-switch");
const { POST: tokenRoute } = await import("@/app/api/v1/[organisation]/token/route");
const { GET: pingRoute } = await import("@/app/api/v1/[organisation]/ping/route");
const { GET: sessionRoute } = await import("@/app/api/[organisation]/session/route");
const { defineAction } = await import("@/lib/http/wrappers");
const { z } = await import("zod");
const { automationWorld } = await import("../support/automation-world");
const { testPrisma } = await import("../support/db");

let prisma: ReturnType<typeof createPrismaClient>;
beforeAll(() => {
  prisma = testPrisma();
});
afterAll(async () => {
  await prisma?.$disconnect();
});

let ipNo = 0;
let ip = "";
beforeEach(() => {
  ipNo++;
  ip = `203.0.${113 + Math.floor(ipNo / 250)}.${ipNo % 250}`;
  current.session = null;
  current.headers = new Headers({ "x-forwarded-for": ip });
});

const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
function req(url: string, a: { method?: string; now: string; headers?: Record<string, string>; body?: unknown }) {
  const headers = new Headers({ "x-forwarded-for": ip, "x-fraflyt-test-now": a.now, ...(a.body ? { "content-type": "application/json" } : {}), ...a.headers });
  return new NextRequest(`http://localhost${url}`, { method: a.method ?? "GET", headers, body: a.body ? JSON.stringify(a.body) : null });
}
async function exchange(slug: string, apiKey: string, code: string, now: string) {
  return tokenRoute(req(`/api/v1/${slug}/token`, { method: "POST", now, body: { apiKey, code } }), params({ organisation: slug }));
}
async function ping(slug: string, token: string | null, now: string, extra: Record<string, string> = {}, query = "") {
  return pingRoute(req(`/api/v1/${slug}/ping${query}`, { now, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra } }), params({ organisation: slug }));
}
/** A token for the world's first account, exchanged at `now`. */
async function tokenAt(w: Awaited<ReturnType<typeof automationWorld>>, now: string, n = 0): Promise<string> {
  const res = await exchange(w.slug, w.accounts[n]!.apiKey, currentTotp(w.accounts[n]!.totpSecret, Date.parse(now)), now);
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

// Tuesday 12 January 2027, outside the default window (1 April – 15 May).
const WEEKDAY_NOON = "2027-01-12T11:00:00.000Z"; // 12:00 local

describe("POST /api/v1/{organisation}/token", () => {
  it("exchanges API key + the day's code for a token expiring at the next Danish midnight; the code cannot be used again", async () => {
    const w = await automationWorld(prisma);
    const a = w.accounts[0]!;
    const code = currentTotp(a.totpSecret, Date.parse(WEEKDAY_NOON));
    const res = await exchange(w.slug, a.apiKey, code, WEEKDAY_NOON);
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-limit")).toBe("20");
    const body = (await res.json()) as { token: string; tokenType: string; expiresAt: string };
    expect(body.tokenType).toBe("Bearer");
    expect(body.token).toMatch(/^fft_/);
    expect(body.expiresAt).toBe(apiTokenExpiry(WEEKDAY_NOON));
    expect(body.expiresAt).toBe("2027-01-12T23:00:00.000Z");
    const row = await orgDb(w.orgId, prisma).apiToken.findFirstOrThrow({ where: { userId: a.id } });
    expect(row.tokenHash).not.toBe(body.token);
    expect(await orgDb(w.orgId, prisma).auditLog.count({ where: { type: "AUTOMATION_TOKEN_ISSUED", entityId: a.id } })).toBe(1);

    const again = await exchange(w.slug, a.apiKey, code, WEEKDAY_NOON);
    expect(again.status).toBe(401);
    expect(again.headers.get("content-type")).toBe("application/problem+json");
    expect(await again.json()).toMatchObject({ type: "https://fraflyt.dk/problems/signed-out", status: 401, code: "signed-out", reason: "invalid-credentials" });
  });

  it("refuses a wrong code, yesterday's code, a wrong key and another organisation's key with 401", async () => {
    const w = await automationWorld(prisma);
    const other = await automationWorld(prisma);
    const a = w.accounts[0]!;
    const right = currentTotp(a.totpSecret, Date.parse(WEEKDAY_NOON));
    const wrong = right === "000000" ? "111111" : "000000";
    const yesterday = currentTotp(a.totpSecret, Date.parse(WEEKDAY_NOON) - 24 * 3600_000);
    for (const [key, code] of [[a.apiKey, wrong], [a.apiKey, yesterday], ["ffk_" + "A".repeat(43), right], [other.accounts[0]!.apiKey, currentTotp(other.accounts[0]!.totpSecret, Date.parse(WEEKDAY_NOON))]] as const) {
      const res = await exchange(w.slug, key, code, WEEKDAY_NOON);
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe("signed-out");
    }
    expect(await orgDb(w.orgId, prisma).apiToken.count({})).toBe(0);
  });

  it("is throttled per API key (10 a minute, from any address) and per client address (20 a minute)", async () => {
    const w = await automationWorld(prisma);
    const a = w.accounts[0]!;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      ip = `192.0.2.${(ipNo * 11 + i) % 250}`;
      statuses.push((await exchange(w.slug, a.apiKey, "000000", WEEKDAY_NOON)).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    ip = `198.18.${ipNo % 250}.1`;
    const perIp: number[] = [];
    for (let i = 0; i < 21; i++) perIp.push((await exchange(w.slug, `ffk_${String(i).padStart(43, "x")}`, "000000", WEEKDAY_NOON)).status);
    expect(perIp.slice(0, 20).every((s) => s === 401)).toBe(true);
    const last = perIp[20];
    expect(last).toBe(429);
  });

  it("refuses a paused account and an organisation whose automation is not approved (403 with reason)", async () => {
    const w = await automationWorld(prisma, { approved: false });
    const res = await exchange(w.slug, w.accounts[0]!.apiKey, currentTotp(w.accounts[0]!.totpSecret, Date.parse(WEEKDAY_NOON)), WEEKDAY_NOON);
    expect(res.status).toBe(403);
    expect((await res.json()).reason).toBe("not-enabled");
  });
});

describe("the guard (GET /api/v1/{organisation}/ping)", () => {
  it("answers with RateLimit-* headers; a token stops at Danish midnight; a staff session is not a token", async () => {
    const w = await automationWorld(prisma);
    const t = await tokenAt(w, "2027-04-20T21:00:00.000Z"); // 23:00 local, a Tuesday in the window
    const ok = await ping(w.slug, t, "2027-04-20T21:59:59.000Z");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("ratelimit-limit")).toBe("60");
    expect(ok.headers.get("ratelimit-remaining")).toBe("59");
    expect(Number(ok.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect(await ok.json()).toMatchObject({ ok: true, organisation: w.slug });
    const midnight = await ping(w.slug, t, "2027-04-20T22:00:00.000Z"); // 00:00 local
    expect(midnight.status).toBe(401);
    expect(midnight.headers.get("www-authenticate")).toContain("Bearer");
    expect(await midnight.json()).toMatchObject({ code: "signed-out", reason: "invalid-token" });

    const manager = await orgDb(w.orgId, prisma).user.findFirstOrThrow({ where: { id: w.manager.id } });
    current.session = { kind: "staff", uid: manager.id, name: manager.name, email: manager.email, orgId: w.orgId, orgSlug: w.slug, roles: manager.roles, sv: manager.sessionVersion, authAt: Math.floor(Date.now() / 1000) };
    const staff = await ping(w.slug, null, "2027-04-20T10:00:00.000Z");
    expect(staff.status).toBe(401);
    expect(staff.headers.get("content-type")).toBe("application/problem+json");
  });

  it.each([
    ["a weekday at 07:59", "2027-01-12T06:59:00.000Z", "outside-hours", "2027-01-12T07:00:00.000Z"],
    ["a weekday at 18:00", "2027-01-12T17:00:00.000Z", "outside-hours", "2027-01-13T07:00:00.000Z"],
    ["a Saturday outside the window", "2027-01-16T11:00:00.000Z", "weekend", "2027-01-18T07:00:00.000Z"],
    ["a public holiday outside the window (New Year's Day, a Friday)", "2027-01-01T11:00:00.000Z", "holiday", "2027-01-04T07:00:00.000Z"],
  ])("refuses %s with reason, nextAllowed and Retry-After", async (_what, now, reason, nextAllowed) => {
    const w = await automationWorld(prisma);
    const t = await tokenAt(w, now);
    const res = await ping(w.slug, t, now);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(res.headers.get("retry-after"))).toBe(Math.ceil((Date.parse(nextAllowed) - Date.parse(now)) / 1000));
    expect(await res.json()).toMatchObject({ type: "https://fraflyt.dk/problems/forbidden", status: 403, code: "forbidden", reason, nextAllowed });
  });

  it("accepts a Saturday inside the window, and follows the organisation's own window", async () => {
    const w = await automationWorld(prisma);
    const sat = "2027-04-17T20:00:00.000Z"; // Saturday 22:00 local
    expect((await ping(w.slug, await tokenAt(w, sat), sat)).status).toBe(200);
    const none = await automationWorld(prisma, { settings: { automation: { yearlyWindow: null } } });
    const res = await ping(none.slug, await tokenAt(none, sat), sat);
    expect(res.status).toBe(403);
    expect((await res.json()).reason).toBe("weekend");
  });

  it("pause and switch-off take effect on the next request", async () => {
    const w = await automationWorld(prisma, { accounts: 2 });
    const t0 = await tokenAt(w, WEEKDAY_NOON, 0);
    const t1 = await tokenAt(w, WEEKDAY_NOON, 1);
    expect((await ping(w.slug, t0, WEEKDAY_NOON)).status).toBe(200);
    const db = orgDb(w.orgId, prisma);
    await db.$transaction((tx) => pauseAccount(tx, w.accounts[0]!.id, { actor: SYSTEM_ACTOR, now: new Date(WEEKDAY_NOON) }));
    const paused = await ping(w.slug, t0, WEEKDAY_NOON);
    expect(paused.status).toBe(403);
    expect((await paused.json()).reason).toBe("paused");
    expect((await ping(w.slug, t1, WEEKDAY_NOON)).status).toBe(200);
    await db.$transaction((tx) => switchOffAccount(tx, w.accounts[1]!.id, { reason: "organisation", actor: SYSTEM_ACTOR, now: new Date(WEEKDAY_NOON) }));
    expect((await ping(w.slug, t1, WEEKDAY_NOON)).status).toBe(401); // its tokens were revoked
  });

  it("a burst above the rate: 429, the account switched off by itself, and the Manage users staff e-mailed", async () => {
    const w = await automationWorld(prisma);
    const t = await tokenAt(w, WEEKDAY_NOON);
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 61; i++) {
      last = await ping(w.slug, t, WEEKDAY_NOON);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(last!.status).toBe(429);
    expect(last!.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ code: "rate-limited", reason: "rate" });
    const db = orgDb(w.orgId, prisma);
    const u = await db.user.findFirstOrThrow({ where: { id: w.accounts[0]!.id } });
    expect(u.switchedOffReason).toBe("rate");
    expect(u.switchedOffAt?.toISOString()).toBe(WEEKDAY_NOON);
    const jobs = await db.job.findMany({ where: { name: "send-mail", key: { startsWith: "automation-switched-off:" } } });
    expect(jobs).toHaveLength(1);
    expect((jobs[0]!.payload as { to: string[] }).to).toEqual([w.manager.email]);
    expect((await ping(w.slug, t, WEEKDAY_NOON)).status).toBe(401);
    expect(await db.automationRequest.count({ where: { userId: u.id } })).toBe(60);
  });

  it("half of the last 20 requests failed: switched off (reason errors)", async () => {
    const w = await automationWorld(prisma);
    const t = await tokenAt(w, WEEKDAY_NOON);
    for (let i = 0; i < 10; i++) expect((await ping(w.slug, t, WEEKDAY_NOON)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await ping(w.slug, t, WEEKDAY_NOON, {}, "?bad=1")).status).toBe(400);
    const db = orgDb(w.orgId, prisma);
    expect((await db.user.findFirstOrThrow({ where: { id: w.accounts[0]!.id } })).switchedOffAt).toBeNull();
    const tenth = await ping(w.slug, t, WEEKDAY_NOON, {}, "?bad=1");
    expect(tenth.status).toBe(400);
    expect(tenth.headers.get("content-type")).toBe("application/problem+json");
    expect((await db.user.findFirstOrThrow({ where: { id: w.accounts[0]!.id } })).switchedOffReason).toBe("errors");
    expect(await db.job.count({ where: { name: "send-mail", key: { startsWith: "automation-switched-off:" } } })).toBe(1);
  });
});

describe("scope", () => {
  it("a bearer token on a staff route or a server action: 403", async () => {
    const w = await automationWorld(prisma);
    const t = await tokenAt(w, WEEKDAY_NOON);
    const res = await sessionRoute(req(`/api/${w.slug}/session`, { now: WEEKDAY_NOON, headers: { authorization: `Bearer ${t}` } }), params({ organisation: w.slug }));
    expect(res.status).toBe(403);
    const action = defineAction({ kind: "staff", input: z.object({}) }, async () => "done");
    current.headers = new Headers({ "x-forwarded-for": ip, authorization: `Bearer ${t}` });
    const r = await action(w.slug, {});
    expect(r).toMatchObject({ ok: false, status: 403, error: "forbidden" });
  });
});

describe("automation hours setting (admin/automatisering/tider)", () => {
  it("users.manage staff change the yearly window (the guard follows it); read-only staff are refused; a day that does not exist is refused beside its field", async () => {
    const { saveAutomationHoursAction } = await import("@/app/[organisation]/admin/automatisering/tider/actions");
    const w = await automationWorld(prisma);
    const db = orgDb(w.orgId, prisma);
    const manager = await db.user.findFirstOrThrow({ where: { id: w.manager.id } });
    const sessionOf = (u: typeof manager): AppSession => ({ kind: "staff", uid: u.id, name: u.name, email: u.email, orgId: w.orgId, orgSlug: w.slug, roles: u.roles, sv: u.sessionVersion, authAt: Math.floor(Date.now() / 1000) });
    current.session = sessionOf(manager);

    const bad = await saveAutomationHoursAction(w.slug, { useWindow: "on", from: "02-30", to: "05-15" });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(Object.keys((bad as { fieldErrors?: object }).fieldErrors ?? {})).toEqual(["from"]);

    const ok = await saveAutomationHoursAction(w.slug, { useWindow: "on", from: "01-10", to: "01-20" });
    expect(ok).toMatchObject({ ok: true, data: { changed: true, settings: { yearlyWindow: { from: "01-10", to: "01-20" } } } });
    expect(await db.auditLog.count({ where: { type: "SETTINGS_UPDATED" } })).toBe(1);
    // Saturday 16 January 2027 is now inside the window
    const sat = "2027-01-16T11:00:00.000Z";
    expect((await ping(w.slug, await tokenAt(w, sat), sat)).status).toBe(200);

    const reader = await db.user.create({ data: { organisationId: w.orgId, email: `laeser@${w.slug}.example`, name: "Læser", passwordHash: "-", totpSecretEnc: "-", roles: ["READ_ONLY"] } });
    current.session = sessionOf(reader);
    expect(await saveAutomationHoursAction(w.slug, { useWindow: "off" })).toMatchObject({ ok: false, status: 403 });
    current.session = sessionOf(manager);
    expect(await saveAutomationHoursAction(w.slug, { useWindow: "off" })).toMatchObject({ ok: true, data: { changed: true, settings: { yearlyWindow: null } } });
  });
});
