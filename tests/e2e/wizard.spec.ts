import { expect, test, type Page } from "@playwright/test";
import { deepLink, tenantSignIn } from "./helpers";

/** Starts (or resumes) anna's notice from the tile and returns the notice's page base URL. */
async function startFromTile(page: Page, slug = "nordhavn"): Promise<string> {
  await page.goto(deepLink(slug));
  await page.getByTestId("start-notice").first().click();
  const resume = page.getByTestId("resume-button");
  if (await resume.isVisible()) await resume.click();
  else await page.getByTestId("start-button").click();
  await expect(page).toHaveURL(/\/opsigelse\/[0-9a-f-]{36}\/generelt$/);
  return page.url().replace(/\/generelt$/, "");
}

const continueButton = (page: Page) => page.getByTestId("continue");

test("anna fills in every step without help, and the answers survive a reload", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "anna");
  const base = await startFromTile(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Før du starter");
  await continueButton(page).click();

  await expect(page).toHaveURL(`${base}/dig-og-lejemaalet`);
  await page.getByLabel("Mobilnummer").fill("20 11 22 99");
  await page.getByLabel("Nej").check();
  await continueButton(page).click();

  await expect(page).toHaveURL(`${base}/fraflytning`);
  await continueButton(page).click();
  await expect(page.getByTestId("error-summary")).toBeVisible();
  await page.getByRole("radio").first().check();
  await page.getByLabel("Dag").fill("28");
  await page.getByLabel("Måned").fill("2");
  await page.getByLabel("År").fill("2027");
  await continueButton(page).click();

  await expect(page).toHaveURL(`${base}/flyttesyn`);
  await expect(page.getByTestId("vacating")).toContainText("kl. 12.00");
  await page.reload();
  await expect(page.getByTestId("dates-panel")).toBeVisible();
  await continueButton(page).click();

  await expect(page).toHaveURL(`${base}/fremvisning`);
  await expect(page.getByLabel("Telefonnummer til fremvisning")).toHaveValue("20 11 22 99");
  await continueButton(page).click();

  await expect(page).toHaveURL(`${base}/ny-adresse`);
  await page.getByLabel("Søg efter adressen").fill("Vestergade 1");
  await page.getByTestId("a0-search").click();
  await page.getByRole("group", { name: "Vælg adressen" }).getByRole("radio").first().check();
  await continueButton(page).click();

  await expect(page).toHaveURL(`${base}/konto`);
  await continueButton(page).click();

  await expect(page).toHaveURL(`${base}/tjek-svar`);
  await page.reload();
  await expect(page.getByTestId("check-answers")).toContainText("+4520112299");
  await continueButton(page).click();
  await expect(page.getByTestId("error-summary")).toBeVisible();
  await page.getByLabel("Jeg bekræfter, at jeg er den eneste, der bor i boligen").check();
  await continueButton(page).click();
  await expect(page).toHaveURL(`${base}/underskriv`);
});
