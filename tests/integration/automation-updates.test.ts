/**
 * Updates and accountability (issue 13 §8, §10) in-process against this lane's database, each test
 * in its own automation world (tests/support/automation-world.ts): the operator publishes an Update
 * (13 days ahead refused with a clear message, 14 accepted), staff cannot; the feed's service and
 * its response schema; reopening a to-do an automation account completed (confirm-notice: the
 * notice back to SUBMITTED, processed fields cleared, audited); what an account did in a period;
 * reporting possibly wrong data and the operator's answer. Every action: another organisation's
 * staff 404, read-only refused, bad input a clear message.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, now, redirects, staffSessionOf } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.131" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const { operatorByEmail } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { demoOperator } = await import("@/lib/demo/staff");
const { todayInDenmark } = await import("@/lib/time");
const { tokenHash, hashPassword } = await import("@/lib/crypto");
void tokenHash; // the day token below is stored as tokenHash(token) (newApiToken returns it)
const { newApiToken } = await import("@/lib/automation/keys");
const { listUpdates } = await import("@/lib/automation/updates");
const { updatesFeedSchema } = await import("@/lib/automation/updates-feed");
const { accountActivity, activityPeriod } = await import("@/lib/automation/accountability");
const { reportsForOperator } = await import("@/lib/automation/reports");
const { confirmNotice } = await import("@/lib/todos/confirm-notice");
const { reopenTodo } = await import("@/lib/todos/reopen");
const { publishUpdateAction, submitPublishUpdate } = await import("@/app/operator/opdateringer/actions");
const { answerReportAction } = await import("@/app/operator/rapporter/actions");
const { reopenAutomationTodoAction, reportAutomationDataAction, submitReopen } = await import("@/app/[organisation]/admin/automatisering/aktivitet/actions");
const { GET: updatesRoute } = await import("@/app/api/v1/[organisation]/updates/route");
const { NextRequest } = await import("next/server");
const { demoDatabase } = await import("../support/db");
const { automationWorld } = await import("../support/automation-world");

type Prisma = Awaited<ReturnType<typeof demoDatabase>>;
let prisma: Prisma;
let operatorSession: AppSession;

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  prisma = await demoDatabase();
  const op = (await operatorByEmail(prisma, demoOperator.email))!;
  operatorSession = { kind: "operator", uid: op.id, name: op.name, email: op.email, authAt: now() };
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  redirects.length = 0;
  current.session = null;
});

/** A world with the manager's session and a read-only staff member's. */
async function world(opts: Parameters<typeof automationWorld>[1] = {}) {
  const w = await automationWorld(prisma, opts);
  const db = orgDb(w.orgId, prisma);
  const org = { id: w.orgId, slug: w.slug };
  const manager = staffSessionOf(await db.user.findUniqueOrThrow({ where: { id: w.manager.id } }), org);
  const reader = await db.user.create({ data: { organisationId: w.orgId, email: `laeser@${w.slug}.example`, name: "Læser", passwordHash: await hashPassword("x-unused-password"), roles: ["READ_ONLY"] } });
  return { w, db, org, manager, reader: staffSessionOf(reader, org) };
}

