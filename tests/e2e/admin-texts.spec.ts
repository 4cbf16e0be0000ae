/**
 * "Tekster": a caseworker writes the organisation's own help text for the wizard's first page and
 * a tenant (svend, a demo tenant no other spec uses) sees it there, in Danish; reset to default,
 * the tenant sees our text again. Nothing else of the demo data changes.
 */
import { expect, test, type Page } from "@playwright/test";
import { deepLink, staffSignIn, tenantSignIn } from "./helpers";

const KEY = "wizard.general.saveHint";
const DEFAULT = "Dine svar gemmes undervejs. Du kan stoppe og fortsætte senere – også på en anden enhed.";
const shots = "/tmp/shots-operator";

async function shoot(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a caseworker edits a wizard help text and the tenant sees it in the wizard; reset brings back the default", async ({ page, browser }) => {
  const own = `Ring til os på 33 12 34 56, hvis du går i stå – vi hjælper gerne. (${Date.now().toString(36)})`;

  await staffSignIn(page, "nordhavn", "tekster@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await page.getByTestId("admin-nav").getByRole("link", { name: "Tekster" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/tekster$/);
  const card = page.getByTestId(`text-${KEY}`);
  await expect(card.getByTestId("preview-da")).toHaveText(DEFAULT);
  await shoot(page, "admin-texts");

  // Braces outside a placeholder are refused, with the text kept.
  await card.getByLabel("Dansk tekst").fill("Se {hemmelig}");
  await card.getByRole("button", { name: "Gem" }).click();
  await expect(card.getByTestId("form-errors")).toContainText("pladsholdere");
  await expect(card.getByLabel("Dansk tekst")).toHaveValue("Se {hemmelig}");

  await card.getByLabel("Dansk tekst").fill(own);
  await card.getByRole("button", { name: "Gem" }).click();
  await expect(page).toHaveURL(new RegExp(`gemt=${KEY.replace(/\./g, "\\.")}`));
  await expect(card.getByTestId("text-saved")).toHaveText("Gemt.");
  await expect(card).toHaveAttribute("data-overridden", "yes");
  await expect(card.getByTestId("preview-da")).toHaveText(own);
  await expect(card.getByTestId("preview-en")).toHaveText(own); // no English text: the Danish one
  await shoot(page, "admin-texts-saved");

  // The tenant sees it on "Før du starter".
  const tenant = await browser.newPage();
  await tenantSignIn(tenant, "nordhavn", "svend");
  await expect(tenant).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  await tenant.getByTestId("start-notice").first().click();
  await tenant.getByTestId("start-button").click();
  await expect(tenant).toHaveURL(/\/opsigelse\/[0-9a-f-]{36}\/generelt$/);
  await expect(tenant.getByText(own)).toBeVisible();
  await expect(tenant.getByText(DEFAULT)).toHaveCount(0);
  await shoot(tenant, "wizard-own-text");

  // Reset to default: the tenant sees our text again.
  await card.getByTestId("text-reset").click();
  await expect(card).toHaveAttribute("data-overridden", "no");
  await expect(card.getByTestId("preview-da")).toHaveText(DEFAULT);
  await tenant.reload();
  await expect(tenant.getByText(DEFAULT)).toBeVisible();
  await expect(tenant.getByText(own)).toHaveCount(0);
  await tenant.close();
});

test("read-only staff see the texts and previews but no form", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "laeser@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await page.goto("/nordhavn/admin/tekster");
  await expect(page.getByTestId(`text-${KEY}`).getByTestId("preview-da")).toBeVisible();
  await expect(page.getByRole("button", { name: "Gem" })).toHaveCount(0);
});
