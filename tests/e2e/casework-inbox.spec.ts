/**
 * The notices inbox as a caseworker (indbakke@nordhavn.example): the demo notice "Havnegade 21,
 * 1. tv" (Inge Indbakke) is in the inbox, the filters and the search find it, its page shows the
 * answers, the dates, the signatures and — once the worker has rendered it — the PDF. Cancelling
 * "Havnegade 21, 2. tv" with a reason makes it Annulleret, Tage is e-mailed the reason, and he can
 * start a new notice (the filter and cancel forms without JavaScript). Read-only staff see no cancel button. Screenshots at 390 and 1280 px: no
 * sideways scrolling.
 */
import { expect, test, type Page } from "@playwright/test";
import { staffSignIn, tenantSignIn } from "./helpers";

const port = Number(process.env.E2E_PORT ?? 3100);
const mailUrl = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? port + 3000}/messages`;
const INBOX = "/nordhavn/admin/opsigelser";
const INGE = "Havnegade 21, 1. tv";
const TAGE = "Havnegade 21, 2. tv";
const REASON = "Lejer har ringet og trukket opsigelsen tilbage";

type CaughtMail = { to: string[]; subject: string; text: string };

async function noOverflow(page: Page, label: string) {
  const { scroll, client, wide } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // The innermost elements that stick out, to name them when the check fails.
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > client + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > client + 1))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.getAttribute("data-testid") ? `[${e.getAttribute("data-testid")}]` : ""}: ${(e.textContent ?? "").slice(0, 60)}`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  expect(scroll, `${label}: no sideways scrolling (${wide.join(" | ")})`).toBeLessThanOrEqual(client);
}

