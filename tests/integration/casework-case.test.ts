/**
 * The move-out case (issue 12 item 3): the services of lib/casework/move-out-case.ts and
 * reminders.ts through the case page's server actions, on an injected clock — pausing creates a
 * reminder due 8 days later (or by the organisation's formula), the case dates create, move and
 * cancel their reminders, finishing leaves open reminders open unless the setting says otherwise,
 * a stale form and a cancelled notice's case are refused, another organisation's staff get
 * not-found, read-only staff change nothing — and the daily reminder e-mail (lib/jobs/reminder-digest.ts)
 * lists exactly the reminders due per caseworker, once a day.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppSession } from "@/lib/auth/types";
import { current, flashes, form, redirects, staffSessionOf } from "../support/action-harness";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.12" }));
vi.mock("@/lib/http/form-flash", async () => (await import("../support/action-harness")).formFlashMock());
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { createOrganisation } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { organisationSettingsSchema, readSettings } = await import("@/lib/organisation/settings");
const { SYSTEM_ACTOR } = await import("@/lib/audit/events");
const mc = await import("@/lib/casework/move-out-case");
const rem = await import("@/lib/casework/reminders");
const actions = await import("@/app/[organisation]/admin/opsigelser/[noticeId]/sag/actions");
const { reminderDigestJob, reminderDigestSchedule, sendReminderDigest } = await import("@/lib/jobs/reminder-digest");
const { SCHEDULES, JOBS } = await import("@/lib/jobs/registry");
const { submittedNotice } = await import("../support/submitted-notice");
const settingsActions = await import("@/app/[organisation]/admin/indstillinger/fraflytning/actions");
const { caseworkFormValues } = await import("@/lib/casework/casework-settings");
const { testDatabaseUrl } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz";

type Db = ReturnType<typeof orgDb>;
let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string; slug: string; name: string };
let other: { id: string; slug: string };
let db: Db;
const users: Record<"cw1" | "cw2" | "reader" | "bot" | "otherCw", { id: string; name: string; email: string; roles: string[]; sessionVersion: number }> = {} as never;
const sessions: Record<"cw1" | "reader" | "otherCw", AppSession> = {} as never;
const stamp = `${process.pid}${Date.now().toString(36)}`;

const at = (iso: string) => new Date(iso);
const staff = (u: { id: string; name: string }) => ({ type: "STAFF" as const, id: u.id, label: u.name });

async function setCasework(patch: Record<string, unknown>) {
  const o = await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } });
  const s = readSettings(o.settings);
  const next = { ...s, casework: { ...s.casework, ...patch } };
  await prisma.organisation.update({ where: { id: org.id }, data: { settings: JSON.parse(JSON.stringify(next)) } });
  return next;
}
const settingsNow = async () => readSettings((await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } })).settings);

/** A submitted notice with its move-out case (as lib/notice/submit.ts leaves it). */
async function noticeWithCase(opts: { status?: "SUBMITTED" | "CANCELLED"; caseworkerId?: string | null } = {}) {
  const n = await submittedNotice(db, { tenants: 1, status: opts.status ?? "SUBMITTED" });
  await db.moveOutCase.create({ data: { organisationId: org.id, opsigelseId: n.noticeId, caseworkerId: opts.caseworkerId ?? null } });
  return n;
}
const caseOf = (noticeId: string) => db.moveOutCase.findFirstOrThrow({ where: { opsigelseId: noticeId } });
const remindersOf = (noticeId: string) => db.todo.findMany({ where: { kind: "REMINDER", opsigelseId: noticeId }, orderBy: { createdAt: "asc" } });
const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const opts = async (now: string, who = users.cw1) => ({ actor: staff(who), now: at(now), settings: await settingsNow() });

