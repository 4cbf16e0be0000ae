/**
 * Sessions and sign-in against the running app, as an attacker would try them: a session cookie
 * copied before sign-out is refused afterwards (tenant, staff, operator); the tenant's sign-out also
 * ends the identity provider's session; a TOTP code works once; rapid sign-in attempts meet 429;
 * a hostile callbackUrl never gives a 500 or an off-site redirect.
 */
import { expect, test, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { deepLink, freshTotp, operatorSignIn, staffAccount, staffSignIn, tenantSignIn, testClientAddress } from "./helpers";
import { DEMO_PASSWORD } from "../../lib/demo/staff";

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** A client address of its own (the app keys rate limits and throttles on it), so this file's
 * bursts never slow down another test. */
const ownAddress = testClientAddress;

async function sessionCookies(context: BrowserContext) {
  const cookies = (await context.cookies()).filter((c) => SESSION_COOKIE.test(c.name));
  expect(cookies.length, "a session cookie after sign-in").toBeGreaterThan(0);
  return cookies;
}

/** Opens `path` in a fresh browser context that holds only the copied cookies; returns the URL it ends at. */
async function openWithCopiedCookies(browser: Browser, cookies: Awaited<ReturnType<typeof sessionCookies>>, path: string): Promise<string> {
  const other = await browser.newContext();
  try {
    await other.addCookies(cookies);
    const page = await other.newPage();
    await page.goto(path);
    return new URL(page.url()).pathname;
  } finally {
    await other.close();
  }
}

test.describe("a copied session cookie is refused after sign-out", () => {
  test("staff", async ({ page, browser }) => {
    await staffSignIn(page, "nordhavn", "laeser@nordhavn.example");
    await expect(page).toHaveURL(/\/nordhavn\/admin$/);
    const copied = await sessionCookies(page.context());
    // The copy works while the session is open…
    expect(await openWithCopiedCookies(browser, copied, "/nordhavn/admin")).toBe("/nordhavn/admin");
    await page.getByRole("button", { name: "Log ud" }).click();
    await expect(page).toHaveURL(/\/nordhavn\/admin\/login$/);
    // …and not after sign-out, on any instance: the session row has ended.
    expect(await openWithCopiedCookies(browser, copied, "/nordhavn/admin")).toBe("/nordhavn/admin/login");
  });

  test("operator", async ({ page, browser }) => {
    await operatorSignIn(page);
    await expect(page).toHaveURL(/\/operator$/);
    const copied = await sessionCookies(page.context());
    expect(await openWithCopiedCookies(browser, copied, "/operator")).toBe("/operator");
    await page.getByRole("button", { name: "Log ud" }).click();
    await expect(page).toHaveURL(/\/operator\/login$/);
    expect(await openWithCopiedCookies(browser, copied, "/operator")).toBe("/operator/login");
  });

  test("tenant — and the next “Log ind med MitID” asks for the user name again", async ({ page, browser }) => {
    await tenantSignIn(page, "nordhavn", "carl");
    await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
    const copied = await sessionCookies(page.context());
    expect(await openWithCopiedCookies(browser, copied, deepLink("nordhavn"))).toBe(deepLink("nordhavn"));

    await page.getByRole("button", { name: "Log ud" }).click();
    // Through the identity provider's logout, back to the organisation's sign-in page.
    await expect(page).toHaveURL(/\/nordhavn\/beboer\/login$/);
    expect(await openWithCopiedCookies(browser, copied, deepLink("nordhavn"))).toBe("/nordhavn/beboer/login");

    // A shared computer: the next person is asked who they are, not signed in as carl.
    await page.getByRole("button", { name: "Log ind med MitID" }).click();
    await expect(page.locator("#username")).toBeVisible();
    await expect(page.locator("#username")).toHaveValue("");
    await expect(page.getByText("Du logger ind hos")).toContainText("Nordhavn Boligadministration");
  });
});

/** One credentials sign-in over HTTP the way next-auth's client does it; returns the error code or null. */
async function credentialsSignIn(request: APIRequestContext, fields: Record<string, string>, address: string): Promise<{ status: number; error: string | null }> {
  const headers = { "x-forwarded-for": address };
  const csrf = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/staff", {
    headers,
    form: { ...fields, csrfToken: csrf.csrfToken, callbackUrl: `/${fields.organisation}/admin`, json: "true" },
  });
  const body = (await res.json()) as { url: string };
  return { status: res.status(), error: new URL(body.url).searchParams.get("error") };
}

