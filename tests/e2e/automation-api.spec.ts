/**
 * The automation API's core over HTTP against the running app (the test clock header, never
 * waiting): the day token (wrong / yesterday's code 401, a used code 401, stops at Danish
 * midnight), scope (a staff cookie cannot call the API; a token cannot open an admin page or
 * post a server action: 403), hours (refusals with reason + nextAllowed + Retry-After; a Saturday
 * inside the window accepted), the kill switch on the next request, and a burst above the rate
 * switching the account off with the organisation told (mail in the catcher, the account's flag).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiTokenExpiry } from "../../lib/rules/automation";
import { at, automationWorld, codeAt, runFixture, type AutomationWorld } from "./api-helpers";
import { expectMatchesOpenApi } from "./openapi-check";
import { freshTotp, submitStaffSignIn, testClientAddress } from "./helpers";

const port = process.env.E2E_PORT ?? "3100";
const mailUrl = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? Number(port) + 3000}/messages`;
type Mail = { to: string[]; subject: string; text: string };

const WEEKDAY_NOON = "2027-01-12T11:00:00.000Z"; // Tuesday 12:00 local, outside the window

async function token(request: APIRequestContext, w: AutomationWorld, now: string, n = 0, ip = testClientAddress()): Promise<string> {
  const a = w.accounts[n]!;
  const res = await request.post(`/api/v1/${w.slug}/token`, { headers: at(now, {}, ip), data: { apiKey: a.apiKey, code: codeAt(a.totpSecret, now) } });
  expect(res.status()).toBe(200);
  await expectMatchesOpenApi(res, "POST");
  const body = (await res.json()) as { token: string; tokenType: string; expiresAt: string };
  expect(body.tokenType).toBe("Bearer");
  expect(body.expiresAt).toBe(apiTokenExpiry(now));
  return body.token;
}
/** GET …/ping; every answer (200, 401, 403, 429) is checked against the served OpenAPI document. */
async function ping(request: APIRequestContext, w: AutomationWorld, t: string | null, now: string, ip = testClientAddress()) {
  const res = await request.get(`/api/v1/${w.slug}/ping`, { headers: at(now, t ? { authorization: `Bearer ${t}` } : {}, ip) });
  await expectMatchesOpenApi(res, "GET");
  return res;
}
const account = (w: AutomationWorld, op: "pause" | "switch-off" | "state", n = 0) =>
  runFixture<{ pausedAt: string | null; switchedOffAt: string | null; switchedOffReason: string | null; requests: number }>("automation-account", { orgId: w.orgId, userId: w.accounts[n]!.id, op });

test("a wrong or yesterday's code is 401, a used code is 401, and the token stops at Danish midnight", async ({ request }) => {
  const w = automationWorld();
  const a = w.accounts[0]!;
  const now = "2027-04-20T21:30:00.000Z"; // Tuesday 23:30 local, inside the window
  const right = codeAt(a.totpSecret, now);
  for (const code of [right === "000000" ? "111111" : "000000", codeAt(a.totpSecret, new Date(Date.parse(now) - 24 * 3600_000))]) {
    const res = await request.post(`/api/v1/${w.slug}/token`, { headers: at(now), data: { apiKey: a.apiKey, code } });
    expect(res.status()).toBe(401);
    await expectMatchesOpenApi(res, "POST");
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(res.headers()["ratelimit-limit"]).toBeTruthy();
    expect(await res.json()).toMatchObject({ type: "https://fraflyt.dk/problems/signed-out", status: 401, code: "signed-out" });
  }
  const t = await token(request, w, now);
  const used = await request.post(`/api/v1/${w.slug}/token`, { headers: at(now), data: { apiKey: a.apiKey, code: right } });
  expect(used.status()).toBe(401);
  await expectMatchesOpenApi(used, "POST");

  const before = await ping(request, w, t, "2027-04-20T21:59:59.000Z");
  expect(before.status()).toBe(200);
  expect(before.headers()["ratelimit-limit"]).toBe("60");
  expect(before.headers()["ratelimit-remaining"]).toBe("59");
  expect(before.headers()["ratelimit-reset"]).toMatch(/^\d+$/);
  const after = await ping(request, w, t, "2027-04-20T22:00:00.000Z"); // 00:00 local
  expect(after.status()).toBe(401);
  expect(after.headers()["www-authenticate"]).toContain("Bearer");
  expect(await after.json()).toMatchObject({ code: "signed-out", reason: "invalid-token" });
});

test("a staff cookie cannot call the API; a token cannot open an admin page or post a server action (403)", async ({ page, request }) => {
  const w = automationWorld();
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": testClientAddress() });
  await page.goto(`/${w.slug}/admin/login`);
  await submitStaffSignIn(page, w.manager.email, w.manager.password, await freshTotp(w.manager.totpSecret));
  await expect(page).toHaveURL(new RegExp(`/${w.slug}/admin`));
  await expect(page).not.toHaveURL(/login/);
  const staff = await page.request.get(`/api/v1/${w.slug}/ping`, { headers: at(WEEKDAY_NOON) });
  expect(staff.status()).toBe(401);
  await expectMatchesOpenApi(staff, "GET");
  expect(staff.headers()["content-type"]).toContain("application/problem+json");

  const t = await token(request, w, WEEKDAY_NOON);
  const bearer = { authorization: `Bearer ${t}` };
  for (const path of [`/${w.slug}/admin`, `/${w.slug}/admin/brugere`, `/api/${w.slug}/session`, "/operator"]) {
    const res = await request.get(path, { headers: at(WEEKDAY_NOON, bearer), maxRedirects: 0 });
    expect(res.status(), path).toBe(403);
  }
  const action = await request.post(`/${w.slug}/admin/brugere`, { headers: at(WEEKDAY_NOON, { ...bearer, "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" }), data: "[]", maxRedirects: 0 });
  expect(action.status()).toBe(403);
  // the same token still works where it belongs
  expect((await ping(request, w, t, WEEKDAY_NOON)).status()).toBe(200);
});

