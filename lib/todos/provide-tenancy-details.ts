/**
 * provide-tenancy-details (issue 12 §4, issue 13 §1): a caseworker — or an automation account
 * through the API — gives a tenancy the notice rule and renovation period it lacks. Both are
 * required unless the tenancy already has them; the notice rule must be one of the organisation's
 * ACTIVE notice-rule codes (OPSIGELSESVARSEL), the renovation period 0–365 days.
 *
 * One transaction: the version check on the to-do (`updateMany where { id, version, status: OPEN }`;
 * no row → conflict), the to-do COMPLETED (completedById, completedAt, result, version + 1) with its
 * TODO_COMPLETED audit row, and the tenancy changed through the tenancies service's own write path
 * (lib/admin/tenancies.ts planTenancyChange / applyTenancyChange: the LEJER_UPDATED audit row of
 * the changed fields, and the to-do sync) — one way to change a tenancy. With validateOnly every
 * check runs and nothing is written.
 */
import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import { applyTenancyChange, planTenancyChange, RENOVATION_MAX_DAYS } from "@/lib/admin/tenancies";
import { RuleFieldError } from "@/lib/http/errors";
import { emitWebhookEvent } from "@/lib/webhooks/emit"; // ---- webhooks
import { actorUserId, err, TodoConflictError, UUID_RE, wholeNumber, type TodoCompletionOptions, type TodoConflict, type TodoFieldErrors, type TodoInvalid, type TodoNotFound } from "./common";

export type ProvideTenancyDetailsInput = {
  todoId: string;
  version: number;
  /** A notice-rule code id; blank / null keeps the tenancy's own (required when it has none). */
  noticeRuleId?: string | null;
  /** 0–365 days (a number or its digits); blank / null keeps the tenancy's own (required when it has none). */
  renovationDays?: number | string | null;
};

export type ProvideTenancyDetailsResult = { noticeRule: string | null; renovationDays: number | null; changed: string };

export type ProvideTenancyDetailsStored = {
  todo: { id: string; kind: "PROVIDE_TENANCY_DETAILS"; status: "COMPLETED"; version: number; completedAt: string; completedById: string | null; result: ProvideTenancyDetailsResult };
  tenancy: { id: string; noticeRuleId: string; noticeRule: string; renovationDays: number; changed: string[] };
};

export type ProvideTenancyDetailsOutcome = ({ kind: "completed" | "valid" } & ProvideTenancyDetailsStored) | TodoInvalid | TodoConflict | TodoNotFound;

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** The input's shape (pure): a rule id that is an id, a renovation period of 0–365 whole days. */
export function checkTenancyDetailsShape(input: Pick<ProvideTenancyDetailsInput, "noticeRuleId" | "renovationDays">, current: { noticeRuleId: string | null; renovationDays: number | null }):
  | { ok: true; noticeRuleId: string | undefined; renovationDays: number | undefined }
  | { ok: false; fieldErrors: TodoFieldErrors } {
  const errors: TodoFieldErrors = {};
  let noticeRuleId: string | undefined;
  let renovationDays: number | undefined;
  if (blank(input.noticeRuleId)) {
    if (current.noticeRuleId === null) errors.noticeRuleId = [err("noticeRuleRequired")];
  } else if (typeof input.noticeRuleId !== "string" || !UUID_RE.test(input.noticeRuleId.trim())) errors.noticeRuleId = [err("noticeRuleInvalid")];
  else noticeRuleId = input.noticeRuleId.trim();
  if (blank(input.renovationDays)) {
    if (current.renovationDays === null) errors.renovationDays = [err("renovationDaysRequired")];
  } else {
    const n = wholeNumber(input.renovationDays);
    if (n === null || n < 0 || n > RENOVATION_MAX_DAYS) errors.renovationDays = [err("renovationDaysRange")];
    else renovationDays = n;
  }
  return Object.keys(errors).length > 0 ? { ok: false, fieldErrors: errors } : { ok: true, noticeRuleId, renovationDays };
}

class Invalid extends Error {
  constructor(readonly fieldErrors: TodoFieldErrors) {
    super("invalid");
  }
}

