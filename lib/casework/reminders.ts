/**
 * Reminders (erindringer) of the move-out case: to-dos of kind REMINDER with a due date, the
 * organisation's reminder category, a source (what they are about: the pause or one of the case's
 * dates), a Danish title, the notice and tenancy, and the case's caseworker (null: the
 * organisation's caseworkers). The case's services (lib/casework/move-out-case.ts) call these
 * helpers inside their own transaction; `closeReminder` is the use case of a caseworker closing one
 * (todos.complete), with its own transaction and version check. Every change is audited.
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import type { ISODate } from "@/lib/rules";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { REMINDER_TITLES, reminderDueDate, reminderFormulaFor, type ReminderSource } from "./reminder-dates";

export * from "./reminder-dates";

const dbDate = (iso: ISODate) => new Date(`${iso}T00:00:00Z`);
export const isoOf = (d: Date | null | undefined): ISODate | null => (d ? d.toISOString().slice(0, 10) : null);
const userOf = (actor: Actor) => (actor.type === "STAFF" || actor.type === "AUTOMATION" ? (actor.id ?? null) : null);

/** The case fields the reminder helpers need. */
export type ReminderCase = { id: string; opsigelseId: string; caseworkerId: string | null; lejerId: string };
type Ctx = { actor: Actor; now: Date; meta?: RequestMeta; settings: OrganisationSettings };

/** Where one open reminder of a kind lives: REMINDER to-dos, OPEN. */
export const OPEN_REMINDER = { kind: "REMINDER", status: "OPEN" } as const;

async function createReminder(tx: OrgTx, c: ReminderCase, source: ReminderSource, due: ISODate, ctx: Ctx): Promise<string> {
  const title = REMINDER_TITLES[source];
  const todo = await tx.todo.create({
    data: {
      organisationId: tx.organisationId,
      kind: "REMINDER",
      status: "OPEN",
      opsigelseId: c.opsigelseId,
      lejerId: c.lejerId,
      dueDate: dbDate(due),
      category: ctx.settings.casework.reminderCategory,
      source,
      title,
      assignedToId: c.caseworkerId,
      payload: { caseId: c.id },
    },
    select: { id: true },
  });
  await writeAudit(tx, { type: "REMINDER_CREATED", actor: ctx.actor, entityType: "Todo", entityId: todo.id, after: { opsigelseId: c.opsigelseId, source, dueDate: due, title }, meta: ctx.meta });
  return todo.id;
}

/**
 * "Dan erindring når guiden pauses": one reminder due `pauseReminderFormula` after the Danish day
 * of pausing, when reminderOnPause is on and the formula is not blank. Returns its id, or null.
 */
export async function createPauseReminder(tx: OrgTx, c: ReminderCase, pauseDay: ISODate, ctx: Ctx): Promise<string | null> {
  const formula = reminderFormulaFor("paused", ctx.settings.casework);
  const due = formula.trim() === "" ? null : reminderDueDate(pauseDay, formula, ctx.settings.closingDays);
  return due ? createReminder(tx, c, "paused", due, ctx) : null;
}

/**
 * After a case date changed: keeps at most one OPEN reminder for the case and this source — created
 * or moved to `date` + the source's formula; cancelled when the date was cleared or the formula is
 * blank. Returns what it did.
 */
export async function syncDateReminder(tx: OrgTx, c: ReminderCase, source: Exclude<ReminderSource, "paused">, date: ISODate | null, ctx: Ctx): Promise<"created" | "moved" | "cancelled" | "unchanged"> {
  const formula = reminderFormulaFor(source, ctx.settings.casework);
  const due = date && formula.trim() !== "" ? reminderDueDate(date, formula, ctx.settings.closingDays) : null;
  const open = await tx.todo.findMany({ where: { ...OPEN_REMINDER, opsigelseId: c.opsigelseId, source }, orderBy: { createdAt: "asc" }, select: { id: true, dueDate: true, version: true } });
  if (!due) {
    for (const t of open) await cancelOne(tx, t, ctx);
    return open.length > 0 ? "cancelled" : "unchanged";
  }
  const [keep, ...extra] = open;
  for (const t of extra) await cancelOne(tx, t, ctx);
  if (!keep) {
    await createReminder(tx, c, source, due, ctx);
    return "created";
  }
  const was = isoOf(keep.dueDate);
  if (was === due) return "unchanged";
  // Only while it is still open: a close committed meanwhile is not overwritten.
  const moved = await tx.todo.updateMany({ where: { id: keep.id, status: "OPEN" }, data: { dueDate: dbDate(due), assignedToId: c.caseworkerId, version: { increment: 1 } } });
  if (moved.count === 0) return "unchanged";
  await writeAudit(tx, { type: "REMINDER_MOVED", actor: ctx.actor, entityType: "Todo", entityId: keep.id, before: { dueDate: was }, after: { dueDate: due }, meta: ctx.meta });
  return "moved";
}

async function cancelOne(tx: OrgTx, t: { id: string; dueDate: Date | null }, ctx: Ctx) {
  const { count } = await tx.todo.updateMany({ where: { id: t.id, status: "OPEN" }, data: { status: "CANCELLED", completedAt: ctx.now, version: { increment: 1 } } });
  if (count === 0) return;
  await writeAudit(tx, { type: "REMINDER_CANCELLED", actor: ctx.actor, entityType: "Todo", entityId: t.id, before: { dueDate: isoOf(t.dueDate) }, meta: ctx.meta });
}

