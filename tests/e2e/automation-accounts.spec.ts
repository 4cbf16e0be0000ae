/**
 * Enabling automation and creating an account in the browser: a manager of a fresh organisation
 * (tests/e2e/fixtures/automation-world.ts, not yet approved, no terms accepted) reads the terms,
 * asks for automation and accepts them; the operator approves on /operator/automatisering; the
 * manager creates an account ("{organisation} Automation 1", only "Complete to-dos"), enrols its
 * second factor from the QR code with a confirmation code and sees the API key — once: after a
 * reload the key is gone and only "make a new key" is offered.
 */
import { expect, test } from "@playwright/test";
import { automationWorld } from "./api-helpers";
import { freshTotp, operatorSignIn, submitStaffSignIn, testClientAddress } from "./helpers";

test("a manager requests automation, the operator approves, the manager creates an account and sees the QR code and the key once", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const w = automationWorld({ accounts: 0, approved: false, termsAccepted: false });
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": testClientAddress() });
  await page.goto(`/${w.slug}/admin`);
  await expect(page).toHaveURL(new RegExp(`/${w.slug}/admin/login`));
  await submitStaffSignIn(page, w.manager.email, w.manager.password, await freshTotp(w.manager.totpSecret));
  await expect(page).toHaveURL(new RegExp(`/${w.slug}/admin$`));

  await page.goto(`/${w.slug}/admin/automatisering`);
  await expect(page.getByRole("heading", { level: 1, name: "Automatisering" })).toBeVisible();
  await expect(page.getByTestId("automation-terms")).toContainText("Løs opgaver");
  await expect(page.getByTestId("create-unavailable")).toBeVisible();
  // not ticked: a clear message, nothing sent
  await page.getByLabel("Hvad skal automatiseringen gøre?").fill("Vores sagssystem bekræfter opsigelser hver morgen.");
  await page.getByTestId("request-form").getByRole("button", { name: "Send anmodning" }).click();
  await expect(page.getByTestId("request-form")).toContainText("Acceptér vilkårene for at fortsætte.");
  await page.getByLabel("Hvad skal automatiseringen gøre?").fill("Vores sagssystem bekræfter opsigelser hver morgen.");
  await page.getByLabel(/Jeg accepterer vilkårene for automatisering/).check();
  await page.getByTestId("request-form").getByRole("button", { name: "Send anmodning" }).click();
  await expect(page.getByTestId("automation-saved")).toContainText("Anmodningen er sendt");
  await expect(page.getByTestId("automation-status")).toContainText("venter på operatørens godkendelse");

  // the operator approves, in a browser of their own
  const opContext = await browser.newContext({ locale: "da-DK", timezoneId: "Europe/Copenhagen" });
  try {
    const op = await opContext.newPage();
    await operatorSignIn(op);
    await expect(op).toHaveURL(/\/operator$/);
    await op.goto("/operator/automatisering");
    const section = op.getByTestId(`automation-org-${w.slug}`);
    await expect(section).toContainText("Vores sagssystem bekræfter opsigelser");
    await expect(section.getByTestId("automation-state")).toContainText("Venter");
    await section.getByTestId(`approve-${w.slug}`).getByRole("button", { name: "Godkend" }).click();
    await expect(op.getByTestId("operator-notice")).toContainText("Automatisering er godkendt");
    await expect(op.getByTestId(`automation-org-${w.slug}`).getByTestId("automation-state")).toContainText("Godkendt");
  } finally {
    await opContext.close();
  }

  await page.reload();
  await expect(page.getByTestId("automation-status")).toHaveAttribute("data-enabled", "true");
  await page.getByLabel("E-mail").fill(`robot@${w.slug}.example`);
  await page.getByTestId("create-account-form").getByRole("button", { name: "Opret konto" }).click();
  await expect(page).toHaveURL(new RegExp(`/${w.slug}/admin/automatisering/konti/[0-9a-f-]{36}\\?gemt=oprettet$`));
  await expect(page.getByRole("heading", { level: 1, name: `${w.name} Automation 1` })).toBeVisible();
  await expect(page.getByTestId("totp-qr")).toBeVisible();
  expect(await page.getByTestId("totp-qr").getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Kode fra appen").fill("000000");
  await page.getByRole("button", { name: "Bekræft og vis API-nøglen" }).click();
  await expect(page.getByTestId("enrol-form-error")).toContainText("Koden er forkert");
  await page.getByLabel("Kode fra appen").fill(await freshTotp(secret));
  await page.getByRole("button", { name: "Bekræft og vis API-nøglen" }).click();
  await expect(page.getByTestId("enrol-form-key")).toContainText("vises kun denne ene gang");
  const key = (await page.getByTestId("api-key").textContent()) ?? "";
  expect(key).toMatch(/^ffk_[A-Za-z0-9_-]{43}$/);

  // once: after a reload the key is nowhere on the page; a new one can be made
  await page.reload();
  await expect(page.getByTestId("totp-qr")).toHaveCount(0);
  await expect(page.getByTestId("api-key")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  await expect(page.getByTestId("rotate-form")).toBeVisible();

  // listed as automation in the users list
  await page.goto(`/${w.slug}/admin/brugere`);
  const row = page.locator(`[data-testid="user-row"][data-email="robot@${w.slug}.example"]`);
  await expect(row).toContainText("Automatisering");
  await expect(row).toContainText(`${w.name} Automation 1`);
});
