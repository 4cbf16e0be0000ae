/**
 * The tenant wizard end to end, against the real app, identity provider, worker and mail catcher:
 * every step clicked through as a tenant would, on a phone and a laptop, with and without
 * JavaScript; signing; the receipt, the letter (PDF/A) and the e-mail.
 *
 * Each test uses its own demo tenant (lib/demo/seed.ts DEMO_CASES), so tests never share a notice.
 */
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { deepLink, tenantSignIn, testClientAddress } from "./helpers";

const port = Number(process.env.E2E_PORT ?? 3100);
const mailUrl = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? port + 3000}/messages`;
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const continueButton = (page: Page) => page.getByTestId("continue");

/** Starts (or resumes) the signed-in tenant's notice from its tile; returns the notice's base URL. */
async function startFromTile(page: Page, slug = "nordhavn"): Promise<string> {
  await page.goto(deepLink(slug));
  await page.getByTestId("start-notice").first().click();
  await page.getByTestId("start-button").click();
  await expect(page).toHaveURL(/\/opsigelse\/[0-9a-f-]{36}\/generelt$/);
  return page.url().replace(/\/generelt$/, "");
}

/** A move-out date about two months ahead, on a weekday (so that it is its own first inspection day). */
function moveOutAhead(): { day: string; month: string; year: string; iso: string } {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 60);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  const iso = d.toISOString().slice(0, 10);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()), iso };
}

type Fill = {
  /** Called on every page after it loaded (axe, screenshots, reload checks). */
  onPage?: (page: Page, slug: string) => Promise<void>;
  js?: boolean;
  cohabitant?: { name: string; email: string; mobile: string };
  subLeases?: "yes" | "no";
  onlyOccupant?: boolean;
};

/** Fills in every page from "Før du starter" to the signing page, checking where each one leads. */
async function fillWizard(page: Page, base: string, opts: Fill = {}) {
  const at = async (slug: string) => {
    await expect(page).toHaveURL(new RegExp(`${base}/${slug}(\\?.*)?$`));
    await opts.onPage?.(page, slug);
  };
  await at("generelt");
  await continueButton(page).click();

  await at("dig-og-lejemaalet");
  const single = (await page.locator("#tenant1Id, [name=tenant1Id]").count()) === 0;
  if (single) {
    if (opts.cohabitant) {
      await page.getByLabel("Ja", { exact: true }).check();
      await page.locator("#cohabitantName").fill(opts.cohabitant.name);
      await page.locator("#cohabitantEmail").fill(opts.cohabitant.email);
      await page.locator("#cohabitantMobile").fill(opts.cohabitant.mobile);
    } else await page.getByLabel("Nej", { exact: true }).check();
  }
  await continueButton(page).click();

  if (opts.subLeases) {
    await at("bilejemaal");
    await expect(page.getByTestId("sub-lease-list").getByRole("listitem")).toHaveCount(2);
    await page.getByRole("radio", { name: opts.subLeases === "yes" ? /Ja, opsig dem/ : /Nej, jeg vil beholde/ }).check();
    await continueButton(page).click();
  }

  await at("fraflytning");
  const date = moveOutAhead();
  await page.getByRole("group", { name: "Hvorfor flytter du?" }).getByRole("radio").first().check();
  await page.getByLabel("Dag").fill(date.day);
  await page.getByLabel("Måned").fill(date.month);
  await page.getByLabel("År").fill(date.year);
  await continueButton(page).click();

  await at("flyttesyn");
  await expect(page.getByTestId("vacating")).toContainText("kl. 12.00");
  await expect(page.getByTestId("latest-notice")).toContainText("skal opsigelsen være modtaget senest");
  await expect(page.getByRole("group", { name: "Hvornår ønsker du flyttesyn?" }).getByRole("radio").first()).toBeChecked();
  await continueButton(page).click();

  await at("fremvisning");
  await continueButton(page).click();

  await at("ny-adresse");
  if (opts.js === false) {
    await page.getByLabel("Søg efter adressen").fill("Vestergade 1");
    await page.getByTestId("a0-search").click();
    await page.getByRole("group", { name: "Vælg adressen" }).getByRole("radio").first().check();
  } else {
    await page.getByRole("combobox", { name: "Søg efter adressen" }).fill("Vestergade 1");
    await page.getByRole("listbox").getByRole("option").first().click();
  }
  await continueButton(page).click();

  await at("konto");
  if (!(await page.getByRole("radio", { name: "Til min NemKonto" }).count())) {
    await page.getByRole("radio", { name: "Til en dansk bankkonto" }).check();
    await page.getByLabel("Registreringsnummer").fill("1234");
    await page.getByLabel("Kontonummer").fill("12345678");
  }
  await continueButton(page).click();

  await at("tjek-svar");
  if (opts.onlyOccupant) await page.getByLabel("Jeg bekræfter, at jeg er den eneste, der bor i boligen").check();
  await continueButton(page).click();
  await at("underskriv");
}

async function atIdp(page: Page, username: string) {
  await expect(page.getByRole("heading", { name: "Log ind" })).toBeVisible();
  await expect(page.getByTestId("reference-text")).toContainText("Opsigelse af");
  await page.locator("#username").fill(username);
  await page.getByRole("button", { name: "Fortsæt" }).click();
}

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe on ${label}`,
  ).toEqual([]);
}

