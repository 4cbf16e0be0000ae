/**
 * Reopening a completed to-do (issue 13 §10, accountability): staff who find that an automation
 * account (or anyone) completed a to-do wrongly put it back to OPEN, so it is done again.
 *
 * One transaction: the version check on the to-do (`updateMany where { id, version, status:
 * COMPLETED }`; no row → conflict), the to-do COMPLETED → OPEN (completedById, completedAt and
 * result cleared, version + 1); for confirm-notice its notice CONFIRMED → SUBMITTED with the
 * processed fields cleared (caseReference, processedAt, processedById), the dates the confirmation
 * corrected restored from its NOTICE_CONFIRMED audit row, and the notice's version + 1; the audit
 * row TODO_REOPENED with the reason. A notice cancelled since (no longer CONFIRMED) cannot be
 * reopened; a tenancy that has another open provide-tenancy-details to-do neither (the database
 * holds one open per tenancy).
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { dayDate, TodoConflictError, UUID_RE, wholeNumber, type TodoConflict, type TodoInvalid, type TodoNotFound } from "./common";

export const REOPEN_REASON_MAX = 500;

/** Catalogue keys of a refused reopening (adminAutomationActivity.errors.*). */
const err = (code: string): string => `adminAutomationActivity.errors.${code}`;

export type ReopenTodoInput = { todoId: string; version: number | string; reason: string };
export type ReopenTodoOptions = {
  actor: Actor;
  now: Date;
  meta?: RequestMeta;
  /** Only a to-do this account completed (the accountability page): another one is not-found. */
  completedBy?: string;
};

export type ReopenTodoOutcome = { kind: "reopened"; todo: { id: string; kind: string; status: "OPEN"; version: number }; noticeId: string | null } | TodoInvalid | TodoConflict | TodoNotFound;

type ConfirmedBefore = { relettingDate?: unknown; inspectionDate?: unknown };

/** The dates before the confirmation that completed `todoId` (its NOTICE_CONFIRMED audit row), if any. */
async function datesBeforeConfirmation(tx: OrgTx, noticeId: string, todoId: string): Promise<{ relettingDate: Date | null; inspectionDate: Date | null } | null> {
  const rows = await tx.auditLog.findMany({ where: { type: "NOTICE_CONFIRMED", entityType: "Opsigelse", entityId: noticeId }, orderBy: { createdAt: "desc" }, take: 20, select: { before: true, after: true } });
  const row = rows.find((r) => (r.after as { todoId?: unknown } | null)?.todoId === todoId);
  if (!row) return null;
  const b = (row.before ?? {}) as ConfirmedBefore;
  const day = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayDate(v) : null);
  return { relettingDate: day(b.relettingDate), inspectionDate: day(b.inspectionDate) };
}

/** Reopens a COMPLETED confirm-notice or provide-tenancy-details to-do. See the module comment. */
export async function reopenTodo(db: OrgDb, input: ReopenTodoInput, opts: ReopenTodoOptions): Promise<ReopenTodoOutcome> {
  if (typeof input?.todoId !== "string" || !UUID_RE.test(input.todoId)) return { kind: "not-found" };
  const version = wholeNumber(input.version);
  const reason = typeof input.reason === "string" ? input.reason.trim() : "";
  if (reason === "") return { kind: "invalid", fieldErrors: { reason: [err("reopenReasonRequired")] } };
  if (reason.length > REOPEN_REASON_MAX) return { kind: "invalid", fieldErrors: { reason: [err("reopenReasonTooLong")] } };
  try {
    return await db.$transaction(async (tx): Promise<ReopenTodoOutcome> => {
      const todo = await tx.todo.findFirst({
        where: { id: input.todoId, kind: { in: ["CONFIRM_NOTICE", "PROVIDE_TENANCY_DETAILS"] } },
        select: { id: true, kind: true, status: true, version: true, completedById: true, completedAt: true, lejerId: true, opsigelse: { select: { id: true, status: true } } },
      });
      if (!todo) return { kind: "not-found" };
      if (opts.completedBy !== undefined && todo.completedById !== opts.completedBy) return { kind: "not-found" };
      if (todo.status !== "COMPLETED") return { kind: "conflict", reason: "closed" };
      if (version === null || todo.version !== version) return { kind: "conflict", reason: "version" };
      if (todo.kind === "CONFIRM_NOTICE" && todo.opsigelse?.status !== "CONFIRMED") return { kind: "invalid", fieldErrors: { "": [err("reopenNoticeNotConfirmed")] } };
      if (todo.kind === "PROVIDE_TENANCY_DETAILS" && todo.lejerId) {
        const open = await tx.todo.count({ where: { kind: "PROVIDE_TENANCY_DETAILS", status: "OPEN", lejerId: todo.lejerId } });
        if (open > 0) return { kind: "invalid", fieldErrors: { "": [err("reopenAnotherOpen")] } };
      }

      const claimed = await tx.todo.updateMany({
        where: { id: todo.id, version: todo.version, status: "COMPLETED" },
        data: { status: "OPEN", completedAt: null, completedById: null, result: null as never, version: { increment: 1 } },
      });
      if (claimed.count !== 1) throw new TodoConflictError("version");

      let noticeId: string | null = null;
      if (todo.kind === "CONFIRM_NOTICE" && todo.opsigelse) {
        noticeId = todo.opsigelse.id;
        const dates = await datesBeforeConfirmation(tx, noticeId, todo.id);
        const r = await tx.opsigelse.updateMany({
          where: { id: noticeId, status: "CONFIRMED" },
          data: { status: "SUBMITTED", caseReference: null, processedAt: null, processedById: null, ...(dates ?? {}), version: { increment: 1 } },
        });
        if (r.count !== 1) throw new TodoConflictError("closed");
      }
      await writeAudit(tx, {
        type: "TODO_REOPENED",
        actor: opts.actor,
        entityType: "Todo",
        entityId: todo.id,
        before: { status: "COMPLETED", version: todo.version, completedById: todo.completedById, completedAt: todo.completedAt?.toISOString() ?? null },
        after: { kind: todo.kind, status: "OPEN", version: todo.version + 1, noticeId, reason },
        ...(opts.meta ? { meta: opts.meta } : {}),
      });
      return { kind: "reopened", todo: { id: todo.id, kind: todo.kind, status: "OPEN", version: todo.version + 1 }, noticeId };
    });
  } catch (e) {
    if (e instanceof TodoConflictError) return { kind: "conflict", reason: e.reason };
    throw e;
  }
}
