/**
 * Webhooks (lib/webhooks, the actions of app/[organisation]/admin/webhooks) against this lane's
 * database, in organisations of this file's own, with a receiver on loopback (node:http on
 * 127.0.0.1; loopback is allowed in the test environment, as the discovery tests allow it):
 * a submitted notice reaches the receiver as notice.submitted with a valid signature; during a
 * rotation both secrets verify; a failing receiver (500) is retried on the worker's injected clock
 * (stepped by backoffMs, never slept) and every attempt is logged; "send again" sends the same
 * delivery; validate-only enqueues nothing; private and loopback URLs are refused when not allowed,
 * at registration and at delivery; the admin actions refuse another organisation's staff
 * (not-found), read-only staff (forbidden) and bad input (a clear message).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { current, form, redirects, staffSession, staffSessionOf } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.136" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));
vi.mock("@/lib/http/form-flash", async () => (await import("../support/action-harness")).formFlashMock());

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const { demoDatabase } = await import("../support/db");
const { signingWorld, identity, meta, tenant } = await import("../support/signing-world");
const { recordSignature } = await import("@/lib/notice/sign");
const { confirmNotice } = await import("@/lib/todos/confirm-notice");
const { cancelNotice } = await import("@/lib/casework/cancel-notice");
const { createWorker } = await import("@/lib/jobs/worker");
const { backoffMs } = await import("@/lib/jobs/define");
const { jobRegistry } = await import("@/lib/jobs/registry");
const { encryptSecret, hashPassword, decryptSecret } = await import("@/lib/crypto");
const { newTotpSecret } = await import("@/lib/auth/totp");
const { createEndpoint, rotateSecret, updateEndpoint } = await import("@/lib/webhooks/endpoints");
const { deliverOnce, WEBHOOK_MAX_ATTEMPTS } = await import("@/lib/webhooks/deliver");
const { findDelivery, listDeliveries, resendDelivery } = await import("@/lib/webhooks/deliveries");
const { parseSignatureHeader, verifySignature } = await import("@/lib/webhooks/signature");
const { checkWebhookUrl } = await import("@/lib/webhooks/url");
const actions = await import("@/app/[organisation]/admin/webhooks/actions");

type World = Awaited<ReturnType<typeof signingWorld>>;
let world: World;
let slug: string;
let prisma: Awaited<ReturnType<typeof demoDatabase>>;
const sessions: Record<string, AppSession> = {};
const STAFF = { type: "STAFF" as const, id: null, label: "test" };

// ------------------------------------------------------------------ the receiver on loopback
type Received = { path: string; headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
let answer: (n: number) => { status: number; body?: string } = () => ({ status: 200, body: "ok" });
let server: Server;
let base: string;

// ------------------------------------------------------------------ the worker's clock
let offset = 1000;
const clock = () => new Date(Date.now() + offset);
const mail = { send: async () => undefined };
const worker = () => createWorker({ db: prisma, registry: jobRegistry(), services: { mail }, now: clock, batch: 20 });
/**
 * Ticks until no deliver-webhook job is due at the current clock. A tick takes the 20 due jobs that
 * are oldest in the whole lane database, and other test files leave due jobs there too, so a tick
 * without a webhook job does not mean ours has run.
 */
async function runDue(w: ReturnType<typeof worker>) {
  for (let i = 0; i < 50; i++) {
    const due = await prisma.job.count({ where: { name: "deliver-webhook", organisationId: world.db.organisationId, status: "pending", runAt: { lte: clock() } } });
    if (due === 0) return;
    await w.tick();
  }
  throw new Error("runDue: the webhook jobs are still due after 50 ticks");
}

const AT = new Date("2026-12-02T10:00:00Z");
let endpointSeq = 0;

async function endpointFor(events: Array<"notice.submitted" | "notice.cancelled" | "todo.completed">) {
  const r = await createEndpoint(world.db, { url: `${base}/hook/${++endpointSeq}`, events, description: "" }, { actor: STAFF, now: new Date() });
  if (r.kind !== "created") throw new Error(JSON.stringify(r));
  return r;
}

