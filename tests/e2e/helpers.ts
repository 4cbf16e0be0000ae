import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { currentTotp, totpStep, TOTP_PERIOD_SECONDS } from "../../lib/auth/totp";
import { DEMO_PASSWORD, demoOperator, demoStaff } from "../../lib/demo/staff";

export const deepLink = (slug: string) => `/${slug}/beboer/selvbetjening/opsigelse`;

// ---------------------------------------------------------------------------------------------------
// Single-use TOTP codes. The server accepts each 30 s step once per account, so two sign-ins of one
// account in one step (two tests, in two workers) must not share a code. Each test claims the step
// it uses for an account with an exclusive file (shared by every worker of this run's port); a step
// already claimed, or about to end, means polling until the next step begins.

const claimDir = path.join(os.tmpdir(), `fraflyt-e2e-totp-${process.env.E2E_PORT ?? "3100"}`);
const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
/** A step is not claimed in its last seconds: the code must reach the server before a later step is used. */
const CLAIM_MARGIN_MS = 8_000;

async function untilStep(step: number): Promise<void> {
  while (totpStep() < step) await new Promise((r) => setTimeout(r, 100));
}

/** A TOTP code for `secret` that no other test of this run uses: the current step, claimed for this account. */
export async function freshTotp(secret: string): Promise<string> {
  fs.mkdirSync(claimDir, { recursive: true });
  const account = createHash("sha256").update(secret).digest("hex").slice(0, 16);
  for (;;) {
    const now = Date.now();
    const step = totpStep(now);
    if ((step + 1) * STEP_MS - now < CLAIM_MARGIN_MS) {
      await untilStep(step + 1);
      continue;
    }
    try {
      fs.writeFileSync(path.join(claimDir, `${account}-${step}`), String(process.pid), { flag: "wx" });
      return currentTotp(secret, now);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      await untilStep(step + 1);
    }
  }
}

export function staffAccount(email: string) {
  const staff = demoStaff.find((s) => s.email === email);
  if (!staff) throw new Error(`no demo staff ${email}`);
  return staff;
}

// ---------------------------------------------------------------------------------------------------
// Client addresses. The app rate-limits sign-ins per client address (lib/security/rate-limit.ts), and
// the whole suite runs from 127.0.0.1; so each test that signs in presents an address of its own
// (X-Forwarded-For; the e2e server trusts it), and no test meets another test's limits.

let addressCounter = 0;

/** A client address for this test alone (in 100.64.0.0/10, never a real client). */
export function testClientAddress(): string {
  const id = createHash("sha256").update(`${test.info().testId}:${process.pid}:${addressCounter++}`).digest();
  return `100.${64 + (id[0]! & 63)}.${id[1]!}.${id[2]!}`;
}

async function isolateClientAddress(page: Page): Promise<void> {
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": testClientAddress() });
}

// ---------------------------------------------------------------------------------------------------

/** Deep link while signed out → sign-in page → MitID (test) identity provider → back at the deep link. */
export async function tenantSignIn(page: Page, slug: string, username: string) {
  await isolateClientAddress(page);
  await page.goto(deepLink(slug));
  await expect(page).toHaveURL(new RegExp(`/${slug}/beboer/login`));
  await page.getByRole("button", { name: "Log ind med MitID" }).click();
  await page.locator("#username").fill(username);
  await page.getByRole("button", { name: "Fortsæt" }).click();
}

export async function staffSignIn(page: Page, slug: string, email: string, code?: string) {
  const staff = staffAccount(email);
  await isolateClientAddress(page);
  await page.goto(`/${slug}/admin`);
  await expect(page).toHaveURL(new RegExp(`/${slug}/admin/login`));
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByLabel("Engangskode").fill(code ?? (await freshTotp(staff.totpSecret)));
  await page.getByRole("button", { name: "Log ind" }).click();
}

export async function operatorSignIn(page: Page, code?: string) {
  await isolateClientAddress(page);
  await page.goto("/operator");
  await expect(page).toHaveURL(/\/operator\/login/);
  await page.getByLabel("E-mail").fill(demoOperator.email);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByLabel("Engangskode").fill(code ?? (await freshTotp(demoOperator.totpSecret)));
  await page.getByRole("button", { name: "Log ind" }).click();
}

// ---------------------------------------------------------------------------------------------------
// Staff invitations (tests/e2e/admin-users.spec.ts, operator-admin.spec.ts).

/** Accepts an invitation link in a browser of its own: sets `password`, enrols TOTP, and returns the TOTP secret shown. */
export async function acceptInvitation(browser: import("@playwright/test").Browser, link: string, password: string): Promise<string> {
  const invitee = await browser.newContext({ locale: "da-DK", timezoneId: "Europe/Copenhagen", extraHTTPHeaders: { "x-forwarded-for": testClientAddress() } });
  try {
    const p = await invitee.newPage();
    await p.goto(link);
    await expect(p.getByRole("heading", { level: 1, name: "Kom i gang som medarbejder" })).toBeVisible();
    await p.getByLabel("Adgangskode", { exact: true }).fill(password);
    await p.getByLabel("Gentag adgangskoden").fill(password);
    await p.getByRole("button", { name: "Gem og fortsæt" }).click();
    await expect(p.getByRole("heading", { name: "Tilføj Fraflyt i din godkendelses-app" })).toBeVisible();
    const secret = ((await p.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await p.getByLabel("Koden fra appen").fill(await freshTotp(secret));
    await p.getByRole("button", { name: "Bekræft og afslut" }).click();
    await expect(p).toHaveURL(/\/admin\/login$/);
    return secret;
  } finally {
    await invitee.close();
  }
}

/** Fills the staff sign-in form on the current page with an e-mail, password and code, and submits it. */
export async function submitStaffSignIn(page: Page, email: string, password: string, code: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(password);
  await page.getByLabel("Engangskode").fill(code);
  await page.getByRole("button", { name: "Log ind" }).click();
}
