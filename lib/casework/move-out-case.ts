/**
 * The move-out case (fraflytningsguide) of a submitted notice: one service per use case — move to
 * a phase, set the case's dates, set the caseworker, pause, resume, finish. Each owns its
 * transaction, checks the version the form was shown with (MoveOutCase.version: a stale form is
 * refused, nothing changes), writes its typed audit row and keeps the case's reminders
 * (lib/casework/reminders.ts) in the same transaction. Rules: a cancelled notice's case cannot be
 * changed; a finished case neither; a paused case can only be resumed or finished; finishing sets
 * FINISHED and finishedAt and closes the open reminders only when the organisation says so
 * (closeRemindersOnFinish, default: they stay open). The clock is a parameter (`now`).
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { hasPermission } from "@/lib/auth/permissions";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { isISODate, type ISODate } from "@/lib/rules";
import { todayInDenmark } from "@/lib/time";
import { movablePhases, type MoveOutPhaseName } from "./phases";
import { CASE_DATE_COLUMN, DATE_REMINDER_SOURCES, closeOpenReminders, createPauseReminder, isoOf, reassignOpenReminders, syncDateReminder, type CaseDateColumn, type ReminderCase } from "./reminders";

export type CaseOpts = { actor: Actor; now: Date; settings: OrganisationSettings; meta?: RequestMeta };

/** Why a change was refused (each has a Danish message: adminCase.refused.<reason>). */
export type CaseRefusal = "cancelled" | "finished" | "paused" | "not-paused" | "phase-not-shown" | "same-phase" | "not-caseworker" | "reminder-not-open";

export type CaseResult =
  | { kind: "ok"; version: number; changed: boolean }
  | { kind: "not-found" }
  | { kind: "conflict" }
  | { kind: "refused"; reason: CaseRefusal }
  | { kind: "invalid"; fieldErrors: Record<string, string[]> };

type LoadedCase = {
  id: string;
  opsigelseId: string;
  phase: MoveOutPhaseName;
  pausedAt: Date | null;
  finishedAt: Date | null;
  caseworkerId: string | null;
  version: number;
  noticeStatus: string;
  lejerId: string;
} & Record<CaseDateColumn, Date | null>;

async function loadCase(tx: OrgTx, noticeId: string): Promise<LoadedCase | null> {
  const c = await tx.moveOutCase.findFirst({
    where: { opsigelseId: noticeId },
    select: {
      id: true,
      opsigelseId: true,
      phase: true,
      pausedAt: true,
      finishedAt: true,
      caseworkerId: true,
      version: true,
      inspectionDeadline: true,
      agreedInspectionDate: true,
      viewingDate: true,
      settlementPaymentDate: true,
      settlementSentDate: true,
      opsigelse: { select: { status: true, lejerId: true } },
    },
  });
  if (!c) return null;
  const { opsigelse, ...rest } = c;
  return { ...rest, noticeStatus: opsigelse.status, lejerId: opsigelse.lejerId };
}

const reminderCase = (c: LoadedCase, caseworkerId = c.caseworkerId): ReminderCase => ({ id: c.id, opsigelseId: c.opsigelseId, lejerId: c.lejerId, caseworkerId });

class Abort extends Error {
  constructor(readonly result: CaseResult) {
    super(result.kind);
  }
}

/**
 * The frame every use case shares: load the case by its notice, refuse a missing one, a stale
 * version, a cancelled notice, a finished case and (unless `whilePaused`) a paused one; run `body`;
 * bump the version with the one seen in the where (a concurrent change makes it a conflict).
 */
async function withCase(
  db: OrgDb,
  input: { noticeId: string; version: number },
  opts: { whilePaused?: boolean },
  body: (tx: OrgTx, c: LoadedCase) => Promise<{ data: Record<string, unknown> } | null>,
): Promise<CaseResult> {
  try {
    return await db.$transaction(async (tx) => {
      const c = await loadCase(tx, input.noticeId);
      if (!c) return { kind: "not-found" } as const;
      if (c.version !== input.version) return { kind: "conflict" } as const;
      if (c.noticeStatus === "CANCELLED") return { kind: "refused", reason: "cancelled" } as const;
      if (c.finishedAt || c.phase === "FINISHED") return { kind: "refused", reason: "finished" } as const;
      if (c.pausedAt && !opts.whilePaused) return { kind: "refused", reason: "paused" } as const;
      // Claim the version first: a concurrent change of the same case waits here and then finds it moved on.
      const { count } = await tx.moveOutCase.updateMany({ where: { id: c.id, version: input.version }, data: { version: { increment: 1 } } });
      if (count === 0) return { kind: "conflict" } as const;
      const r = await body(tx, c);
      if (!r) throw new Abort({ kind: "ok", version: c.version, changed: false });
      if (Object.keys(r.data).length > 0) await tx.moveOutCase.update({ where: { id: c.id }, data: r.data });
      return { kind: "ok", version: c.version + 1, changed: true } as const;
    });
  } catch (e) {
    if (e instanceof Abort) return e.result;
    throw e;
  }
}