async function redirected(p: Promise<unknown>): Promise<string> {
  await expect(p).rejects.toThrow("NEXT_REDIRECT");
  return redirects.at(-1)!;
}

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  prisma = createPrismaClient(testDatabaseUrl());
  const settings = organisationSettingsSchema.parse({});
  const o = await createOrganisation(prisma, { slug: `sag-${stamp}`, name: "Sag Bolig", settings }, { actor: SYSTEM_ACTOR });
  const b = await createOrganisation(prisma, { slug: `sag-b-${stamp}`, name: "Sag Anden", settings }, { actor: SYSTEM_ACTOR });
  org = { id: o.id, slug: o.slug, name: "Sag Bolig" };
  other = { id: b.id, slug: b.slug };
  db = orgDb(org.id, prisma);
  const mk = async (orgId: string, key: keyof typeof users, name: string, roles: string[], automation = false) => {
    users[key] = await orgDb(orgId, prisma).user.create({ data: { organisationId: orgId, email: `${key}.${stamp}@sag.example`, name, roles, automation } });
  };
  await mk(org.id, "cw1", "Anne Sagsbehandler", ["CASEWORKER"]);
  await mk(org.id, "cw2", "Bo Sagsbehandler", ["CASEWORKER"]);
  await mk(org.id, "reader", "Lis Læser", ["READ_ONLY"]);
  await mk(org.id, "bot", "Robot", ["COMPLETE_TODOS"], true);
  await mk(other.id, "otherCw", "Other Caseworker", ["CASEWORKER"]);
  sessions.cw1 = staffSessionOf(users.cw1, org);
  sessions.reader = staffSessionOf(users.reader, org);
  sessions.otherCw = staffSessionOf(users.otherCw, other);
}, 120_000);

afterAll(async () => {
  current.session = null;
  await prisma?.$disconnect();
});

beforeEach(async () => {
  current.session = sessions.cw1;
  redirects.length = 0;
  flashes.length = 0;
  await setCasework(organisationSettingsSchema.parse({}).casework);
});

describe("pausing", () => {
  it("creates one reminder due 8 days after the Danish day of pausing (paused 2026-12-01 → due 2026-12-09), for the caseworker, in the category", async () => {
    const n = await noticeWithCase({ caseworkerId: users.cw2.id });
    // 23:30 UTC on 30 November is 1 December in Denmark.
    const r = await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, await opts("2026-11-30T23:30:00Z"));
    expect(r).toEqual({ kind: "ok", version: 1, changed: true });
    const c = await caseOf(n.noticeId);
    expect(c.pausedAt).toEqual(at("2026-11-30T23:30:00Z"));
    expect(c.version).toBe(1);
    const [t, ...more] = await remindersOf(n.noticeId);
    expect(more).toEqual([]);
    expect(t).toMatchObject({ kind: "REMINDER", status: "OPEN", source: "paused", category: "Fraflytning", title: "Erindring: sagen blev sat på pause", lejerId: n.lejerId, assignedToId: users.cw2.id });
    expect(iso(t!.dueDate)).toBe("2026-12-09");
    const audit = await db.auditLog.findMany({ where: { entityId: { in: [c.id, t!.id] } }, orderBy: { createdAt: "asc" }, select: { type: true, after: true } });
    expect(audit.map((a) => a.type).sort()).toEqual(["MOVE_OUT_CASE_PAUSED", "REMINDER_CREATED"]);
  });

  it("uses the organisation's formula and closing days (\"2 hverdage\" from Wednesday 23 December → Tuesday 29 December: 24 December is a closing day here), and none when reminderOnPause is off", async () => {
    await setCasework({ pauseReminderFormula: "2 hverdage" });
    const n = await noticeWithCase();
    await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, await opts("2026-12-23T09:00:00Z"));
    expect((await remindersOf(n.noticeId)).map((t) => iso(t.dueDate))).toEqual(["2026-12-29"]);

    await setCasework({ reminderOnPause: false });
    const m = await noticeWithCase();
    await mc.pauseCase(db, { noticeId: m.noticeId, version: 0 }, await opts("2026-12-23T09:00:00Z"));
    expect(await remindersOf(m.noticeId)).toEqual([]);
    expect((await caseOf(m.noticeId)).pausedAt).not.toBeNull();
  });

  it("a paused case can only be resumed or finished; resuming keeps the reminder", async () => {
    const n = await noticeWithCase();
    await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, await opts("2026-12-01T10:00:00Z"));
    const o = await opts("2026-12-02T10:00:00Z");
    expect(await mc.setCaseDates(db, { noticeId: n.noticeId, version: 1, dates: { inspectionDeadline: "2027-02-01" } }, o)).toEqual({ kind: "refused", reason: "paused" });
    expect(await mc.moveCaseToPhase(db, { noticeId: n.noticeId, version: 1, phase: "INSPECTION" }, o)).toEqual({ kind: "refused", reason: "paused" });
    expect(await mc.pauseCase(db, { noticeId: n.noticeId, version: 1 }, o)).toEqual({ kind: "refused", reason: "paused" });
    expect((await caseOf(n.noticeId)).version).toBe(1);
    expect(await mc.resumeCase(db, { noticeId: n.noticeId, version: 1 }, o)).toMatchObject({ kind: "ok", version: 2 });
    expect((await caseOf(n.noticeId)).pausedAt).toBeNull();
    expect(await mc.resumeCase(db, { noticeId: n.noticeId, version: 2 }, o)).toEqual({ kind: "refused", reason: "not-paused" });
    expect((await remindersOf(n.noticeId)).map((t) => t.status)).toEqual(["OPEN"]);
  });
});