/** Closes every open reminder of a case (finishing with closeRemindersOnFinish). Returns how many. */
export async function closeOpenReminders(tx: OrgTx, opsigelseId: string, ctx: Omit<Ctx, "settings">): Promise<number> {
  const open = await tx.todo.findMany({ where: { ...OPEN_REMINDER, opsigelseId }, select: { id: true } });
  let closed = 0;
  for (const t of open) {
    const { count } = await tx.todo.updateMany({ where: { id: t.id, status: "OPEN" }, data: { status: "COMPLETED", completedAt: ctx.now, completedById: userOf(ctx.actor), result: { closedBy: "case-finished" }, version: { increment: 1 } } });
    if (count === 0) continue;
    closed++;
    await writeAudit(tx, { type: "REMINDER_CLOSED", actor: ctx.actor, entityType: "Todo", entityId: t.id, after: { reason: "case-finished" }, meta: ctx.meta });
  }
  return closed;
}

/** The case's open reminders follow its caseworker. */
export async function reassignOpenReminders(tx: OrgTx, opsigelseId: string, caseworkerId: string | null): Promise<number> {
  const { count } = await tx.todo.updateMany({ where: { ...OPEN_REMINDER, opsigelseId }, data: { assignedToId: caseworkerId, version: { increment: 1 } } });
  return count;
}

export type CloseReminderResult = { kind: "closed" } | { kind: "conflict" } | { kind: "not-found" } | { kind: "not-open" };

/**
 * A caseworker closes ("Luk erindring") one reminder (todos.complete): refused when it changed since
 * the form was shown (version), or is no longer open. One transaction, audited.
 */
export async function closeReminder(db: OrgDb, input: { todoId: string; version: number; opsigelseId?: string }, opts: { actor: Actor; now: Date; meta?: RequestMeta }): Promise<CloseReminderResult> {
  return db.$transaction(async (tx) => {
    const t = await tx.todo.findFirst({ where: { id: input.todoId, kind: "REMINDER", ...(input.opsigelseId ? { opsigelseId: input.opsigelseId } : {}) }, select: { id: true, status: true, version: true } });
    if (!t) return { kind: "not-found" };
    if (t.version !== input.version) return { kind: "conflict" };
    if (t.status !== "OPEN") return { kind: "not-open" };
    const { count } = await tx.todo.updateMany({
      where: { id: t.id, version: input.version, status: "OPEN" },
      data: { status: "COMPLETED", completedAt: opts.now, completedById: userOf(opts.actor), result: { closedBy: "staff" }, version: { increment: 1 } },
    });
    if (count === 0) return { kind: "conflict" };
    await writeAudit(tx, { type: "REMINDER_CLOSED", actor: opts.actor, entityType: "Todo", entityId: t.id, after: { reason: "staff" }, meta: opts.meta });
    return { kind: "closed" };
  });
}

export type ReminderRow = {
  id: string;
  status: "OPEN" | "COMPLETED" | "CANCELLED";
  source: string | null;
  title: string;
  category: string | null;
  dueDate: ISODate | null;
  assignedToId: string | null;
  opsigelseId: string | null;
  version: number;
  completedAt: Date | null;
};

const ROW_SELECT = { id: true, status: true, source: true, title: true, category: true, dueDate: true, assignedToId: true, opsigelseId: true, version: true, completedAt: true } as const;
const rowOf = (t: { id: string; status: ReminderRow["status"]; source: string | null; title: string | null; category: string | null; dueDate: Date | null; assignedToId: string | null; opsigelseId: string | null; version: number; completedAt: Date | null }): ReminderRow => ({
  ...t,
  title: t.title ?? "Erindring",
  dueDate: isoOf(t.dueDate),
});

/** A case's reminders, open first, then by due date (at most 200: a case has a handful). */
export async function listCaseReminders(db: OrgDb | OrgTx, opsigelseId: string): Promise<ReminderRow[]> {
  const rows = await db.todo.findMany({ where: { kind: "REMINDER", opsigelseId }, orderBy: [{ status: "asc" }, { dueDate: "asc" }, { id: "asc" }], select: ROW_SELECT, take: 200 });
  return rows.map(rowOf);
}

export type DueReminder = ReminderRow & { address: string | null };

/** The where of "reminders due": REMINDER to-dos, OPEN, due on or before `today` (the dashboard counts with the same). */
export function remindersDueWhere(today: ISODate) {
  return { ...OPEN_REMINDER, dueDate: { lte: dbDate(today) } };
}

/** The open reminders due on or before `today` (a Danish calendar day), oldest due first, with the notice's address. */
export async function openRemindersDue(db: OrgDb | OrgTx, today: ISODate, opts: { take?: number } = {}): Promise<DueReminder[]> {
  const rows = await db.todo.findMany({
    where: remindersDueWhere(today),
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    select: { ...ROW_SELECT, opsigelse: { select: { lejer: { select: { lejemaal: { select: { address1: true } } } } } } },
    take: opts.take ?? 1000,
  });
  return rows.map(({ opsigelse, ...t }) => ({ ...rowOf(t), address: opsigelse?.lejer.lejemaal.address1 ?? null }));
}
