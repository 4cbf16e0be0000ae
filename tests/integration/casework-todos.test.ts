/**
 * The to-dos (lib/todos, app/[organisation]/admin/opgaver/actions.ts) against this lane's database,
 * with an injected clock:
 * - confirm-notice: the happy path (notice CONFIRMED with its case reference, the to-do COMPLETED,
 *   TODO_COMPLETED + NOTICE_CONFIRMED audit rows), corrections checked by the wizard's rules, a
 *   correction without a reason, a stale version and a completed to-do (conflict), a cancelled
 *   notice, another organisation (not-found) — and in each refusal nothing of the organisation
 *   changes; validate-only changes nothing and reports the same as a real completion;
 * - provide-tenancy-details: completes, the tenancy no longer lacks data; refusals;
 * - the sync: opened when a notice rule is cleared through the tenancy service, closed when set,
 *   never two OPEN (also when two syncs race), none for terminated / stopped / ended tenancies, and
 *   an import opens them for imported tenancies lacking data;
 * - the actions: read-only staff refused, another organisation's staff not-found, "Complete to-dos"
 *   may complete, a refusal's errors at the fields in Danish.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, redirects, staffSession } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.9" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { seedDemo } = await import("@/lib/demo/seed");
const { organisationBySlug, createOrganisation } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { organisationSettingsSchema } = await import("@/lib/organisation/settings");
const { SYSTEM_ACTOR } = await import("@/lib/audit/events");
const { confirmNotice } = await import("@/lib/todos/confirm-notice");
const { provideTenancyDetails } = await import("@/lib/todos/provide-tenancy-details");
const { syncTenancyDetailsTodos, NEEDS_DETAILS_WHERE } = await import("@/lib/todos/tenancy-details-sync");
const { listTodos } = await import("@/lib/todos/list");
const { todoDetail } = await import("@/lib/todos/detail");
const { cancelNoticeTodos } = await import("@/lib/todos/notice-todos");
const { saveTenancy } = await import("@/lib/admin/tenancies");
const { uploadImport, requestApply } = await import("@/lib/import/runs");
const { runDryRun, runApply } = await import("@/lib/import/phases");
const { submitConfirmNotice, submitTenancyDetails, confirmNoticeAction, submitCloseReminder, closeTodoReminderAction } = await import("@/app/[organisation]/admin/opgaver/actions");
const { snapshotOrganisation } = await import("../support/org-fixtures");
const { submittedNotice, FIXTURE_DATES } = await import("../support/submitted-notice");
const { testDatabaseUrl } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const TODAY = "2026-11-25";
const NOW = new Date("2026-12-02T09:30:00Z");
let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string; slug: string };
let other: { id: string; slug: string };
const sessions: Record<string, AppSession> = {};
let caseworker: { id: string; email: string };
let rule3M1 = "";
let inactiveRule = "";
let otherOrgRule = "";

const db = () => orgDb(org.id, prisma);
const actor = () => ({ type: "STAFF" as const, id: caseworker.id, label: caseworker.email });
const snapshot = () => snapshotOrganisation(prisma, org.id);

/** A SUBMITTED fixture notice with its confirm-notice to-do (as the submission makes it). */
async function noticeWithTodo(status: "SUBMITTED" | "CANCELLED" = "SUBMITTED") {
  const n = await submittedNotice(db(), { status });
  const todo = await db().todo.create({ data: { organisationId: org.id, kind: "CONFIRM_NOTICE", opsigelseId: n.noticeId, lejerId: n.lejerId, payload: {} } });
  return { ...n, todoId: todo.id };
}

const openDetailsTodos = (lejerId: string) => db().todo.findMany({ where: { kind: "PROVIDE_TENANCY_DETAILS", status: "OPEN", lejerId } });
const lejerByAddress = async (address1: string) => db().lejer.findFirstOrThrow({ where: { lejemaal: { address1 } } });

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  prisma = createPrismaClient(testDatabaseUrl());
  if (!(await organisationBySlug(prisma, "nordhavn"))) await seedDemo({ db: prisma, today: TODAY, idpIssuer: "http://localhost:4999" });
  org = (await organisationBySlug(prisma, "nordhavn"))!;
  other = (await organisationBySlug(prisma, "solbakken"))!;
  sessions.caseworker = await staffSession(prisma, "nordhavn", "opgave@nordhavn.example");
  sessions.todo = await staffSession(prisma, "nordhavn", "todo@nordhavn.example");
  sessions.reader = await staffSession(prisma, "nordhavn", "laeser@nordhavn.example");
  sessions.otherOrg = await staffSession(prisma, "solbakken", "admin@solbakken.example");
  caseworker = await db().user.findFirstOrThrow({ where: { email: "opgave@nordhavn.example" }, select: { id: true, email: true } });
  rule3M1 = (await db().kode.findFirstOrThrow({ where: { type: "OPSIGELSESVARSEL", value: "3M1" } })).id;
  otherOrgRule = (await orgDb(other.id, prisma).kode.findFirstOrThrow({ where: { type: "OPSIGELSESVARSEL" } })).id;
  inactiveRule = (
    await db().kode.create({ data: { organisationId: org.id, type: "OPSIGELSESVARSEL", value: "TODO-OLD", codeText: "udgået regel", rule: { months: 1, anchor: "any" }, active: false } })
  ).id;
}, 120_000);
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  current.session = sessions.caseworker!;
  redirects.length = 0;
});