async function shots(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
    await noOverflow(page, `${name} at ${width}px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a caseworker finds a notice, reads it, opens its PDF, and cancels another so the tenant may start again", async ({ page, browser }) => {
  await staffSignIn(page, "nordhavn", "indbakke@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await page.goto(INBOX);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opsigelser");
  const inge = page.getByTestId("inbox-row").filter({ hasText: INGE });
  await expect(inge).toHaveCount(1);
  await expect(inge).toContainText("Inge Indbakke");
  await expect(inge.getByTestId("notice-status")).toHaveText("Modtaget");
  await shots(page, "inbox-list");

  // F3 focuses the search; a name finds it.
  await page.keyboard.press("F3");
  await expect(page.locator("[data-search]")).toBeFocused();
  await page.keyboard.type("indbakke");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?q=indbakke/);
  await expect(page.getByTestId("inbox-row")).toHaveCount(1);
  await expect(page.getByTestId("inbox-row")).toContainText(INGE);

  // The address, and a status filter with it; another status leaves it out.
  await page.locator("[data-search]").fill(INGE);
  await page.getByLabel("Status").selectOption("SUBMITTED");
  await page.getByTestId("inbox-filter-submit").click();
  await expect(page).toHaveURL(/status=SUBMITTED/);
  await expect(page.getByTestId("inbox-row")).toHaveCount(1);
  await page.getByLabel("Status").selectOption("CANCELLED");
  await page.getByTestId("inbox-filter-submit").click();
  await expect(page.getByTestId("inbox-none")).toBeVisible();

  // Its lease number (from the row) finds it too.
  await page.goto(`${INBOX}?q=${encodeURIComponent(INGE)}`);
  const leaseText = (await page.getByTestId("inbox-row").first().locator("th span").textContent())!;
  const lease = /Lejemål (\d+-\d+-\d+-\d+)/.exec(leaseText)![1]!;
  await page.goto(`${INBOX}?q=${lease}`);
  await expect(page.getByTestId("inbox-row").filter({ hasText: INGE })).toHaveCount(1);

  // A bad filter in the address: a clear message, not an error page.
  await page.goto(`${INBOX}?flyttemaaned=2027-13`);
  await expect(page.getByTestId("inbox-query-error")).toContainText("Skriv flyttemåneden som ÅÅÅÅ-MM");

  // The notice's page: answers, dates in words, signatures with their hashes.
  await page.goto(`${INBOX}?q=${encodeURIComponent(INGE)}`);
  await page.getByTestId("inbox-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Opsigelse: ${INGE}`);
  await expect(page.getByTestId("notice-answers")).toContainText("Årsag");
  await expect(page.getByTestId("notice-answers")).toContainText("NemKonto");
  await expect(page.getByTestId("notice-dates")).toContainText(/\d{1,2}\.\s(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}/);
  const sig = page.getByTestId("signature-row").filter({ hasText: "Inge Indbakke" });
  await expect(sig).toContainText("MitID-login");
  await expect(sig).toContainText(/[0-9a-f]{64}/);
  await expect(sig.getByTestId("hash-match")).toHaveText("Svarer til opsigelsen");
  await expect(page.getByTestId("case-link")).toHaveAttribute("href", /\/nordhavn\/admin\/opsigelser\/[0-9a-f-]{36}\/sag$/);

  // The PDF, once the worker has rendered it.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("document-link")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("job-row").filter({ hasText: "Bekræftelsesbrev (PDF)" })).toHaveAttribute("data-job-status", "done");
  const href = (await page.getByTestId("document-link").getAttribute("href"))!;
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline/);
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await shots(page, "inbox-detail");

  // Cancel Tage's notice with a reason — without JavaScript: the filter form and the cancel form are plain forms.
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState(), baseURL: test.info().project.use.baseURL!, locale: "da-DK", timezoneId: "Europe/Copenhagen" });
  const tab = await noJs.newPage();
  await tab.goto(INBOX);
  await tab.locator("[data-search]").fill(TAGE);
  await tab.getByTestId("inbox-filter-submit").click();
  await expect(tab).toHaveURL(/\?q=Havnegade\+21%2C\+2\.\+tv/);
  await tab.getByTestId("inbox-row").filter({ hasText: TAGE }).getByTestId("inbox-link").click();
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText(`Opsigelse: ${TAGE}`);
  await tab.getByTestId("cancel-submit").click();
  // The browser asks for the reason first (required); an empty reason is never sent.
  await expect(tab.getByTestId("notice-cancelled")).toHaveCount(0);
  await tab.getByLabel("Begrundelse").fill(REASON);
  await tab.getByTestId("cancel-submit").click();
  await expect(tab.getByTestId("notice-cancelled")).toBeVisible();
  await expect(tab.getByTestId("notice-summary").getByTestId("notice-status")).toHaveText("Annulleret");
  await expect(tab.getByTestId("cancelled-reason")).toHaveText(REASON);
  await expect(tab.getByTestId("cancel-submit")).toHaveCount(0);
  await expect(tab.getByTestId("audit-trail")).toContainText("Opsigelse annulleret");
  await noJs.close();

  // Tage gets the mail with the reason and the link.
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(mailUrl)).json()) as CaughtMail[];
        return mails.find((m) => m.to.includes("tage.thomsen@example.dk") && m.subject.includes("annulleret")) ?? null;
      },
      { timeout: 60_000 },
    )
    .toMatchObject({ subject: expect.stringContaining(TAGE), text: expect.stringContaining(REASON) });

  // …and may give notice again.
  const tenant = await browser.newContext();
  const tp = await tenant.newPage();
  await tenantSignIn(tp, "nordhavn", "tage");
  await expect(tp.getByTestId("start-notice").first()).toBeVisible();
  await tp.getByTestId("start-notice").first().click();
  await tp.getByTestId("start-button").click();
  await expect(tp).toHaveURL(/\/opsigelse\/[0-9a-f-]{36}\/generelt$/);
  await tenant.close();
});

test("read-only staff read a notice but see no cancel button", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "laeser@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await page.goto(`${INBOX}?q=${encodeURIComponent(INGE)}`);
  await page.getByTestId("inbox-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Opsigelse: ${INGE}`);
  await expect(page.getByTestId("cancel-submit")).toHaveCount(0);
  await expect(page.getByTestId("cancel-read-only")).toBeVisible();
  await expect(page.getByTestId("job-retry")).toHaveCount(0);
});