const refuse = (reason: CaseRefusal): never => {
  throw new Abort({ kind: "refused", reason });
};

/** Move the case to one of the organisation's phases (not FINISHED: that is finishCase). */
export async function moveCaseToPhase(db: OrgDb, input: { noticeId: string; version: number; phase: MoveOutPhaseName }, opts: CaseOpts): Promise<CaseResult> {
  return withCase(db, input, {}, async (tx, c) => {
    if (!movablePhases(opts.settings.casework).includes(input.phase)) refuse("phase-not-shown");
    if (c.phase === input.phase) return null;
    await writeAudit(tx, { type: "MOVE_OUT_CASE_PHASE_CHANGED", actor: opts.actor, entityType: "MoveOutCase", entityId: c.id, before: { phase: c.phase }, after: { phase: input.phase }, meta: opts.meta });
    return { data: { phase: input.phase } };
  });
}

export type CaseDates = Partial<Record<CaseDateColumn, string | null>>;

/** Reads the dates form: "" or missing → null (cleared), else an ISO calendar date between 2000 and 2100. */
export function parseCaseDates(values: Record<string, unknown>): { ok: true; dates: Record<CaseDateColumn, ISODate | null> } | { ok: false; fieldErrors: Record<string, string[]> } {
  const dates = {} as Record<CaseDateColumn, ISODate | null>;
  const fieldErrors: Record<string, string[]> = {};
  for (const col of Object.values(CASE_DATE_COLUMN)) {
    const raw = values[col];
    const v = typeof raw === "string" ? raw.trim() : raw === null || raw === undefined ? "" : null;
    if (v === "") dates[col] = null;
    else if (v !== null && isISODate(v) && v >= "2000-01-01" && v <= "2100-12-31") dates[col] = v;
    else fieldErrors[col] = ["adminCase.errors.date"];
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, dates };
}

/**
 * Set the case's dates (every one of the form; blank clears). Each changed date creates, moves or
 * cancels its reminder when the organisation has a formula for it.
 */
export async function setCaseDates(db: OrgDb, input: { noticeId: string; version: number; dates: Record<string, unknown> }, opts: CaseOpts): Promise<CaseResult> {
  const parsed = parseCaseDates(input.dates);
  if (!parsed.ok) return { kind: "invalid", fieldErrors: parsed.fieldErrors };
  return withCase(db, input, {}, async (tx, c) => {
    const before: Record<string, string | null> = {};
    const after: Record<string, string | null> = {};
    const data: Record<string, Date | null> = {};
    for (const source of DATE_REMINDER_SOURCES) {
      const col = CASE_DATE_COLUMN[source];
      const was = isoOf(c[col]);
      const next = parsed.dates[col];
      if (was === next) continue;
      before[col] = was;
      after[col] = next;
      data[col] = next ? new Date(`${next}T00:00:00Z`) : null;
      await syncDateReminder(tx, reminderCase(c), source, next, opts);
    }
    if (Object.keys(after).length === 0) return null;
    await writeAudit(tx, { type: "MOVE_OUT_CASE_DATES_CHANGED", actor: opts.actor, entityType: "MoveOutCase", entityId: c.id, before, after, meta: opts.meta });
    return { data };
  });
}