async function submitted() {
  const f = await world.fixture({ tenants: 1, moveOut: "2027-03-20", at: AT });
  const r = await recordSignature({ db: world.db, settings: world.settings, personId: f.p1, noticeId: f.noticeId, role: "tenant1", identity: identity(f.c1, `s-${f.noticeId}`), actor: tenant(f.p1), meta, now: AT });
  expect(r).toMatchObject({ kind: "submitted", noticeId: f.noticeId });
  return f;
}

async function deactivateAll() {
  for (const ep of await world.db.webhookEndpoint.findMany({ where: { active: true } })) {
    await updateEndpoint(world.db, { endpointId: ep.id, version: ep.version, url: ep.url, events: ep.events as never, description: "", active: false }, { actor: STAFF, now: new Date() });
  }
}

beforeAll(async () => {
  prisma = await demoDatabase();
  world = await signingWorld(inject("databaseUrl"), { slug: "webhooks", name: "Webhooks A/S" });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const a = answer(received.length);
      res.writeHead(a.status, { "content-type": "text/plain" });
      res.end(a.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const org = await prisma.organisation.findUniqueOrThrow({ where: { id: world.db.organisationId }, select: { id: true, slug: true } });
  slug = org.slug;
  const staff = async (email: string, roles: string[]) => {
    const u = await world.db.user.create({ data: { organisationId: org.id, email, name: email, roles, passwordHash: await hashPassword("x-x-x-x-x-x-x"), totpSecretEnc: encryptSecret(newTotpSecret()) } });
    return staffSessionOf(u, org);
  };
  sessions.caseworker = await staff("sag@webhooks.example", ["CASEWORKER"]);
  sessions.reader = await staff("laeser@webhooks.example", ["READ_ONLY"]);
  sessions.stranger = await staffSession(prisma, "solbakken", "admin@solbakken.example");
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await world?.prisma.$disconnect();
  await prisma?.$disconnect();
});
beforeEach(async () => {
  received.length = 0;
  answer = () => ({ status: 200, body: "ok" });
  current.session = sessions.caseworker!;
  redirects.length = 0;
  await deactivateAll();
});

describe("delivery", () => {
  it("a submitted notice reaches the receiver as notice.submitted with a valid signature; the attempt is logged", async () => {
    const ep = await endpointFor(["notice.submitted"]);
    const f = await submitted();
    const [delivery] = await listDeliveries(world.db, { endpointId: ep.endpointId });
    expect(delivery).toMatchObject({ event: "notice.submitted", status: "pending", attempts: 0 });
    // Enqueued in the submission's transaction.
    expect(await world.db.job.count({ where: { name: "deliver-webhook", key: `webhook:${delivery!.id}` } })).toBe(1);

    await runDue(worker());
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.path).toBe(`/hook/${endpointSeq}`);
    expect(got.headers["fraflyt-event"]).toBe("notice.submitted");
    expect(got.headers["fraflyt-delivery"]).toBe(delivery!.id);
    expect(got.headers["content-type"]).toBe("application/json");
    const sig = got.headers["fraflyt-signature"] as string;
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // Signed at the worker's clock.
    expect(Math.abs(parseSignatureHeader(sig)!.timestamp - clock().getTime() / 1000)).toBeLessThan(60);
    expect(verifySignature(sig, got.body, ep.secret, { now: clock() })).toBe(true);
    expect(verifySignature(sig, got.body + " ", ep.secret, { now: clock() })).toBe(false);
    expect(verifySignature(sig, got.body, "whsec_wrong", { now: clock() })).toBe(false);
    expect(verifySignature(sig, got.body, ep.secret, { now: new Date(clock().getTime() + 10 * 60_000) })).toBe(false);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ id: delivery!.id, type: "notice.submitted", data: { noticeId: f.noticeId, tenancyId: f.lejerId, moveOutDate: "2027-03-20", terminationDate: "2027-04-01" } });

    const d = await findDelivery(world.db, delivery!.id);
    expect(d).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 200 });
    expect(d!.attemptLog).toHaveLength(1);
    expect(d!.attemptLog[0]).toMatchObject({ number: 1, responseStatus: 200, responseBody: "ok", error: null, requestBody: got.body });
    expect(d!.attemptLog[0]!.requestHeaders["fraflyt-signature"]).toBe(sig);
    // The secret is stored encrypted, never in clear.
    const row = await world.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.endpointId } });
    expect(row.secretEnc).not.toContain(ep.secret);
    expect(decryptSecret(row.secretEnc)).toBe(ep.secret);
  });

  it("during a rotation both the new and the previous secret verify (notice.cancelled)", async () => {
    const ep = await endpointFor(["notice.cancelled"]);
    const f = await submitted();
    const rotated = await rotateSecret(world.db, { endpointId: ep.endpointId }, { actor: STAFF, now: new Date() });
    if (rotated.kind !== "rotated") throw new Error("not rotated");
    expect(rotated.secret).not.toBe(ep.secret);
    const n = await world.db.opsigelse.findUniqueOrThrow({ where: { id: f.noticeId } });
    const c = await cancelNotice(world.db, { noticeId: f.noticeId, version: n.version, reason: "Fortrudt" }, { actor: STAFF, now: new Date(), org: { slug: "x", name: "X", settings: { contact: {} } as never }, baseUrl: "https://fraflyt.example" });
    expect(c.kind).toBe("cancelled");
    await runDue(worker());
    expect(received).toHaveLength(1);
    const sig = received[0]!.headers["fraflyt-signature"] as string;
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifySignature(sig, received[0]!.body, rotated.secret, { now: clock() })).toBe(true);
    expect(verifySignature(sig, received[0]!.body, ep.secret, { now: clock() })).toBe(true);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: "notice.cancelled", data: { noticeId: f.noticeId, previousStatus: "SUBMITTED" } });

    // After the overlap only the new secret signs.
    await world.db.webhookEndpoint.update({ where: { id: ep.endpointId }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    const [d] = await listDeliveries(world.db, { endpointId: ep.endpointId });
    expect((await resendDelivery(world.db, { deliveryId: d!.id, actor: STAFF, now: clock() })).kind).toBe("resent");
    await runDue(worker());
    expect(received).toHaveLength(2);
    const sig2 = received[1]!.headers["fraflyt-signature"] as string;
    expect(sig2).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(sig2, received[1]!.body, rotated.secret, { now: clock() })).toBe(true);
    expect(verifySignature(sig2, received[1]!.body, ep.secret, { now: clock() })).toBe(false);
  });

  it("a failing receiver (500) is retried with backoff on the injected clock; every attempt is logged; send again adds one", async () => {
    const ep = await endpointFor(["notice.submitted"]);
    answer = (n) => (n <= 2 ? { status: 500, body: "x".repeat(10_000) } : { status: 204 });
    await submitted();
    const [delivery] = await listDeliveries(world.db, { endpointId: ep.endpointId });
    const w = worker();

    let r = await w.tick();
    const first = r.jobs.find((j) => j.name === "deliver-webhook")!;
    expect(first).toMatchObject({ outcome: "retry", attempt: 1 });
    expect(first.retryAt!.getTime() - clock().getTime()).toBeGreaterThan(backoffMs(1) - 5000);
    expect(received).toHaveLength(1);
    // Not due yet: nothing sent.
    r = await w.tick();
    expect(r.jobs.filter((j) => j.name === "deliver-webhook")).toHaveLength(0);
    expect(received).toHaveLength(1);

    offset += backoffMs(1);
    r = await w.tick();
    expect(r.jobs.find((j) => j.name === "deliver-webhook")).toMatchObject({ outcome: "retry", attempt: 2 });
    expect(received).toHaveLength(2);
    offset += backoffMs(2);
    r = await w.tick();
    expect(r.jobs.find((j) => j.name === "deliver-webhook")).toMatchObject({ outcome: "done", attempt: 3 });
    expect(received).toHaveLength(3);
    // The same delivery each time (a receiver can recognise the repeat).
    expect(new Set(received.map((x) => x.headers["fraflyt-delivery"]))).toEqual(new Set([delivery!.id]));
    expect(new Set(received.map((x) => x.body)).size).toBe(1);

    let d = await findDelivery(world.db, delivery!.id);
    expect(d).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 204 });
    expect(d!.attemptLog.map((a) => [a.number, a.responseStatus, a.error])).toEqual([
      [1, 500, null],
      [2, 500, null],
      [3, 204, null],
    ]);
    // The answer's body is read up to 4 KiB only.
    expect(d!.attemptLog[0]!.responseBody!.length).toBeLessThanOrEqual(4097);

    expect((await resendDelivery(world.db, { deliveryId: delivery!.id, actor: STAFF, now: clock() })).kind).toBe("resent");
    // A second click while it is pending adds nothing.
    expect((await resendDelivery(world.db, { deliveryId: delivery!.id, actor: STAFF, now: clock() })).kind).toBe("in-progress");
    await runDue(w);
    d = await findDelivery(world.db, delivery!.id);
    expect(d).toMatchObject({ status: "delivered", attempts: 4, resends: 1 });
    expect(received).toHaveLength(4);
    expect(await world.db.auditLog.count({ where: { type: "WEBHOOK_DELIVERY_RESENT", entityId: delivery!.id } })).toBe(1);
  });

  it("a receiver that keeps failing: the delivery is marked failed after the last attempt", async () => {
    const ep = await endpointFor(["notice.submitted"]);
    answer = () => ({ status: 503 });
    await submitted();
    const [delivery] = await listDeliveries(world.db, { endpointId: ep.endpointId });
    const w = worker();
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      const r = await w.tick();
      expect(r.jobs.find((j) => j.name === "deliver-webhook")).toMatchObject({ outcome: attempt < WEBHOOK_MAX_ATTEMPTS ? "retry" : "failed", attempt });
      offset += backoffMs(attempt);
    }
    const d = await findDelivery(world.db, delivery!.id);
    expect(d).toMatchObject({ status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS, lastStatus: 503 });
    expect(d!.attemptLog).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
  });

  it("a redirect is not followed: the attempt fails and is logged", async () => {
    const ep = await endpointFor(["notice.submitted"]);
    answer = (n) => (n === 1 ? { status: 302 } : { status: 200 });
    await submitted();
    const [delivery] = await listDeliveries(world.db, { endpointId: ep.endpointId });
    const r = await worker().tick();
    expect(r.jobs.find((j) => j.name === "deliver-webhook")).toMatchObject({ outcome: "retry" });
    const d = await findDelivery(world.db, delivery!.id);
    expect(d!.attemptLog[0]).toMatchObject({ responseStatus: 302, error: "redirect not followed (302)" });
  });

  it("todo.completed: a real completion enqueues a delivery; validate-only enqueues nothing", async () => {
    const ep = await endpointFor(["todo.completed"]);
    const f = await submitted();
    const todo = await world.db.todo.findFirstOrThrow({ where: { opsigelseId: f.noticeId, kind: "CONFIRM_NOTICE" } });
    const jobs = () => world.db.job.count({ where: { name: "deliver-webhook" } });
    const before = { deliveries: (await listDeliveries(world.db, { endpointId: ep.endpointId })).length, jobs: await jobs() };
    const valid = await confirmNotice(world.db, { todoId: todo.id, version: todo.version, caseReference: "SAG-1" }, { actor: STAFF, now: new Date(), validateOnly: true });
    expect(valid.kind).toBe("valid");
    expect({ deliveries: (await listDeliveries(world.db, { endpointId: ep.endpointId })).length, jobs: await jobs() }).toEqual(before);
    const done = await confirmNotice(world.db, { todoId: todo.id, version: todo.version, caseReference: "SAG-1" }, { actor: STAFF, now: new Date() });
    expect(done.kind).toBe("completed");
    const list = await listDeliveries(world.db, { endpointId: ep.endpointId });
    expect(list).toHaveLength(before.deliveries + 1);
    await runDue(worker());
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ type: "todo.completed", data: { todoId: todo.id, kind: "CONFIRM_NOTICE", version: todo.version + 1, noticeId: f.noticeId } });
  });

  it("an endpoint not subscribed to the event, or switched off, gets nothing", async () => {
    const ep = await endpointFor(["todo.completed"]);
    const off = await endpointFor(["notice.submitted"]);
    await deactivateAll();
    await submitted();
    expect(await listDeliveries(world.db, { endpointId: ep.endpointId })).toHaveLength(0);
    expect(await listDeliveries(world.db, { endpointId: off.endpointId })).toHaveLength(0);
  });
});

