/**
 * confirm-notice (issue 12 §4, issue 13 §1): a caseworker — or an automation account through the
 * API — records the back-office case reference of a submitted notice and confirms or corrects its
 * re-letting date and inspection date. A correction needs a reason and is checked by the same rules
 * as the wizard, relative to the notice's own notice date and move-out date with the organisation's
 * settings: the inspection date must be one `allowedInspectionDates` offers (lib/notice/dates.ts),
 * the re-letting date must pass the organisation's re-letting validation formula (`evaluateFormula`
 * with Dagsdato = the notice date, as `noticeDates` computes `relettingDateValid`) and lie after the
 * move-out date. Confirming the stored dates unchanged is always possible (that is what the
 * caseworker is asked to decide when the computed re-letting date failed the formula).
 *
 * One transaction: the version check on the to-do (`updateMany where { id, version, status: OPEN }`;
 * no row → conflict), the notice SUBMITTED → CONFIRMED (processedAt, processedById, caseReference,
 * the corrected dates; with SUBMITTED in its where), the to-do COMPLETED (completedById, completedAt,
 * result, version + 1), and the audit rows TODO_COMPLETED and NOTICE_CONFIRMED. With validateOnly
 * every check runs and nothing is written: the answer is what would be stored.
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import { allowedInspectionDates } from "@/lib/notice/dates";
import { evaluateFormula } from "@/lib/rules";
import { readSettings, type OrganisationSettings } from "@/lib/organisation/settings";
import { isRealIsoDate } from "@/lib/admin/tenancies";
import { emitWebhookEvent } from "@/lib/webhooks/emit"; // ---- webhooks
import {
  actorUserId,
  dayDate,
  err,
  isoDay,
  TodoConflictError,
  UUID_RE,
  wholeNumber,
  type TodoCompletionOptions,
  type TodoConflict,
  type TodoFieldErrors,
  type TodoInvalid,
  type TodoNotFound,
} from "./common";

export const CASE_REFERENCE_MAX = 100;
export const CORRECTION_REASON_MAX = 500;

export type ConfirmNoticeInput = {
  todoId: string;
  version: number;
  caseReference: string;
  /** Blank / null / absent: confirm the stored date; another date: a correction. */
  relettingDate?: string | null;
  inspectionDate?: string | null;
  correctionReason?: string | null;
};

/** What is stored (or would be, with validateOnly). */
export type ConfirmNoticeStored = {
  todo: { id: string; kind: "CONFIRM_NOTICE"; status: "COMPLETED"; version: number; completedAt: string; completedById: string | null; result: ConfirmNoticeResult };
  notice: { id: string; status: "CONFIRMED"; caseReference: string; relettingDate: string | null; inspectionDate: string | null; processedAt: string; processedById: string | null };
};

export type ConfirmNoticeResult = {
  caseReference: string;
  relettingDate: string | null;
  inspectionDate: string | null;
  relettingDateCorrected: boolean;
  inspectionDateCorrected: boolean;
  correctionReason: string | null;
};

export type ConfirmNoticeOutcome = ({ kind: "completed" | "valid" } & ConfirmNoticeStored) | TodoInvalid | TodoConflict | TodoNotFound;

/** The notice as the check needs it. */
export type ConfirmableNotice = {
  status: string;
  noticeDate: string | null;
  moveOutDate: string | null;
  relettingDate: string | null;
  inspectionDate: string | null;
};

const blank = (v: string | null | undefined): boolean => v === undefined || v === null || v.trim() === "";

/**
 * The checks of a confirmation (pure: the notice's stored dates and the organisation's settings in,
 * field errors or what would be stored out). Field keys are the input's names; "" is the to-do as a whole.
 */
