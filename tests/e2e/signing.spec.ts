/**
 * Signing in one window (lib/notice/sign.ts behind the OIDC flow): bent is signed in and signs as
 * himself at the identity provider, then birgit signs on the same page with her own MitID; the
 * same identity for both is refused; cancelling the second keeps the first.
 *
 * The notice is set up at the signing step by a fixture through the services
 * (tests/e2e/fixtures/notice-at-signing.ts), not through the wizard's pages.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { testClientAddress, tenantSignIn } from "./helpers";

const root = path.resolve(__dirname, "../..");
const port = process.env.E2E_PORT ?? "3100";
const mailUrl = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? Number(port) + 3000}/messages`;

function noticeAtSigning(slug: string, username: string, flags: string[] = []): string {
  const url = fs.readFileSync(path.join(root, ".test-data", `e2e-db-url-${port}`), "utf8").trim();
  const out = execFileSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "tests/e2e/fixtures/notice-at-signing.ts", slug, username, ...flags], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, DATA_KEY: process.env.DATA_KEY ?? "e2e-data-key-0123456789abcdefghijklmnopqrst", LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  return (JSON.parse(out.trim().split("\n").pop()!) as { noticeId: string }).noticeId;
}

const signingPage = (slug: string, id: string) => `/${slug}/beboer/selvbetjening/opsigelse/${id}/underskriv`;

async function atIdp(page: Page, username: string) {
  await expect(page.getByRole("heading", { name: "Log ind" })).toBeVisible();
  await expect(page.getByTestId("reference-text")).toContainText("Opsigelse af Havnegade 1, 2. th pr.");
  await page.locator("#username").fill(username);
  await page.getByRole("button", { name: "Fortsæt" }).click();
}

test.describe.configure({ mode: "serial" });
// The fixture runs a tsx process (compile + database) before each test: give it room.
test.setTimeout(150_000);

test.describe("signing in one window (bent and birgit)", () => {
  test("the same identity for both is refused, and cancelling the second keeps the first", async ({ page }) => {
    const id = noticeAtSigning("nordhavn", "bent");
    await tenantSignIn(page, "nordhavn", "bent");
    await expect(page).toHaveURL(/\/nordhavn\/beboer\/selvbetjening\/opsigelse/);
    await page.goto(signingPage("nordhavn", id));
    await expect(page.getByRole("heading", { name: "Underskriv opsigelsen" })).toBeVisible();
    await expect(page.getByTestId("vacating-deadline")).toContainText("Du skal være fraflyttet senest kl. 12.00 den");
    await expect(page.getByTestId("signing-deadline")).toContainText("Opsigelsen skal være modtaget senest den");

    // Bent signs as himself (prompt=login: the IdP asks again although he is signed in there).
    await page.getByRole("button", { name: "Underskriv med MitID som Bent Hansen" }).click();
    await atIdp(page, "bent");
    await expect(page).toHaveURL(new RegExp(`${signingPage("nordhavn", id)}\\?signeret=`));
    await expect(page.getByTestId("signer-tenant1")).toContainText("Underskrevet");
    await expect(page.getByTestId("signer-tenant2")).toContainText("Mangler at underskrive");

    // Bent again in Birgit's place: refused, his signature kept.
    await page.getByRole("button", { name: "Underskriv med MitID som Birgit Hansen" }).click();
    await atIdp(page, "bent");
    await expect(page).toHaveURL(/fejl=same-identity/);
    await expect(page.getByTestId("signing-error")).toContainText("Det MitID har allerede underskrevet opsigelsen");
    await expect(page.getByTestId("signer-tenant1")).toContainText("Underskrevet");

    // Birgit cancels at the IdP: a clear message, Bent's signature kept, still signed in as Bent.
    await page.getByRole("button", { name: "Underskriv med MitID som Birgit Hansen" }).click();
    await expect(page.getByRole("heading", { name: "Log ind" })).toBeVisible();
    await page.getByRole("link", { name: "Afbryd" }).click();
    await expect(page).toHaveURL(/fejl=cancelled/);
    await expect(page.getByTestId("signing-error")).toContainText("Du afbrød MitID");
    await expect(page.getByTestId("signer-tenant1")).toContainText("Underskrevet");
    await expect(page.getByTestId("signer-tenant2")).toContainText("Mangler at underskrive");
    await expect(page.getByText("Logget ind som Bent Hansen")).toBeVisible();
  });

  test("bent and birgit both sign in one window: the notice is submitted and the receipt follows", async ({ page }) => {
    const id = noticeAtSigning("nordhavn", "bent");
    await tenantSignIn(page, "nordhavn", "bent");
    await expect(page).toHaveURL(/\/nordhavn\/beboer\/selvbetjening\/opsigelse/);
    await page.goto(signingPage("nordhavn", id));
    await page.getByRole("button", { name: "Underskriv med MitID som Bent Hansen" }).click();
    await atIdp(page, "bent");
    await expect(page.getByTestId("signing-saved")).toContainText("Underskriften er gemt");
    await page.getByRole("button", { name: "Underskriv med MitID som Birgit Hansen" }).click();
    await atIdp(page, "birgit");
    await expect(page).toHaveURL(new RegExp(`/nordhavn/beboer/selvbetjening/opsigelse/${id}/kvittering$`));
    // The signing page of a submitted notice goes on to the receipt; the tenant is still Bent.
    await page.goto(signingPage("nordhavn", id));
    await expect(page).toHaveURL(new RegExp(`/${id}/kvittering$`));
  });
});

// Sign later (lib/notice/signing-link.ts): inside this file so it never runs beside the other bent tests.
test.describe.serial("sign later (bent sends birgit a link)", () => {
  test("bent signs and sends birgit a link; birgit signs from it in another browser, and the notice is submitted", async ({ page, browser }) => {
    // The notice of the test before was submitted: the fixture cancels it first (as staff would);
    // step 3 gives both an e-mail address (the link goes to birgit's).
    const id = noticeAtSigning("nordhavn", "bent", ["--reset", "--with-emails"]);
    await tenantSignIn(page, "nordhavn", "bent");
    await expect(page).toHaveURL(/\/nordhavn\/beboer\/selvbetjening\/opsigelse/);
    await page.goto(signingPage("nordhavn", id));
    await page.getByRole("button", { name: "Underskriv med MitID som Bent Hansen" }).click();
    await atIdp(page, "bent");
    await expect(page.getByTestId("signing-saved")).toContainText("Underskriften er gemt");

    // The link instead of signing here: the address masked, then the status and a cancel button.
    const birgitSlot = page.getByTestId("signer-tenant2");
    await expect(birgitSlot).toContainText("b••••••••••••@example.dk");
    await birgitSlot.getByRole("button", { name: "Send et link til Birgit Hansen i stedet" }).click();
    await expect(page.getByTestId("link-saved")).toContainText("Linket er sendt til Birgit Hansen");
    await expect(page.getByTestId("link-status")).toContainText("Link sendt");
    await expect(page.getByTestId("link-status")).toContainText("udløber");
    await expect(birgitSlot.getByRole("button", { name: "Annuller linket" })).toBeVisible();

    // The mail in the catcher (the newest one for this address and lease).
    type Mail = { to: string[]; subject: string; text: string; date?: string };
    let link = "";
    await expect
      .poll(
        async () => {
          const mails = ((await (await fetch(mailUrl)).json()) as Mail[]).filter((m) => m.to.includes("birgit.hansen@example.dk") && m.subject.includes("Underskriv opsigelsen af Havnegade 1, 2. th"));
          const m = mails.map((x) => /https?:\/\/\S+\/nordhavn\/underskriv\/[A-Za-z0-9_-]{43}/.exec(x.text)?.[0]).filter((u): u is string => !!u);
          link = m.at(-1) ?? "";
          return m.length;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    const mail = new URL(link);

    // Birgit in another browser context, not signed in: the notice read-only and the deadline.
    const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": testClientAddress() } });
    try {
      const bp = await other.newPage();
      await bp.goto(mail.pathname);
      await expect(bp.getByRole("heading", { name: "Underskriv opsigelsen" })).toBeVisible();
      await expect(bp.getByTestId("link-notice")).toContainText("Havnegade 1, 2. th");
      await expect(bp.getByTestId("link-notice")).toContainText("Bent Hansen");
      await expect(bp.getByTestId("link-deadline")).toContainText("Opsigelsen skal være modtaget senest den");
      await expect(bp.getByTestId("link-signers")).toContainText("Bent Hansen har underskrevet");
      await expect(bp.getByRole("textbox")).toHaveCount(0);
      await bp.getByRole("button", { name: "Underskriv med MitID" }).click();
      await atIdp(bp, "birgit");
      await expect(bp).toHaveURL(/\/nordhavn\/underskriv\/tak\?status=submitted$/);
      await expect(bp.getByTestId("link-done")).toContainText("Opsigelsen er sendt");
      // Single use: the link now says only that it cannot be used; and birgit has no tenant session here.
      await bp.goto(mail.pathname);
      await expect(bp.getByTestId("link-unusable")).toHaveText("Linket kan ikke bruges");
      await bp.goto(signingPage("nordhavn", id));
      await expect(bp).toHaveURL(/\/nordhavn\/beboer\/login/);
    } finally {
      await other.close();
    }

    // Bent's signing page now goes on to the receipt.
    await page.goto(signingPage("nordhavn", id));
    await expect(page).toHaveURL(new RegExp(`/${id}/kvittering$`));
  });

  test("an unknown token gives a clear page, never another notice", async ({ page }) => {
    await page.goto("/nordhavn/underskriv/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    await expect(page.getByTestId("link-unusable")).toHaveText("Linket kan ikke bruges");
    await page.goto("/nordhavn/underskriv/not-a-token");
    await expect(page.getByTestId("link-unusable")).toHaveText("Linket kan ikke bruges");
  });
});
