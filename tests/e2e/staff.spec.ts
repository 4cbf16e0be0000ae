/** Staff and operator sign-in with password + TOTP; organisations never see each other's admin. */
import { expect, test } from "@playwright/test";
import { operatorSignIn, staffSignIn } from "./helpers";

test("a caseworker signs in with password and TOTP and sees their organisation and role", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "sagsbehandler@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await expect(page.getByTestId("admin-organisation")).toHaveText("Nordhavn Boligadministration");
  await expect(page.getByTestId("admin-roles")).toHaveText("Sagsbehandler");
});

for (const [email, roles] of [
  ["admin@nordhavn.example", "Administrer brugere, Sagsbehandler"],
  ["todo@nordhavn.example", "Udfør to-dos"],
  ["laeser@nordhavn.example", "Kun læseadgang"],
] as const) {
  test(`${email} sees the role(s) ${roles}`, async ({ page }) => {
    await staffSignIn(page, "nordhavn", email);
    await expect(page.getByTestId("admin-roles")).toHaveText(roles);
  });
}

test("a wrong TOTP code is refused", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "admin@nordhavn.example", "000000");
  await expect(page.getByTestId("error-summary")).toContainText("E-mail, adgangskode eller engangskode er forkert");
  await expect(page).toHaveURL(/\/nordhavn\/admin\/login/);
  await page.goto("/nordhavn/admin");
  await expect(page).toHaveURL(/\/nordhavn\/admin\/login/);
});

test("missing fields are named in an error summary", async ({ page }) => {
  await page.goto("/nordhavn/admin/login");
  await page.getByRole("button", { name: "Log ind" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Der er et problem");
  await expect(summary).toContainText("Udfyld e-mail.");
  await expect(summary).toContainText("Udfyld engangskode.");
  await expect(summary).toBeFocused();
  await page.getByLabel("Engangskode").fill("12");
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(summary).toContainText("Engangskoden er 6 cifre.");
  await expect(page.getByLabel("Engangskode")).toHaveAttribute("aria-invalid", "true");
});

test("staff of organisation B get 404 on organisation A's admin pages", async ({ page }) => {
  await staffSignIn(page, "solbakken", "admin@solbakken.example");
  await expect(page).toHaveURL(/\/solbakken\/admin$/);
  await expect(page.getByTestId("admin-organisation")).toHaveText("Solbakken Bolig");
  for (const path of ["/nordhavn/admin", "/nordhavn/admin/"]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByText("Nordhavn Boligadministration")).toHaveCount(0);
  }
});

test("staff sign out", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "laeser@nordhavn.example");
  await expect(page.getByTestId("admin-roles")).toBeVisible();
  await page.getByRole("button", { name: "Log ud" }).click();
  await expect(page).toHaveURL(/\/nordhavn\/admin\/login/);
  await page.goto("/nordhavn/admin");
  await expect(page).toHaveURL(/\/nordhavn\/admin\/login/);
});

test("the operator signs in at /operator and sees every organisation", async ({ page }) => {
  await operatorSignIn(page);
  await expect(page).toHaveURL(/\/operator$/);
  // Each organisation's name heads its row (a row header linking to its page).
  await expect(page.getByRole("rowheader", { name: "Nordhavn Boligadministration" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Solbakken Bolig" })).toBeVisible();
});

test("the operator's wrong TOTP code is refused", async ({ page }) => {
  await operatorSignIn(page, "111111");
  await expect(page.getByTestId("error-summary")).toContainText("forkert");
  await expect(page).toHaveURL(/\/operator\/login/);
});

test("staff cannot sign in to the operator pages and the operator has no admin", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "admin@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await page.goto("/operator");
  await expect(page).toHaveURL(/\/operator\/login/);
});

test("the session API answers through the same organisation wrapper: 200 for own staff, 404 for others, 401 signed out", async ({ page, request }) => {
  expect((await request.get("/api/nordhavn/session")).status()).toBe(401);
  await staffSignIn(page, "nordhavn", "todo@nordhavn.example");
  await expect(page.getByTestId("admin-roles")).toBeVisible();
  const own = await page.request.get("/api/nordhavn/session");
  expect(own.status()).toBe(200);
  const body = (await own.json()) as { organisation: { slug: string }; roles: string[]; permissions: string[] };
  expect(body.organisation.slug).toBe("nordhavn");
  expect(body.roles).toEqual(["COMPLETE_TODOS"]);
  expect(body.permissions).toContain("todos.complete");
  expect(body.permissions).not.toContain("users.manage");
  expect((await page.request.get("/api/solbakken/session")).status()).toBe(404);
  expect((await page.request.get("/api/nordhavn/session?unexpected=1")).status()).toBe(400);
});

test("the health endpoint reports the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true, database: "up" });
});