export function checkConfirmation(
  input: Pick<ConfirmNoticeInput, "caseReference" | "relettingDate" | "inspectionDate" | "correctionReason">,
  notice: ConfirmableNotice,
  settings: Pick<OrganisationSettings, "closingDays" | "inspectionWindowDays" | "relettingFormula">,
): { ok: true; result: ConfirmNoticeResult } | { ok: false; fieldErrors: TodoFieldErrors } {
  const errors: TodoFieldErrors = {};
  const add = (field: string, code: string) => ((errors[field] ??= []).push(err(code)), undefined);

  if (notice.status === "CANCELLED") return { ok: false, fieldErrors: { "": [err("noticeCancelled")] } };
  if (notice.status === "CONFIRMED") return { ok: false, fieldErrors: { "": [err("noticeConfirmed")] } };
  if (notice.status !== "SUBMITTED" || !notice.noticeDate || !notice.moveOutDate) return { ok: false, fieldErrors: { "": [err("noticeNotSubmitted")] } };

  const caseReference = typeof input.caseReference === "string" ? input.caseReference.trim() : "";
  if (caseReference === "") add("caseReference", "caseReferenceRequired");
  else if (caseReference.length > CASE_REFERENCE_MAX) add("caseReference", "caseReferenceTooLong");

  const reason = typeof input.correctionReason === "string" ? input.correctionReason.trim() : "";
  if (reason.length > CORRECTION_REASON_MAX) add("correctionReason", "correctionReasonTooLong");

  // Each date: blank (keep), the stored one (confirm), or another one (a correction, checked).
  const dateOf = (field: "relettingDate" | "inspectionDate", stored: string | null): { value: string | null; corrected: boolean } | null => {
    const raw = input[field];
    if (blank(raw)) return { value: stored, corrected: false };
    const v = raw!.trim();
    if (!isRealIsoDate(v)) return add(field, "date") ?? null;
    return { value: v, corrected: v !== stored };
  };
  const reletting = dateOf("relettingDate", notice.relettingDate);
  const inspection = dateOf("inspectionDate", notice.inspectionDate);

  if (reletting?.corrected && reletting.value) {
    if (reletting.value <= notice.moveOutDate) add("relettingDate", "relettingBeforeMoveOut");
    else {
      const formula = settings.relettingFormula.trim();
      let passes = true;
      try {
        passes = formula === "" || evaluateFormula(formula, { today: notice.noticeDate, value: reletting.value });
      } catch {
        passes = false;
      }
      if (!passes) add("relettingDate", "relettingFormula");
    }
  }
  if (inspection?.corrected && inspection.value) {
    const { allowed } = allowedInspectionDates({ today: notice.noticeDate, moveOut: notice.moveOutDate, settings });
    if (!allowed.includes(inspection.value)) add("inspectionDate", "inspectionNotAllowed");
  }
  const corrected = !!(reletting?.corrected || inspection?.corrected);
  if (corrected && reason === "") add("correctionReason", "correctionReasonRequired");

  if (Object.keys(errors).length > 0 || !reletting || !inspection) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    result: {
      caseReference,
      relettingDate: reletting.value,
      inspectionDate: inspection.value,
      relettingDateCorrected: reletting.corrected,
      inspectionDateCorrected: inspection.corrected,
      correctionReason: corrected ? reason : null,
    },
  };
}

const NOTICE_SELECT = {
  id: true,
  status: true,
  noticeDate: true,
  moveOutDate: true,
  relettingDate: true,
  inspectionDate: true,
  caseReference: true,
  organisation: { select: { settings: true } },
} as const;

async function load(tx: OrgTx, todoId: string) {
  return tx.todo.findFirst({
    where: { id: todoId, kind: "CONFIRM_NOTICE" },
    select: { id: true, status: true, version: true, opsigelse: { select: NOTICE_SELECT } },
  });
}

