/**
 * "Mine indstillinger": anna (NemKonto consent with an account on file) reaches the page from the
 * header, sees the account masked, withdraws the consent and gives it again — with JavaScript and
 * without (a plain form posting to the server action).
 */
import { expect, test, type Page } from "@playwright/test";
import { tenantSignIn } from "./helpers";

async function choose(page: Page, option: RegExp) {
  await page.getByRole("radio", { name: option }).check();
  await page.getByRole("button", { name: "Gem" }).click();
}

test("anna withdraws and gives the NemKonto consent", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "anna");
  await expect(page.getByRole("heading", { level: 1, name: "Opsig din bolig" })).toBeVisible();
  await page.getByTestId("tenant-header").getByRole("link", { name: "Mine indstillinger" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/beboer\/indstillinger$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mine indstillinger" })).toBeVisible();
  await expect(page.getByTestId("account-on-file")).toHaveText("Vi har dit kontonummer: •••• ••••••5678");
  await expect(page.getByTestId("nemkonto-status")).toHaveText("Du har givet samtykke til, at vi bruger din NemKonto.");
  await expect(page.getByRole("radio", { name: /Ja, brug min NemKonto/ })).toBeChecked();

  await choose(page, /Nej, jeg vil selv skrive et kontonummer/);
  await expect(page).toHaveURL(/\?gemt=trukket-tilbage$/);
  await expect(page.getByTestId("settings-saved")).toContainText("Du har trukket dit samtykke tilbage");
  await expect(page.getByTestId("nemkonto-status")).toHaveText("Du har ikke givet samtykke til, at vi bruger din NemKonto.");
  await expect(page.getByRole("radio", { name: /Nej, jeg vil selv/ })).toBeChecked();

  // A reload keeps the choice (it is stored, not only shown).
  await page.goto("/nordhavn/beboer/indstillinger");
  await expect(page.getByTestId("nemkonto-status")).toHaveText("Du har ikke givet samtykke til, at vi bruger din NemKonto.");

  await choose(page, /Ja, brug min NemKonto/);
  await expect(page).toHaveURL(/\?gemt=givet$/);
  await expect(page.getByTestId("settings-saved")).toContainText("Du har givet samtykke");
  await expect(page.getByTestId("nemkonto-status")).toHaveText("Du har givet samtykke til, at vi bruger din NemKonto.");
});

test("without JavaScript, anna withdraws and gives the consent with a plain form", async ({ page, browser }) => {
  // Signed in with JavaScript here (tests/e2e/nojs-login.spec.ts signs in without); the settings page must not need it.
  await tenantSignIn(page, "nordhavn", "anna");
  await expect(page.getByRole("heading", { level: 1, name: "Opsig din bolig" })).toBeVisible();
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const p = await noJs.newPage();
    await p.goto(new URL("/nordhavn/beboer/indstillinger", page.url()).href);
    await choose(p, /Nej, jeg vil selv skrive et kontonummer/);
    await expect(p.getByTestId("settings-saved")).toContainText("Du har trukket dit samtykke tilbage");
    await expect(p.getByTestId("nemkonto-status")).toHaveText("Du har ikke givet samtykke til, at vi bruger din NemKonto.");
    await choose(p, /Ja, brug min NemKonto/);
    await expect(p.getByTestId("settings-saved")).toContainText("Du har givet samtykke");
    await expect(p.getByTestId("nemkonto-status")).toHaveText("Du har givet samtykke til, at vi bruger din NemKonto.");
  } finally {
    await noJs.close();
  }
});

test("signed out, the page asks for sign-in and returns there", async ({ page }) => {
  await page.goto("/nordhavn/beboer/indstillinger");
  await expect(page).toHaveURL(/\/nordhavn\/beboer\/login\?callbackUrl=%2Fnordhavn%2Fbeboer%2Findstillinger/);
});
