/**
 * After submission, in the real app with its worker and mail catcher: a submitted notice (written
 * straight into the database, as the submission leaves it — the wizard's own tests submit through
 * the pages) gets its confirmation letter rendered by the worker; the tenant sees the notice given
 * on the tile, the receipt page with every date, the letter once it exists, the calendar file and
 * "Mine dokumenter"; the e-mail receipt in the catcher links to the documents page and does not
 * carry the letter; another tenant, and a tenant of another organisation, get 404 / sign-in for the
 * same URLs. The notices are made in "solbakken" for demo identities that are not tenants there, so
 * no other test's tiles change.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { deepLink, tenantSignIn } from "./helpers";

const root = path.resolve(__dirname, "../..");
const port = process.env.E2E_PORT ?? "3100";
const mailPort = process.env.E2E_MAIL_PORT ?? String(Number(port) + 3000);
const SLUG = "solbakken";
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type Made = { noticeId: string; lejerId: string; address: string };

/** Submitted notices for demo identities, through tests/e2e/fixtures/submitted-notice.ts (the database URL as npm start wrote it). */
function makeSubmittedNotices(notices: { tag: string; people: { name: string; email: string; cpr: string }[] }[]): Made[] {
  const url = fs.readFileSync(path.join(root, ".test-data", `e2e-db-url-${port}`), "utf8").trim();
  const input = { url, dataKey: process.env.DATA_KEY ?? "e2e-data-key-0123456789abcdefghijklmnopqrst", slug: SLUG, notices };
  const out = execFileSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "tests/e2e/fixtures/submitted-notice.ts", JSON.stringify(input)], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Made[];
}

async function axeClean(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe on ${label}`).toEqual([]);
}

type CaughtMail = { to: string[]; subject: string; text: string; html: string | null };

async function mailsTo(email: string): Promise<CaughtMail[]> {
  const res = await fetch(`http://127.0.0.1:${mailPort}/messages`);
  return ((await res.json()) as CaughtMail[]).filter((m) => m.to.includes(email));
}