/** Completes (or, with validateOnly, checks) a confirm-notice to-do. See the module comment. */
export async function confirmNotice(db: OrgDb, input: ConfirmNoticeInput, opts: TodoCompletionOptions): Promise<ConfirmNoticeOutcome> {
  if (typeof input?.todoId !== "string" || !UUID_RE.test(input.todoId)) return { kind: "not-found" };
  const version = wholeNumber(input.version);
  try {
    return await db.$transaction(async (tx): Promise<ConfirmNoticeOutcome> => {
      const todo = await load(tx, input.todoId);
      if (!todo || !todo.opsigelse) return { kind: "not-found" };
      if (todo.status !== "OPEN") return { kind: "conflict", reason: "closed" };
      if (version === null || todo.version !== version) return { kind: "conflict", reason: "version" };
      const n = todo.opsigelse;
      const settings = readSettings(n.organisation.settings);
      const before = { status: n.status, caseReference: n.caseReference, relettingDate: isoDay(n.relettingDate), inspectionDate: isoDay(n.inspectionDate) };
      const checked = checkConfirmation(input, { status: n.status, noticeDate: isoDay(n.noticeDate), moveOutDate: isoDay(n.moveOutDate), relettingDate: before.relettingDate, inspectionDate: before.inspectionDate }, settings);
      if (!checked.ok) return { kind: "invalid", fieldErrors: checked.fieldErrors };

      const r = checked.result;
      const userId = actorUserId(opts.actor);
      const stored: ConfirmNoticeStored = {
        todo: { id: todo.id, kind: "CONFIRM_NOTICE", status: "COMPLETED", version: todo.version + 1, completedAt: opts.now.toISOString(), completedById: userId, result: r },
        notice: { id: n.id, status: "CONFIRMED", caseReference: r.caseReference, relettingDate: r.relettingDate, inspectionDate: r.inspectionDate, processedAt: opts.now.toISOString(), processedById: userId },
      };
      if (opts.validateOnly) return { kind: "valid", ...stored };

      const claimed = await tx.todo.updateMany({
        where: { id: todo.id, version: todo.version, status: "OPEN" },
        data: { status: "COMPLETED", completedAt: opts.now, completedById: userId, result: r, version: { increment: 1 } },
      });
      if (claimed.count !== 1) throw new TodoConflictError("version");
      const confirmed = await tx.opsigelse.updateMany({
        where: { id: n.id, status: "SUBMITTED" },
        data: {
          status: "CONFIRMED",
          processedAt: opts.now,
          processedById: userId,
          caseReference: r.caseReference,
          relettingDate: r.relettingDate ? dayDate(r.relettingDate) : null,
          inspectionDate: r.inspectionDate ? dayDate(r.inspectionDate) : null,
          // A page showing the notice before (e.g. the inbox's cancel form) is stale now.
          version: { increment: 1 },
        },
      });
      if (confirmed.count !== 1) throw new TodoConflictError("closed");
      const meta = opts.meta ? { meta: opts.meta } : {};
      await writeAudit(tx, {
        type: "TODO_COMPLETED",
        actor: opts.actor,
        entityType: "Todo",
        entityId: todo.id,
        before: { status: todo.status, version: todo.version },
        after: { kind: "CONFIRM_NOTICE", status: "COMPLETED", version: todo.version + 1, result: r },
        ...meta,
      });
      await writeAudit(tx, {
        type: "NOTICE_CONFIRMED",
        actor: opts.actor,
        entityType: "Opsigelse",
        entityId: n.id,
        before,
        after: { status: "CONFIRMED", caseReference: r.caseReference, relettingDate: r.relettingDate, inspectionDate: r.inspectionDate, correctionReason: r.correctionReason, todoId: todo.id },
        ...meta,
      });
      // ---- webhooks: todo.completed to the subscribed endpoints, in this transaction (never with validateOnly: returned above)
      await emitWebhookEvent(tx, "todo.completed", { todoId: todo.id, kind: "CONFIRM_NOTICE", version: todo.version + 1, completedAt: opts.now.toISOString(), completedBy: { type: opts.actor.type, id: userId }, noticeId: n.id }, { now: opts.now });
      return { kind: "completed", ...stored };
    });
  } catch (e) {
    if (e instanceof TodoConflictError) return { kind: "conflict", reason: e.reason };
    throw e;
  }
}