/** The staff a case can be given to: active people (not automation) who may manage notices. */
export async function caseworkerOptions(db: OrgDb | OrgTx): Promise<{ id: string; name: string; email: string }[]> {
  const users = await db.user.findMany({ where: { active: true, automation: false, pausedAt: null }, select: { id: true, name: true, email: true, roles: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 1000 });
  return users.filter((u) => hasPermission(u.roles, "notices.manage")).map(({ id, name, email }) => ({ id, name, email }));
}

/** Give the case to a caseworker (or to nobody: null). Its open reminders follow. */
export async function setCaseworker(db: OrgDb, input: { noticeId: string; version: number; caseworkerId: string | null }, opts: CaseOpts): Promise<CaseResult> {
  return withCase(db, input, { whilePaused: false }, async (tx, c) => {
    if (input.caseworkerId !== null && !(await caseworkerOptions(tx)).some((u) => u.id === input.caseworkerId)) refuse("not-caseworker");
    if (c.caseworkerId === input.caseworkerId) return null;
    await reassignOpenReminders(tx, c.opsigelseId, input.caseworkerId);
    await writeAudit(tx, { type: "MOVE_OUT_CASE_CASEWORKER_CHANGED", actor: opts.actor, entityType: "MoveOutCase", entityId: c.id, before: { caseworkerId: c.caseworkerId }, after: { caseworkerId: input.caseworkerId }, meta: opts.meta });
    return { data: { caseworkerId: input.caseworkerId } };
  });
}

/** Pause the case; with reminderOnPause, a reminder due pauseReminderFormula after the Danish day of pausing. */
export async function pauseCase(db: OrgDb, input: { noticeId: string; version: number }, opts: CaseOpts): Promise<CaseResult> {
  return withCase(db, input, {}, async (tx, c) => {
    const reminderId = await createPauseReminder(tx, reminderCase(c), todayInDenmark(opts.now), opts);
    await writeAudit(tx, { type: "MOVE_OUT_CASE_PAUSED", actor: opts.actor, entityType: "MoveOutCase", entityId: c.id, after: { pausedAt: opts.now.toISOString(), reminderId }, meta: opts.meta });
    return { data: { pausedAt: opts.now } };
  });
}

/** Resume a paused case (its reminders stay as they are). */
export async function resumeCase(db: OrgDb, input: { noticeId: string; version: number }, opts: CaseOpts): Promise<CaseResult> {
  return withCase(db, input, { whilePaused: true }, async (tx, c) => {
    if (!c.pausedAt) refuse("not-paused");
    await writeAudit(tx, { type: "MOVE_OUT_CASE_RESUMED", actor: opts.actor, entityType: "MoveOutCase", entityId: c.id, before: { pausedAt: c.pausedAt!.toISOString() }, meta: opts.meta });
    return { data: { pausedAt: null } };
  });
}

/** Finish the case (also a paused one): phase FINISHED, finishedAt; open reminders closed only with closeRemindersOnFinish. */
export async function finishCase(db: OrgDb, input: { noticeId: string; version: number }, opts: CaseOpts): Promise<CaseResult> {
  return withCase(db, input, { whilePaused: true }, async (tx, c) => {
    const closedReminders = opts.settings.casework.closeRemindersOnFinish ? await closeOpenReminders(tx, c.opsigelseId, opts) : 0;
    await writeAudit(tx, { type: "MOVE_OUT_CASE_FINISHED", actor: opts.actor, entityType: "MoveOutCase", entityId: c.id, before: { phase: c.phase }, after: { finishedAt: opts.now.toISOString(), closedReminders }, meta: opts.meta });
    return { data: { phase: "FINISHED", finishedAt: opts.now, pausedAt: null } };
  });
}

export type CaseView = {
  id: string;
  phase: MoveOutPhaseName;
  pausedAt: Date | null;
  finishedAt: Date | null;
  caseworkerId: string | null;
  version: number;
  dates: Record<CaseDateColumn, ISODate | null>;
  notice: { id: string; status: string; address: string; postalCode: string; city: string; tenants: string[]; moveOutDate: ISODate | null; inspectionDate: ISODate | null; submittedAt: Date | null };
};

/** The case of a notice for the case page (null: no such notice in this organisation, or no case yet). */
export async function loadCaseView(db: OrgDb, noticeId: string): Promise<CaseView | null> {
  const c = await db.moveOutCase.findFirst({
    where: { opsigelseId: noticeId },
    select: {
      id: true,
      phase: true,
      pausedAt: true,
      finishedAt: true,
      caseworkerId: true,
      version: true,
      inspectionDeadline: true,
      agreedInspectionDate: true,
      viewingDate: true,
      settlementPaymentDate: true,
      settlementSentDate: true,
      opsigelse: {
        select: {
          id: true,
          status: true,
          moveOutDate: true,
          inspectionDate: true,
          submittedAt: true,
          lejer: { select: { lejemaal: { select: { address1: true, postalCode: true, city: true } }, legalTenant1: { select: { name: true } }, legalTenant2: { select: { name: true } } } },
        },
      },
    },
  });
  if (!c) return null;
  const n = c.opsigelse;
  const dates = {} as Record<CaseDateColumn, ISODate | null>;
  for (const col of Object.values(CASE_DATE_COLUMN)) dates[col] = isoOf(c[col]);
  return {
    id: c.id,
    phase: c.phase,
    pausedAt: c.pausedAt,
    finishedAt: c.finishedAt,
    caseworkerId: c.caseworkerId,
    version: c.version,
    dates,
    notice: {
      id: n.id,
      status: n.status,
      address: n.lejer.lejemaal.address1,
      postalCode: n.lejer.lejemaal.postalCode,
      city: n.lejer.lejemaal.city,
      tenants: [n.lejer.legalTenant1?.name, n.lejer.legalTenant2?.name].filter((x): x is string => !!x),
      moveOutDate: isoOf(n.moveOutDate),
      inspectionDate: isoOf(n.inspectionDate),
      submittedAt: n.submittedAt,
    },
  };
}