test("hours: 07:59 and 18:00 on a weekday, a Saturday and a public holiday outside the window are refused with nextAllowed; a Saturday inside it is accepted", async ({ request }) => {
  const w = automationWorld();
  const cases = [
    ["2027-01-01T11:00:00.000Z", "holiday", "2027-01-04T07:00:00.000Z"], // New Year's Day (Friday)
    ["2027-01-12T06:59:00.000Z", "outside-hours", "2027-01-12T07:00:00.000Z"], // Tuesday 07:59
    ["2027-01-12T17:00:00.000Z", "outside-hours", "2027-01-13T07:00:00.000Z"], // Tuesday 18:00
    ["2027-01-16T11:00:00.000Z", "weekend", "2027-01-18T07:00:00.000Z"], // Saturday
  ] as const;
  for (const [now, reason, nextAllowed] of cases) {
    const t = await token(request, w, now);
    const res = await ping(request, w, t, now);
    expect(res.status(), now).toBe(403);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(Number(res.headers()["retry-after"])).toBe(Math.ceil((Date.parse(nextAllowed) - Date.parse(now)) / 1000));
    expect(await res.json()).toMatchObject({ status: 403, code: "forbidden", reason, nextAllowed });
  }
  const saturday = "2027-04-17T12:00:00.000Z"; // Saturday 14:00 local, inside 1 April – 15 May
  expect((await ping(request, w, await token(request, w, saturday), saturday)).status()).toBe(200);
});

test("pause and switch-off take effect on the next request", async ({ request }) => {
  const w = automationWorld({ accounts: 2 });
  const t0 = await token(request, w, WEEKDAY_NOON, 0);
  const t1 = await token(request, w, WEEKDAY_NOON, 1);
  expect((await ping(request, w, t0, WEEKDAY_NOON)).status()).toBe(200);
  account(w, "pause", 0);
  const paused = await ping(request, w, t0, WEEKDAY_NOON);
  expect(paused.status()).toBe(403);
  expect((await paused.json()).reason).toBe("paused");
  expect((await ping(request, w, t1, WEEKDAY_NOON)).status()).toBe(200);
  account(w, "switch-off", 1);
  expect((await ping(request, w, t1, WEEKDAY_NOON)).status()).toBe(401);
});

test("a burst above the rate switches the account off and the organisation is told", async ({ request }) => {
  test.setTimeout(120_000);
  const w = automationWorld();
  const ip = testClientAddress();
  const t = await token(request, w, WEEKDAY_NOON, 0, ip);
  const statuses: number[] = [];
  let last = null as Awaited<ReturnType<typeof ping>> | null;
  for (let i = 0; i < 61; i++) {
    last = await ping(request, w, t, WEEKDAY_NOON, ip);
    statuses.push(last.status());
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(60);
  expect(last!.status()).toBe(429);
  expect(last!.headers()["ratelimit-remaining"]).toBe("0");
  expect(Number(last!.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await last!.json()).toMatchObject({ code: "rate-limited", reason: "rate" });
  // the next request fails; the account's flag (the admin banner reads it)
  expect((await ping(request, w, t, WEEKDAY_NOON, ip)).status()).toBe(401);
  const state = account(w, "state");
  expect(state.switchedOffReason).toBe("rate");
  expect(state.requests).toBe(60);
  // the mail to the organisation's "Manage users" staff
  await expect
    .poll(async () => {
      const mails = (await (await fetch(mailUrl)).json()) as Mail[];
      return mails.find((m) => m.to.includes(w.manager.email))?.subject ?? "";
    }, { timeout: 30_000 })
    .toContain("slået fra");
});

test("automation reads the Updates feed with its day token; the answer matches the OpenAPI document", async ({ request }) => {
  const w = automationWorld();
  const t = await token(request, w, WEEKDAY_NOON);
  const res = await request.get(`/api/v1/${w.slug}/updates`, { headers: at(WEEKDAY_NOON, { authorization: `Bearer ${t}` }) });
  expect(res.status()).toBe(200);
  await expectMatchesOpenApi(res, "GET");
  const body = (await res.json()) as { updates: { effectiveOn: string; publishedAt: string }[] };
  // Every Update took effect at least 14 days after it was published (the operator's rule).
  for (const u of body.updates) expect(Date.parse(`${u.effectiveOn}T00:00:00Z`) - Date.parse(u.publishedAt)).toBeGreaterThan(13 * 86_400_000);
  const anonymous = await request.get(`/api/v1/${w.slug}/updates`, { headers: at(WEEKDAY_NOON) });
  expect(anonymous.status()).toBe(401);
  await expectMatchesOpenApi(anonymous, "GET");
});
