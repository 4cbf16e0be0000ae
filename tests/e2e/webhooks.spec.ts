/**
 * Webhooks admin pages (/{organisation}/admin/webhooks) in the browser: a caseworker registers an
 * endpoint pointing at a receiver on loopback (allowed: the e2e server is a local installation on
 * http://localhost), sees its secret once (gone after a reload), refusals are shown beside the
 * field; a submitted notice's notice.submitted delivery (tests/e2e/fixtures/webhook-delivery.ts)
 * reaches the receiver with a signature valid for that secret, shows on the endpoint's deliveries
 * and on the delivery page with its attempt, and "Send igen" queues it again.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { staffSignIn } from "./helpers";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { e2eDatabaseUrl } from "./api-helpers";
import { baseURL } from "../../playwright.config";
import { verifySignature } from "../../lib/webhooks/signature";

/**
 * runFixture, but asynchronous: the receiver lives in this process, and runFixture's execFileSync
 * would block it while the fixture delivers to it.
 */
async function runFixtureAsync<T>(name: string, input: Record<string, unknown>): Promise<T> {
  const root = path.resolve(__dirname, "../..");
  const url = e2eDatabaseUrl();
  const { stdout } = await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", `tests/e2e/fixtures/${name}.ts`, JSON.stringify({ url, dataKey: process.env.DATA_KEY ?? "e2e-data-key-0123456789abcdefghijklmnopqrst", ...input })], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as T;
}

const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
let server: Server;
let receiver: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("tak");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver = `http://127.0.0.1:${(server.address() as { port: number }).port}/fraflyt`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

test("register an endpoint, see the secret once, see the delivery and send it again", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "sagsbehandler@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await page.goto("/nordhavn/admin/webhooks");
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

  // Bad input: a clear message beside the field.
  await page.getByTestId("webhook-create-submit").click();
  await expect(page.getByTestId("webhook-create-errors")).toContainText("Skriv adressen, som begynder med https://.");
  await expect(page.getByTestId("webhook-create-errors")).toContainText("Vælg mindst én hændelse.");
  await page.getByLabel("Adresse (https)").fill("https://10.1.2.3/hook");
  await page.getByLabel("Opsigelse modtaget").check();
  await page.getByTestId("webhook-create-submit").click();
  await expect(page.getByTestId("webhook-create-errors")).toContainText("internt netværk");

  await page.getByLabel("Adresse (https)").fill(receiver);
  await page.getByLabel("Opsigelse modtaget").check();
  await page.getByTestId("webhook-create-submit").click();
  await expect(page.getByTestId("webhook-create-secret")).toContainText("vises kun nu");
  const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
  const href = (await page.getByTestId("webhook-create-after").getAttribute("href"))!;
  const endpointId = href.split("/").pop()!;

  // Shown once: after a reload only the list.
  await page.reload();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  await expect(page.locator(`[data-endpoint-id="${endpointId}"]`)).toContainText(receiver);
  expect(await page.content()).not.toContain(secret);

  // An event: the notice.submitted delivery reaches the receiver, signed with the secret.
  const before = received.length;
  const r = await runFixtureAsync<{ noticeId: string; deliveries: Array<{ id: string; endpointId: string; status: string }> }>("webhook-delivery", { slug: "nordhavn", publicUrl: baseURL });
  const mine = r.deliveries.find((d) => d.endpointId === endpointId)!;
  expect(["pending", "delivered"]).toContain(mine.status);
  // The server's job worker delivers it (a durable job, enqueued in the event's transaction).
  const attemptsFor = (id: string) => received.slice(before).filter((x) => x.headers["fraflyt-delivery"] === id);
  await expect.poll(() => attemptsFor(mine.id).length, { timeout: 30_000 }).toBe(1);
  const got = attemptsFor(mine.id)[0]!;
  expect(got.headers["fraflyt-event"]).toBe("notice.submitted");
  expect(verifySignature(got.headers["fraflyt-signature"] as string, got.body, secret, { now: new Date() })).toBe(true);
  expect(JSON.parse(got.body)).toMatchObject({ id: mine.id, type: "notice.submitted", data: { noticeId: r.noticeId } });

  // The endpoint's deliveries, and the delivery with its attempt.
  const row = page.locator(`[data-delivery-id="${mine.id}"]`);
  await expect
    .poll(async () => {
      await page.goto(href);
      return (await row.textContent()) ?? "";
    }, { timeout: 30_000 })
    .toContain("Leveret");
  await row.getByRole("link", { name: "Se leverance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Leverance" })).toBeVisible();
  await expect(page.getByTestId("delivery-state")).toHaveText("Leveret");
  await expect(page.getByTestId("attempt")).toHaveCount(1);
  await expect(page.getByTestId("attempt-status")).toHaveText("200");
  await expect(page.getByTestId("delivery-payload")).toContainText(r.noticeId);

  await page.getByTestId("delivery-resend").click();
  await expect(page.getByTestId("delivery-status")).toHaveText("Leverancen sendes igen.");
  // The same delivery (same id and body) reaches the receiver again, and the page lists both attempts.
  await expect.poll(() => attemptsFor(mine.id).length, { timeout: 30_000 }).toBe(2);
  expect(attemptsFor(mine.id)[1]!.body).toBe(got.body);
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByTestId("attempt").count();
    }, { timeout: 30_000 })
    .toBe(2);
  await expect(page.getByTestId("delivery-state")).toHaveText("Leveret");
});

test("read-only staff see webhooks but no forms", async ({ page }) => {
  await staffSignIn(page, "nordhavn", "laeser@nordhavn.example");
  await expect(page).toHaveURL(/\/nordhavn\/admin$/);
  await page.goto("/nordhavn/admin/webhooks");
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByTestId("webhook-create")).toHaveCount(0);
});