describe("the demo's to-dos", () => {
  it("the seed opened a provide-tenancy-details to-do for each tenancy missing data (erik, frida, vera, Mads Mangler) and none for the inactive ones", async () => {
    for (const address of ["Havnegade 7, 1. tv", "Havnegade 7, 1. th", "Havnegade 19, 2. tv", "Havnegade 27, st."]) {
      const l = await lejerByAddress(address);
      expect((await openDetailsTodos(l.id)).length, address).toBe(1);
    }
    // The seed's own tenancies only: other test files add tenancies to nordhavn in parallel (some lacking data, without a sync).
    const open = await db().todo.findMany({ where: { kind: "PROVIDE_TENANCY_DETAILS", status: "OPEN", lejer: { updatedBy: "seed" } }, select: { lejerId: true } });
    const needing = await db().lejer.findMany({ where: { AND: [NEEDS_DETAILS_WHERE, { updatedBy: "seed" }] }, select: { id: true } });
    expect(open.map((o) => o.lejerId).sort()).toEqual(needing.map((l) => l.id).sort());
    expect(await orgDb(other.id, prisma).todo.count({ where: { kind: "PROVIDE_TENANCY_DETAILS" } })).toBe(0);
  });

  it("the list shows Conny Bekræft's confirm-notice to-do with its address and notice status", async () => {
    const { rows } = await listTodos(db(), { type: "confirm-notice", status: "open" }, { today: TODAY, limit: 200 });
    const conny = rows.find((r) => r.address === "Havnegade 23, 1. tv");
    expect(conny).toMatchObject({ kind: "CONFIRM_NOTICE", status: "OPEN", noticeStatus: "SUBMITTED" });
    const details = await listTodos(db(), { type: "provide-tenancy-details", status: "open" }, { today: TODAY });
    expect(details.rows.find((r) => r.address === "Havnegade 27, st.")?.missing).toEqual(["noticeRule", "renovationDays"]);
  });
});

