/**
 * HTTP hardening, against the running app: every page carries a Content-Security-Policy whose
 * nonce is on every script of the page (and is new on every request), framing is forbidden, the
 * pages still hydrate and work with no CSP violation, and authenticated answers — pages and JSON —
 * are never stored by a cache.
 */
import { expect, test, type Page } from "@playwright/test";
import { staffSignIn, tenantSignIn } from "./helpers";

const PAGES = ["/", "/nordhavn/beboer/login", "/nordhavn/admin/login", "/operator/login", "/findes-ikke/side"];

function cspDirectives(csp: string | undefined): Map<string, string> {
  return new Map((csp ?? "").split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)] as const));
}

/** Records every CSP violation reported on our own origin (the identity provider is another site). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCsp", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp(`${e.documentURI} ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  return violations;
}

for (const path of PAGES) {
  test(`${path} carries a CSP with frame-ancestors 'none' and its nonce on every script`, async ({ request }) => {
    const res = await request.get(path);
    const csp = res.headers()["content-security-policy"];
    const d = cspDirectives(csp);
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("object-src")).toBe("'none'");
    const nonce = /'nonce-([^']+)'/.exec(d.get("script-src") ?? "")?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(d.get("script-src")).not.toContain("unsafe-inline");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
    // a fresh nonce on the next request
    const again = cspDirectives((await request.get(path)).headers()["content-security-policy"]);
    expect(again.get("script-src")).not.toBe(d.get("script-src"));
    // and the other headers
    const h = res.headers();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"]).toContain("camera=()");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["strict-transport-security"]).toBeUndefined(); // the public URL of the tests is http
  });
}

test("pages hydrate under the CSP: the language switch (a server action) and the sign-in form's own validation work, with no violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/nordhavn/admin/login");
  // client-side validation only runs once React has hydrated the form
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Udfyld e-mail.");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Dansk" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "da");
  expect(violations).toEqual([]);
});

test("staff sign in and use the admin with no CSP violation; the admin page and its JSON are no-store", async ({ page }) => {
  const violations = await watchViolations(page);
  await staffSignIn(page, "nordhavn", "admin@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await expect(page.getByTestId("admin-organisation")).toBeVisible();
  expect(violations).toEqual([]);

  const pageRes = await page.request.get("/nordhavn/admin");
  expect(pageRes.status()).toBe(200);
  expect(pageRes.headers()["cache-control"]).toContain("no-store");

  const json = await page.request.get("/api/nordhavn/session");
  expect(json.status()).toBe(200);
  expect(json.headers()["cache-control"]).toBe("no-store");
  expect(await json.json()).toMatchObject({ organisation: { slug: "nordhavn" }, user: { email: "admin@nordhavn.example" } });
});

test("a tenant signs in through the identity provider with no CSP violation on our pages", async ({ page }) => {
  const violations = await watchViolations(page);
  await tenantSignIn(page, "nordhavn", "anna");
  await expect(page.getByTestId("notice-tile")).toBeVisible();
  expect(violations).toEqual([]);
  const res = await page.request.get("/nordhavn/beboer/selvbetjening/opsigelse");
  expect(res.headers()["cache-control"]).toContain("no-store");
});

test("JSON answers are no-store even when refused, and never framed", async ({ request }) => {
  const res = await request.get("/api/nordhavn/session");
  expect(res.status()).toBe(401);
  expect(res.headers()["cache-control"]).toBe("no-store");
  expect((await res.json()).error).toBe("signed-out");
  expect(cspDirectives(res.headers()["content-security-policy"]).get("frame-ancestors")).toBe("'none'");
});