test("a submitted notice: tile, receipt with every date, the letter once rendered, calendar, Mine dokumenter, the e-mail — and nothing for anyone else", async ({ page, browser }) => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const carlEmail = `carl.${stamp}@example.dk`;
  const [carls, dortes] = makeSubmittedNotices([
    { tag: `c${stamp}`, people: [{ name: "Carl Nielsen", email: carlEmail, cpr: "2107901237" }] },
    { tag: `d${stamp}`, people: [{ name: "Dorte Larsen", email: `dorte.${stamp}@example.dk`, cpr: "0311651238" }] },
  ]) as [Made, Made];

  // The tile shows the notice given instead of a start button.
  await tenantSignIn(page, SLUG, "carl");
  await expect(page).toHaveURL(new RegExp(`${deepLink(SLUG)}$`));
  const given = page.getByTestId("notice-given");
  await expect(given).toContainText("Opsigelse modtaget 1. december 2026");
  await expect(given).toContainText("Du skal være fraflyttet senest kl. 12.00 den 26. februar 2027.");
  await expect(page.getByTestId("start-notice")).toHaveCount(0);
  await given.getByRole("link", { name: "Se din opsigelse" }).click();

  // The receipt: every date at once; the letter link once the worker has stored it (a reload shows it).
  await expect(page).toHaveURL(new RegExp(`/${SLUG}/beboer/selvbetjening/opsigelse/${carls.noticeId}/kvittering$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Din opsigelse er modtaget");
  await expect(page.getByTestId("receipt-success")).toContainText(`har modtaget din opsigelse af ${carls.address}`);
  await expect(page.getByTestId("receipt-deadline")).toHaveText("Du skal være fraflyttet senest kl. 12.00 den 26. februar 2027.");
  const dates = page.getByTestId("receipt-dates");
  for (const s of ["Modtaget", "1. december 2026", "1. marts 2027", "kl. 12.00 den 26. februar 2027", "fra 1. december 2026 til og med 28. februar 2027", "mandag den 1. marts 2027"]) {
    await expect(dates).toContainText(s);
  }
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("receipt-letter")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await axeClean(page, "the receipt");
  await page.screenshot({ path: test.info().outputPath("receipt.png"), fullPage: true });

  const letterHref = (await page.getByTestId("receipt-letter").getByRole("link").getAttribute("href"))!;
  expect(letterHref).toMatch(new RegExp(`^/api/${SLUG}/dokumenter/[0-9a-f-]{36}$`));
  const pdf = await page.request.get(letterHref);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline; filename="Bekraeftelse-paa-opsigelse-\d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''Bekr%C3%A6ftelse/);
  expect(pdf.headers()["cache-control"]).toBe("no-store");
  const bytes = (await pdf.body()).toString("latin1");
  expect(bytes.startsWith("%PDF-")).toBe(true);
  expect(bytes).toContain("<pdfaid:part>2</pdfaid:part>");

  const calendarHref = (await page.getByTestId("receipt-calendar").getAttribute("href"))!;
  const ics = await page.request.get(calendarHref);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const icsText = await ics.text();
  expect(icsText).toContain("DTSTART;TZID=Europe/Copenhagen:20270226T120000");
  expect(icsText).toContain("DTSTART;VALUE=DATE:20270301");

  // Mine dokumenter: the letter in the organisation's folder.
  await page.getByTestId("receipt-documents").click();
  await expect(page).toHaveURL(new RegExp(`/${SLUG}/beboer/dokumenter$`));
  await expect(page.getByRole("heading", { level: 1, name: "Mine dokumenter" })).toBeVisible();
  const folder = page.getByTestId("document-folder");
  await expect(folder.getByRole("heading", { level: 2 })).toHaveText("Opsigelse – Fraflytning");
  await expect(folder.getByTestId("document-row")).toHaveCount(1);
  await expect(folder.getByTestId("document-row")).toContainText("Bekræftelse på opsigelse");
  await expect(folder.getByTestId("open-document")).toHaveAttribute("href", letterHref);
  await axeClean(page, "Mine dokumenter");
  await page.screenshot({ path: test.info().outputPath("documents.png"), fullPage: true });

  // The e-mail receipt: the documents link, not the letter.
  await expect.poll(async () => (await mailsTo(carlEmail)).length, { timeout: 30_000 }).toBe(1);
  const [mail] = await mailsTo(carlEmail);
  expect(mail!.subject).toBe(`Vi har modtaget din opsigelse af ${carls.address}`);
  expect(mail!.text).toContain(`http://localhost:${port}/${SLUG}/beboer/dokumenter`);
  expect(mail!.text).toContain("Du skal være fraflyttet senest kl. 12.00 den 26. februar 2027.");
  expect(mail!.text).not.toContain("%PDF");

  // Another tenant of the same organisation: 404 for carl's letter, calendar and receipt.
  const other = await browser.newContext();
  try {
    const dorte = await other.newPage();
    await tenantSignIn(dorte, SLUG, "dorte");
    await expect(dorte).toHaveURL(new RegExp(`${deepLink(SLUG)}$`));
    expect((await dorte.request.get(letterHref)).status()).toBe(404);
    expect((await dorte.request.get(calendarHref)).status()).toBe(404);
    expect((await dorte.goto(`/${SLUG}/beboer/selvbetjening/opsigelse/${carls.noticeId}/kvittering`))!.status()).toBe(404);
    // Her own receipt works.
    expect((await dorte.goto(`/${SLUG}/beboer/selvbetjening/opsigelse/${dortes.noticeId}/kvittering`))!.status()).toBe(200);
    for (const bad of ["not-an-id", "00000000-0000-4000-8000-000000000000"]) {
      expect((await dorte.request.get(`/api/${SLUG}/dokumenter/${bad}`)).status()).toBe(404);
    }
    // A tenant of another organisation is not signed in here at all.
    const anna = await other.newPage();
    await other.clearCookies();
    await tenantSignIn(anna, "nordhavn", "anna");
    await expect(anna).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
    const cross = await anna.request.get(letterHref);
    expect(cross.status()).toBe(401);
    expect((await cross.body()).toString("latin1")).not.toContain("%PDF");
  } finally {
    await other.close();
  }
  // Signed out: no document.
  const anonymous = await browser.newContext();
  try {
    expect((await anonymous.request.get(`http://localhost:${port}${letterHref}`)).status()).toBe(401);
  } finally {
    await anonymous.close();
  }
});