describe("case dates and their reminders", () => {
  it("setting the inspection deadline with a formula creates a reminder; moving it moves the reminder; clearing cancels it", async () => {
    await setCasework({ reminderFormulas: { inspectionDeadline: "-3 dage", agreedInspection: "", viewing: "", settlementPayment: "", settlementSent: "" } });
    const n = await noticeWithCase({ caseworkerId: users.cw1.id });
    const o = await opts("2026-12-02T10:00:00Z");
    expect(await mc.setCaseDates(db, { noticeId: n.noticeId, version: 0, dates: { inspectionDeadline: "2027-02-10", agreedInspectionDate: "2027-02-12" } }, o)).toMatchObject({ kind: "ok", version: 1 });
    let list = await remindersOf(n.noticeId);
    expect(list.map((t) => [t.source, t.status, iso(t.dueDate), t.title, t.assignedToId])).toEqual([["inspectionDeadline", "OPEN", "2027-02-07", "Erindring: synsfrist", users.cw1.id]]);
    const c = await caseOf(n.noticeId);
    expect([iso(c.inspectionDeadline), iso(c.agreedInspectionDate)]).toEqual(["2027-02-10", "2027-02-12"]);

    await mc.setCaseDates(db, { noticeId: n.noticeId, version: 1, dates: { inspectionDeadline: "2027-02-20", agreedInspectionDate: "2027-02-12" } }, o);
    list = await remindersOf(n.noticeId);
    expect(list.map((t) => [t.status, iso(t.dueDate)])).toEqual([["OPEN", "2027-02-17"]]);
    expect(list[0]!.version).toBe(1);

    await mc.setCaseDates(db, { noticeId: n.noticeId, version: 2, dates: { inspectionDeadline: "", agreedInspectionDate: "2027-02-12" } }, o);
    list = await remindersOf(n.noticeId);
    expect(list.map((t) => t.status)).toEqual(["CANCELLED"]);
    expect(iso((await caseOf(n.noticeId)).inspectionDeadline)).toBeNull();
    const types = (await db.auditLog.findMany({ where: { entityId: list[0]!.id }, orderBy: { createdAt: "asc" } })).map((a) => a.type);
    expect(types).toEqual(["REMINDER_CREATED", "REMINDER_MOVED", "REMINDER_CANCELLED"]);
    const dated = await db.auditLog.findMany({ where: { entityId: c.id, type: "MOVE_OUT_CASE_DATES_CHANGED" }, orderBy: { createdAt: "asc" } });
    expect(dated.map((a) => a.after)).toEqual([{ inspectionDeadline: "2027-02-10", agreedInspectionDate: "2027-02-12" }, { inspectionDeadline: "2027-02-20" }, { inspectionDeadline: null }]);
  });

  it("the same dates again change nothing (no version bump, no audit row); a bad date is a field error and nothing changes", async () => {
    const n = await noticeWithCase();
    const o = await opts("2026-12-02T10:00:00Z");
    expect(await mc.setCaseDates(db, { noticeId: n.noticeId, version: 0, dates: {} }, o)).toEqual({ kind: "ok", version: 0, changed: false });
    expect((await caseOf(n.noticeId)).version).toBe(0);
    expect(await mc.setCaseDates(db, { noticeId: n.noticeId, version: 0, dates: { viewingDate: "2027-02-31" } }, o)).toEqual({ kind: "invalid", fieldErrors: { viewingDate: ["adminCase.errors.date"] } });
    expect((await caseOf(n.noticeId)).viewingDate).toBeNull();
  });
});