describe("confirm-notice", () => {
  it("completes: the notice CONFIRMED with the trimmed case reference, the to-do COMPLETED, both audited in one go", async () => {
    const n = await noticeWithTodo();
    const r = await confirmNotice(db(), { todoId: n.todoId, version: 0, caseReference: "  SAG-2026-1001 " }, { actor: actor(), now: NOW });
    expect(r.kind).toBe("completed");
    const notice = await db().opsigelse.findUniqueOrThrow({ where: { id: n.noticeId } });
    expect(notice).toMatchObject({ status: "CONFIRMED", caseReference: "SAG-2026-1001", processedAt: NOW, processedById: caseworker.id });
    expect(notice.relettingDate?.toISOString().slice(0, 10)).toBe(FIXTURE_DATES.relettingDate);
    const todo = await db().todo.findUniqueOrThrow({ where: { id: n.todoId } });
    expect(todo).toMatchObject({ status: "COMPLETED", completedById: caseworker.id, completedAt: NOW, version: 1 });
    expect(todo.result).toMatchObject({ caseReference: "SAG-2026-1001", relettingDate: FIXTURE_DATES.relettingDate, inspectionDate: FIXTURE_DATES.inspectionDate, correctionReason: null });
    const audits = await db().auditLog.findMany({ where: { entityId: { in: [n.todoId, n.noticeId] }, type: { in: ["TODO_COMPLETED", "NOTICE_CONFIRMED"] } } });
    expect(audits.map((a) => `${a.type}:${a.actorType}:${a.actorId}`).sort()).toEqual([`NOTICE_CONFIRMED:STAFF:${caseworker.id}`, `TODO_COMPLETED:STAFF:${caseworker.id}`]);
    const confirmed = audits.find((a) => a.type === "NOTICE_CONFIRMED")!;
    expect(confirmed.before).toMatchObject({ status: "SUBMITTED", relettingDate: FIXTURE_DATES.relettingDate, inspectionDate: FIXTURE_DATES.inspectionDate });
    expect(confirmed.after).toMatchObject({ status: "CONFIRMED", caseReference: "SAG-2026-1001" });
  });

  it("records an automation account as the actor (type AUTOMATION)", async () => {
    const n = await noticeWithTodo();
    const r = await confirmNotice(db(), { todoId: n.todoId, version: 0, caseReference: "AUTO-1" }, { actor: { type: "AUTOMATION", id: caseworker.id, label: "Nordhavn Automation 1" }, now: NOW });
    expect(r.kind).toBe("completed");
    const a = await db().auditLog.findFirstOrThrow({ where: { type: "TODO_COMPLETED", entityId: n.todoId } });
    expect(a.actorType).toBe("AUTOMATION");
  });

  it("a correction within the wizard's rules is stored, with its reason and the dates before and after", async () => {
    const n = await noticeWithTodo();
    const r = await confirmNotice(
      db(),
      { todoId: n.todoId, version: 0, caseReference: "SAG-2", relettingDate: "2027-04-01", inspectionDate: "2027-03-02", correctionReason: "Aftalt med lejer" },
      { actor: actor(), now: NOW },
    );
    expect(r).toMatchObject({ kind: "completed", notice: { relettingDate: "2027-04-01", inspectionDate: "2027-03-02" } });
    const notice = await db().opsigelse.findUniqueOrThrow({ where: { id: n.noticeId } });
    expect(notice.relettingDate?.toISOString().slice(0, 10)).toBe("2027-04-01");
    expect(notice.inspectionDate?.toISOString().slice(0, 10)).toBe("2027-03-02");
    const a = await db().auditLog.findFirstOrThrow({ where: { type: "NOTICE_CONFIRMED", entityId: n.noticeId } });
    expect(a.before).toMatchObject({ relettingDate: FIXTURE_DATES.relettingDate, inspectionDate: FIXTURE_DATES.inspectionDate });
    expect(a.after).toMatchObject({ relettingDate: "2027-04-01", inspectionDate: "2027-03-02", correctionReason: "Aftalt med lejer" });
  });

  it.each([
    ["an inspection on a Saturday", { inspectionDate: "2027-03-06", correctionReason: "x" }, { inspectionDate: ["adminTodos.errors.inspectionNotAllowed"] }],
    ["an inspection after the window", { inspectionDate: "2027-03-20", correctionReason: "x" }, { inspectionDate: ["adminTodos.errors.inspectionNotAllowed"] }],
    ["a re-letting date the formula refuses (not the 1st or 15th)", { relettingDate: "2027-03-03", correctionReason: "x" }, { relettingDate: ["adminTodos.errors.relettingFormula"] }],
    ["a re-letting date before the move-out", { relettingDate: "2027-02-15", correctionReason: "x" }, { relettingDate: ["adminTodos.errors.relettingBeforeMoveOut"] }],
    ["a correction without a reason", { relettingDate: "2027-04-01" }, { correctionReason: ["adminTodos.errors.correctionReasonRequired"] }],
    ["no case reference", { caseReference: "   " }, { caseReference: ["adminTodos.errors.caseReferenceRequired"] }],
    ["a case reference over 100 characters", { caseReference: "x".repeat(101) }, { caseReference: ["adminTodos.errors.caseReferenceTooLong"] }],
    ["an impossible date", { inspectionDate: "2027-02-30", correctionReason: "x" }, { inspectionDate: ["adminTodos.errors.date"] }],
  ])("refuses %s with a field error, changes nothing, and validate-only says the same", async (_name, over, fieldErrors) => {
    const n = await noticeWithTodo();
    const input = { todoId: n.todoId, version: 0, caseReference: "SAG-3", ...over };
    const before = await snapshot();
    const checked = await confirmNotice(db(), input, { actor: actor(), now: NOW, validateOnly: true });
    const real = await confirmNotice(db(), input, { actor: actor(), now: NOW });
    expect(real).toEqual({ kind: "invalid", fieldErrors });
    expect(checked).toEqual(real);
    expect(await snapshot()).toEqual(before);
  });

  it("a stale version and an already completed to-do are conflicts, and nothing changes", async () => {
    const n = await noticeWithTodo();
    const before = await snapshot();
    expect(await confirmNotice(db(), { todoId: n.todoId, version: 3, caseReference: "SAG-4" }, { actor: actor(), now: NOW })).toEqual({ kind: "conflict", reason: "version" });
    expect(await confirmNotice(db(), { todoId: n.todoId, version: 3, caseReference: "SAG-4" }, { actor: actor(), now: NOW, validateOnly: true })).toEqual({ kind: "conflict", reason: "version" });
    expect(await snapshot()).toEqual(before);
    expect((await confirmNotice(db(), { todoId: n.todoId, version: 0, caseReference: "SAG-4" }, { actor: actor(), now: NOW })).kind).toBe("completed");
    const done = await snapshot();
    expect(await confirmNotice(db(), { todoId: n.todoId, version: 1, caseReference: "SAG-5" }, { actor: actor(), now: NOW })).toEqual({ kind: "conflict", reason: "closed" });
    expect(await confirmNotice(db(), { todoId: n.todoId, version: 0, caseReference: "SAG-5" }, { actor: actor(), now: NOW })).toEqual({ kind: "conflict", reason: "closed" });
    expect(await snapshot()).toEqual(done);
  });

  it("two completions of one version at once: exactly one wins, the other is a conflict", async () => {
    const n = await noticeWithTodo();
    const rs = await Promise.all([
      confirmNotice(db(), { todoId: n.todoId, version: 0, caseReference: "RACE-A" }, { actor: actor(), now: NOW }),
      confirmNotice(db(), { todoId: n.todoId, version: 0, caseReference: "RACE-B" }, { actor: actor(), now: NOW }),
    ]);
    expect(rs.map((r) => r.kind).sort()).toEqual(["completed", "conflict"]);
    expect(await db().auditLog.count({ where: { type: "NOTICE_CONFIRMED", entityId: n.noticeId } })).toBe(1);
  });

  it("refuses the to-do of a cancelled notice clearly, and nothing changes", async () => {
    const n = await noticeWithTodo("CANCELLED");
    const before = await snapshot();
    const r = await confirmNotice(db(), { todoId: n.todoId, version: 0, caseReference: "SAG-6" }, { actor: actor(), now: NOW });
    expect(r).toEqual({ kind: "invalid", fieldErrors: { "": ["adminTodos.errors.noticeCancelled"] } });
    expect(await confirmNotice(db(), { todoId: n.todoId, version: 0, caseReference: "SAG-6" }, { actor: actor(), now: NOW, validateOnly: true })).toEqual(r);
    expect(await snapshot()).toEqual(before);
  });

  it("cancelNoticeTodos (for the cancellation) closes the notice's open confirm-notice to-do; a completion opened before is a conflict", async () => {
    const n = await noticeWithTodo();
    expect(await db().$transaction((tx) => cancelNoticeTodos(tx, n.noticeId, { now: NOW }))).toBe(1);
    expect(await db().todo.findUniqueOrThrow({ where: { id: n.todoId } })).toMatchObject({ status: "CANCELLED", result: { closedBy: "notice-cancelled" }, version: 1 });
    expect(await confirmNotice(db(), { todoId: n.todoId, version: 0, caseReference: "X" }, { actor: actor(), now: NOW })).toEqual({ kind: "conflict", reason: "closed" });
  });

  it("another organisation's to-do is not-found, and nothing of either organisation changes", async () => {
    const n = await noticeWithTodo();
    const [a, b] = [await snapshot(), await snapshotOrganisation(prisma, other.id)];
    const stranger = orgDb(other.id, prisma);
    expect(await confirmNotice(stranger, { todoId: n.todoId, version: 0, caseReference: "X" }, { actor: actor(), now: NOW })).toEqual({ kind: "not-found" });
    expect(await confirmNotice(stranger, { todoId: n.todoId, version: 0, caseReference: "X" }, { actor: actor(), now: NOW, validateOnly: true })).toEqual({ kind: "not-found" });
    expect(await confirmNotice(db(), { todoId: "not-a-uuid", version: 0, caseReference: "X" }, { actor: actor(), now: NOW })).toEqual({ kind: "not-found" });
    expect(await snapshot()).toEqual(a);
    expect(await snapshotOrganisation(prisma, other.id)).toEqual(b);
  });

  it("validate-only runs every check, answers what would be stored and changes nothing (Todo, Opsigelse, Lejer, AuditLog, Job: counts and contents)", async () => {
    const n = await noticeWithTodo();
    const input = { todoId: n.todoId, version: 0, caseReference: "SAG-7", relettingDate: "2027-04-15", correctionReason: "Istandsættelse tager længere tid" };
    const before = await snapshot();
    const v = await confirmNotice(db(), input, { actor: actor(), now: NOW, validateOnly: true });
    expect(await snapshot()).toEqual(before);
    for (const t of ["Todo", "Opsigelse", "Lejer", "AuditLog", "Job"]) expect(before[t]!.length, t).toBeGreaterThan(0);
    const real = await confirmNotice(db(), input, { actor: actor(), now: NOW });
    expect(v.kind).toBe("valid");
    expect(real.kind).toBe("completed");
    expect({ ...v, kind: "x" }).toEqual({ ...real, kind: "x" });
  });
});

