/**
 * Every demo tenancy: the tenant follows the association's deep link while signed out, signs in at
 * the identity provider, lands back on the deep link and sees the right tile — a start button, or
 * in plain Danish each reason why notice cannot be given online, with its date. Every tenant page
 * has the organisation's footer; code texts follow the page's language; the 404 page offers a way on.
 */
import { expect, test, type Page } from "@playwright/test";
import { addDays } from "../../lib/rules/calendar";
import { formatLongDate } from "../../lib/text/dates";
import { todayInDenmark } from "../../lib/time";
import { deepLink, tenantSignIn } from "./helpers";

/** The demo's dates are relative to the day it was seeded (lib/demo/seed.ts): today. */
const today = todayInDenmark();
const longDate = (offsetDays: number, locale = "da") => formatLongDate(addDays(today, offsetDays), locale);
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The language switch's cookie, set directly (the switch itself is tested below). */
async function useEnglish(page: Page) {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(page.url()).origin }]);
}

type Case = { username: string; slug?: string; address: string; rule?: string; canStart: boolean; reasons?: string[]; text?: RegExp };

const CASES: Case[] = [
  { username: "anna", address: "Havnegade 1, 1. tv", rule: "Dit lejemål har et opsigelsesvarsel på 3 måneder til den 1.", canStart: true },
  { username: "bent", address: "Havnegade 1, 2. th", rule: "Dit lejemål har et opsigelsesvarsel på 3 måneder til den 1. eller 15.", canStart: true, text: /Medlejer: Birgit Hansen/ },
  { username: "birgit", address: "Havnegade 1, 2. th", canStart: true, text: /Medlejer: Bent Hansen/ },
  { username: "carl", address: "Havnegade 3, st.", rule: "Dit lejemål har et opsigelsesvarsel på løbende måned + 3 måneder.", canStart: true },
  { username: "dorte", address: "Havnegade 5, 1.", canStart: true, text: /Havnegade 5, garage 12[\s\S]*Havnegade 5, depotrum 4/ },
  { username: "erik", address: "Havnegade 7, 1. tv", canStart: false, reasons: ["no-notice-rule"], text: /Dit opsigelsesvarsel er ikke registreret/ },
  { username: "frida", address: "Havnegade 7, 1. th", canStart: false, reasons: ["no-renovation-period"], text: /istandsættelsesperiode er ikke registreret/ },
  // Non-terminable until today + 365 days: notice can be given from the day after.
  { username: "gustav", address: "Havnegade 9, 2. tv", canStart: false, reasons: ["non-terminable"], text: new RegExp(`uopsigeligt i en periode\\. Det kan tidligst opsiges fra ${literal(longDate(366))}\\.`) },
  { username: "hanne", address: "Havnegade 9, 2. th", canStart: true },
  { username: "ib", address: "Havnegade 11, st. tv", canStart: false, reasons: ["already-terminated"], text: new RegExp(`allerede opsagt den ${literal(longDate(-10))}\\.`) },
  {
    username: "jette",
    address: "Kajgade 2, 1. tv",
    canStart: false,
    reasons: ["stopped"],
    text: new RegExp(`administreres ikke længere af Nordhavn Boligadministration \\(siden ${literal(longDate(-60))}\\)`),
  },
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
      // Other specs give notice on some of these tenancies (tests/e2e/wizard.spec.ts, signing.spec.ts):
      // then the tile offers to resume it, or shows the notice given — never the reasons why not.
      await expect(tile.getByTestId("start-notice").or(tile.getByTestId("resume-notice")).or(tile.getByTestId("notice-given"))).toBeVisible();
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

test("the tenant can switch to English and back; code texts show their English text", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "anna");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Give notice on your home");
  await expect(page.getByTestId("notice-rule")).toHaveText("Your tenancy has a notice period of 3 months, ending on the 1st.");
  await expect(page.getByTestId("notice-rule").locator("[lang]")).toHaveCount(0);
  await expect(page.getByRole("contentinfo").getByTestId("contact-hours")).toHaveText("Monday–Thursday 9:00–15:00, Friday 9:00–12:00");
  await page.getByRole("button", { name: "Dansk" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opsig din bolig");
  await expect(page.getByTestId("notice-rule")).toHaveText("Dit lejemål har et opsigelsesvarsel på 3 måneder til den 1.");
});

test("in English, a code text without an English text is the Danish one, marked lang=da", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "carl");
  await expect(page.getByTestId("notice-tile")).toBeVisible();
  await useEnglish(page);
  await page.reload();
  const rule = page.getByTestId("notice-rule");
  await expect(rule).toHaveText("Your tenancy has a notice period of løbende måned + 3 måneder.");
  await expect(rule.locator('span[lang="da"]')).toHaveText("løbende måned + 3 måneder");
});

test("in English, the tile's dates are English too", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "gustav");
  await expect(page.getByTestId("notice-tile")).toBeVisible();
  await useEnglish(page);
  await page.reload();
  await expect(page.getByTestId("cannot-start")).toContainText(`The earliest date you can give notice is ${longDate(366, "en")}.`);
});