describe("finishing", () => {
  it("leaves open reminders open by default, sets FINISHED and finishedAt, and then refuses changes", async () => {
    const n = await noticeWithCase();
    await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, await opts("2026-12-01T10:00:00Z"));
    const o = await opts("2026-12-03T10:00:00Z");
    expect(await mc.finishCase(db, { noticeId: n.noticeId, version: 1 }, o)).toMatchObject({ kind: "ok", version: 2 });
    const c = await caseOf(n.noticeId);
    expect([c.phase, c.finishedAt, c.pausedAt]).toEqual(["FINISHED", at("2026-12-03T10:00:00Z"), null]);
    expect((await remindersOf(n.noticeId)).map((t) => t.status)).toEqual(["OPEN"]);
    expect(await mc.pauseCase(db, { noticeId: n.noticeId, version: 2 }, o)).toEqual({ kind: "refused", reason: "finished" });
  });

  it("closes them when closeRemindersOnFinish is on", async () => {
    await setCasework({ closeRemindersOnFinish: true });
    const n = await noticeWithCase();
    await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, await opts("2026-12-01T10:00:00Z"));
    await mc.resumeCase(db, { noticeId: n.noticeId, version: 1 }, await opts("2026-12-02T10:00:00Z"));
    await mc.finishCase(db, { noticeId: n.noticeId, version: 2 }, await opts("2026-12-03T10:00:00Z"));
    const [t] = await remindersOf(n.noticeId);
    expect([t!.status, t!.completedAt, t!.completedById]).toEqual(["COMPLETED", at("2026-12-03T10:00:00Z"), users.cw1.id]);
  });
});

