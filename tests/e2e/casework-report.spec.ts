/**
 * The report helper's casework pages, end to end, as rapport@nordhavn.example (a caseworker):
 *  - the admin home shows the dashboard figures, each a link with the contracted href, and what it
 *    showed before (organisation, roles, session end) below them; the missing-data and failed-jobs
 *    figures open their pages (the inbox and to-do lists belong to other helpers: only their hrefs
 *    are checked here);
 *  - the missing-data report lists erik's, frida's and Rita Rapport's ("Havnegade 27, 1.")
 *    tenancies, each linking to the tenancy's edit page, filters by property with a GET form (also
 *    without JavaScript), and its CSV downloads with them;
 *  - read-only staff (laeser@) see the report and the failed jobs, without a retry button.
 * Screenshots at 390 and 1280 px go to SHOTS_DIR when it is set; at 390 px no page scrolls sideways.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { staffSignIn } from "./helpers";

const ADMIN = "/nordhavn/admin";
const SHOTS = process.env.SHOTS_DIR;
const ERIK = "Havnegade 7, 1. tv";
const FRIDA = "Havnegade 7, 1. th";
// Rita Rapport's tenancy lacks both (lib/demo/casework.ts); Mads Mangler's (Havnegade 27, st.) is completed by tests/e2e/casework-todos.spec.ts meanwhile.
const RITA = "Havnegade 27, 1.";

/** At 390 and 1280 px: no sideways scrolling on a phone; a screenshot of each when SHOTS_DIR is set. */
async function look(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
    if (SHOTS) {
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `casework-report-${name}-${width}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a caseworker sees the dashboard, opens the missing-data report and downloads its CSV", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await staffSignIn(page, "nordhavn", "rapport@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);

  // The figures, each a link to its filtered list (the URL contracts), above what the home showed before.
  const dashboard = page.getByTestId("dashboard");
  await expect(dashboard).toBeVisible();
  const href = (key: string) => page.getByTestId(`figure-${key}`).getAttribute("href");
  expect(await href("newThisWeek")).toMatch(/^\/nordhavn\/admin\/opsigelser\?fra=\d{4}-\d{2}-\d{2}$/);
  const monday = (await href("newThisWeek"))!.split("=")[1]!;
  expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
  expect(await href("awaitingSignatures")).toBe(`${ADMIN}/opsigelser?status=AWAITING_SIGNATURES`);
  expect(await href("todoConfirmNotice")).toBe(`${ADMIN}/opgaver?type=confirm-notice`);
  expect(await href("todoTenancyDetails")).toBe(`${ADMIN}/opgaver?type=provide-tenancy-details`);
  expect(await href("todoReminder")).toBe(`${ADMIN}/opgaver?type=reminder`);
  expect(await href("remindersDue")).toBe(`${ADMIN}/opgaver?type=reminder&forfald=idag`);
  expect(await href("missingData")).toBe(`${ADMIN}/manglende-data`);
  expect(await href("failedJobs")).toBe(`${ADMIN}/job`);
  // The demo: Asger and Aase wait for a co-signer; erik, frida and Rita (and more) miss data.
  expect(Number(await page.getByTestId("figure-awaitingSignatures").getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
  expect(Number(await page.getByTestId("figure-missingData").getAttribute("data-count"))).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("figure-missingData")).toContainText("Lejemål med manglende data");
  await expect(page.getByTestId("admin-organisation")).toHaveText("Nordhavn Boligadministration");
  await expect(page.getByTestId("admin-roles")).toContainText("Sagsbehandler");
  await look(page, "dashboard");

  // The missing-data figure opens the report.
  await page.getByTestId("figure-missingData").click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/manglende-data$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Manglende data");
  const rows = page.getByTestId("missing-data-row");
  for (const address of [ERIK, FRIDA, RITA]) await expect(rows.filter({ hasText: address })).toHaveCount(1);
  const rita = rows.filter({ hasText: RITA });
  await expect(rita.getByText("Mangler")).toHaveCount(2); // neither notice rule nor renovation period
  await expect(rows.filter({ hasText: ERIK })).toContainText("Mangler");
  const total = Number(/\d+/.exec((await page.getByTestId("missing-data-total").textContent())!)![0]);
  expect(total).toBeGreaterThanOrEqual(3);
  await expect(rows).toHaveCount(Math.min(total, 50));
  for (const a of await page.getByTestId("missing-data-link").all()) expect(await a.getAttribute("href")).toMatch(/^\/nordhavn\/admin\/lejemaal\/[0-9a-f-]{36}$/);
  await look(page, "missing-data");

  // The CSV of the report.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("missing-data-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^manglende-data-nordhavn-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).toContain("SelskabNr;EjendomNr;LejemaalNr;LejerNr;Adresse1;IndflytDato;FraflytOpsigVarsel;FraflytIstandPeriode;Boligtype;Sumtype");
  for (const address of [ERIK, FRIDA, RITA]) expect(text).toContain(`;${address};`);
  // Other specs complete tenancies meanwhile (vera's, Mads's): the CSV has at least the rows above, each with every column.
  const lines = text.trim().split("\r\n");
  expect(lines.length).toBeGreaterThanOrEqual(4);
  for (const line of lines) expect(line.split(";")).toHaveLength(10);

  // Filter by the property (a GET form), then open Rita's tenancy.
  await page.getByLabel("Ejendom (afdeling)").selectOption({ label: "1-1 Afd. 1 Havnely" });
  await page.getByTestId("missing-data-filter-submit").click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/manglende-data\?selskab=&ejendom=[0-9a-f-]{36}$/);
  await expect(rows.filter({ hasText: RITA })).toHaveCount(1);
  expect(await page.getByTestId("missing-data-csv").getAttribute("href")).toMatch(/\/api\/nordhavn\/admin\/manglende-data\/csv\?ejendom=[0-9a-f-]{36}$/);
  const filteredUrl = page.url();
  await rows.filter({ hasText: RITA }).getByTestId("missing-data-link").click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/lejemaal\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Lejemål 1-1-\d+$/);

  // Without JavaScript the filter form works the same (a plain GET).
  const nojs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState(), extraHTTPHeaders: { "x-forwarded-for": "100.127.9.9" } });
  const plain = await nojs.newPage();
  await plain.goto(`${ADMIN}/manglende-data`);
  await plain.getByLabel("Ejendom (afdeling)").selectOption({ label: "1-1 Afd. 1 Havnely" });
  await plain.getByTestId("missing-data-filter-submit").click();
  await expect(plain).toHaveURL(filteredUrl);
  await expect(plain.getByTestId("missing-data-row").filter({ hasText: RITA })).toHaveCount(1);
  await nojs.close();

  // The failed-jobs figure opens its page (the demo's jobs may all have run).
  await page.goto(ADMIN);
  await page.getByTestId("figure-failedJobs").click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/job$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fejlede job");
  await expect(page.getByTestId("jobs-list").or(page.getByTestId("jobs-none"))).toBeVisible();
  await look(page, "jobs");
});

test("read-only staff see the report and the failed jobs, without a retry button", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "laeser@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await expect(page.getByTestId("figure-missingData")).toBeVisible();
  await page.goto(`${ADMIN}/manglende-data`);
  for (const address of [ERIK, FRIDA, RITA]) await expect(page.getByTestId("missing-data-row").filter({ hasText: address })).toHaveCount(1);
  await page.goto(`${ADMIN}/job`);
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByTestId("job-retry")).toHaveCount(0);
});