describe("provide-tenancy-details", () => {
  it("completes Mads Mangler's to-do: the tenancy has its rule and period, LEJER_UPDATED and TODO_COMPLETED are written, and nothing is missing any more", async () => {
    const l = await lejerByAddress("Havnegade 27, st.");
    const [todo] = await openDetailsTodos(l.id);
    const before = await snapshot();
    const v = await provideTenancyDetails(db(), { todoId: todo!.id, version: todo!.version, noticeRuleId: rule3M1, renovationDays: "14" }, { actor: actor(), now: NOW, validateOnly: true });
    expect(v).toMatchObject({ kind: "valid", tenancy: { noticeRule: "3M1", renovationDays: 14 } });
    expect(await snapshot()).toEqual(before);
    const r = await provideTenancyDetails(db(), { todoId: todo!.id, version: todo!.version, noticeRuleId: rule3M1, renovationDays: "14" }, { actor: actor(), now: NOW });
    expect(r.kind).toBe("completed");
    expect(await db().lejer.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({ noticeRuleId: rule3M1, renovationDays: 14 });
    expect(await db().todo.findUniqueOrThrow({ where: { id: todo!.id } })).toMatchObject({ status: "COMPLETED", completedById: caseworker.id, version: todo!.version + 1 });
    expect(await openDetailsTodos(l.id)).toEqual([]);
    expect(await db().lejer.count({ where: { AND: [NEEDS_DETAILS_WHERE, { id: l.id }] } })).toBe(0);
    const lu = await db().auditLog.findFirstOrThrow({ where: { type: "LEJER_UPDATED", entityId: l.id } });
    expect(lu.after).toEqual({ noticeRule: "3M1", renovationDays: 14 });
    expect(await db().auditLog.count({ where: { type: "TODO_COMPLETED", entityId: todo!.id } })).toBe(1);
    // Completing again is a conflict.
    expect(await provideTenancyDetails(db(), { todoId: todo!.id, version: todo!.version + 1, noticeRuleId: rule3M1, renovationDays: 14 }, { actor: actor(), now: NOW })).toEqual({ kind: "conflict", reason: "closed" });
  });

  it("a tenancy missing only its renovation period (frida) needs only that", async () => {
    const l = await lejerByAddress("Havnegade 7, 1. th");
    const [todo] = await openDetailsTodos(l.id);
    const r = await provideTenancyDetails(db(), { todoId: todo!.id, version: todo!.version, noticeRuleId: "", renovationDays: 0 }, { actor: actor(), now: NOW, validateOnly: true });
    expect(r).toMatchObject({ kind: "valid", tenancy: { renovationDays: 0, changed: ["renovationDays"] } });
  });

  it.each([
    ["no notice rule", { noticeRuleId: "", renovationDays: "14" }, { noticeRuleId: ["adminTodos.errors.noticeRuleRequired"] }],
    ["no renovation period", { noticeRuleId: "RULE", renovationDays: "" }, { renovationDays: ["adminTodos.errors.renovationDaysRequired"] }],
    ["a renovation period over 365", { noticeRuleId: "RULE", renovationDays: "366" }, { renovationDays: ["adminTodos.errors.renovationDaysRange"] }],
    ["a negative renovation period", { noticeRuleId: "RULE", renovationDays: "-1" }, { renovationDays: ["adminTodos.errors.renovationDaysRange"] }],
    ["a deactivated notice rule", { noticeRuleId: "INACTIVE", renovationDays: "14" }, { noticeRuleId: ["adminTodos.errors.noticeRuleInvalid"] }],
    ["another organisation's notice rule", { noticeRuleId: "OTHER", renovationDays: "14" }, { noticeRuleId: ["adminTodos.errors.noticeRuleInvalid"] }],
  ])("refuses %s (erik lacks both), changes nothing, and validate-only says the same", async (_name, over, fieldErrors) => {
    const l = await lejerByAddress("Havnegade 7, 1. tv");
    await db().lejer.update({ where: { id: l.id }, data: { renovationDays: null } });
    await db().$transaction((tx) => syncTenancyDetailsTodos(tx, [l.id], { now: NOW }));
    const [todo] = await openDetailsTodos(l.id);
    const rule = { RULE: rule3M1, INACTIVE: inactiveRule, OTHER: otherOrgRule }[over.noticeRuleId as "RULE"] ?? over.noticeRuleId;
    const input = { todoId: todo!.id, version: todo!.version, noticeRuleId: rule, renovationDays: over.renovationDays };
    const before = await snapshot();
    const checked = await provideTenancyDetails(db(), input, { actor: actor(), now: NOW, validateOnly: true });
    const real = await provideTenancyDetails(db(), input, { actor: actor(), now: NOW });
    expect(real).toEqual({ kind: "invalid", fieldErrors });
    expect(checked).toEqual(real);
    expect(await snapshot()).toEqual(before);
  });

  it("another organisation's to-do is not-found; a stale version is a conflict", async () => {
    const l = await lejerByAddress("Havnegade 7, 1. tv");
    const [todo] = await openDetailsTodos(l.id);
    const before = await snapshot();
    expect(await provideTenancyDetails(orgDb(other.id, prisma), { todoId: todo!.id, version: todo!.version, noticeRuleId: rule3M1, renovationDays: 7 }, { actor: actor(), now: NOW })).toEqual({ kind: "not-found" });
    expect(await provideTenancyDetails(db(), { todoId: todo!.id, version: todo!.version + 5, noticeRuleId: rule3M1, renovationDays: 7 }, { actor: actor(), now: NOW })).toEqual({ kind: "conflict", reason: "version" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("the provide-tenancy-details sync", () => {
  it("opens one when the notice rule is cleared through the tenancy service, and closes it (COMPLETED, closedBy data) when it is set again", async () => {
    const anna = await lejerByAddress("Havnegade 1, 1. tv");
    expect(await openDetailsTodos(anna.id)).toEqual([]);
    const edit = { lejerId: anna.id, noticeRuleId: null, renovationDays: anna.renovationDays, nonTerminableUntil: null, terminableInPeriodFrom: null };
    await saveTenancy(db(), edit, { actor: actor() });
    const open = await openDetailsTodos(anna.id);
    expect(open).toHaveLength(1);
    expect(open[0]!.payload).toEqual({ missing: ["noticeRule"] });
    await saveTenancy(db(), { ...edit, renovationDays: null }, { actor: actor() });
    expect(await openDetailsTodos(anna.id)).toHaveLength(1);
    await saveTenancy(db(), { ...edit, noticeRuleId: rule3M1, renovationDays: 14 }, { actor: actor() });
    expect(await openDetailsTodos(anna.id)).toEqual([]);
    const closed = await db().todo.findUniqueOrThrow({ where: { id: open[0]!.id } });
    expect(closed).toMatchObject({ status: "COMPLETED", result: { closedBy: "data" } });
  });

  it("never has two OPEN for a tenancy, also when two syncs race", async () => {
    const carl = await lejerByAddress("Havnegade 3, st.");
    await db().lejer.update({ where: { id: carl.id }, data: { renovationDays: null } });
    const results = await Promise.all([
      db().$transaction((tx) => syncTenancyDetailsTodos(tx, [carl.id], { now: NOW })),
      db().$transaction((tx) => syncTenancyDetailsTodos(tx, undefined, { now: NOW })),
      db().$transaction((tx) => syncTenancyDetailsTodos(tx, [carl.id], { now: NOW })),
    ]);
    // Carl's to-do was opened by exactly one of the racing syncs (the whole-organisation one may also open
    // to-dos for tenancies other test files add meanwhile, so the sum of `opened` is not carl's alone).
    expect(results.filter((r) => r.opened > 0).length).toBeGreaterThanOrEqual(1);
    expect(await openDetailsTodos(carl.id)).toHaveLength(1);
    await db().$transaction((tx) => syncTenancyDetailsTodos(tx, undefined, { now: NOW }));
    expect(await openDetailsTodos(carl.id)).toHaveLength(1);
    // Carl's tenancy as the demo has it again (other test files give notice on it), and its to-do closed by the data.
    await db().lejer.update({ where: { id: carl.id }, data: { renovationDays: carl.renovationDays } });
    await db().$transaction((tx) => syncTenancyDetailsTodos(tx, [carl.id], { now: NOW }));
    expect(await openDetailsTodos(carl.id)).toHaveLength(0);
  });

  it("opens none for terminated, stopped or ended tenancies, and cancels the open one of a tenancy that becomes inactive", async () => {
    const ib = await lejerByAddress("Havnegade 11, st. tv"); // terminated
    const jette = await lejerByAddress("Kajgade 2, 1. tv"); // property stopped
    await db().lejer.updateMany({ where: { id: { in: [ib.id, jette.id] } }, data: { noticeRuleId: null } });
    const poul = await lejerByAddress("Havnegade 15, st. th");
    await db().lejer.update({ where: { id: poul.id }, data: { noticeRuleId: null } });
    await db().$transaction((tx) => syncTenancyDetailsTodos(tx, undefined, { now: NOW }));
    expect(await openDetailsTodos(ib.id)).toEqual([]);
    expect(await openDetailsTodos(jette.id)).toEqual([]);
    const [open] = await openDetailsTodos(poul.id);
    expect(open).toBeTruthy();
    // The lease unit ends: no longer applicable.
    await db().lejemaal.update({ where: { id: poul.lejemaalId }, data: { endedOn: new Date("2026-11-30T00:00:00Z") } });
    await db().$transaction((tx) => syncTenancyDetailsTodos(tx, [poul.id], { now: NOW }));
    expect(await openDetailsTodos(poul.id)).toEqual([]);
    expect(await db().todo.findUniqueOrThrow({ where: { id: open!.id } })).toMatchObject({ status: "CANCELLED", result: { closedBy: "inactive" } });
  });

  it("an import's apply opens them for the imported tenancies lacking data", async () => {
    const tag = `${process.pid}${Date.now().toString(36)}`.slice(-10);
    const imp = await createOrganisation(prisma, { slug: `todo-imp-${tag}`, name: "Import to-dos", settings: organisationSettingsSchema.parse({}) }, { actor: SYSTEM_ACTOR });
    const idb = orgDb(imp.id, prisma);
    await idb.kode.createMany({ data: [{ organisationId: imp.id, type: "OPSIGELSESVARSEL", value: "3M", codeText: "3 måneder", rule: { months: 3, anchor: "first" } }] });
    const u = await idb.user.create({ data: { organisationId: imp.id, email: `sag-${tag}@imp.example`, name: "Sag", roles: ["CASEWORKER"] } });
    const who = { actor: { type: "STAFF" as const, id: u.id, label: u.email }, userId: u.id };
    const header = "SelskabNr;SelskabNavn;EjendomNr;EjendomNavn;LejemaalNr;HovedLejemaalNr;Adresse1;Postnr;By;LejerNr;IndflytDato;FraflytOpsigVarsel;FraflytIstandPeriode;Lejer1Navn;Lejer1Cpr";
    const rows = ["1;S;1;E;10;;Importvej 1;2100;København Ø;2;01-08-2019;3M;14;Alfa;0101851234", "1;S;1;E;11;;Importvej 2;2100;København Ø;2;01-08-2019;;14;Beta;0203701235", "1;S;1;E;12;;Importvej 3;2100;København Ø;2;01-08-2019;3M;;Gamma;2107901237"];
    const bytes = Buffer.from([header, ...rows].join("\r\n") + "\r\n", "utf8");
    const { id, mapped } = await uploadImport(idb, { fileName: "eksport.csv", contentType: "text/csv", bytes: new Uint8Array(bytes), ...who });
    expect(mapped).toBe(true);
    await runDryRun(idb, id);
    await requestApply(idb, { runId: id, ...who });
    await runApply(idb, id, { actor: who.actor });
    expect((await idb.importRun.findUniqueOrThrow({ where: { id } })).status).toBe("applied");
    const open = await idb.todo.findMany({ where: { kind: "PROVIDE_TENANCY_DETAILS", status: "OPEN" }, select: { lejer: { select: { lejemaal: { select: { address1: true } } } } } });
    expect(open.map((t) => t.lejer!.lejemaal.address1).sort()).toEqual(["Importvej 2", "Importvej 3"]);
  });
});

describe("the list", () => {
  it("forfald=idag lists only the reminders due on or before today, by due date, in keyset pages", async () => {
    const n = await noticeWithTodo();
    const due = ["2026-11-20", "2026-11-25", "2026-11-24", "2026-11-26"];
    for (const [i, d] of due.entries()) {
      await db().todo.create({ data: { organisationId: org.id, kind: "REMINDER", opsigelseId: n.noticeId, dueDate: new Date(`${d}T00:00:00Z`), title: `Erindring ${i}`, category: "Fraflytning", source: "paused" } });
    }
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const r: Awaited<ReturnType<typeof listTodos>> = await listTodos(db(), { status: "open", dueToday: true }, { today: TODAY, after, limit: 2 });
      pages.push(r.rows.map((x) => `${x.dueDate} ${x.title}`));
      after = r.next;
    } while (after);
    expect(pages.flat()).toEqual(["2026-11-20 Erindring 0", "2026-11-24 Erindring 2", "2026-11-25 Erindring 1"]);
    expect(pages[0]).toHaveLength(2);
    const reminders = await listTodos(db(), { type: "reminder", status: "open" }, { today: TODAY, limit: 200 });
    expect(reminders.rows.filter((r) => r.noticeId === n.noticeId)).toHaveLength(4);
  });

  it("pages the open to-dos oldest first and the closed ones newest first, without overlap or gaps", async () => {
    for (const status of ["open", "all"] as const) {
      const all = await listTodos(db(), { status }, { today: TODAY, limit: 200 });
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const r: Awaited<ReturnType<typeof listTodos>> = await listTodos(db(), { status }, { today: TODAY, after, limit: 3 });
        seen.push(...r.rows.map((x) => x.id));
        after = r.next;
      } while (after);
      expect(seen, status).toEqual(all.rows.map((r) => r.id));
      const times = all.rows.map((r) => r.createdAt.getTime());
      expect(times, status).toEqual([...times].sort((a, b) => (status === "open" ? a - b : b - a)));
    }
  });
});

describe("the to-do actions", () => {
  it("confirm-notice as a caseworker: redirects to the list with the flash; the notice is CONFIRMED", async () => {
    const n = await noticeWithTodo();
    await expect(submitConfirmNotice("nordhavn", null, form({ todoId: n.todoId, version: "0", caseReference: "SAG-A1", relettingDate: "", inspectionDate: FIXTURE_DATES.inspectionDate, correctionReason: "" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual(["/nordhavn/admin/opgaver?gemt=confirm-notice"]);
    expect((await db().opsigelse.findUniqueOrThrow({ where: { id: n.noticeId } })).status).toBe("CONFIRMED");
  });

  it("a refusal comes back with the errors at the fields in Danish and the typed values; a stale version with the conflict message", async () => {
    const n = await noticeWithTodo();
    const before = await snapshot();
    const r = await submitConfirmNotice("nordhavn", null, form({ todoId: n.todoId, version: "0", caseReference: "", relettingDate: "2027-03-03", inspectionDate: "", correctionReason: "" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors).toEqual({
      caseReference: ["Skriv sagsnummeret."],
      relettingDate: ["Genudlejningsdatoen opfylder ikke organisationens valideringsformel for genudlejningsdatoen."],
      correctionReason: ["Skriv en begrundelse for rettelsen."],
    });
    expect(r.values).toMatchObject({ relettingDate: "2027-03-03" });
    const stale = await submitConfirmNotice("nordhavn", null, form({ todoId: n.todoId, version: "7", caseReference: "SAG" }));
    expect(stale).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("Opgaven er ændret siden du åbnede den") });
    expect(await snapshot()).toEqual(before);
  });

  it("the 'Complete to-dos' role may complete a provide-tenancy-details to-do", async () => {
    const vera = await lejerByAddress("Havnegade 19, 2. tv");
    const [todo] = await openDetailsTodos(vera.id);
    current.session = sessions.todo!;
    // vera is the admin-tenancies e2e's: only validate the path here by a refused value, so her data stays as it is.
    const r = await submitTenancyDetails("nordhavn", null, form({ todoId: todo!.id, version: String(todo!.version), noticeRuleId: "", renovationDays: "999" }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { renovationDays: ["Istandsættelsesperioden skal være et helt antal dage fra 0 til 365."] } });
    const frida = await lejerByAddress("Havnegade 7, 1. th");
    const [ft] = await openDetailsTodos(frida.id);
    await expect(submitTenancyDetails("nordhavn", null, form({ todoId: ft!.id, version: String(ft!.version), noticeRuleId: "", renovationDays: "10" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual(["/nordhavn/admin/opgaver?gemt=provide-tenancy-details"]);
    const done = await db().todo.findUniqueOrThrow({ where: { id: ft!.id } });
    expect(done.status).toBe("COMPLETED");
    expect(done.completedById).toBe(sessions.todo!.uid);
  });

  it("the 'Complete to-dos' role closes a reminder from its to-do page; a stale page, read-only staff and another organisation change nothing", async () => {
    const n = await noticeWithTodo();
    const reminder = await db().todo.create({ data: { organisationId: org.id, kind: "REMINDER", opsigelseId: n.noticeId, dueDate: new Date("2026-12-09T00:00:00Z"), category: "Fraflytning", source: "paused", title: "Erindring: sagen blev sat på pause" } });
    const fd = (version: number) => form({ todoId: reminder.id, version: String(version) });
    const row = () => db().todo.findUniqueOrThrow({ where: { id: reminder.id } });
    const before = await row();
    current.session = sessions.reader!;
    expect(await closeTodoReminderAction("nordhavn", null, fd(0))).toMatchObject({ ok: false, error: "forbidden" });
    current.session = sessions.otherOrg!;
    expect(await closeTodoReminderAction("nordhavn", null, fd(0))).toMatchObject({ ok: false, error: "not-found" });
    expect(await closeTodoReminderAction("solbakken", null, fd(0))).toMatchObject({ ok: false, error: "not-found" });
    current.session = sessions.todo!;
    expect(await submitCloseReminder("nordhavn", null, fd(5))).toMatchObject({ ok: false, error: "conflict", status: 409 });
    expect(await closeTodoReminderAction("nordhavn", null, form({ todoId: "not-a-uuid", version: "0" }))).toMatchObject({ ok: false, error: "not-found" });
    expect(await row()).toEqual(before);
    await expect(submitCloseReminder("nordhavn", null, fd(0))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe("/nordhavn/admin/opgaver?gemt=reminder");
    expect(await row()).toMatchObject({ status: "COMPLETED", completedById: sessions.todo!.uid, version: 1, result: { closedBy: "staff" } });
    expect(await db().auditLog.count({ where: { type: "REMINDER_CLOSED", entityId: reminder.id } })).toBe(1);
    // Closed already: a second post is refused as closed, nothing changes twice.
    expect(await submitCloseReminder("nordhavn", null, fd(1))).toMatchObject({ ok: false, error: "conflict" });
    expect(await db().auditLog.count({ where: { type: "REMINDER_CLOSED", entityId: reminder.id } })).toBe(1);
  });

  it("read-only staff are refused and another organisation's staff get not-found; nothing changes", async () => {
    const n = await noticeWithTodo();
    const fd = () => form({ todoId: n.todoId, version: "0", caseReference: "SAG-X" });
    const before = await snapshot();
    current.session = sessions.reader!;
    expect(await confirmNoticeAction("nordhavn", null, fd())).toMatchObject({ ok: false, error: "forbidden" });
    current.session = sessions.otherOrg!;
    expect(await confirmNoticeAction("nordhavn", null, fd())).toMatchObject({ ok: false, error: "not-found" });
    expect(await confirmNoticeAction("solbakken", null, fd())).toMatchObject({ ok: false, error: "not-found" });
    expect(await snapshot()).toEqual(before);
  });

  it("is rate-limited per session (staffActionPerSession)", async () => {
    current.session = { ...sessions.caseworker!, authAt: sessions.caseworker!.authAt - 7 };
    const outcomes: string[] = [];
    for (let i = 0; i < 121; i++) {
      const r = await confirmNoticeAction("nordhavn", null, form({ todoId: "not-a-uuid", version: "0", caseReference: "X" }));
      outcomes.push(r.ok ? "ok" : r.error);
    }
    expect(outcomes.slice(0, 120).every((o) => o === "not-found")).toBe(true);
    expect(outcomes[120]).toBe("rate-limited");
  });

  it("the detail of a to-do is only this organisation's", async () => {
    const n = await noticeWithTodo();
    const d = await todoDetail(db(), n.todoId);
    expect(d).toMatchObject({ kind: "CONFIRM_NOTICE", notice: { noticeDate: FIXTURE_DATES.noticeDate, relettingDateValid: true } });
    if (d?.kind === "CONFIRM_NOTICE") expect(d.notice.allowedInspectionDates).toContain("2027-03-02");
    expect(await todoDetail(orgDb(other.id, prisma), n.todoId)).toBeNull();
  });
});