describe("refusals", () => {
  it("a stale version is refused and nothing changes", async () => {
    const n = await noticeWithCase();
    await mc.moveCaseToPhase(db, { noticeId: n.noticeId, version: 0, phase: "INSPECTION" }, await opts("2026-12-01T10:00:00Z"));
    expect(await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, await opts("2026-12-01T11:00:00Z"))).toEqual({ kind: "conflict" });
    const c = await caseOf(n.noticeId);
    expect([c.phase, c.pausedAt, c.version]).toEqual(["INSPECTION", null, 1]);
    expect(await remindersOf(n.noticeId)).toEqual([]);
  });

  it("a cancelled notice's case cannot be changed", async () => {
    const n = await noticeWithCase({ status: "CANCELLED" });
    const o = await opts("2026-12-01T10:00:00Z");
    for (const r of [
      await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, o),
      await mc.finishCase(db, { noticeId: n.noticeId, version: 0 }, o),
      await mc.setCaseworker(db, { noticeId: n.noticeId, version: 0, caseworkerId: users.cw1.id }, o),
    ])
      expect(r).toEqual({ kind: "refused", reason: "cancelled" });
    expect((await caseOf(n.noticeId)).version).toBe(0);
  });

  it("the caseworker must be an active caseworker of the organisation (not read-only, not automation, not another organisation's); the open reminders follow", async () => {
    const n = await noticeWithCase();
    const o = await opts("2026-12-01T10:00:00Z");
    await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, o);
    await mc.resumeCase(db, { noticeId: n.noticeId, version: 1 }, o);
    for (const u of [users.reader, users.bot, users.otherCw]) expect(await mc.setCaseworker(db, { noticeId: n.noticeId, version: 2, caseworkerId: u.id }, o)).toEqual({ kind: "refused", reason: "not-caseworker" });
    expect(await mc.setCaseworker(db, { noticeId: n.noticeId, version: 2, caseworkerId: users.cw2.id }, o)).toMatchObject({ kind: "ok" });
    expect((await remindersOf(n.noticeId)).map((t) => t.assignedToId)).toEqual([users.cw2.id]);
  });
});

describe("the case page's actions", () => {
  it("pause through the form: redirects with ?gemt=pause; a stale form comes back with the conflict message", async () => {
    const n = await noticeWithCase();
    const page = `/${org.slug}/admin/opsigelser/${n.noticeId}/sag`;
    expect(await redirected(actions.submitCaseForm(form({ organisation: org.slug, intent: "pause", noticeId: n.noticeId, version: "0" })))).toBe(`${page}?gemt=pause`);
    expect((await remindersOf(n.noticeId)).length).toBe(1);
    const to = await redirected(actions.submitCaseForm(form({ organisation: org.slug, intent: "resume", noticeId: n.noticeId, version: "0" })));
    expect(to).toMatch(new RegExp(`^${page}\\?f=[0-9a-f]{8}$`));
    expect(flashes.at(-1)!.errors).toEqual({ "": ["adminCase.refused.conflict"] });
    expect((await caseOf(n.noticeId)).pausedAt).not.toBeNull();
  });

  it("dates through the form; a bad date keeps the typed values with a field error", async () => {
    const n = await noticeWithCase();
    const fields = { organisation: org.slug, intent: "dates", noticeId: n.noticeId, version: "0", inspectionDeadline: "", agreedInspectionDate: "2027-02-12", viewingDate: "", settlementPaymentDate: "", settlementSentDate: "" };
    expect(await redirected(actions.submitCaseForm(form(fields)))).toMatch(/\?gemt=datoer$/);
    expect(await redirected(actions.submitCaseForm(form({ ...fields, version: "1", viewingDate: "12-02-2027" })))).toMatch(/\?f=/);
    expect(flashes.at(-1)).toMatchObject({ errors: { viewingDate: ["adminCase.errors.date"] }, values: { viewingDate: "12-02-2027" } });
    expect(iso((await caseOf(n.noticeId)).agreedInspectionDate)).toBe("2027-02-12");
    expect((await caseOf(n.noticeId)).viewingDate).toBeNull();
  });

  it("closing a reminder (todos.complete) with its version; a second close is refused", async () => {
    const n = await noticeWithCase();
    await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, await opts("2026-12-01T10:00:00Z"));
    const [t] = await remindersOf(n.noticeId);
    const f = { organisation: org.slug, intent: "close-reminder", noticeId: n.noticeId, todoId: t!.id, version: "0" };
    expect(await redirected(actions.submitCaseForm(form(f)))).toMatch(/\?gemt=erindring$/);
    const closed = (await remindersOf(n.noticeId))[0]!;
    expect([closed.status, closed.completedById, closed.version]).toEqual(["COMPLETED", users.cw1.id, 1]);
    await redirected(actions.submitCaseForm(form(f)));
    expect(flashes.at(-1)!.errors).toEqual({ "": ["adminCase.refused.conflict"] });
    await redirected(actions.submitCaseForm(form({ ...f, version: "1" })));
    expect(flashes.at(-1)!.errors).toEqual({ "": ["adminCase.refused.reminder-not-open"] });
  });

  it("another organisation's staff get not-found from every action; read-only staff are refused; nothing changes", async () => {
    const n = await noticeWithCase();
    await mc.pauseCase(db, { noticeId: n.noticeId, version: 0 }, await opts("2026-12-01T10:00:00Z"));
    const [t] = await remindersOf(n.noticeId);
    const all = [
      [actions.moveCasePhaseAction, { phase: "INSPECTION" }],
      [actions.saveCaseDatesAction, { viewingDate: "2027-01-01" }],
      [actions.setCaseworkerAction, { caseworkerId: users.cw2.id }],
      [actions.pauseCaseAction, {}],
      [actions.resumeCaseAction, {}],
      [actions.finishCaseAction, {}],
      [actions.closeReminderAction, { todoId: t!.id }],
    ] as const;
    const snapshot = async () => JSON.stringify([await caseOf(n.noticeId), await remindersOf(n.noticeId)]);
    const before = await snapshot();
    for (const [who, expected] of [["otherCw", "not-found"], ["reader", "forbidden"]] as const) {
      current.session = sessions[who];
      for (const [a, extra] of all) {
        const r = await a(org.slug, null, form({ noticeId: n.noticeId, version: "1", ...extra }));
        expect(r, `${who} ${a.contract.name}`).toMatchObject({ ok: false, error: expected });
      }
      // Through the form: back to the page, never a change.
      current.session = sessions[who];
      await redirected(actions.submitCaseForm(form({ organisation: org.slug, intent: "finish", noticeId: n.noticeId, version: "1" })));
    }
    // Another organisation's staff asking for this notice under their own organisation: it is not theirs.
    current.session = sessions.otherCw;
    expect(await redirected(actions.pauseCaseAction(other.slug, null, form({ noticeId: n.noticeId, version: "1" })))).toBe(`/${other.slug}/admin/opsigelser/${n.noticeId}/sag`);
    expect(await snapshot()).toBe(before);
  });
});

