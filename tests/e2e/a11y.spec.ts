/**
 * Accessibility (WCAG 2.2 AA): axe finds no violations on the public and signed-in pages at phone and
 * desktop widths; the skip link, the staff sign-in form and the tenant's start link work by keyboard
 * with a visible focus ring; and pages reflow without horizontal scrolling at 320 CSS px (1.4.10).
 *
 * Set A11Y_SCREENSHOTS=/some/dir to save a full-page screenshot of every page checked, for a human look.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { deepLink, operatorSignIn, staffSignIn, tenantSignIn } from "./helpers";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
] as const;

const SHOTS = process.env.A11Y_SCREENSHOTS;

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = violations.map(
    (v) => `${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`).join("\n")}`,
  );
  expect(report, `axe violations on ${label}`).toEqual([]);
}

async function screenshot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

type PageCase = { name: string; open: (page: Page) => Promise<void> };

const h1 = (page: Page, text: string) => expect(page.getByRole("heading", { level: 1 })).toHaveText(text);

const PAGES: PageCase[] = [
  { name: "home", open: async (page) => { await page.goto("/"); await expect(page.getByRole("heading", { level: 1 })).toBeVisible(); } },
  { name: "not-found", open: async (page) => { const res = await page.goto("/findes-ikke/beboer/selvbetjening/opsigelse"); expect(res?.status()).toBe(404); await h1(page, "Siden findes ikke"); } },
  { name: "tenant-login", open: async (page) => { await page.goto("/nordhavn/beboer/login"); await expect(page.getByRole("button", { name: "Log ind med MitID" })).toBeVisible(); } },
  {
    name: "tenant-login-no-tenancy",
    open: async (page) => {
      await page.goto("/nordhavn/beboer/login?error=no-tenancy");
      await expect(page.getByTestId("login-error")).toContainText("Vi kan ikke finde et lejemål");
    },
  },
  {
    name: "tenant-notice-can-start",
    open: async (page) => {
      await tenantSignIn(page, "nordhavn", "poul");
      await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
      await expect(page.getByTestId("start-notice")).toBeVisible();
    },
  },
  {
    name: "tenant-notice-cannot-start",
    open: async (page) => {
      await tenantSignIn(page, "nordhavn", "erik");
      await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
      await expect(page.getByTestId("cannot-start")).toBeVisible();
    },
  },
  {
    name: "tenant-notice-stopped",
    open: async (page) => {
      await tenantSignIn(page, "nordhavn", "jette");
      await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
      await expect(page.getByTestId("stopped-contact")).toBeVisible();
    },
  },
  {
    name: "tenant-notice-english-fallback",
    open: async (page) => {
      await tenantSignIn(page, "nordhavn", "carl");
      await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.getByTestId("notice-rule").locator('span[lang="da"]')).toBeVisible();
    },
  },
  { name: "privacy-notice", open: async (page) => { await page.goto("/nordhavn/privatlivspolitik"); await h1(page, "Privatlivspolitik"); } },
  { name: "accessibility-statement", open: async (page) => { await page.goto("/nordhavn/tilgaengelighedserklaering"); await h1(page, "Tilgængelighedserklæring"); } },
  {
    name: "staff-login-errors",
    open: async (page) => {
      await page.goto("/nordhavn/admin/login");
      await page.getByRole("button", { name: "Log ind" }).click();
      await expect(page.getByTestId("error-summary")).toBeFocused();
    },
  },
  {
    name: "admin-home",
    open: async (page) => {
      await staffSignIn(page, "nordhavn", "sagsbehandler@nordhavn.example");
      await expect(page).toHaveURL(/\/nordhavn\/admin$/);
      await expect(page.getByTestId("admin-roles")).toBeVisible();
    },
  },
  { name: "operator-login", open: async (page) => { await page.goto("/operator/login"); await expect(page.getByRole("button", { name: "Log ind" })).toBeVisible(); } },
  {
    name: "operator-home",
    open: async (page) => {
      await operatorSignIn(page);
      await expect(page).toHaveURL(/\/operator$/);
      await expect(page.getByRole("table")).toBeVisible();
    },
  },
];

for (const vp of VIEWPORTS) {
  test.describe(`axe WCAG 2.2 AA at ${vp.width}×${vp.height}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });
    for (const p of PAGES) {
      test(`${p.name} has no violations`, async ({ page }) => {
        await p.open(page);
        await screenshot(page, `${p.name}-${vp.width}`);
        await expectNoAxeViolations(page, `${p.name} at ${vp.width}px`);
      });
    }
  });
}

test.describe("keyboard", () => {
  test("staff sign-in: the skip link is the first Tab stop, moves focus to main, then E-mail → Adgangskode → Engangskode → Log ind", async ({ page }) => {
    await page.goto("/nordhavn/admin/login");
    await expect(page.getByRole("button", { name: "Log ind" })).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Gå til indhold" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport(); // shown on focus (sr-only → not-sr-only)
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "staff-login-skip-link-focused.png") });
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "staff-login-main-focused.png") });
    for (const field of ["E-mail", "Adgangskode", "Engangskode"]) {
      await page.keyboard.press("Tab");
      await expect(page.getByLabel(field)).toBeFocused();
    }
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Log ind" })).toBeFocused();
  });

  test("staff sign-in without the skip link: the header comes first, then the form in order", async ({ page }) => {
    await page.goto("/nordhavn/admin/login");
    await expect(page.getByRole("button", { name: "Log ind" })).toBeVisible();
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      const name = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return "";
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return (label ?? el.textContent ?? "").trim();
      });
      order.push(name);
      if (name === "Log ind") break;
    }
    expect(order[0]).toBe("Gå til indhold");
    expect(order.slice(-4)).toEqual(["E-mail", "Adgangskode", "Engangskode", "Log ind"]);
  });

  test("tenant notice page: the start link is reachable by keyboard and has a visible focus ring", async ({ page }) => {
    await tenantSignIn(page, "nordhavn", "poul");
    await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
    const start = page.getByTestId("start-notice");
    await expect(start).toBeVisible();
    let reached = false;
    for (let i = 0; i < 15 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await start.evaluate((el) => el === document.activeElement);
    }
    expect(reached, "the start link is reached with Tab").toBe(true);
    await expect(start).toBeInViewport();
    const ring = await start.evaluate((el) => {
      const s = getComputedStyle(el);
      return { focusVisible: el.matches(":focus-visible"), style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
    });
    expect(ring.focusVisible).toBe(true);
    expect(ring.style).not.toBe("none");
    expect(ring.width).toBeGreaterThanOrEqual(2);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "tenant-start-focused.png") });
  });
});

test.describe("reflow at 320 CSS px (WCAG 1.4.10)", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  async function expectNoHorizontalScroll(page: Page, name: string) {
    await screenshot(page, `${name}-320`);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth, `${name}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`).toBeLessThanOrEqual(clientWidth);
  }

  for (const username of ["anna", "dorte", "erik", "jette"]) {
    test(`tenant notice page (${username})`, async ({ page }) => {
      await tenantSignIn(page, "nordhavn", username);
      await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
      await expect(page.getByTestId("notice-tile")).toBeVisible();
      await expectNoHorizontalScroll(page, `tenant-notice-${username}`);
    });
  }

  for (const [name, path] of [
    ["privacy-notice", "/nordhavn/privatlivspolitik"],
    ["accessibility-statement", "/nordhavn/tilgaengelighedserklaering"],
  ] as const) {
    test(`${name} (long Danish words)`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByTestId("legal-text")).toBeVisible();
      await expectNoHorizontalScroll(page, name);
    });
  }

  test("staff sign-in, with and without the error summary", async ({ page }) => {
    await page.goto("/nordhavn/admin/login");
    await expect(page.getByRole("button", { name: "Log ind" })).toBeVisible();
    await expectNoHorizontalScroll(page, "staff-login");
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page.getByTestId("error-summary")).toBeFocused();
    await expectNoHorizontalScroll(page, "staff-login-errors");
  });
});