test("the same TOTP code works once", async ({ playwright, baseURL }) => {
  const s = staffAccount("todo@nordhavn.example");
  const code = await freshTotp(s.totpSecret);
  const fields = { organisation: "nordhavn", email: s.email, password: DEMO_PASSWORD, code };
  const address = ownAddress();
  const first = await playwright.request.newContext({ baseURL });
  const second = await playwright.request.newContext({ baseURL });
  try {
    expect(await credentialsSignIn(first, fields, address)).toEqual({ status: 200, error: null });
    // The session works.
    const admin = await first.get("/nordhavn/admin", { maxRedirects: 0 });
    expect(admin.status()).toBe(200);
    // The same code again (another browser, same second): refused with the usual answer.
    expect(await credentialsSignIn(second, fields, address)).toEqual({ status: 401, error: "CredentialsSignin" });
    const refused = await second.get("/nordhavn/admin", { maxRedirects: 0 });
    expect(refused.status()).toBeGreaterThanOrEqual(300);
    expect(refused.status()).toBeLessThan(400);
  } finally {
    await first.dispose();
    await second.dispose();
  }
});

test("repeated failures make the sign-in form say to wait, for a known and an unknown e-mail alike", async ({ page }) => {
  const WRONG = "E-mail, adgangskode eller engangskode er forkert";
  const WAIT = "Der har været for mange mislykkede forsøg";
  for (const email of ["nobody@nordhavn.example", "laeser@nordhavn.example"]) {
    await page.context().setExtraHTTPHeaders({ "x-forwarded-for": ownAddress() });
    // The first three failures are ordinary refusals; the third earns a wait of 1 s, the next ones
    // 2, 4, 8 … s. An attempt that comes after its wait has passed is one more failure (a slow
    // machine may need a few), so the form must say to wait within a bounded number of attempts.
    const messages: string[] = [];
    for (let attempt = 1; attempt <= 8 && !messages.some((m) => m.includes(WAIT)); attempt++) {
      await page.goto("/nordhavn/admin/login");
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Adgangskode").fill("wrong-password");
      await page.getByLabel("Engangskode").fill("000000");
      await page.getByRole("button", { name: "Log ind" }).click();
      const summary = page.getByTestId("error-summary");
      await expect(summary).toContainText(attempt <= 3 ? WRONG : new RegExp(`${WRONG}|${WAIT}`));
      messages.push(await summary.innerText());
    }
    expect(messages.slice(0, 3).every((m) => m.includes(WRONG))).toBe(true);
    expect(messages.at(-1)).toContain(WAIT);
  }
});

test("the tenant's sign-in page says to wait when the sign-in start was rate limited", async ({ page }) => {
  await page.goto("/nordhavn/beboer/login?error=rate-limited");
  await expect(page.getByTestId("login-error")).toContainText("Vent et øjeblik");
  await expect(page.getByRole("button", { name: "Log ind med MitID" })).toBeVisible();
});