async function mailsTo(address: string): Promise<{ subject: string; text: string; to: string[] }[]> {
  const res = await fetch(mailUrl);
  const all = (await res.json()) as { subject: string; text: string; to: string[] }[];
  return all.filter((m) => m.to.some((t) => t.toLowerCase().includes(address)));
}

test.describe.configure({ mode: "serial", timeout: 180_000 });

test("anna gives notice from the deep link to the letter: every step, signing, receipt, PDF/A and e-mail", async ({ page }) => {
  // Signed out, the deep link leads to sign-in and back into the wizard.
  await tenantSignIn(page, "nordhavn", "anna");
  await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  const base = await startFromTile(page);
  await fillWizard(page, base, {
    onlyOccupant: true,
    // Reload on every step loses nothing: the page comes back with the saved answers.
    onPage: async (p) => {
      await p.reload();
      await expect(continueButton(p).or(p.getByRole("button", { name: /Underskriv med MitID/ }))).toBeVisible();
    },
  });
  await expect(page.getByTestId("vacating-deadline")).toContainText("Du skal være fraflyttet senest kl. 12.00 den");
  await page.getByRole("button", { name: "Underskriv med MitID som Anna Jensen" }).click();
  await atIdp(page, "anna");
  await expect(page).toHaveURL(new RegExp(`${base}/kvittering$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The letter is rendered by the worker: poll the receipt until its link is there.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("receipt-letter")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("receipt-deadline")).toContainText("Du skal være fraflyttet senest kl. 12.00");
  const href = await page.getByTestId("receipt-letter").getByRole("link").getAttribute("href");
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  const bytes = Buffer.from(await pdf.body());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(bytes.toString("latin1")).toMatch(/pdfaid:part(="|>)2/);

  // The e-mail receipt in the catcher: a link to the documents, not the letter.
  await expect(async () => {
    const mails = await mailsTo("anna.jensen@example.dk");
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0]!.text).toContain("/nordhavn/beboer/dokumenter");
  }).toPass({ timeout: 60_000 });

  // No second notice can be started: the start page says notice has been given.
  await page.goto(deepLink("nordhavn"));
  await expect(page.getByTestId("start-notice")).toHaveCount(0);
});

test("carl adds a cohabitant, who must sign and cannot be carl", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "carl");
  await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  const base = await startFromTile(page);
  await fillWizard(page, base, { cohabitant: { name: "Ulla Ukendt", email: "ulla.ukendt@example.dk", mobile: "22 33 44 55" } });
  await expect(page.getByText("Ulla Ukendt").first()).toBeVisible();
  await page.getByRole("button", { name: "Underskriv med MitID som Carl Nielsen" }).click();
  await atIdp(page, "carl");
  await expect(page).toHaveURL(/underskriv\?signeret=/);
  // Changing an answer after a signature voids it, and says so.
  await page.goto(`${base}/fremvisning?fra=tjek`);
  await expect(page.getByTestId("signed-warning")).toBeVisible();
  await page.getByLabel("Telefonnummer til fremvisning").fill("40 99 88 77");
  await continueButton(page).click();
  await expect(page).toHaveURL(new RegExp(`${base}/tjek-svar\\?annulleret=1$`));
  await expect(page.getByTestId("signatures-voided")).toBeVisible();
  await continueButton(page).click();
  await expect(page.getByTestId("signer-tenant1")).toContainText("Mangler at underskrive");
  await page.getByRole("button", { name: "Underskriv med MitID som Carl Nielsen" }).click();
  await atIdp(page, "carl");
  await expect(page).toHaveURL(/underskriv\?signeret=/);
  // Carl in the cohabitant's place is refused.
  await page.getByRole("button", { name: "Underskriv med MitID som Ulla Ukendt" }).click();
  await atIdp(page, "carl");
  await expect(page).toHaveURL(/fejl=/);
  await expect(page.getByTestId("signing-error")).toBeVisible();
  await page.getByRole("button", { name: "Underskriv med MitID som Ulla Ukendt" }).click();
  await atIdp(page, "ukendt");
  await expect(page).toHaveURL(new RegExp(`${base}/kvittering$`));
});

test("dorte's sub-leases are shown and given notice with the main lease", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "dorte");
  const base = await startFromTile(page);
  await fillWizard(page, base, { subLeases: "yes", onlyOccupant: true });
  await page.goto(`${base}/tjek-svar`);
  await expect(page.getByTestId("check-answers")).toContainText("Opsiges sammen med boligen");
});

test("the move-out date: before today refused, more than 6 months ahead noted, the inspection list has only weekdays that are not holidays", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "hanne");
  const base = await startFromTile(page);
  await continueButton(page).click();
  await page.getByLabel("Nej", { exact: true }).check();
  await continueButton(page).click();
  await expect(page).toHaveURL(`${base}/fraflytning`);
  await page.getByRole("group", { name: "Hvorfor flytter du?" }).getByRole("radio").first().check();
  const y = new Date();
  y.setUTCDate(y.getUTCDate() - 1);
  await page.getByLabel("Dag").fill(String(y.getUTCDate()));
  await page.getByLabel("Måned").fill(String(y.getUTCMonth() + 1));
  await page.getByLabel("År").fill(String(y.getUTCFullYear()));
  await continueButton(page).click();
  await expect(page).toHaveURL(`${base}/fraflytning`);
  await expect(page.getByTestId("error-summary")).toContainText("Fraflytningsdatoen kan ikke ligge før i dag");
  // What was typed is still there.
  await expect(page.getByLabel("Dag")).toHaveValue(String(y.getUTCDate()));

  const far = new Date();
  far.setUTCMonth(far.getUTCMonth() + 8);
  await page.getByLabel("Dag").fill(String(far.getUTCDate()));
  await page.getByLabel("Måned").fill(String(far.getUTCMonth() + 1));
  await page.getByLabel("År").fill(String(far.getUTCFullYear()));
  await continueButton(page).click();
  await expect(page).toHaveURL(`${base}/flyttesyn`);
  await expect(page.getByTestId("six-months-note")).toBeVisible();
  const labels = await page.getByRole("group", { name: "Hvornår ønsker du flyttesyn?" }).getByRole("radio").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(labels.length).toBeGreaterThan(0);
  const today = new Date().toISOString().slice(0, 10);
  for (const d of labels) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    expect(wd === 0 || wd === 6, `${d} is a weekend`).toBe(false);
    expect(d).not.toBe(today);
    expect(d.slice(5)).not.toMatch(/^(12-24|12-25|12-26|12-31|01-01|06-05)$/);
  }
});

test("a stale tab is told to reload instead of overwriting, and a notice in progress is offered to resume", async ({ page, context }) => {
  await tenantSignIn(page, "nordhavn", "kim");
  const base = await startFromTile(page);
  await continueButton(page).click();
  await expect(page).toHaveURL(`${base}/dig-og-lejemaalet`);
  const other = await context.newPage();
  await other.goto(`${base}/dig-og-lejemaalet`);
  // The first tab saves; the second still holds the older version.
  await page.getByLabel("Nej", { exact: true }).check();
  await continueButton(page).click();
  await expect(page).toHaveURL(`${base}/fraflytning`);
  await other.locator("#tenant0Mobile").fill("99 88 77 66");
  await other.getByLabel("Nej", { exact: true }).check();
  await continueButton(other).click();
  await expect(other.getByTestId("stale-alert")).toBeVisible();
  await expect(other).toHaveURL(`${base}/dig-og-lejemaalet`);

  // Starting again offers to resume, naming who started it.
  await page.goto(deepLink("nordhavn"));
  await page.getByTestId("resume-notice").first().click();
  await expect(page.getByTestId("resume")).toContainText("Kim Rasmussen startede opsigelsen");
  await page.getByTestId("resume-button").click();
  await expect(page).toHaveURL(`${base}/generelt`);
  // …or to discard it and start again.
  await page.goto(deepLink("nordhavn"));
  await page.getByTestId("resume-notice").first().click();
  await page.getByTestId("discard-button").click();
  await expect(page.getByTestId("discarded")).toBeVisible();
  await expect(page.getByTestId("start-button")).toBeVisible();
});

test("a tile that fails a criterion cannot start, also by URL", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "erik");
  await page.goto(deepLink("nordhavn"));
  await expect(page.getByTestId("start-notice")).toHaveCount(0);
  const start = await page.request.get(`${deepLink("nordhavn")}/start`);
  expect(start.status()).toBe(404);
  // The start link of another tenant's tenancy: 404.
  const res = await page.request.get(`${deepLink("nordhavn")}/start?lejer=00000000-0000-4000-8000-000000000000`);
  expect(res.status()).toBe(404);
});

test("mette completes the whole notice with JavaScript disabled, from the deep link to the receipt", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": testClientAddress() } });
  const page = await context.newPage();
  await page.goto(deepLink("nordhavn"));
  await expect(page).toHaveURL(/\/nordhavn\/beboer\/login/);
  await page.getByRole("button", { name: "Log ind med MitID" }).click();
  await page.locator("#username").fill("mette");
  await page.getByRole("button", { name: "Fortsæt" }).click();
  await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  const base = await startFromTile(page);
  await fillWizard(page, base, { js: false, onlyOccupant: true });
  await page.getByRole("button", { name: "Underskriv med MitID som Mette Holm" }).click();
  // Without JavaScript the hand-over page to the identity provider goes on by itself (meta refresh) or by its link.
  // (Only the hand-over page's own link: any other link — the skip link is the first — would go elsewhere.)
  await expect(async () => {
    if (!page.url().includes("/interaction/")) {
      const onward = page.getByTestId("onward-link");
      if (await onward.count()) await onward.click({ timeout: 1000 });
    }
    await expect(page.getByRole("heading", { name: "Log ind" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 40_000 });
  await page.locator("#username").fill("mette");
  await page.getByRole("button", { name: "Fortsæt" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/kvittering$`));
  await context.close();
});

