/**
 * The back-office keys on the admin pages (components/admin/AdminKeyboard.tsx): Ctrl+S saves the
 * form being edited (as F9 does, tests/e2e/admin-tenancies.spec.ts), F4 opens the focused list (the
 * key is taken by the page, not by the browser), `?` shows the keys and Escape closes them, and the
 * keys overview is reachable by Tab. Uses anna's tenancy and saves it unchanged, so no other spec
 * sees a difference.
 */
import { expect, test } from "@playwright/test";
import { staffSignIn } from "./helpers";

test("Ctrl+S saves the form, F4 is taken on a list, ? shows the keys", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "tastatur@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);

  // `?` outside a text field opens the overview; Escape closes it.
  await page.locator("body").press("?");
  const help = page.getByTestId("keyboard-help");
  await expect(help).toBeVisible();
  await expect(help).toContainText("F9 / Ctrl+S");
  await expect(help).toContainText("F3");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // The same overview from its button (keyboard users and those who do not know `?`).
  await page.getByTestId("keyboard-help-button").focus();
  await page.keyboard.press("Enter");
  await expect(help).toBeVisible();
  await page.getByRole("button", { name: "Luk" }).click();
  await expect(help).toBeHidden();

  await page.goto("/nordhavn/admin/lejemaal?q=Anna");
  await page.getByTestId("tenancy-link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Lejemål");
  const select = page.locator("form[data-save-form] select").first();
  await select.focus();
  // F4 on the focused list is the page's key: the browser's own F4 does not run.
  const prevented = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        window.addEventListener("keydown", (e) => e.key === "F4" && resolve(e.defaultPrevented), { once: true });
        (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent("keydown", { key: "F4", bubbles: true, cancelable: true }));
      }),
  );
  expect(prevented).toBe(true);

  // Ctrl+S in a field submits that field's form through its server action (nothing changed: saved as it was).
  const days = page.getByLabel("Istandsættelsesperiode (dage)");
  const before = await days.inputValue();
  await days.focus();
  await page.keyboard.press("Control+s");
  await expect(page).toHaveURL(/[?&]gemt=/);
  await expect(page.getByLabel("Istandsættelsesperiode (dage)")).toHaveValue(before);
});
