/**
 * Walks every admin page a rightful user can reach, then replays each URL as the wrong person.
 *
 * Nordhavn's administrator (who holds the most roles) crawls the admin from /nordhavn/admin, two
 * links deep — every section of the navigation and every page those link to (detail and edit
 * pages of real rows). Then:
 *  - Solbakken's administrator opens each of those URLs: 404, and none of Nordhavn's data (its name,
 *    an address of its tenancies) is on the page;
 *  - a tenant of Nordhavn opens them: never an admin page (sign-in or 404);
 *  - the read-only user sees no navigation entry for the sections of user management.
 */
import { expect, test, type Page } from "@playwright/test";
import { staffSignIn as signIn, tenantSignIn } from "./helpers";

const ADMIN = "/nordhavn/admin";

/** Signs in and waits for the admin home, so the session cookie is set before the walk starts. */
async function staffSignIn(page: Page, slug: string, email: string) {
  await signIn(page, slug, email);
  await expect(page).toHaveURL(new RegExp(`/${slug}/admin$`));
}

/** The URL's shape: ids and numbers replaced, the query's values dropped (one detail page stands for all). */
const shape = (href: string) => href.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id").replace(/=[^&]*/g, "=").replace(/\d+/g, "n");

async function crawl(page: Page, start: string, depth: number): Promise<string[]> {
  const seen = new Set<string>([start]);
  const perShape = new Map<string, number>();
  let frontier = [start];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const url of frontier) {
      await page.goto(url);
      const hrefs = await page.$$eval("main a[href], nav a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
      for (const raw of hrefs) {
        const href = raw.split("#")[0]!;
        // Pages only: no sign-out, no downloads (CSV routes live under /api and are covered by their own tests).
        if (!href.startsWith(ADMIN) || href.startsWith(`${ADMIN}/login`) || seen.has(href)) continue;
        // At most two URLs of each shape (two tenancies, two pages of a list): the walk stays short.
        const n = perShape.get(shape(href)) ?? 0;
        if (n >= 2) continue;
        perShape.set(shape(href), n + 1);
        seen.add(href);
        next.push(href);
      }
    }
    frontier = next;
  }
  return [...seen];
}

test("staff of another organisation get 404 for every admin page of Nordhavn, a tenant gets none", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await staffSignIn(page, "nordhavn", "admin@nordhavn.example");
  const urls = await crawl(page, ADMIN, 2);
  // The shell's sections are all there: the walk covers more than the home page.
  expect(urls.length).toBeGreaterThan(5);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await staffSignIn(otherPage, "solbakken", "admin@solbakken.example");
  const wrong: string[] = [];
  for (const url of urls) {
    const res = await otherPage.goto(url);
    const body = await otherPage.locator("body").innerText();
    if (res?.status() !== 404 || body.includes("Nordhavn")) wrong.push(`${url}: ${res?.status()}`);
  }
  expect(wrong).toEqual([]);
  await other.close();

  const tenant = await browser.newContext();
  const tenantPage = await tenant.newPage();
  await tenantSignIn(tenantPage, "nordhavn", "anna");
  await expect(tenantPage).toHaveURL(/\/nordhavn\/beboer\//);
  const leaked: string[] = [];
  for (const url of urls) {
    const res = await tenantPage.goto(url);
    const onAdmin = new URL(tenantPage.url()).pathname.startsWith(ADMIN) && !new URL(tenantPage.url()).pathname.startsWith(`${ADMIN}/login`);
    if (onAdmin && res?.status() !== 404) leaked.push(`${url}: ${res?.status()} at ${tenantPage.url()}`);
  }
  expect(leaked).toEqual([]);
  await tenant.close();
});

test("the navigation shows each role only the sections it can use, and the rest answer 404 by URL", async ({ page, browser }) => {
  await staffSignIn(page, "nordhavn", "admin@nordhavn.example");
  const all = await page.getByTestId("admin-nav").locator("a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
  expect(all.length).toBeGreaterThan(5);

  const ctx = await browser.newContext();
  const todo = await ctx.newPage();
  await staffSignIn(todo, "nordhavn", "todo@nordhavn.example");
  const mine = await todo.getByTestId("admin-nav").locator("a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
  // The to-do role uses neither code tables, settings, tenancies nor users.
  expect(mine.length).toBeLessThan(all.length);
  for (const href of all.filter((h) => !mine.includes(h))) {
    const res = await todo.goto(href);
    expect(res?.status(), href).toBe(404);
  }
  await ctx.close();
});
