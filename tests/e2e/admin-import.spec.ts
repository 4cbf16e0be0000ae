/**
 * Import of tenancies, as a caseworker: upload a generated CSV export → the dry run reports the bad
 * rows with their reasons → applying it creates the tenancies → the same file again changes nothing
 * (0 created, 0 changed) → a tenant from the file (ida, known to the test identity provider but
 * without a tenancy in the demo data) signs in with MitID (test) and sees her tile.
 * Screenshots of the run page at 1280 and 390 px go to /tmp/shots-import/.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { deepLink, staffSignIn, tenantSignIn } from "./helpers";

const SHOTS = "/tmp/shots-import";
const HEADER = "SelskabNr;SelskabNavn;EjendomNr;EjendomNavn;LejemaalNr;HovedLejemaalNr;Adresse1;Postnr;By;Boligtype;LejerNr;IndflytDato;FraflytOpsigVarsel;FraflytIstandPeriode;Lejer1Navn;Lejer1Cpr;Lejer1Email";
// SelskabNr 77 is not in the demo data; ida's CPR is her test identity's (lib/demo/identities.ts).
const CSV = [
  HEADER,
  "77;Importselskabet;1;Afd. Import;1;;Importvej 1, 1. tv;2100;København Ø;FAM;2;01-08-2019;3M1;14;Ida Import;140687-1253;ida.import@example.dk",
  "77;Importselskabet;1;Afd. Import;2;1;Importvej 1, depotrum 2;2100;København Ø;DEP;2;01-08-2019;3M1;7;Ida Import;1406871253;",
  "77;Importselskabet;1;Afd. Import;3;;Importvej 3, st.;2100;København Ø;FAM;2;2020-02-01;3M1;14;Jens Import;0101701111;",
  "77;Importselskabet;1;Afd. Import;4;;Importvej 5;2100;København Ø;FAM;2;31-02-2020;3M1;14;Karen Import;0202702222;",
  "77;Importselskabet;1;Afd. Import;5;;Importvej 7;2100;København Ø;FAM;2;01-01-2021;9X;14;Lone Import;0303703333;",
].join("\r\n");

async function upload(page: Page) {
  await page.goto("/nordhavn/admin/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import af lejemål" })).toBeVisible();
  await page.getByLabel("Fil (CSV eller Excel .xlsx)").setInputFiles({ name: "eksport.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "latin1") });
  await page.getByRole("button", { name: "Indlæs og lav prøvekørsel" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/import\/[0-9a-f-]{36}$/);
  // The page refreshes itself every 2 s while the dry run runs (a meta refresh: no JavaScript needed).
  await expect(page.getByTestId("import-status")).toHaveText("Prøvekørsel klar", { timeout: 45_000 });
}

async function apply(page: Page, rows: number) {
  await page.getByRole("button", { name: `Importér ${rows} rækker` }).click();
  await expect(page.getByTestId("import-status")).toHaveText("Importeret", { timeout: 45_000 });
}

test("a caseworker imports a CSV: the dry run reports the bad rows, applying creates the tenancies, the same file again changes nothing, and a tenant from the file sees her tile", async ({ page, browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await staffSignIn(page, "nordhavn", "import@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await page.getByTestId("admin-nav").getByRole("link", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/import$/);

  // 1. Dry run: 3 to create, 2 refused, each with its reason; nothing written yet.
  await upload(page);
  await expect(page.getByTestId("count-created")).toHaveText("3");
  await expect(page.getByTestId("count-refused")).toHaveText("2");
  const report = page.getByTestId("import-report");
  await expect(report.locator('tr[data-line="5"]')).toContainText("IndflytDato er ikke en gyldig dato");
  await expect(report.locator('tr[data-line="6"]')).toContainText('Ukendt kode for opsigelsesvarsel "9X"');
  await expect(report).not.toContainText("1406871253");
  await expect(report).not.toContainText("140687-1253");
  await page.screenshot({ path: `${SHOTS}/dry-run-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/dry-run-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  // Only the refused rows:
  await page.getByRole("link", { name: "Afvist", exact: true }).click();
  await expect(report.locator("tbody tr")).toHaveCount(2);

  // 2. Apply: the tenancies are created.
  await apply(page, 3);
  await expect(page.getByTestId("import-applied")).toContainText("3 oprettet, 0 ændret, 0 uændret, 2 afvist");
  await page.screenshot({ path: `${SHOTS}/applied-1280.png`, fullPage: true });

  // 3. The same file again: nothing changes.
  await upload(page);
  await expect(page.getByTestId("count-created")).toHaveText("0");
  await expect(page.getByTestId("count-changed")).toHaveText("0");
  await expect(page.getByTestId("count-unchanged")).toHaveText("3");
  await apply(page, 3);
  await expect(page.getByTestId("import-applied")).toContainText("0 oprettet, 0 ændret, 3 uændret, 2 afvist");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/reimport-390.png`, fullPage: true });

  // The list shows both runs.
  await page.goto("/nordhavn/admin/import");
  expect(await page.getByTestId("import-runs").locator("tbody tr").count()).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: `${SHOTS}/list-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SHOTS}/list-1280.png`, fullPage: true });

  // 4. Ida, a tenant from the file, signs in with MitID (test) and sees the tile of her imported tenancy.
  const tenant = await browser.newContext();
  const tp = await tenant.newPage();
  await tenantSignIn(tp, "nordhavn", "ida");
  await expect(tp).toHaveURL(new RegExp(`${deepLink("nordhavn")}$`));
  const tile = tp.getByTestId("notice-tile");
  await expect(tile).toHaveCount(1);
  await expect(tile.getByRole("heading", { name: "Importvej 1, 1. tv" })).toBeVisible();
  await expect(tile).toContainText("Dit lejemål har et opsigelsesvarsel på 3 måneder til den 1.");
  await expect(tile.getByTestId("start-notice")).toBeVisible();
  await tp.screenshot({ path: `${SHOTS}/tenant-tile-1280.png`, fullPage: true });
  await tenant.close();
});

test("read-only staff do not see the import and get 404 by URL", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "laeser@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await expect(page.getByTestId("admin-nav").getByRole("link", { name: "Import" })).toHaveCount(0);
  const res = await page.goto("/nordhavn/admin/import");
  expect(res?.status()).toBe(404);
});

test("without JavaScript: the upload form works and the run page refreshes itself until the dry run is ready", async ({ browser }) => {
  test.setTimeout(120_000);
  // The staff sign-in form needs JavaScript (not this spec's page): sign in with it, then carry the session cookie over.
  const withJs = await browser.newContext();
  const signIn = await withJs.newPage();
  await staffSignIn(signIn, "nordhavn", "import@nordhavn.example");
  await expect(signIn).toHaveURL(/\/nordhavn\/admin$/);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await withJs.storageState() });
  await withJs.close();
  const page = await context.newPage();
  await page.goto("/nordhavn/admin/import");
  const csv = [HEADER, "78;Uden JS;1;Afd. 1;1;;Nojsvej 1;2100;København Ø;FAM;2;01-08-2019;3M1;14;Ove Uden;0101601234;"].join("\n");
  await page.getByLabel("Fil (CSV eller Excel .xlsx)").setInputFiles({ name: "uden-js.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Indlæs og lav prøvekørsel" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/import\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-status")).toHaveText("Prøvekørsel klar", { timeout: 45_000 });
  await expect(page.getByTestId("count-created")).toHaveText("1");
  await context.close();
});
