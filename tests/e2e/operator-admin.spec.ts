/**
 * The operator onboards an organisation (its first administrator invited by e-mail, read from the
 * mail catcher), suspends it — its tenants' and staff's pages show a clear "temporarily closed"
 * message instead of the app — and resumes it. Only rows of its own organisation are touched.
 *
 * The invited administrator's enrolment page (/{organisation}/admin/invitation/{token}) is built on
 * another branch (`users`); this spec follows the invitation up to the mail and its single-use link.
 */
import { expect, test, type Page } from "@playwright/test";
import { acceptInvitation, freshTotp, operatorSignIn, submitStaffSignIn, testClientAddress } from "./helpers";

const port = Number(process.env.E2E_PORT ?? 3100);
const mailUrl = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? port + 3000}/messages`;
const shots = "/tmp/shots-operator";

type CaughtMail = { to: string[]; subject: string; text: string };

async function mailsTo(email: string): Promise<CaughtMail[]> {
  const res = await fetch(mailUrl);
  return ((await res.json()) as CaughtMail[]).filter((m) => m.to.includes(email));
}

async function shoot(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("the operator creates an organisation, its administrator is invited by e-mail; suspending it shows a clear message, resuming restores it", async ({ page, browser }) => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const slug = `e2e-${stamp}`;
  const name = `Testby Bolig ${stamp}`;
  const adminEmail = `ada.${stamp}@example.dk`;

  await operatorSignIn(page);
  await expect(page).toHaveURL(/\/operator$/);
  await page.getByTestId("new-organisation").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opret en organisation");

  // A reserved address is refused with its reason, and what was typed stays.
  await page.getByLabel("Organisationens navn").fill(name);
  await page.getByLabel("Adresse (slug)").fill("operator");
  await page.getByLabel("Administratorens fulde navn").fill("Ada Administrator");
  await page.getByLabel("Administratorens e-mail").fill(adminEmail);
  await page.getByRole("button", { name: "Opret og send invitation" }).click();
  await expect(page.getByTestId("form-errors")).toContainText("Den adresse er reserveret");
  await expect(page.getByLabel("Administratorens e-mail")).toHaveValue(adminEmail);
  await shoot(page, "operator-create-error");

  await page.getByLabel("Adresse (slug)").fill(slug);
  await page.getByRole("button", { name: "Opret og send invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/operator/organisationer/${slug}\\?oprettet=1$`));
  await expect(page.getByTestId("operator-notice")).toContainText("invitationen er sendt");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  // The invitation mail: to the administrator, with a single-use link into the new organisation.
  await expect.poll(async () => (await mailsTo(adminEmail)).length, { timeout: 30_000 }).toBe(1);
  const [mail] = await mailsTo(adminEmail);
  expect(mail!.subject).toContain(name);
  expect(mail!.text).toContain("Kære Ada Administrator");
  const link = new RegExp(`http://localhost:${port}/${slug}/admin/invitation/[A-Za-z0-9_-]{43}\\b`).exec(mail!.text)?.[0];
  expect(link, "the invitation link").toBeTruthy();

  // The invited administrator sets a password, enrols TOTP and signs in to the new organisation's admin.
  const password = `Velkommen-${stamp}-2026`;
  const secret = await acceptInvitation(browser, link!, password);
  const adminCtx = await browser.newContext({ locale: "da-DK", timezoneId: "Europe/Copenhagen", extraHTTPHeaders: { "x-forwarded-for": testClientAddress() } });
  const admin = await adminCtx.newPage();
  await admin.goto(`/${slug}/admin/login`);
  await submitStaffSignIn(admin, adminEmail, password, await freshTotp(secret));
  await expect(admin).toHaveURL(new RegExp(`/${slug}/admin$`));
  await expect(admin.getByTestId("admin-organisation")).toHaveText(name);
  await expect(admin.getByTestId("admin-nav").getByRole("link", { name: "Brugere og roller" })).toBeVisible();
  await adminCtx.close();

  // The figures on the start page: no tenancies or notices yet, one staff user (the invited administrator).
  await page.goto("/operator");
  const row = page.getByTestId(`org-${slug}`);
  await expect(row.getByTestId("tenancies")).toHaveText("0");
  await expect(row.getByTestId("notices")).toHaveText("0");
  await expect(row.getByTestId("staff")).toHaveText("1");
  await expect(row.getByTestId("status")).toHaveText("Åben");
  await expect(page.getByTestId("org-nordhavn").getByTestId("tenancies")).not.toHaveText("0");
  await shoot(page, "operator-list");

  // Suspend it, with a reason.
  await row.getByRole("link", { name }).click();
  await page.getByLabel("Begrundelse").fill("Aftalen er sat på pause");
  await page.getByRole("button", { name: "Luk midlertidigt" }).click();
  await expect(page).toHaveURL(/\?lukket=1$/);
  await expect(page.getByTestId("organisation-status")).toContainText("Aftalen er sat på pause");
  await shoot(page, "operator-suspended");

  // Its tenants and staff (signed out here) get the clear page instead of the app, wherever they go.
  const visitor = await browser.newPage();
  for (const path of [`/${slug}/beboer/selvbetjening/opsigelse`, `/${slug}/beboer/login`, `/${slug}/admin`, `/${slug}/admin/login`, `/${slug}/admin/tekster`]) {
    await visitor.goto(path);
    await expect(visitor).toHaveURL(new RegExp(`/${slug}/lukket$`));
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${name} er midlertidigt lukket for selvbetjening`);
  }
  await expect(visitor.getByTestId("organisation-suspended")).toContainText("Intet er gået tabt");
  await shoot(visitor, "organisation-suspended");
  // English too.
  await visitor.getByRole("button", { name: "English" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${name} is temporarily closed for self-service`);
  await visitor.getByRole("button", { name: "Dansk" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${name} er midlertidigt lukket for selvbetjening`);
  // Another organisation is not affected.
  await visitor.goto("/nordhavn/admin/login");
  await expect(visitor.getByRole("button", { name: "Log ind" })).toBeVisible();

  // Resume: everything as before.
  await page.getByRole("button", { name: "Åbn organisationen igen" }).click();
  await expect(page).toHaveURL(/\?aabnet=1$/);
  await expect(page.getByTestId("organisation-status")).toHaveText("Åben");
  await visitor.goto(`/${slug}/admin/login`);
  await expect(visitor).toHaveURL(new RegExp(`/${slug}/admin/login$`));
  await expect(visitor.getByRole("button", { name: "Log ind" })).toBeVisible();
  await visitor.goto(`/${slug}/lukket`);
  await expect(visitor.getByTestId("organisation-suspended")).toHaveAttribute("data-suspended", "no");
  await visitor.close();
});