describe("Updates", () => {
  it("the operator's Update effective 13 days ahead is refused with a clear message at the field; 14 days is accepted, audited and in the feed", async () => {
    current.session = operatorSession;
    const today = todayInDenmark(new Date());
    const title = `Ny version ${randomUUID().slice(0, 8)}`;
    const refused = await submitPublishUpdate(null, form({ title, body: "Feltet caseReference bliver obligatorisk.", effectiveOn: addDays(today, 13) }));
    expect(refused).toMatchObject({ ok: false, error: "rule", status: 422 });
    if (refused.ok) throw new Error("unreachable");
    expect(refused.fieldErrors?.effectiveOn?.[0]).toContain(addDays(today, 14));
    expect(refused.fieldErrors?.effectiveOn?.[0]).toMatch(/14 dage/);
    expect((await listUpdates()).some((u) => u.title === title)).toBe(false);

    await expect(submitPublishUpdate(null, form({ title, body: "Feltet caseReference bliver obligatorisk.", effectiveOn: addDays(today, 14) }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual(["/operator/opdateringer?udgivet=1"]);
    const u = (await listUpdates()).find((x) => x.title === title)!;
    expect(u).toMatchObject({ title, effectiveOn: addDays(today, 14) });
    expect(updatesFeedSchema.parse({ updates: await listUpdates() }).updates.some((x) => x.id === u.id)).toBe(true);
    const audit = await prisma.auditLog.findFirst({ where: { type: "AUTOMATION_UPDATE_PUBLISHED", entityId: u.id } });
    expect(audit).toMatchObject({ organisationId: null, actorType: "OPERATOR" });
  });

  it("bad input is a clear message per field; staff cannot publish", async () => {
    current.session = operatorSession;
    const bad = await publishUpdateAction(null, form({ title: "", body: "x", effectiveOn: "1.12.2026" }));
    expect(bad).toMatchObject({ ok: false, error: "invalid-input" });
    if (bad.ok) throw new Error("unreachable");
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["body", "effectiveOn", "title"]);
    expect(bad.fieldErrors?.effectiveOn?.[0]).toMatch(/ÅÅÅÅ-MM-DD/);
    const notADay = await submitPublishUpdate(null, form({ title: "En titel", body: "En tekst", effectiveOn: "2027-02-30" }));
    expect(notADay).toMatchObject({ ok: false, status: 422 });

    const { manager } = await world({ accounts: 0 });
    current.session = manager;
    const r = await publishUpdateAction(null, form({ title: "Fra personalet", body: "Ikke tilladt", effectiveOn: addDays(todayInDenmark(new Date()), 30) }));
    expect(r).toMatchObject({ ok: false });
    if (r.ok) throw new Error("unreachable");
    expect(["signed-out", "forbidden", "not-found"]).toContain(r.error);
  });

  it("the feed route answers 401 without a day token (a problem body, WWW-Authenticate)", async () => {
    const { w } = await world();
    const res = await updatesRoute(new NextRequest(`http://localhost/api/v1/${w.slug}/updates`, { headers: { "x-forwarded-for": "192.0.2.132" } }), { params: Promise.resolve({ organisation: w.slug }) });
    expect(res.status).toBe(401);
  });

  it("the feed route answers the Updates to an automation account's day token (inside automation hours on the test clock)", async () => {
    process.env.FRAFLYT_TEST_CLOCK = "1";
    const { w, db } = await world();
    const now = new Date("2026-12-02T09:00:00Z"); // a Wednesday, 10:00 in Denmark
    const { token, hash } = newApiToken();
    await db.apiToken.create({ data: { organisationId: w.orgId, userId: w.accounts[0]!.id, tokenHash: hash, issuedAt: now, expiresAt: new Date(now.getTime() + 3_600_000) } });
    const res = await updatesRoute(
      new NextRequest(`http://localhost/api/v1/${w.slug}/updates`, { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": "192.0.2.133", "x-fraflyt-test-now": now.toISOString() } }),
      { params: Promise.resolve({ organisation: w.slug }) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-limit")).toBeTruthy();
    expect(updatesFeedSchema.safeParse(await res.json()).success).toBe(true);
  });
});

/** A world whose automation account completed its confirm-notice to-do (with a corrected-free confirmation). */
async function completedByAutomation() {
  const s = await world({ notices: 1, accounts: 1 });
  const account = s.w.accounts[0]!;
  const todoId = s.w.notices[0]!.todoId;
  const r = await confirmNotice(s.db, { todoId, version: 0, caseReference: "SAG-1" }, { actor: { type: "AUTOMATION", id: account.id, label: account.name }, now: new Date() });
  expect(r.kind).toBe("completed");
  return { ...s, account, todoId, noticeId: s.w.notices[0]!.noticeId };
}

describe("reopening a to-do an automation account completed", () => {
  it("puts the to-do back to OPEN (version + 1) and the notice back to SUBMITTED with its processed fields cleared, audited", async () => {
    const s = await completedByAutomation();
    current.session = s.manager;
    await expect(reopenAutomationTodoAction(s.w.slug, null, form({ accountId: s.account.id, todoId: s.todoId, version: "1", reason: "Forkert sagsnummer" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects[0]).toContain(`/${s.w.slug}/admin/automatisering/aktivitet?konto=${s.account.id}`);
    const todo = await s.db.todo.findUniqueOrThrow({ where: { id: s.todoId } });
    expect(todo).toMatchObject({ status: "OPEN", version: 2, completedById: null, completedAt: null });
    const notice = await s.db.opsigelse.findUniqueOrThrow({ where: { id: s.noticeId } });
    expect(notice).toMatchObject({ status: "SUBMITTED", caseReference: null, processedAt: null, processedById: null });
    const audit = await s.db.auditLog.findFirstOrThrow({ where: { type: "TODO_REOPENED", entityId: s.todoId } });
    expect(audit).toMatchObject({ actorType: "STAFF", actorId: s.w.manager.id });
    expect(audit.after).toMatchObject({ status: "OPEN", version: 2, noticeId: s.noticeId, reason: "Forkert sagsnummer" });
    // It can be completed again.
    expect((await confirmNotice(s.db, { todoId: s.todoId, version: 2, caseReference: "SAG-2" }, { actor: { type: "STAFF", id: s.w.manager.id, label: "x" }, now: new Date() })).kind).toBe("completed");
  });

  it("a stale version, an open to-do and a missing reason are refused with a clear message, nothing changed", async () => {
    const s = await completedByAutomation();
    current.session = s.manager;
    const stale = await submitReopen(s.w.slug, null, form({ accountId: s.account.id, todoId: s.todoId, version: "0", reason: "x y z" }));
    expect(stale).toMatchObject({ ok: false, error: "conflict", status: 409 });
    const noReason = await submitReopen(s.w.slug, null, form({ accountId: s.account.id, todoId: s.todoId, version: "1", reason: "  " }));
    expect(noReason).toMatchObject({ ok: false, status: 422 });
    if (noReason.ok) throw new Error("unreachable");
    expect(noReason.fieldErrors?.reason?.[0]).toBe("Skriv hvorfor opgaven genåbnes.");
    const bad = await reopenAutomationTodoAction(s.w.slug, null, form({ accountId: "nope", todoId: s.todoId, version: "1", reason: "x" }));
    expect(bad).toMatchObject({ ok: false, error: "invalid-input" });
    expect(await s.db.todo.findUniqueOrThrow({ where: { id: s.todoId } })).toMatchObject({ status: "COMPLETED", version: 1 });
    // Not completed by this account → not found through the accountability page.
    const other = await reopenTodo(s.db, { todoId: s.todoId, version: 1, reason: "x" }, { actor: { type: "STAFF", id: s.w.manager.id, label: "x" }, now: new Date(), completedBy: randomUUID() });
    expect(other.kind).toBe("not-found");
  });

  it("another organisation's staff get not-found; read-only staff are refused", async () => {
    const s = await completedByAutomation();
    const elsewhere = await world({ accounts: 0 });
    current.session = elsewhere.manager;
    const r1 = await reopenAutomationTodoAction(s.w.slug, null, form({ accountId: s.account.id, todoId: s.todoId, version: "1", reason: "x y z" }));
    expect(r1).toMatchObject({ ok: false, error: "not-found", status: 404 });
    // Their own organisation's URL with our to-do: not found either.
    const r2 = await reopenAutomationTodoAction(elsewhere.w.slug, null, form({ accountId: s.account.id, todoId: s.todoId, version: "1", reason: "x y z" }));
    expect(r2).toMatchObject({ ok: false, error: "not-found" });
    current.session = s.reader;
    const r3 = await reopenAutomationTodoAction(s.w.slug, null, form({ accountId: s.account.id, todoId: s.todoId, version: "1", reason: "x y z" }));
    expect(r3).toMatchObject({ ok: false, error: "forbidden", status: 403 });
    expect(await s.db.todo.findUniqueOrThrow({ where: { id: s.todoId } })).toMatchObject({ status: "COMPLETED", version: 1 });
  });
});

describe("what an account did, and reports to the operator", () => {
  it("lists the account's completed to-dos, audit rows and requests in the period", async () => {
    const s = await completedByAutomation();
    await s.db.automationRequest.create({ data: { organisationId: s.w.orgId, userId: s.account.id, at: new Date(), method: "POST", path: `/api/v1/${s.w.slug}/todos/${s.todoId}/completion`, status: 200 } });
    const a = await accountActivity(s.db, s.account.id, activityPeriod({}, new Date()));
    expect(a.todos.map((t) => t.id)).toEqual([s.todoId]);
    expect(a.todos[0]).toMatchObject({ status: "COMPLETED", completedByAccount: true });
    expect(a.audit.map((x) => x.type).sort()).toEqual(["NOTICE_CONFIRMED", "TODO_COMPLETED"]);
    expect(a.requests).toHaveLength(1);
    const earlier = await accountActivity(s.db, s.account.id, activityPeriod({ fra: "2020-01-01", til: "2020-01-31" }, new Date()));
    expect(earlier.todos).toEqual([]);
    expect(earlier.requests).toEqual([]);
    // Another organisation's account is not found.
    const elsewhere = await world({ accounts: 1 });
    await expect(accountActivity(s.db, elsewhere.w.accounts[0]!.id, activityPeriod({}, new Date()))).rejects.toThrow();
  });

  it("staff report possibly wrong data; the operator sees it and answers; both audited", async () => {
    const s = await completedByAutomation();
    current.session = s.manager;
    const text = `Sagsnummeret ser forkert ud ${randomUUID().slice(0, 6)}`;
    await expect(reportAutomationDataAction(s.w.slug, null, form({ accountId: s.account.id, todoId: s.todoId, text }))).rejects.toThrow("NEXT_REDIRECT");
    const report = await s.db.automationReport.findFirstOrThrow({ where: { text } });
    expect(report).toMatchObject({ accountId: s.account.id, todoId: s.todoId, reportedById: s.w.manager.id, answer: null });
    expect(await s.db.auditLog.count({ where: { type: "AUTOMATION_REPORT_CREATED", entityId: report.id } })).toBe(1);

    current.session = operatorSession;
    const listed = (await reportsForOperator({} as never)).find((r) => r.id === report.id);
    expect(listed).toMatchObject({ organisation: { slug: s.w.slug }, accountName: s.account.name, text, answer: null });
    const bad = await answerReportAction(null, form({ orgSlug: s.w.slug, reportId: report.id, answer: "" }));
    expect(bad).toMatchObject({ ok: false, error: "invalid-input" });
    if (bad.ok) throw new Error("unreachable");
    expect(bad.fieldErrors?.answer?.[0]).toMatch(/Skriv et svar/);
    await expect(answerReportAction(null, form({ orgSlug: s.w.slug, reportId: report.id, answer: "Vi har rettet feltet." }))).rejects.toThrow("NEXT_REDIRECT");
    expect(await s.db.automationReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ answer: "Vi har rettet feltet.", answeredBy: operatorSession.name });
    expect(await s.db.auditLog.count({ where: { type: "AUTOMATION_REPORT_ANSWERED", entityId: report.id, actorType: "OPERATOR" } })).toBe(1);
    // A report id of another organisation is not found.
    const elsewhere = await world({ accounts: 0 });
    const wrong = await answerReportAction(null, form({ orgSlug: elsewhere.w.slug, reportId: report.id, answer: "Forkert sted" }));
    expect(wrong).toMatchObject({ ok: false, error: "not-found" });
  });

  it("a report: bad input a clear message, another organisation's staff 404, read-only refused, staff cannot answer", async () => {
    const s = await completedByAutomation();
    current.session = s.manager;
    const short = await reportAutomationDataAction(s.w.slug, null, form({ accountId: s.account.id, text: "x" }));
    expect(short).toMatchObject({ ok: false, error: "invalid-input" });
    if (short.ok) throw new Error("unreachable");
    expect(short.fieldErrors?.text?.[0]).toMatch(/Beskriv hvad der kan være forkert/);
    // A staff member is not an automation account.
    const notAccount = await reportAutomationDataAction(s.w.slug, null, form({ accountId: s.w.manager.id, text: "Noget er forkert her" }));
    expect(notAccount).toMatchObject({ ok: false, error: "not-found" });

    const elsewhere = await world({ accounts: 0 });
    current.session = elsewhere.manager;
    expect(await reportAutomationDataAction(s.w.slug, null, form({ accountId: s.account.id, text: "Noget er forkert her" }))).toMatchObject({ ok: false, error: "not-found" });
    expect(await reportAutomationDataAction(elsewhere.w.slug, null, form({ accountId: s.account.id, todoId: s.todoId, text: "Noget er forkert her" }))).toMatchObject({ ok: false, error: "not-found" });
    current.session = s.reader;
    expect(await reportAutomationDataAction(s.w.slug, null, form({ accountId: s.account.id, text: "Noget er forkert her" }))).toMatchObject({ ok: false, error: "forbidden" });
    current.session = s.manager;
    const answer = await answerReportAction(null, form({ orgSlug: s.w.slug, reportId: randomUUID(), answer: "Svar fra personalet" }));
    expect(answer).toMatchObject({ ok: false });
    expect(await s.db.automationReport.count()).toBe(0);
  });
});