/** Completes (or, with validateOnly, checks) a provide-tenancy-details to-do. See the module comment. */
export async function provideTenancyDetails(db: OrgDb, input: ProvideTenancyDetailsInput, opts: TodoCompletionOptions): Promise<ProvideTenancyDetailsOutcome> {
  if (typeof input?.todoId !== "string" || !UUID_RE.test(input.todoId)) return { kind: "not-found" };
  const version = wholeNumber(input.version);
  try {
    return await db.$transaction(async (tx): Promise<ProvideTenancyDetailsOutcome> => {
      const todo = await tx.todo.findFirst({ where: { id: input.todoId, kind: "PROVIDE_TENANCY_DETAILS" }, select: { id: true, status: true, version: true, lejerId: true } });
      if (!todo || !todo.lejerId) return { kind: "not-found" };
      if (todo.status !== "OPEN") return { kind: "conflict", reason: "closed" };
      if (version === null || todo.version !== version) return { kind: "conflict", reason: "version" };
      const lejer = await tx.lejer.findUnique({ where: { id: todo.lejerId }, select: { noticeRuleId: true, renovationDays: true } });
      if (!lejer) return { kind: "not-found" };
      const shape = checkTenancyDetailsShape(input, lejer);
      if (!shape.ok) return { kind: "invalid", fieldErrors: shape.fieldErrors };

      let plan;
      try {
        plan = await planTenancyChange(
          tx,
          { lejerId: todo.lejerId, ...(shape.noticeRuleId !== undefined ? { noticeRuleId: shape.noticeRuleId } : {}), ...(shape.renovationDays !== undefined ? { renovationDays: shape.renovationDays } : {}) },
          { activeOnly: true },
        );
      } catch (e) {
        if (e instanceof RuleFieldError) return { kind: "invalid", fieldErrors: { noticeRuleId: [err("noticeRuleInvalid")] } };
        throw e;
      }
      const ruleId = shape.noticeRuleId ?? plan.current.noticeRuleId;
      const ruleValue = plan.after.noticeRule ?? plan.current.noticeRuleValue;
      const days = shape.renovationDays ?? plan.current.renovationDays;
      if (ruleId === null || ruleValue === null || typeof ruleValue !== "string" || days === null) throw new Invalid({ "": [err("tenancyIncomplete")] });

      const userId = actorUserId(opts.actor);
      const result: ProvideTenancyDetailsResult = { noticeRule: ruleValue, renovationDays: days, changed: plan.changed.join(",") };
      const stored: ProvideTenancyDetailsStored = {
        todo: { id: todo.id, kind: "PROVIDE_TENANCY_DETAILS", status: "COMPLETED", version: todo.version + 1, completedAt: opts.now.toISOString(), completedById: userId, result },
        tenancy: { id: todo.lejerId, noticeRuleId: ruleId, noticeRule: ruleValue, renovationDays: days, changed: plan.changed },
      };
      if (opts.validateOnly) return { kind: "valid", ...stored };

      // The to-do first: the tenancy's write path syncs its to-dos, and this one must be closed by the completion, not by the sync.
      const claimed = await tx.todo.updateMany({
        where: { id: todo.id, version: todo.version, status: "OPEN" },
        data: { status: "COMPLETED", completedAt: opts.now, completedById: userId, result, version: { increment: 1 } },
      });
      if (claimed.count !== 1) throw new TodoConflictError("version");
      await writeAudit(tx, {
        type: "TODO_COMPLETED",
        actor: opts.actor,
        entityType: "Todo",
        entityId: todo.id,
        before: { status: todo.status, version: todo.version },
        after: { kind: "PROVIDE_TENANCY_DETAILS", status: "COMPLETED", version: todo.version + 1, result },
        ...(opts.meta ? { meta: opts.meta } : {}),
      });
      await applyTenancyChange(tx, plan, { actor: opts.actor, now: opts.now, ...(opts.meta ? { meta: opts.meta } : {}) });
      // ---- webhooks: todo.completed to the subscribed endpoints, in this transaction (never with validateOnly: returned above)
      await emitWebhookEvent(tx, "todo.completed", { todoId: todo.id, kind: "PROVIDE_TENANCY_DETAILS", version: todo.version + 1, completedAt: opts.now.toISOString(), completedBy: { type: opts.actor.type, id: userId }, tenancyId: todo.lejerId }, { now: opts.now });
      return { kind: "completed", ...stored };
    });
  } catch (e) {
    if (e instanceof TodoConflictError) return { kind: "conflict", reason: e.reason };
    if (e instanceof Invalid) return { kind: "invalid", fieldErrors: e.fieldErrors };
    throw e;
  }
}