test.describe("rate limits on sign-in", () => {
  test("60 rapid sign-in attempts from one address meet 429 with Retry-After", async ({ request }) => {
    const headers = { "x-forwarded-for": ownAddress() };
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    let body = "";
    for (let i = 0; i < 60; i++) {
      const res = await request.post("/api/auth/callback/staff", {
        headers,
        form: { organisation: "nordhavn", email: `nobody${i}@nordhavn.example`, password: "x", code: "000000", csrfToken: "none" },
        maxRedirects: 0,
      });
      statuses.push(res.status());
      if (res.status() === 429 && retryAfter === undefined) {
        retryAfter = res.headers()["retry-after"];
        body = await res.text();
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // A form post gets a page that says to wait, in Danish by default.
    expect(body).toContain("For mange forsøg");
    expect(body).toMatch(/Vent \d+ sekunder/);
  });

  test("the tenant's sign-in start and the identity provider's callback are limited too", async ({ request }) => {
    const headers = { "x-forwarded-for": ownAddress() };
    const seen = { start: [] as number[], callback: [] as number[] };
    for (let i = 0; i < 40; i++) {
      seen.start.push((await request.post("/api/auth/signin/mitid-nordhavn", { headers, form: { csrfToken: "none", json: "true" }, maxRedirects: 0 })).status());
      seen.callback.push((await request.get("/api/auth/callback/mitid-nordhavn?code=x&state=y", { headers, maxRedirects: 0 })).status());
    }
    expect(seen.start).toContain(429);
    expect(seen.callback).toContain(429);
    expect([...seen.start, ...seen.callback].filter((s) => s >= 500)).toEqual([]);
    const limited = await request.post("/api/auth/signin/mitid-nordhavn", { headers, form: { csrfToken: "none", json: "true" }, maxRedirects: 0 });
    expect(limited.status()).toBe(429);
    // next-auth's client follows `url`: to the sign-in page, which says to wait.
    expect(((await limited.json()) as { url: string }).url).toMatch(/\/nordhavn\/beboer\/login\?error=rate-limited$/);
  });
});

test.describe("a hostile callbackUrl never gives a 500 or an off-site redirect", () => {
  const hostile = ["%E0%A4%A", "http://[", "javascript:alert(1)", "//evil.example/", "https://evil.example/", "/\\evil.example"];

  function sameSite(location: string | undefined, base: string): boolean {
    if (!location) return true;
    try {
      return new URL(location, base).origin === new URL(base).origin;
    } catch {
      return false;
    }
  }

  for (const value of hostile) {
    test(`callbackUrl=${value}`, async ({ context, baseURL }) => {
      const request = context.request;
      const headers = { "x-forwarded-for": ownAddress() };
      // The raw value goes into the query unencoded where it is already percent-shaped.
      const q = value.startsWith("%") ? value : encodeURIComponent(value);
      for (const path of [`/api/auth/signin?callbackUrl=${q}`, `/auth/signin?error=x&callbackUrl=${q}`, `/nordhavn/admin/login?callbackUrl=${q}`, `/nordhavn/beboer/login?callbackUrl=${q}`]) {
        const res = await request.get(path, { headers, maxRedirects: 0 });
        expect(res.status(), path).toBeLessThan(500);
        expect(sameSite(res.headers()["location"], baseURL!), `${path} → ${res.headers()["location"]}`).toBe(true);
      }
      // As next-auth's callback-url cookie, at the tenant's sign-in start (with a valid CSRF token).
      await context.addCookies([{ name: "next-auth.callback-url", value: q, url: baseURL! }]);
      const csrfRes = await request.get("/api/auth/csrf", { headers });
      expect(csrfRes.status()).toBe(200);
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
      const start = await request.post("/api/auth/signin/mitid-nordhavn", { headers, form: { csrfToken, json: "true" }, maxRedirects: 0 });
      expect(start.status()).toBe(200);
      // next-auth's client is sent to the identity provider, and the remembered address is ours.
      expect(((await start.json()) as { url: string }).url).toMatch(/^http:\/\/localhost:\d+\/auth\?/);
      const remembered = (await context.cookies(baseURL!)).find((c) => c.name === "next-auth.callback-url");
      expect(remembered, "next-auth rewrites the callback-url cookie").toBeDefined();
      const stored = decodeURIComponent(remembered!.value);
      expect(sameSite(stored, baseURL!), stored).toBe(true);
    });
  }
});