test("every step passes axe at 390 px, reflows at 320 px, and a screenshot of each is kept", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await tenantSignIn(page, "nordhavn", "niels");
  await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  const dir = test.info().outputPath("steps-390");
  mkdirSync(dir, { recursive: true });
  const base = await startFromTile(page);
  await fillWizard(page, base, {
    onPage: async (p, slug) => {
      await expectNoAxeViolations(p, slug);
      // 320 CSS px (400 % zoom of 1280, WCAG 1.4.10 reflow): no horizontal scrolling.
      await p.setViewportSize({ width: 320, height: 700 });
      const { scrollWidth, clientWidth } = await p.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(scrollWidth, `${slug} at 320 px`).toBeLessThanOrEqual(clientWidth);
      await p.setViewportSize({ width: 390, height: 844 });
      const file = `${dir}/${slug}.png`;
      await p.screenshot({ path: file, fullPage: true });
      await test.info().attach(`${slug} at 390 px`, { path: file, contentType: "image/png" });
    },
  });
  await context.close();

  // The other legal tenant is offered to resume the notice niels started.
  const olgas = await browser.newContext();
  const olga = await olgas.newPage();
  await tenantSignIn(olga, "nordhavn", "olga");
  await expect(olga).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  await olga.getByTestId("resume-notice").click();
  await expect(olga.getByTestId("resume")).toContainText("Niels Bruun startede opsigelsen");
  await olga.getByTestId("resume-button").click();
  await expect(olga).toHaveURL(new RegExp(`${base}/generelt$`));
  await olgas.close();
});

