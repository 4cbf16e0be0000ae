/**
 * The move-out case (fraflytningsguide), end to end as the case helper's caseworker
 * (sag@nordhavn.example) on the demo notice "Havnegade 23, 2. tv" (Palle Pause): open the case,
 * set the agreed inspection date, pause it → a reminder due 8 days later is listed (the date in
 * words), resume, finish → the reminder is still open. Then the move-out settings page saves a date
 * formula and refuses a bad one with a message at the field. Screenshots at 390 and 1280 px
 * (CASE_SCREENSHOTS=/dir to keep them).
 */
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { staffSignIn } from "./helpers";
import { todayInDenmark } from "../../lib/time";
import { formatLongDate } from "../../lib/text/dates";

const ADDRESS = "Havnegade 23, 2. tv";
const SHOTS = process.env.CASE_SCREENSHOTS ?? path.join("test-results", "casework-case");

async function shoot(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    // Nothing wider than the screen (no sideways scrolling).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width} px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const plus = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test("a caseworker pauses, resumes and finishes Palle Pause's case; the pause reminder stays open; the settings page checks its formulas", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await staffSignIn(page, "nordhavn", "sag@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);

  // Find the notice through its tenancy (the notice id is listed there).
  await page.goto("/nordhavn/admin/lejemaal?q=Palle");
  await expect(page.getByTestId("tenancy-row")).toHaveCount(1);
  await page.getByTestId("tenancy-link").click();
  const cell = (await page.getByTestId("tenancy-notices").locator("td.font-mono").first().textContent()) ?? "";
  const noticeId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(cell)?.[0] ?? "";
  expect(noticeId, cell).not.toBe("");

  await page.goto(`/nordhavn/admin/opsigelser/${noticeId}/sag`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Fraflytningssag: ${ADDRESS}`);
  const phases = page.getByTestId("case-phases");
  await expect(phases.locator('[aria-current="step"]')).toContainText("Opsigelse modtaget");
  await expect(phases).toContainText("Flyttesyn"); // the tenant's inspection date is data
  await expect(phases).not.toContainText("Flytteopgørelse"); // no settlement dates yet: suppressed
  await expect(page.getByTestId("no-reminders")).toBeVisible();
  await shoot(page, "case-new");

  // The agreed inspection date, without JavaScript (a plain form post, the page after the redirect says so).
  const today = todayInDenmark();
  const agreed = plus(today, 30);
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState(), extraHTTPHeaders: { "x-forwarded-for": "192.0.2.35" } });
  const plain = await noJs.newPage();
  await plain.goto(`/nordhavn/admin/opsigelser/${noticeId}/sag`);
  await plain.getByLabel("Aftalt synsdato").fill(agreed);
  await plain.getByTestId("save-dates").click();
  await expect(plain.getByTestId("case-saved")).toHaveText("Datoerne er gemt.");
  await expect(plain.getByTestId("dates-form")).toContainText(`Gemt: ${formatLongDate(agreed, "da")}`);
  await noJs.close();

  // The viewing date with F9 (JavaScript): the same form.
  await page.reload();
  await page.getByLabel("Besigtigelsesdato").fill(plus(today, 20));
  await page.getByLabel("Besigtigelsesdato").focus();
  await page.keyboard.press("F9");
  await expect(page.getByTestId("case-saved")).toHaveText("Datoerne er gemt.");
  await expect(page.getByTestId("dates-form")).toContainText(`Gemt: ${formatLongDate(agreed, "da")}`);
  await expect(page.getByTestId("dates-form")).toContainText(`Gemt: ${formatLongDate(plus(today, 20), "da")}`);

  // Pause: a reminder due 8 days after today, listed with the date in words.
  await page.getByTestId("pause-case").click();
  await expect(page.getByTestId("case-saved")).toHaveText("Sagen er sat på pause.");
  await expect(page.getByTestId("case-paused")).toContainText("sat på pause");
  const row = page.getByTestId("reminder-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Erindring: sagen blev sat på pause");
  await expect(row.getByTestId("reminder-due")).toHaveText(formatLongDate(plus(today, 8), "da"));
  await expect(row.getByTestId("reminder-status")).toHaveText("Åben");
  await expect(row).toContainText("Fraflytning");
  await expect(page.getByTestId("save-dates")).toHaveCount(0); // a paused case can only be resumed or finished
  await shoot(page, "case-paused");

  await page.getByTestId("resume-case").click();
  await expect(page.getByTestId("case-saved")).toHaveText("Sagen er genoptaget.");
  await expect(page.getByTestId("case-paused")).toHaveCount(0);

  await page.getByTestId("finish-case").click();
  await expect(page.getByTestId("case-saved")).toHaveText("Sagen er afsluttet.");
  await expect(phases.locator('[aria-current="step"]')).toContainText("Afsluttet");
  await expect(page.getByTestId("case-finished")).toBeVisible();
  await expect(row.getByTestId("reminder-status")).toHaveText("Åben");
  await expect(row.getByTestId("close-reminder")).toBeVisible();
  await shoot(page, "case-finished");

  // A notice that does not exist (or is another organisation's): 404.
  const missing = await page.goto("/nordhavn/admin/opsigelser/00000000-0000-4000-8000-000000000000/sag");
  expect(missing?.status()).toBe(404);

  // The move-out settings: reached by the one link from the business rules.
  await page.goto("/nordhavn/admin/indstillinger");
  await page.getByTestId("casework-settings-link").click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/indstillinger\/fraflytning$/);
  await expect(page.getByLabel("Datoformel for erindringsdato")).toHaveValue("8 dage");
  await shoot(page, "settings");

  const viewing = page.getByLabel("Dan erindring for besigtigelsesdato (datoformel)");
  await viewing.fill("otte dage");
  await page.getByTestId("save-casework-settings").click();
  await expect(page.getByTestId("error-summary")).toContainText("Datoformlen kan ikke læses");
  await expect(page.locator("#formula_viewing-error")).toContainText("Datoformlen kan ikke læses");
  await expect(viewing).toHaveValue("otte dage");
  await shoot(page, "settings-refused");

  await viewing.fill("-2 hverdage");
  await viewing.focus();
  await page.keyboard.press("F9");
  await expect(page.getByTestId("status-message")).toHaveText("Indstillingerne er gemt.");
  await expect(viewing).toHaveValue("-2 hverdage");
});