describe("the daily reminder e-mail", () => {
  it("is registered at 07:00 Danish time", () => {
    expect(SCHEDULES).toContain(reminderDigestSchedule);
    expect(JOBS).toContain(reminderDigestJob);
    expect(reminderDigestSchedule.next(at("2026-12-01T05:00:00Z"))).toEqual(at("2026-12-01T06:00:00Z"));
    expect(reminderDigestSchedule.next(at("2027-06-01T06:00:00Z"))).toEqual(at("2027-06-02T05:00:00Z"));
  });

  it("lists exactly the open reminders due per caseworker (unassigned ones to every caseworker); twice the same day sends once", async () => {
    // A fresh view: close every reminder the other tests left open.
    await db.todo.updateMany({ where: { kind: "REMINDER", status: "OPEN" }, data: { status: "CANCELLED" } });
    const mine = await noticeWithCase({ caseworkerId: users.cw1.id });
    const nobodys = await noticeWithCase();
    const later = await noticeWithCase({ caseworkerId: users.cw2.id });
    const closed = await noticeWithCase({ caseworkerId: users.cw2.id });
    await mc.pauseCase(db, { noticeId: mine.noticeId, version: 0 }, await opts("2026-12-01T10:00:00Z")); // due 9 Dec
    await mc.pauseCase(db, { noticeId: nobodys.noticeId, version: 0 }, await opts("2026-12-02T10:00:00Z")); // due 10 Dec
    await mc.pauseCase(db, { noticeId: later.noticeId, version: 0 }, await opts("2026-12-05T10:00:00Z")); // due 13 Dec
    await mc.pauseCase(db, { noticeId: closed.noticeId, version: 0 }, await opts("2026-12-01T10:00:00Z"));
    const [c] = await remindersOf(closed.noticeId);
    await rem.closeReminder(db, { todoId: c!.id, version: 0 }, { actor: staff(users.cw2), now: at("2026-12-02T10:00:00Z") });

    const due = await rem.openRemindersDue(db, "2026-12-10");
    expect(due.map((r) => r.opsigelseId)).toEqual([mine.noticeId, nobodys.noticeId]);

    const mails = async () => (await db.job.findMany({ where: { name: "send-mail", key: { startsWith: "reminder-digest:2026-12-10:" } }, orderBy: { key: "asc" } })).map((j) => ({ key: j.key, payload: j.payload as { to: string[]; subject: string; text: string; html: string } }));
    const now = at("2026-12-10T06:00:00Z");
    const o = await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } });
    const ctx = { job: { id: "x", organisationId: org.id, name: "reminder-digest", version: 1, key: "k", attempt: 1, maxAttempts: 5 }, db, now, settings: async () => readSettings(o.settings), organisation: async () => ({ id: org.id, slug: org.slug, name: org.name }), services: { mail: { send: async () => undefined }, publicUrl: "https://fraflyt.example" } };
    await reminderDigestJob.run({}, ctx as never);
    const sent = await mails();
    expect(sent.map((m) => m.payload.to)).toEqual(
      [users.cw1, users.cw2].map((u) => ({ key: `reminder-digest:2026-12-10:${u.id}`, to: [u.email] })).sort((a, b) => a.key.localeCompare(b.key)).map((x) => x.to),
    );
    const of = (u: { id: string }) => sent.find((m) => m.key.endsWith(u.id))!.payload;
    const addr = async (noticeId: string) => (await db.opsigelse.findUniqueOrThrow({ where: { id: noticeId }, select: { lejer: { select: { lejemaal: { select: { address1: true } } } } } })).lejer.lejemaal.address1;
    expect(of(users.cw1).subject).toBe("2 erindringer forfalder – 10.\u00a0december 2026");
    expect(of(users.cw1).text).toContain(`- ${await addr(mine.noticeId)}: Erindring: sagen blev sat på pause, forfald 9.\u00a0december 2026`);
    expect(of(users.cw1).text).toContain(`https://fraflyt.example/${org.slug}/admin/opsigelser/${mine.noticeId}/sag`);
    expect(of(users.cw1).text).toContain(`forfald 10.\u00a0december 2026`);
    expect(of(users.cw2).subject).toBe("1 erindring forfalder – 10.\u00a0december 2026");
    expect(of(users.cw2).text).toContain(await addr(nobodys.noticeId));
    expect(of(users.cw2).text).not.toContain(await addr(later.noticeId));
    expect(of(users.cw2).text).not.toContain(await addr(closed.noticeId));

    // Twice the same day: nothing new.
    expect(await sendReminderDigest({ db, org, baseUrl: "https://fraflyt.example", now: at("2026-12-10T09:00:00Z") })).toBe(0);
    expect((await mails()).length).toBe(2);

    // Other test files' workers share this database: these mails are not theirs to send.
    await db.job.updateMany({ where: { name: "send-mail", key: { startsWith: "reminder-digest:" }, status: "pending" }, data: { status: "done" } });

    // dailyReminderMail off: the job sends nothing.
    await setCasework({ dailyReminderMail: false });
    const off = await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } });
    await reminderDigestJob.run({}, { ...ctx, now: at("2026-12-11T06:00:00Z"), settings: async () => readSettings(off.settings) } as never);
    expect(await db.job.count({ where: { name: "send-mail", key: { startsWith: "reminder-digest:2026-12-11:" } } })).toBe(0);

    // A suspended organisation: mail on, reminders due, but nothing is sent (its links would open the "closed" page).
    await setCasework({ dailyReminderMail: true });
    const on = await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } });
    const suspended = { ...ctx, now: at("2026-12-12T06:00:00Z"), settings: async () => readSettings(on.settings), organisation: async () => ({ id: org.id, slug: org.slug, name: org.name, suspendedAt: at("2026-12-11T12:00:00Z") }) };
    await reminderDigestJob.run({}, suspended as never);
    expect(await db.job.count({ where: { name: "send-mail", key: { startsWith: "reminder-digest:2026-12-12:" } } })).toBe(0);
    await reminderDigestJob.run({}, { ...suspended, organisation: async () => ({ id: org.id, slug: org.slug, name: org.name, suspendedAt: null }) } as never);
    expect(await db.job.count({ where: { name: "send-mail", key: { startsWith: "reminder-digest:2026-12-12:" } } })).toBeGreaterThan(0);
    await db.job.updateMany({ where: { name: "send-mail", key: { startsWith: "reminder-digest:" }, status: "pending" }, data: { status: "done" } });
  });
});

