/**
 * Users and roles, end to end: admin@nordhavn.example invites a new caseworker; the invitation
 * e-mail arrives in the mail catcher; the invitee (another browser context, signed out) opens the
 * link, chooses a password, reads the TOTP secret shown beside the QR code, confirms a code computed
 * with otpauth, and signs in with password + code to the admin. The used link is refused after.
 * Also: the website settings page tests the connection to the local identity provider.
 * Screenshots at 390 and 1280 px go to /tmp/shots-users/.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { freshTotp, staffSignIn, submitStaffSignIn as signInAs, testClientAddress } from "./helpers";

const port = process.env.E2E_PORT ?? "3100";
const mailUrl = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? Number(port) + 3000}/messages`;
const SHOTS = "/tmp/shots-users";
type Mail = { to: string[]; subject: string; text: string };


async function shots(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(size);
}

test("an administrator invites a user who sets a password, enrols TOTP from the e-mail and signs in", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `ny-${Date.now()}-${test.info().workerIndex}@nordhavn.example`;
  const password = "Kajkanten-ved-havnen-2026";

  await staffSignIn(page, "nordhavn", "admin@nordhavn.example");
  await expect(page.getByTestId("admin-organisation")).toBeVisible();
  await page.getByTestId("admin-nav").getByRole("link", { name: "Brugere og roller" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Brugere og roller" })).toBeVisible();
  await expect(page.locator('[data-testid="user-row"][data-email="admin@nordhavn.example"]')).toContainText("Administrer brugere");
  await shots(page, "users-list");

  await page.getByTestId("invite-user").click();
  await expect(page.getByRole("heading", { level: 1, name: "Invitér en bruger" })).toBeVisible();
  // refused first: no role chosen
  await page.getByLabel("Navn", { exact: true }).fill("Nanna Nyansat");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByTestId("invite-errors")).toContainText("Vælg mindst én rolle.");
  await shots(page, "users-invite-error");
  await page.getByLabel("Navn", { exact: true }).fill("Nanna Nyansat");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Sagsbehandler", { exact: true }).check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/brugere\/[0-9a-f-]{36}\?gemt=inviteret$/);
  await expect(page.getByTestId("user-saved")).toContainText(email);
  await expect(page.getByTestId("user-detail")).toContainText("Ikke tilføjet");
  await shots(page, "users-detail-invited");

  // the e-mail in the catcher
  let link = "";
  await expect
    .poll(async () => {
      const mails = (await (await fetch(mailUrl)).json()) as Mail[];
      const mail = mails.find((m) => m.to.includes(email));
      link = /http:\/\/\S+\/nordhavn\/admin\/invitation\/[A-Za-z0-9_-]{43}/.exec(mail?.text ?? "")?.[0] ?? "";
      return link;
    }, { timeout: 30_000 })
    .not.toBe("");

  // the invitee, in a browser of their own — without JavaScript: the invitation works as plain forms
  const invitee = await browser.newContext({ javaScriptEnabled: false, locale: "da-DK", timezoneId: "Europe/Copenhagen", extraHTTPHeaders: { "x-forwarded-for": testClientAddress() } });
  const p = await invitee.newPage();
  await p.goto(link);
  await expect(p.getByRole("heading", { level: 1, name: "Kom i gang som medarbejder" })).toBeVisible();
  await expect(p.getByTestId("invite-lead")).toContainText(email);
  // a password that is the e-mail address is refused beside its field
  await p.getByLabel("Adgangskode", { exact: true }).fill(email);
  await p.getByLabel("Gentag adgangskoden").fill(email);
  await p.getByRole("button", { name: "Gem og fortsæt" }).click();
  await expect(p.getByTestId("invite-password-errors")).toContainText("må ikke være din e-mailadresse");
  await shots(p, "invite-password-error");
  await p.getByLabel("Adgangskode", { exact: true }).fill(password);
  await p.getByLabel("Gentag adgangskoden").fill(password);
  await p.getByRole("button", { name: "Gem og fortsæt" }).click();

  await expect(p.getByRole("heading", { name: "Tilføj Fraflyt i din godkendelses-app" })).toBeVisible();
  await expect(p.getByTestId("totp-qr")).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);
  await shots(p, "invite-totp");
  const secret = ((await p.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await p.getByLabel("Koden fra appen").fill("000000");
  await p.getByRole("button", { name: "Bekræft og afslut" }).click();
  await expect(p.getByTestId("invite-totp-errors")).toContainText("Koden passer ikke");
  await p.getByLabel("Koden fra appen").fill(await freshTotp(secret));
  await p.getByRole("button", { name: "Bekræft og afslut" }).click();
  await expect(p).toHaveURL(/\/nordhavn\/admin\/login$/);
  await invitee.close();

  // sign in with the new password and a fresh code (the enrolment used up its code's step)
  const signedIn = await browser.newContext({ locale: "da-DK", timezoneId: "Europe/Copenhagen", extraHTTPHeaders: { "x-forwarded-for": testClientAddress() } });
  const q = await signedIn.newPage();
  await q.goto("/nordhavn/admin/login");
  await signInAs(q, email, password, await freshTotp(secret));
  await expect(q).toHaveURL(/\/nordhavn\/admin$/);
  await expect(q.getByTestId("admin-organisation")).toHaveText("Nordhavn Boligadministration");
  await expect(q.getByTestId("admin-roles")).toHaveText("Sagsbehandler");
  // a caseworker does not manage users: the section is not in the menu
  await expect(q.getByTestId("admin-nav").getByRole("link", { name: "Brugere og roller" })).toHaveCount(0);

  // the link cannot be used again
  await q.goto(link);
  await expect(q.getByTestId("invite-reason")).toHaveAttribute("data-reason", "used");
  await signedIn.close();
  // the administrator now sees the user as set up
  await page.reload();
  await expect(page.getByTestId("user-detail")).toContainText("Tilføjet");
});

test("website settings: the deep link to copy and a connection test against the local identity provider", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "admin@nordhavn.example");
  await expect(page.getByTestId("admin-organisation")).toBeVisible();
  await page.getByTestId("admin-nav").getByRole("link", { name: "Hjemmeside og MitID" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hjemmeside og MitID" })).toBeVisible();
  await expect(page.getByTestId("deep-link")).toHaveText(`http://localhost:${port}/nordhavn/beboer/selvbetjening/opsigelse`);
  // the secret is never rendered back
  await expect(page.getByLabel("Klienthemmelighed")).toHaveValue("");
  await page.getByTestId("test-connection").click();
  await expect(page.getByTestId("discovery-ok")).toContainText("Forbindelsen virker");
  await expect(page.getByTestId("discovery-ok")).toContainText("/token");
  await shots(page, "website");
});