describe("URLs refused", () => {
  it("private addresses always; loopback when not allowed; at registration", async () => {
    const refused = async (url: string, allowLoopback?: boolean) => {
      const r = await createEndpoint(world.db, { url, events: ["notice.submitted"], description: "" }, { actor: STAFF, now: new Date(), ...(allowLoopback === undefined ? {} : { urlCheck: { allowLoopback } }) });
      return r.kind === "url-refused" ? r.reason : r.kind;
    };
    expect(await refused("https://10.0.0.1/hook")).toBe("private-host");
    expect(await refused("https://169.254.169.254/latest")).toBe("private-host");
    expect(await refused("https://[fd00::1]/hook")).toBe("private-host");
    expect(await refused("https://router.internal/hook")).toBe("private-host");
    expect(await refused("http://hooks.example.com/x")).toBe("scheme");
    expect(await refused("https://user:pw@hooks.example.com/x")).toBe("credentials");
    expect(await refused(`${base}/hook`, false)).toBe("private-host");
    expect(await refused("https://localhost/hook", false)).toBe("private-host");
    // A public name that resolves to a private address.
    expect(await checkWebhookUrl("https://hooks.example.com/x", { allowLoopback: false, lookup: async () => [{ address: "192.168.1.20" }] })).toEqual({ ok: false, reason: "private-host" });
    expect(await checkWebhookUrl("https://hooks.example.com/x", { allowLoopback: false, lookup: async () => [{ address: "93.184.215.14" }] })).toMatchObject({ ok: true });
  });

  it("and again at delivery: a loopback URL when loopback is not allowed fails at once, logged, nothing sent", async () => {
    const ep = await endpointFor(["notice.submitted"]);
    await submitted();
    const [delivery] = await listDeliveries(world.db, { endpointId: ep.endpointId });
    const job = await world.db.job.findFirstOrThrow({ where: { key: `webhook:${delivery!.id}` } });
    await expect(deliverOnce(delivery!.id, { db: world.db, now: clock(), job: { id: job.id, organisationId: job.organisationId, name: job.name, version: job.version, key: job.key, attempt: 1, maxAttempts: job.maxAttempts } }, { allowLoopback: false })).rejects.toThrow(
      "webhook URL refused: private-host",
    );
    expect(received).toHaveLength(0);
    const d = await findDelivery(world.db, delivery!.id);
    expect(d).toMatchObject({ status: "failed", attempts: 1 });
    expect(d!.attemptLog[0]).toMatchObject({ responseStatus: null, error: "URL refused: private-host" });
  });
});

