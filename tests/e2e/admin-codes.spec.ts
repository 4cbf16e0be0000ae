/**
 * Staff admin, code tables and business rules, as a caseworker (koder@nordhavn.example):
 * a new reason's tag text, edited, is what a tenant (vibeke, used by no other spec) sees in the
 * wizard; a notice rule's preview, with JavaScript off (plain forms → server actions); an invalid
 * formula is refused with the error at its position; read-only staff see no controls.
 * Only rows this spec creates are changed, and they are deleted again at the end (the specs share
 * one database). With SHOTS_DIR set, screenshots of each page at 390 and 1280 px go there.
 */
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { deepLink, staffSignIn, tenantSignIn } from "./helpers";
import { latestNoticeDate, terminationDate } from "../../lib/rules";
import { formatLongDate } from "../../lib/text/dates";
import { todayInDenmark } from "../../lib/time";

test.describe.configure({ mode: "serial" });

const SLUG = "nordhavn";
const stamp = Date.now().toString(36).slice(-5).toUpperCase();
const REASON = `E2E${stamp}`;
const RULE = `V${stamp}`;
const shotsDir = process.env.SHOTS_DIR;
let staffState: string;

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** No axe violations (WCAG 2.2 AA rules) on the page as it is, at 390 and 1280 px; screenshots when SHOTS_DIR is set. */
async function shot(page: Page, name: string, opts: { axe?: boolean } = {}) {
  // axe runs as a script in the page: not in the context without JavaScript.
  for (const width of opts.axe === false ? [] : [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const report = violations.map((v) => `${v.id} [${v.impact}] ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`).join("\n")}`);
    expect(report, `axe violations on ${name} at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(shotsDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function staffContext(browser: Browser, opts: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ storageState: staffState, ...opts });
}

test.beforeAll(async ({ browser }, info) => {
  // One sign-in for the whole file (each sign-in needs a TOTP step of its own).
  const context = await browser.newContext();
  const page = await context.newPage();
  await staffSignIn(page, SLUG, "koder@nordhavn.example");
  await expect(page).toHaveURL(new RegExp(`/${SLUG}/admin$`));
  staffState = info.outputPath("staff-state.json");
  await context.storageState({ path: staffState });
  await context.close();
});

test("a caseworker adds a reason, edits its tag text, and the tenant sees the new text in the wizard", async ({ browser }) => {
  const staff = await staffContext(browser);
  const page = await staff.newPage();
  await page.goto(`/${SLUG}/admin/koder`);
  await shot(page, "koder");
  await page.getByTestId("table-aarsager").click();
  await expect(page.getByRole("heading", { level: 1, name: "Opsigelsesårsager" })).toBeVisible();
  await page.getByTestId("add-code").click();

  // Refused first: no code text. The typed value stays, the summary names the field.
  await page.getByLabel("Kode", { exact: true }).fill(REASON);
  await page.getByTestId("save-code").click();
  await expect(page.getByTestId("error-summary")).toContainText("Udfyld kodeteksten.");
  await expect(page.getByLabel("Kode", { exact: true })).toHaveValue(REASON);
  await expect(page.getByLabel("Kodetekst", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await shot(page, "kode-ny-fejl");

  await page.getByLabel("Kodetekst", { exact: true }).fill("E2E-årsag");
  await page.locator("#tagText").fill("Jeg flytter på grund af en test");
  await page.getByTestId("save-code").click();
  await expect(page.getByTestId("status-message")).toHaveText("Koden er gemt.");

  await page.locator("#tagText").fill(`Jeg flytter efter en rettet test ${stamp}`);
  const posted = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/admin/koder/"));
  await page.keyboard.press("F9"); // the back-office key saves the form
  await posted;
  await expect(page.getByTestId("status-message")).toHaveText("Koden er gemt.");
  const codeUrl = page.url().replace(/\?.*$/, "");
  await page.goto(`/${SLUG}/admin/koder/aarsager`);
  await expect(page.locator(`[data-testid=code-row][data-value="${REASON}"] [data-testid=tag-text]`)).toHaveText(`Jeg flytter efter en rettet test ${stamp}`);
  await shot(page, "koder-aarsager");

  const tenantContext = await browser.newContext();
  const tenant = await tenantContext.newPage();
  await tenantSignIn(tenant, SLUG, "vibeke");
  await expect(tenant).toHaveURL(new RegExp(`${deepLink(SLUG)}$`));
  await tenant.getByTestId("start-notice").first().click();
  await tenant.getByTestId("start-button").click();
  await expect(tenant).toHaveURL(/\/generelt$/);
  const base = tenant.url().replace(/\/generelt$/, "");
  await tenant.getByTestId("continue").click();
  await expect(tenant).toHaveURL(`${base}/dig-og-lejemaalet`);
  await tenant.getByLabel("Nej", { exact: true }).check();
  await tenant.getByTestId("continue").click();
  await expect(tenant).toHaveURL(`${base}/fraflytning`);
  await expect(tenant.getByRole("group", { name: "Hvorfor flytter du?" }).getByRole("radio", { name: `Jeg flytter efter en rettet test ${stamp}` })).toBeVisible();
  await tenantContext.close();

  // Clean up: the code is unused (the move-out page was not saved), so it can be deleted.
  await page.goto(codeUrl);
  await expect(page.getByTestId("delete-info")).toContainText("bruges ikke");
  await page.getByTestId("delete-code").click();
  await expect(page.getByTestId("status-message")).toHaveText("Koden er slettet.");
  await expect(page.locator(`[data-testid=code-row][data-value="${REASON}"]`)).toHaveCount(0);
  await staff.close();
});

test("a notice rule's preview, without JavaScript: the typed rule, then the saved one", async ({ browser }) => {
  const staff = await staffContext(browser, { javaScriptEnabled: false });
  const page = await staff.newPage();
  await page.goto(`/${SLUG}/admin/koder/varsler/ny`);
  await page.getByLabel("Kode", { exact: true }).fill(RULE);
  await page.getByLabel("Kodetekst", { exact: true }).fill("2 måneder til den 1.");
  await page.getByLabel("Måneder").fill("2");
  await page.getByLabel("Den 1. i en måned", { exact: true }).check();
  await page.getByTestId("save-code").click();
  await expect(page.getByTestId("status-message")).toHaveText("Koden er gemt.");

  const today = todayInDenmark();
  const long = (iso: string) => formatLongDate(iso, "da");
  const saved = { months: 2, anchor: "first" } as const;
  await expect(page.getByTestId("preview-source")).toHaveText("Eksemplet viser den gemte regel.");
  await expect(page.getByTestId("preview-today")).toContainText(`ophører lejemålet den ${long(terminationDate(today, saved))}`);

  // Change the rule, look at the example first (nothing saved), then save.
  await page.getByLabel("Måneder").fill("3");
  await page.getByLabel("Den 1. eller den 15. i en måned").check();
  await page.getByLabel("Kodetekst", { exact: true }).fill("3 måneder til den 1. eller 15.");
  await page.getByTestId("preview-rule").click();
  const typed = { months: 3, anchor: "first-or-fifteenth" } as const;
  await expect(page.getByTestId("preview-source")).toHaveText("Eksemplet viser reglen, som den står i formularen. Den er ikke gemt.");
  const t = terminationDate(today, typed);
  await expect(page.getByTestId("preview-today")).toContainText(`ophører lejemålet den ${long(t)}`);
  await expect(page.getByTestId("preview-table").locator("tbody tr").first()).toContainText(long(latestNoticeDate(t, typed)));
  await expect(page.getByLabel("Måneder")).toHaveValue("3");
  await shot(page, "varsel-eksempel", { axe: false });

  // A running month that does not end on the 1st is refused by the rules' parser.
  await page.getByLabel("Løbende måned", { exact: false }).check();
  await page.getByTestId("save-code").click();
  await expect(page.getByTestId("error-summary")).toContainText("Løbende måned kan kun bruges, når lejemålet ophører den 1.");
  await page.getByLabel("Løbende måned", { exact: false }).uncheck();
  await page.getByTestId("save-code").click();
  await expect(page.getByTestId("status-message")).toHaveText("Koden er gemt.");
  await expect(page.getByTestId("preview-source")).toHaveText("Eksemplet viser den gemte regel.");
  await expect(page.getByTestId("preview-today")).toContainText(`ophører lejemålet den ${long(t)}`);
  await shot(page, "varsel-gemt", { axe: false });

  await page.goto(`/${SLUG}/admin/koder/varsler`);
  await shot(page, "koder-varsler", { axe: false });
  await page.locator(`[data-testid=code-row][data-value="${RULE}"] a`).click();
  await page.getByTestId("delete-code").click();
  await expect(page.getByTestId("status-message")).toHaveText("Koden er slettet.");
  await staff.close();
});

test("an invalid formula is refused with the error marked at its position; nothing is saved", async ({ browser }) => {
  const staff = await staffContext(browser);
  const page = await staff.newPage();
  // The saved rule's preview on a notice rule's page (looked at, not changed: other specs use 3M1).
  await page.goto(`/${SLUG}/admin/koder/varsler`);
  await page.locator(`[data-testid=code-row][data-value="3M1"] a`).click();
  await expect(page.getByTestId("preview-source")).toHaveText("Eksemplet viser den gemte regel.");
  await expect(page.getByTestId("delete-info")).toContainText("kan ikke slettes");
  await shot(page, "varsel-3M1");
  await page.goto(`/${SLUG}/admin/indstillinger`);
  await expect(page.getByRole("heading", { level: 1, name: "Forretningsregler" })).toBeVisible();
  await expect(page.getByTestId("preview-reletting")).toContainText("giver genudlejningsdatoen");
  await shot(page, "indstillinger");
  const formula = page.getByLabel("Formel for fraflytningsdato");
  const before = await formula.inputValue();
  await formula.fill("(Dag=1) | (Dag=15)");
  await page.getByTestId("save-settings").click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Formlen kan ikke læses ved tegn nr. 9");
  await expect(page.getByTestId("moveOutFormula-highlight").locator("mark")).toHaveText("|");
  await expect(page.getByTestId("moveOutFormula-problem")).toHaveAttribute("data-position", "8");
  await expect(formula).toHaveValue("(Dag=1) | (Dag=15)");
  await expect(formula).toHaveAttribute("aria-invalid", "true");
  await shot(page, "indstillinger-fejl");
  // Nothing was saved.
  await page.goto(`/${SLUG}/admin/indstillinger`);
  await expect(page.getByLabel("Formel for fraflytningsdato")).toHaveValue(before);

  // The sample move-out date drives the examples (a GET form).
  await page.getByLabel("Fraflytningsdato i eksemplerne").fill("2027-05-14");
  await page.getByTestId("show-sample").click();
  await expect(page).toHaveURL(/flytning=2027-05-14/);
  await expect(page.getByTestId("preview-moveOut")).toContainText("14. maj 2027");
  await staff.close();
});

test("read-only staff see the codes and rules but no controls", async ({ page }) => {
  await staffSignIn(page, SLUG, "laeser@nordhavn.example");
  await expect(page).toHaveURL(new RegExp(`/${SLUG}/admin$`));
  await page.goto(`/${SLUG}/admin/koder/aarsager`);
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByTestId("add-code")).toHaveCount(0);
  await expect(page.getByTestId("move-up")).toHaveCount(0);
  expect((await page.goto(`/${SLUG}/admin/koder/aarsager/ny`))?.status()).toBe(404);
  await page.goto(`/${SLUG}/admin/indstillinger`);
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByTestId("save-settings")).toHaveCount(0);
  await expect(page.getByLabel("Formel for fraflytningsdato")).toBeDisabled();
});

test("with JavaScript, a notice rule's preview follows the fields as they are typed, before anything is saved", async ({ browser }) => {
  const staff = await staffContext(browser);
  const page = await staff.newPage();
  await page.goto(`/${SLUG}/admin/koder/varsler/ny`);
  const live = page.getByTestId("live-rule-preview");
  const long = (iso: string) => formatLongDate(iso, "da");
  const today = todayInDenmark();

  await page.getByLabel("Måneder").fill("2");
  await page.getByLabel("Den 1. i en måned", { exact: true }).check();
  await expect(live.getByTestId("live-preview-today")).toContainText(`ophører lejemålet den ${long(terminationDate(today, { months: 2, anchor: "first" }))}`);

  // Changing a field changes the preview; a rule that cannot be (running month on the 15th) says so.
  await page.getByLabel("Måneder").fill("4");
  await expect(live.getByTestId("live-preview-today")).toContainText(`ophører lejemålet den ${long(terminationDate(today, { months: 4, anchor: "first" }))}`);
  await page.getByLabel("Den 1. eller den 15. i en måned", { exact: true }).check();
  await page.getByLabel(/Løbende måned/).check();
  await expect(live.getByTestId("live-preview-invalid")).toBeVisible();
  await staff.close();
});
