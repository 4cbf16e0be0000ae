/**
 * Every demo tenancy: the tenant follows the association's deep link while signed out, signs in at
 * the identity provider, lands back on the deep link and sees the right tile — a start button, or
 * in plain Danish each reason why notice cannot be given online.
 */
import { expect, test } from "@playwright/test";
import { deepLink, tenantSignIn } from "./helpers";

type Case = { username: string; slug?: string; address: string; rule?: string; canStart: boolean; reasons?: string[]; text?: RegExp };

const CASES: Case[] = [
  { username: "anna", address: "Havnegade 1, 1. tv", rule: "Dit lejemål har et opsigelsesvarsel på 3 måneder til den 1.", canStart: true },
  { username: "bent", address: "Havnegade 1, 2. th", rule: "Dit lejemål har et opsigelsesvarsel på 3 måneder til den 1. eller 15.", canStart: true, text: /Medlejer: Birgit Hansen/ },
  { username: "birgit", address: "Havnegade 1, 2. th", canStart: true, text: /Medlejer: Bent Hansen/ },
  { username: "carl", address: "Havnegade 3, st.", rule: "Dit lejemål har et opsigelsesvarsel på løbende måned + 3 måneder.", canStart: true },
  { username: "dorte", address: "Havnegade 5, 1.", canStart: true, text: /Havnegade 5, garage 12[\s\S]*Havnegade 5, depotrum 4/ },
  { username: "erik", address: "Havnegade 7, 1. tv", canStart: false, reasons: ["no-notice-rule"], text: /Dit opsigelsesvarsel er ikke registreret/ },
  { username: "frida", address: "Havnegade 7, 1. th", canStart: false, reasons: ["no-renovation-period"], text: /istandsættelsesperiode er ikke registreret/ },
  { username: "gustav", address: "Havnegade 9, 2. tv", canStart: false, reasons: ["non-terminable"], text: /uopsigeligt/ },
  { username: "hanne", address: "Havnegade 9, 2. th", canStart: true },
  { username: "ib", address: "Havnegade 11, st. tv", canStart: false, reasons: ["already-terminated"], text: /allerede opsagt/ },
  { username: "jette", address: "Kajgade 2, 1. tv", canStart: false, reasons: ["stopped"], text: /administreres ikke længere/ },
  { username: "kim", address: "Ungbovej 4, værelse 12", rule: "Dit lejemål har et opsigelsesvarsel på 14 dage.", canStart: true },
  { username: "lars", slug: "solbakken", address: "Solbakken 10, 3. mf", rule: "Dit lejemål har et opsigelsesvarsel på 3 måneder til den 1.", canStart: true },
];

for (const c of CASES) {
  test(`${c.username}: deep link → MitID → ${c.canStart ? "start button" : c.reasons?.join(", ")}`, async ({ page }) => {
    const slug = c.slug ?? "nordhavn";
    await tenantSignIn(page, slug, c.username);
    await expect(page).toHaveURL(new RegExp(`${deepLink(slug)}$`));
    await expect(page.getByRole("heading", { level: 1, name: "Opsig din bolig" })).toBeVisible();
    const tile = page.getByTestId("notice-tile");
    await expect(tile).toHaveCount(1);
    await expect(tile.getByRole("heading", { name: c.address })).toBeVisible();
    if (c.rule) await expect(tile.getByTestId("notice-rule")).toHaveText(c.rule);
    if (c.text) await expect(tile).toContainText(c.text);
    if (c.canStart) {
      await expect(tile.getByTestId("start-notice")).toBeVisible();
      await expect(tile.getByTestId("cannot-start")).toHaveCount(0);
    } else {
      await expect(tile.getByTestId("start-notice")).toHaveCount(0);
      const reasons = tile.getByTestId("cannot-start").locator("li[data-reason]");
      await expect(reasons).toHaveCount(c.reasons!.length);
      for (const [i, r] of c.reasons!.entries()) await expect(reasons.nth(i)).toHaveAttribute("data-reason", r);
    }
  });
}

test("a person who is not a tenant of the organisation is told so, in plain Danish", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "ukendt");
  await expect(page).toHaveURL(/\/nordhavn\/beboer\/login\?error=no-tenancy/);
  await expect(page.getByTestId("login-error")).toContainText("Vi kan ikke finde et lejemål hos Nordhavn Boligadministration");
});

test("a tenant of one organisation is not signed in to another", async ({ page }) => {
  await tenantSignIn(page, "solbakken", "lars");
  await expect(page).toHaveURL(new RegExp(`${deepLink("solbakken")}$`));
  await page.goto(deepLink("nordhavn"));
  await expect(page).toHaveURL(/\/nordhavn\/beboer\/login/);
});

test("a tenant cannot open the admin", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "anna");
  await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  await page.goto("/nordhavn/admin");
  await expect(page).toHaveURL(/\/nordhavn\/admin\/login/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log ind som medarbejder");
  await expect(page.getByTestId("admin-roles")).toHaveCount(0);
});

test("the tenant can switch to English and back", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "anna");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Give notice on your home");
  await expect(page.getByTestId("notice-rule")).toHaveText("Your tenancy has a notice period of 3 måneder til den 1.");
  await page.getByRole("button", { name: "Dansk" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opsig din bolig");
});

test("an unknown organisation's deep link is a 404 page", async ({ page }) => {
  const res = await page.goto(deepLink("findes-ikke"));
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siden findes ikke");
});

test("the start button opens the general information about the process", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "anna");
  await page.getByTestId("start-notice").click();
  await expect(page).toHaveURL(/\/nordhavn\/beboer\/selvbetjening\/opsigelse\/start\?lejer=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sådan foregår opsigelsen");
  await expect(page.getByText("Havnegade 1, 1. tv")).toBeVisible();
  // A tenancy that is not the tenant's own is not found.
  const res = await page.goto("/nordhavn/beboer/selvbetjening/opsigelse/start?lejer=00000000-0000-4000-8000-000000000000");
  expect(res?.status()).toBe(404);
});

test("cancelling at MitID brings the tenant back to the sign-in page with a plain message", async ({ page }) => {
  await page.goto(deepLink("nordhavn"));
  await page.getByRole("button", { name: "Log ind med MitID" }).click();
  await page.getByRole("link", { name: "Afbryd" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/beboer\/login\?error=cancelled/);
  await expect(page.getByTestId("login-error")).toContainText("Du afbrød login");
  await expect(page.getByRole("button", { name: "Log ind med MitID" })).toBeVisible();
});