describe("the casework settings page's action", () => {
  const page = () => `/${org.slug}/admin/indstillinger/fraflytning`;
  const formNow = async () => ({ organisation: org.slug, ...caseworkFormValues((await settingsNow()).casework) });
  const settingsAudits = () => db.auditLog.findMany({ where: { type: "SETTINGS_UPDATED" }, orderBy: { createdAt: "asc" } });

  it("saves a changed formula through updateOrganisationSettings with one audit row of the casework key; the same form again changes nothing", async () => {
    const before = await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } });
    const n = (await settingsAudits()).length;
    const values = { ...(await formNow()), pauseReminderFormula: "2 hverdage", formula_viewing: "-1 uge" };
    expect(await redirected(settingsActions.submitCaseworkSettings(form(values)))).toBe(`${page()}?gemt=1`);
    const s = await settingsNow();
    expect(s.casework).toMatchObject({ pauseReminderFormula: "2 hverdage", reminderFormulas: { viewing: "-1 uge" } });
    const { casework: _c, ...rest } = s;
    const { casework: _b, ...restBefore } = readSettings(before.settings);
    expect(rest).toEqual(restBefore);
    const rows = (await settingsAudits()).slice(n);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!.after as object)).toEqual(["casework"]);
    expect((rows[0]!.before as { casework: { pauseReminderFormula: string } }).casework.pauseReminderFormula).toBe("8 dage");
    expect(await redirected(settingsActions.submitCaseworkSettings(form(values)))).toBe(`${page()}?gemt=0`);
    expect((await settingsAudits()).length).toBe(n + 1);
  });

  it("refuses a formula the rules cannot read, with the error at the field and the typed values; nothing changes", async () => {
    const before = await settingsNow();
    const to = await redirected(settingsActions.submitCaseworkSettings(form({ ...(await formNow()), pauseReminderFormula: "otte dage" })));
    expect(to).toMatch(new RegExp(`^${page()}\\?f=[0-9a-f]{8}$`));
    expect(flashes.at(-1)).toMatchObject({ errors: { pauseReminderFormula: ["adminCase.settings.errors.formula"] }, values: { pauseReminderFormula: "otte dage" } });
    expect(await settingsNow()).toEqual(before);
  });

  it("read-only staff are refused and another organisation's staff get not-found; nothing changes", async () => {
    const before = await settingsNow();
    const values = { ...(await formNow()), pauseReminderFormula: "3 dage" };
    current.session = sessions.reader;
    expect(await settingsActions.saveCaseworkSettingsAction(org.slug, null, form(values))).toMatchObject({ ok: false, error: "forbidden" });
    current.session = sessions.otherCw;
    expect(await settingsActions.saveCaseworkSettingsAction(org.slug, null, form(values))).toMatchObject({ ok: false, error: "not-found" });
    expect(await settingsNow()).toEqual(before);
  });
});