/** Presses Tab until `target` has focus (at most 80 times); fails when the keyboard cannot reach it. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>) {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target} by Tab`);
}

test("rikke completes the whole notice by keyboard alone", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "rikke");
  await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  const next = async () => {
    await tabTo(page, continueButton(page));
    await page.keyboard.press("Enter");
  };
  await tabTo(page, page.getByTestId("start-notice"));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByTestId("start-button"));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/generelt$/);
  const base = page.url().replace(/\/generelt$/, "");
  await next();
  await expect(page).toHaveURL(`${base}/dig-og-lejemaalet`);
  await tabTo(page, page.getByLabel("Nej", { exact: true }));
  await page.keyboard.press("Space");
  await next();
  await expect(page).toHaveURL(`${base}/fraflytning`);
  await tabTo(page, page.getByRole("group", { name: "Hvorfor flytter du?" }).getByRole("radio").first());
  await page.keyboard.press("Space");
  const date = moveOutAhead();
  await tabTo(page, page.getByLabel("Dag"));
  await page.keyboard.type(date.day);
  await page.keyboard.press("Tab");
  await page.keyboard.type(date.month);
  await page.keyboard.press("Tab");
  await page.keyboard.type(date.year);
  await next();
  await expect(page).toHaveURL(`${base}/flyttesyn`);
  await next();
  await expect(page).toHaveURL(`${base}/fremvisning`);
  await next();
  await expect(page).toHaveURL(`${base}/ny-adresse`);
  // The address combobox by keyboard: type, arrow down to the first suggestion, Enter.
  await tabTo(page, page.getByRole("combobox", { name: "Søg efter adressen" }));
  await page.keyboard.type("Vestergade 1");
  await expect(page.getByRole("listbox").getByRole("option").first()).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await next();
  await expect(page).toHaveURL(`${base}/konto`);
  await expect(page.getByRole("radio", { name: "Til min NemKonto" })).toBeChecked();
  await next();
  await expect(page).toHaveURL(`${base}/tjek-svar`);
  await tabTo(page, page.getByLabel("Jeg bekræfter, at jeg er den eneste, der bor i boligen"));
  await page.keyboard.press("Space");
  await next();
  await expect(page).toHaveURL(`${base}/underskriv`);
  await tabTo(page, page.getByRole("button", { name: "Underskriv med MitID som Rikke Vang" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("#username")).toBeVisible();
  await tabTo(page, page.locator("#username"));
  await page.keyboard.type("rikke");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${base}/kvittering$`));
});
