/**
 * The tenant's sign-in with JavaScript turned off (issue 10: "One complete notice with JavaScript
 * disabled", "The deep link while signed out lands in the wizard after sign-in"): the deep link
 * while signed out → the sign-in page → "Log ind med MitID" (a plain form post to our own route,
 * which answers a page that goes on to the identity provider by itself, since CSP form-action
 * 'self' stops a form post's redirect to another site) → the MitID (test) login form → back at the
 * deep link, signed in. A hostile callbackUrl ends on our own page; another site's form only
 * reaches our sign-in page.
 */
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { deepLink, testClientAddress } from "./helpers";

async function noJsContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": testClientAddress() } });
}

test("without JavaScript: deep link → sign-in page → MitID → back at the deep link, signed in", async ({ browser, baseURL }) => {
  const context = await noJsContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(deepLink("nordhavn"));
    await expect(page).toHaveURL(new RegExp(`/nordhavn/beboer/login\\?callbackUrl=${encodeURIComponent(deepLink("nordhavn")).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));

    // The button is a plain form post to our own origin (CSP form-action 'self' allows it).
    const button = page.getByRole("button", { name: "Log ind med MitID" });
    await expect(button).toBeVisible();
    const onward = page.waitForResponse((r) => r.url() === `${baseURL}/api/nordhavn/login` && r.request().method() === "POST");
    await button.click();
    const res = await onward;
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");

    // …and that page goes on to the identity provider by itself.
    await expect(page.locator("#username")).toBeVisible();
    await expect(page.getByText("Du logger ind hos")).toContainText("Nordhavn Boligadministration");
    await page.locator("#username").fill("kim");
    await page.getByRole("button", { name: "Fortsæt" }).click();

    await expect(page).toHaveURL(`${baseURL}${deepLink("nordhavn")}`);
    await expect(page.getByText("Logget ind som Kim")).toBeVisible();
    await expect(page.getByTestId("notice-tile")).toHaveCount(1);
  } finally {
    await context.close();
  }
});

test("without JavaScript, the page on the way to MitID has a link for a browser that does not go on by itself", async ({ browser, baseURL }) => {
  const context = await noJsContext(browser);
  try {
    const page = await context.newPage();
    await page.goto("/nordhavn/beboer/login");
    // Stop at the page of ours (the browser would otherwise follow its meta refresh at once).
    const toIdp = /\/auth\?/;
    await context.route(toIdp, (route) => route.abort());
    // Read our page's HTML as it passes (its body is gone once the browser has moved on).
    let html = "";
    await context.route(`${baseURL}/api/nordhavn/login`, async (route) => {
      const response = await route.fetch();
      html = await response.text();
      await route.fulfill({ response, body: html });
    });
    await page.getByRole("button", { name: "Log ind med MitID" }).click();
    await expect.poll(() => html, { timeout: 10_000 }).toContain("http-equiv");
    await context.unroute(`${baseURL}/api/nordhavn/login`);
    expect(html).toMatch(/<meta http-equiv="refresh" content="0;url=http:\/\/localhost:\d+\/auth\?/);
    expect(html).not.toMatch(/<script/i);
    const link = /<a class="button" href="([^"]+)"[^>]*>Fortsæt til MitID<\/a>/.exec(html);
    expect(link, "a link that looks like a button").not.toBeNull();
    const css = await context.request.get("/onward.css");
    expect(css.status()).toBe(200);
    expect(css.headers()["content-type"]).toMatch(/^text\/css/);
    // The same handler (unroute matches it by identity), and a page of its own: the first page's
    // aborted meta refresh must not race the navigation by hand (net::ERR_ABORTED).
    await context.unroute(toIdp);
    const byHand = await context.newPage();
    // Following the link by hand reaches the same login form.
    await byHand.goto(link![1]!.replace(/&#38;/g, "&"));
    await expect(byHand.locator("#username")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("without JavaScript, a hostile callbackUrl ends on our own page after sign-in", async ({ browser, baseURL }) => {
  const context = await noJsContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`/nordhavn/beboer/login?callbackUrl=${encodeURIComponent("https://evil.example/")}`);
    await page.getByRole("button", { name: "Log ind med MitID" }).click();
    await page.locator("#username").fill("hanne");
    await page.getByRole("button", { name: "Fortsæt" }).click();
    await expect(page).toHaveURL(`${baseURL}${deepLink("nordhavn")}`);
    await expect(page.getByText("Logget ind som Hanne")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("a post from another site starts nothing: it lands on our sign-in page", async ({ context, baseURL }) => {
  const res = await context.request.post("/api/nordhavn/login", {
    headers: { origin: "https://evil.example", "x-forwarded-for": testClientAddress() },
    form: { callbackUrl: "https://evil.example/" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(303);
  expect(res.headers()["location"]).toBe(`${baseURL}/nordhavn/beboer/login?callbackUrl=${encodeURIComponent(deepLink("nordhavn"))}`);
  expect(res.headers()["set-cookie"] ?? "").not.toMatch(/next-auth\.(state|pkce|nonce)/);
});