test("a tenant who cannot give notice online is told how to reach the administration", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "erik");
  const contact = page.getByTestId("notice-tile").getByTestId("tile-contact");
  await expect(contact).toContainText("Kontakt Nordhavn Boligadministration, så hjælper de dig.");
  await expect(contact.getByRole("link", { name: "33 12 34 56" })).toHaveAttribute("href", "tel:33123456");
  await expect(contact.getByRole("link", { name: "udlejning@nordhavn.example" })).toHaveAttribute("href", "mailto:udlejning@nordhavn.example");
});

test("a tenant of a property the organisation no longer administers is not sent back to it", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "jette");
  const tile = page.getByTestId("notice-tile");
  await expect(tile.getByTestId("stopped-contact")).toContainText("den, der administrerer din bolig nu – ikke til Nordhavn Boligadministration");
  await expect(tile.getByTestId("tile-contact")).toHaveCount(0);
  await expect(tile).not.toContainText("Kontakt Nordhavn Boligadministration");
  await expect(tile.getByRole("link", { name: "33 12 34 56" })).toHaveCount(0);
});

test("every tenant page has the organisation's footer: contact details, privacy notice, accessibility statement", async ({ page }) => {
  const expectFooter = async () => {
    const footer = page.getByRole("contentinfo");
    await expect(footer.getByRole("heading", { name: "Kontakt Nordhavn Boligadministration" })).toBeVisible();
    await expect(footer.getByTestId("contact-phone")).toHaveText("33 12 34 56");
    await expect(footer.getByTestId("contact-email")).toHaveText("udlejning@nordhavn.example");
    await expect(footer.getByTestId("contact-hours")).toHaveText("Mandag–torsdag kl. 9–15, fredag kl. 9–12");
    await expect(footer.getByRole("link", { name: "Privatlivspolitik" })).toHaveAttribute("href", "/nordhavn/privatlivspolitik");
    await expect(footer.getByRole("link", { name: "Tilgængelighedserklæring" })).toHaveAttribute("href", "/nordhavn/tilgaengelighedserklaering");
  };
  for (const path of ["/nordhavn/beboer/login", "/nordhavn/privatlivspolitik", "/nordhavn/tilgaengelighedserklaering"]) {
    await page.goto(path);
    await expectFooter();
  }
  await tenantSignIn(page, "nordhavn", "poul");
  await expect(page).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  await expectFooter();
  await page.getByTestId("start-notice").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opsig dit lejemål");
  await expectFooter();
});

test("the privacy notice and accessibility statement are our pages with a default text naming the organisation, in Danish and English", async ({ page }) => {
  await page.goto("/nordhavn/beboer/login");
  await page.getByRole("contentinfo").getByRole("link", { name: "Privatlivspolitik" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/privatlivspolitik$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privatlivspolitik");
  await expect(page.getByTestId("legal-text")).toContainText("Nordhavn Boligadministration er dataansvarlig");
  await page.getByRole("contentinfo").getByRole("link", { name: "Tilgængelighedserklæring" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/tilgaengelighedserklaering$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tilgængelighedserklæring");
  await expect(page.getByTestId("legal-text")).toContainText("Nordhavn Boligadministration vil gerne have, at alle kan bruge Fraflyt");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement");
  await expect(page.getByTestId("legal-text")).toContainText("Nordhavn Boligadministration wants everyone to be able to use Fraflyt");
  expect((await page.goto("/findes-ikke/privatlivspolitik"))?.status()).toBe(404);
});

test("an organisation that keeps its accessibility statement on its own website is linked there; Danish-only opening hours are marked lang=da in English", async ({ page }) => {
  await page.goto("/solbakken/beboer/login");
  const footer = page.getByRole("contentinfo");
  await expect(footer.getByRole("link", { name: "Tilgængelighedserklæring" })).toHaveAttribute("href", "https://solbakken.example/tilgaengelighed");
  await expect(footer.getByRole("link", { name: "Privatlivspolitik" })).toHaveAttribute("href", "/solbakken/privatlivspolitik");
  const res = await page.request.get("/solbakken/tilgaengelighedserklaering", { maxRedirects: 0 });
  expect([302, 303, 307, 308]).toContain(res.status());
  expect(res.headers()["location"]).toBe("https://solbakken.example/tilgaengelighed");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to give notice");
  await expect(footer.getByTestId("contact-hours").locator('span[lang="da"]')).toHaveText("Hverdage kl. 10–14");
});

test("an unknown organisation's deep link is a 404 page that offers a way on, in Danish and English", async ({ page }) => {
  const res = await page.goto(deepLink("findes-ikke"));
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siden findes ikke");
  await expect(page.getByText("Brug linket på din boligorganisations hjemmeside")).toBeVisible();
  await useEnglish(page);
  expect((await page.goto("/nordhavn/findes-ikke"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Go to the front page" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Give notice on your home online");
});

test("the favicon is the Fraflyt mark", async ({ page }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
  expect(await res.text()).toContain("<title>Fraflyt</title>");
});

test("the start button opens the start of the notice", async ({ page }) => {
  await tenantSignIn(page, "nordhavn", "poul");
  await page.getByTestId("start-notice").click();
  await expect(page).toHaveURL(/\/nordhavn\/beboer\/selvbetjening\/opsigelse\/start\?lejer=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opsig dit lejemål");
  await expect(page.getByText("Havnegade 15, st. th")).toBeVisible();
  await expect(page.getByTestId("start-button")).toBeVisible();
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
