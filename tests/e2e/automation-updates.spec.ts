/**
 * Updates (issue 13 §8): the operator publishes an Update — effective 13 days after the (test
 * clock's) day of publication it is refused with the earliest day named, 14 days is accepted — and
 * an organisation's staff see it on their "Opdateringer" tab. The publication instant comes from
 * the test clock header (lib/clock.ts; the e2e server runs with FRAFLYT_TEST_CLOCK=1).
 */
import { expect, test } from "@playwright/test";
import { automationWorld, TEST_CLOCK_HEADER } from "./api-helpers";
import { freshTotp, operatorSignIn, submitStaffSignIn, testClientAddress } from "./helpers";

const PUBLISHED_AT = "2027-03-01T10:00:00Z";

test("the operator's Update 13 days ahead is refused, 14 days accepted; the organisation sees it on its Updates tab", async ({ page, browser }) => {
  const title = `Nyt felt i to-do-API'et ${Date.now().toString(36)}`;
  await operatorSignIn(page);
  await expect(page).toHaveURL(/\/operator$/);
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": testClientAddress(), [TEST_CLOCK_HEADER]: PUBLISHED_AT });
  await page.getByTestId("operator-updates-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opdateringer");

  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Tekst").fill("Feltet caseReference bliver obligatorisk fra denne dato.");
  await page.getByLabel("Træder i kraft").fill("2027-03-14");
  await page.getByRole("button", { name: "Udgiv" }).click();
  await expect(page.getByTestId("form-errors")).toContainText("mindst 14 dage efter udgivelsen: tidligst 2027-03-15");
  await expect(page.getByLabel("Titel")).toHaveValue(title);

  await page.getByLabel("Træder i kraft").fill("2027-03-15");
  await page.getByRole("button", { name: "Udgiv" }).click();
  await expect(page).toHaveURL(/\/operator\/opdateringer\?udgivet=1$/);
  await expect(page.getByTestId("update-published")).toBeVisible();
  await expect(page.getByTestId("update").filter({ hasText: title }).getByTestId("update-effective-on")).toHaveText("15.03.2027");

  // The organisation's staff see it on their Updates tab.
  const w = automationWorld({ accounts: 0 });
  const staff = await browser.newContext({ locale: "da-DK", timezoneId: "Europe/Copenhagen", extraHTTPHeaders: { "x-forwarded-for": testClientAddress() } });
  try {
    const p = await staff.newPage();
    await p.goto(`/${w.slug}/admin/login`);
    await submitStaffSignIn(p, w.manager.email, w.manager.password, await freshTotp(w.manager.totpSecret));
    await expect(p).toHaveURL(new RegExp(`/${w.slug}/admin/?(\\?.*)?$`));
    await p.goto(`/${w.slug}/admin/opdateringer`);
    await expect(p.getByRole("heading", { level: 1 })).toHaveText("Opdateringer");
    const item = p.getByTestId("update").filter({ hasText: title });
    await expect(item).toBeVisible();
    await expect(item.getByTestId("update-effective-on")).toHaveText("15.03.2027");
  } finally {
    await staff.close();
  }
});
