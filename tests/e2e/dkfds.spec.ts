/**
 * The DKFDS look on tenant pages: the design system's style sheet and font are served by us (no
 * CDN) and only to tenant pages; the start page has no axe violations at phone and desktop width; and
 * the session-expiry warning appears five minutes before the absolute one-hour session ends, takes
 * focus, closes with "Fortsæt", and says so when the session has ended (browser clock fast-forwarded).
 *
 * Set A11Y_SCREENSHOTS=/some/dir to save screenshots.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { deepLink, tenantSignIn } from "./helpers";

const SHOTS = process.env.A11Y_SCREENSHOTS;
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe violations on ${label}`,
  ).toEqual([]);
}

test("tenant pages load DKFDS and IBM Plex Sans from our own origin; the admin does not load DKFDS", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto("/nordhavn/beboer/login");
  await expect(page.getByRole("button", { name: "Log ind med MitID" })).toBeVisible();
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(font).toContain("IBM Plex Sans");
  // The face loads (from our origin, see below): FontFace.load resolves only when the file arrived and parsed.
  const loaded = await page.evaluate(async () => (await document.fonts.load('600 16px "IBM Plex Sans"')).map((f) => `${f.family} ${f.weight} ${f.status}`));
  expect(loaded).toContain("IBM Plex Sans 600 loaded");
  // DKFDS's header and its 10 px rem are in force.
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("10px");
  await expect(page.getByTestId("tenant-header")).toHaveClass(/\bheader\b/);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:"))).toEqual([]);
  expect(requests.some((u) => /IBMPlexSans-[A-Za-z]+\.[\w-]+\.woff2$/.test(u))).toBe(true);

  // A staff page without DKFDS components keeps Tailwind's 16 px rem.
  await page.goto("/");
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("16px");
});

for (const vp of [
  { name: "390", width: 390, height: 844 },
  { name: "1280", width: 1280, height: 900 },
]) {
  test(`the start page at ${vp.name} px: DKFDS back link and start button, no axe violations`, async ({ page }) => {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await tenantSignIn(page, "nordhavn", "poul");
    await page.getByTestId("start-notice").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opsig dit lejemål");
    await expect(page.locator("a.back-link")).toHaveText("Tilbage til oversigten");
    await expect(page.getByTestId("start-button")).toBeVisible();
    await shot(page, `tenant-start-info-${vp.name}`);
    await expectNoAxeViolations(page, `start page at ${vp.name}`);
  });
}

test("the session-expiry warning: five minutes before the end, focus in the dialog, 'Fortsæt' closes it; at the end it says so", async ({ page }) => {
  await page.clock.install();
  await tenantSignIn(page, "nordhavn", "anna");
  await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  const dialog = page.getByTestId("session-expiry");
  await expect(dialog).not.toBeVisible();

  // 54 minutes in: still quiet.
  await page.clock.fastForward("54:00");
  await expect(dialog).not.toBeVisible();

  // 56 minutes in: the warning, as a modal dialog with focus inside it.
  await page.clock.fastForward("02:00");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { level: 2 })).toHaveText("Du bliver snart logget ud");
  await expect(dialog).toContainText(/logget ud om [1-4] minutter/);
  await expect(dialog.getByRole("button", { name: "Log ud nu" })).toBeVisible();
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await shot(page, "session-expiry-warning");
  await expectNoAxeViolations(page, "session-expiry warning");
  await dialog.getByRole("button", { name: "Fortsæt" }).click();
  await expect(dialog).not.toBeVisible();

  // Not shown again before the end; after it, the dialog says the session ended.
  await page.clock.fastForward("01:00");
  await expect(dialog).not.toBeVisible();
  await page.clock.fastForward("05:00");
  await expect(dialog.getByRole("heading", { level: 2 })).toHaveText("Du er blevet logget ud");
  await expect(dialog.getByRole("link", { name: "Log ind igen" })).toHaveAttribute("href", "/nordhavn/beboer/login");
});
