import { expect, type Page } from "@playwright/test";
import { currentTotp } from "../../lib/auth/totp";
import { DEMO_PASSWORD, demoOperator, demoStaff } from "../../lib/demo/staff";

export const deepLink = (slug: string) => `/${slug}/beboer/selvbetjening/opsigelse`;

/** Deep link while signed out → sign-in page → MitID (test) identity provider → back at the deep link. */
export async function tenantSignIn(page: Page, slug: string, username: string) {
  await page.goto(deepLink(slug));
  await expect(page).toHaveURL(new RegExp(`/${slug}/beboer/login`));
  await page.getByRole("button", { name: "Log ind med MitID" }).click();
  await page.locator("#username").fill(username);
  await page.getByRole("button", { name: "Fortsæt" }).click();
}

export async function staffSignIn(page: Page, slug: string, email: string, code?: string) {
  const staff = demoStaff.find((s) => s.email === email);
  if (!staff) throw new Error(`no demo staff ${email}`);
  await page.goto(`/${slug}/admin`);
  await expect(page).toHaveURL(new RegExp(`/${slug}/admin/login`));
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByLabel("Engangskode").fill(code ?? currentTotp(staff.totpSecret));
  await page.getByRole("button", { name: "Log ind" }).click();
}

export async function operatorSignIn(page: Page, code?: string) {
  await page.goto("/operator");
  await expect(page).toHaveURL(/\/operator\/login/);
  await page.getByLabel("E-mail").fill(demoOperator.email);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByLabel("Engangskode").fill(code ?? currentTotp(demoOperator.totpSecret));
  await page.getByRole("button", { name: "Log ind" }).click();
}