describe("admin actions", () => {
  const valid = () => form({ url: `${base}/hook/admin`, "events": ["notice.submitted", "todo.completed"], description: "Back-office" });

  it("register: the secret is answered once; stored encrypted; audited", async () => {
    const r = await actions.createWebhookEndpoint(slug, null, valid());
    expect(r).toMatchObject({ ok: true, data: { endpointId: expect.any(String), secret: expect.stringMatching(/^whsec_/) } });
    if (!r.ok) return;
    const row = await world.db.webhookEndpoint.findUniqueOrThrow({ where: { id: r.data.endpointId } });
    expect(row).toMatchObject({ url: `${base}/hook/admin`, events: ["notice.submitted", "todo.completed"], active: true, description: "Back-office" });
    expect(decryptSecret(row.secretEnc)).toBe(r.data.secret);
    const audit = await world.db.auditLog.findFirstOrThrow({ where: { type: "WEBHOOK_ENDPOINT_CREATED", entityId: row.id } });
    expect(JSON.stringify(audit)).not.toContain(r.data.secret);

    const rotated = await actions.rotateWebhookSecret(slug, null, form({ endpointId: row.id }));
    expect(rotated).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^whsec_/) } });

    await expect(actions.updateWebhookEndpoint(slug, null, form({ endpointId: row.id, version: String(row.version + 1), url: row.url, "events": ["notice.submitted"], description: "" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/${slug}/admin/webhooks/${row.id}?gemt=1`);
    expect(await world.db.webhookEndpoint.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ events: ["notice.submitted"], active: false });
  });

  it("bad input: a clear message per field, nothing stored", async () => {
    const n = await world.db.webhookEndpoint.count();
    const noEvents = await actions.createWebhookEndpoint(slug, null, form({ url: "", description: "" }));
    expect(noEvents).toMatchObject({ ok: false, status: 400, fieldErrors: { url: ["Skriv adressen, som begynder med https://."], events: ["Vælg mindst én hændelse."] } });
    const unknown = await actions.createWebhookEndpoint(slug, null, form({ url: "https://hooks.example.com/x", events: ["notice.deleted"] }));
    expect(unknown).toMatchObject({ ok: false, fieldErrors: { events: ["Vælg mindst én hændelse."] } });
    const priv = await actions.createWebhookEndpoint(slug, null, form({ url: "https://192.168.0.10/hook", events: ["notice.submitted"] }));
    expect(priv).toMatchObject({ ok: false, status: 422, fieldErrors: { url: [expect.stringContaining("internt netværk")] } });
    const plain = await actions.createWebhookEndpoint(slug, null, form({ url: "http://hooks.example.com/x", events: ["notice.submitted"] }));
    expect(plain).toMatchObject({ ok: false, status: 422, fieldErrors: { url: ["Adressen skal begynde med https://."] } });
    const notFound = await actions.rotateWebhookSecret(slug, null, form({ endpointId: "not-an-id" }));
    expect(notFound).toMatchObject({ ok: false, status: 422, message: "Webhooken findes ikke." });
    expect(await world.db.webhookEndpoint.count()).toBe(n);
  });

  it("another organisation's staff → not-found; read-only staff → refused; nothing changed", async () => {
    const ep = await endpointFor(["notice.submitted"]);
    const row = await world.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.endpointId } });
    const n = await world.db.webhookEndpoint.count();
    const audits = await world.db.auditLog.count({ where: { type: { startsWith: "WEBHOOK_" } } });
    await submitted();
    const [delivery] = await listDeliveries(world.db, { endpointId: ep.endpointId });
    for (const [who, error] of [
      ["stranger", "not-found"],
      ["reader", "forbidden"],
    ] as const) {
      current.session = sessions[who]!;
      expect(await actions.createWebhookEndpoint(slug, null, valid())).toMatchObject({ ok: false, error });
      expect(await actions.rotateWebhookSecret(slug, null, form({ endpointId: ep.endpointId }))).toMatchObject({ ok: false, error });
      expect(await actions.updateWebhookEndpoint(slug, null, form({ endpointId: ep.endpointId, version: String(row.version), url: row.url, events: ["todo.completed"] }))).toMatchObject({ ok: false, error });
      expect(await actions.resendAction(slug, form({ deliveryId: delivery!.id, endpointId: ep.endpointId }))).toMatchObject({ ok: false, error });
    }
    // The stranger's own organisation does not see this endpoint either (its staff naming their own slug).
    current.session = sessions.stranger!;
    await expect(actions.rotateWebhookSecret("solbakken", null, form({ endpointId: ep.endpointId }))).resolves.toMatchObject({ ok: false });
    expect(await world.db.webhookEndpoint.count()).toBe(n);
    expect(await world.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.endpointId } })).toEqual(row);
    expect(await world.db.auditLog.count({ where: { type: { startsWith: "WEBHOOK_" } } })).toBe(audits);
  });
});
