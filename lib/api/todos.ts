/**
 * The to-dos of the versioned automation API (issue 13 §1, §9): the wire shapes (zod, so the
 * OpenAPI document is generated from them) and the adapters from the to-do services (lib/todos —
 * the very services the admin pages call) to API answers.
 *
 *  - list: open to-dos, optionally of one kind, keyset pages on (createdAt, id) — listTodos.
 *  - read one: todoDetail, 404 for anything not of this organisation.
 *  - completion: confirmNotice / provideTenancyDetails with the account as actor (AUTOMATION), in the
 *    service's one transaction; validate-only runs the same service with validateOnly (every check,
 *    nothing written) and answers what would be stored. Refusals are RFC 9457 problems: 404
 *    not-found, 409 conflict (reason "version" or "closed"), 422 rule (fieldErrors as stable codes,
 *    the same the pages translate).
 */
import "server-only";
import { z } from "zod";
import type { OrgDb } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { listTodos, TODO_TYPES, type TodoRow } from "@/lib/todos/list";
import { todoDetail, type TodoDetail } from "@/lib/todos/detail";
import { confirmNotice } from "@/lib/todos/confirm-notice";
import { provideTenancyDetails } from "@/lib/todos/provide-tenancy-details";
import { UUID_RE, type TodoFieldErrors } from "@/lib/todos/common";
import { problemBody, type ApiProblem } from "./problem";

// ------------------------------------------------------------------------------------------ wire

export const todoKind = z.enum(["confirm-notice", "provide-tenancy-details", "reminder"]).meta({ id: "TodoKind", description: "The kind of a to-do" });
export type TodoKindParam = z.infer<typeof todoKind>;
const KIND_OF: Record<string, TodoKindParam> = { CONFIRM_NOTICE: "confirm-notice", PROVIDE_TENANCY_DETAILS: "provide-tenancy-details", REMINDER: "reminder" };
const todoStatus = z.enum(["open", "completed", "cancelled"]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ format: "date" });
const instant = z.string().meta({ format: "date-time" });
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

export const todoParams = z.object({ organisation: z.string().min(1).max(50), todoId: z.string().min(1).max(60) });
export const orgParams = z.object({ organisation: z.string().min(1).max(50) });

export const todoListQuery = z
  .object({
    kind: todoKind.optional().meta({ description: "Only to-dos of this kind" }),
    cursor: z.string().max(200).optional().meta({ description: "The `next` of the previous page" }),
    limit: z
      .string()
      .regex(/^\d{1,3}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(200))
      .optional()
      .meta({ description: "Page size, 1–200 (default 50)" }),
  })
  .strict();

export const todoSummary = z
  .object({
    id: z.string(),
    kind: todoKind,
    status: todoStatus,
    version: z.number().int().meta({ description: "Send it back with the completion; it changes with every change of the to-do" }),
    createdAt: instant,
    completedAt: instant.nullable(),
    noticeId: z.string().nullable(),
    tenancyId: z.string().nullable(),
    address: z.string().nullable(),
    postalCity: z.string().nullable(),
    dueDate: isoDate.nullable(),
    missing: z.array(z.enum(["noticeRule", "renovationDays"])).meta({ description: "provide-tenancy-details: what the tenancy lacks now" }),
  })
  .meta({ id: "TodoSummary" });

export const todoPage = z.object({ items: z.array(todoSummary), next: z.string().nullable().meta({ description: "Cursor of the next page; null on the last" }) }).meta({ id: "TodoPage" });

const noticeView = z
  .object({
    id: z.string(),
    status: z.string(),
    address: z.string(),
    postalCity: z.string(),
    leaseNumber: z.string(),
    tenants: z.array(z.string()),
    noticeDate: isoDate.nullable(),
    moveOutDate: isoDate.nullable(),
    terminationDate: isoDate.nullable(),
    vacatingDay: isoDate.nullable(),
    inspectionDate: isoDate.nullable(),
    relettingDate: isoDate.nullable(),
    relettingDateValid: z.boolean(),
    caseReference: z.string().nullable(),
    allowedInspectionDates: z.array(isoDate),
  })
  .meta({ id: "TodoNotice" });

const tenancyView = z
  .object({
    id: z.string(),
    leaseNumber: z.string(),
    address: z.string(),
    postalCity: z.string(),
    tenants: z.array(z.string()),
    noticeRuleId: z.string().nullable(),
    noticeRule: z.string().nullable(),
    renovationDays: z.number().int().nullable(),
    noticeRuleOptions: z.array(z.object({ id: z.string(), text: z.string() })).meta({ description: "The organisation's active notice rules: noticeRuleId is one of these" }),
  })
  .meta({ id: "TodoTenancy" });

export const todoDetailSchema = z
  .object({
    id: z.string(),
    kind: todoKind,
    status: todoStatus,
    version: z.number().int(),
    createdAt: instant,
    completedAt: instant.nullable(),
    completedBy: z.string().nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
    notice: noticeView.nullable().meta({ description: "confirm-notice: the notice to confirm" }),
    tenancy: tenancyView.nullable().meta({ description: "provide-tenancy-details: the tenancy lacking data" }),
    reminder: z.object({ title: z.string().nullable(), category: z.string().nullable(), dueDate: isoDate.nullable() }).nullable(),
  })
  .meta({ id: "Todo" });

export const completionBody = z
  .object({
    version: z.number().int().min(0).meta({ description: "The to-do's version as read; another one answers 409" }),
    caseReference: z.string().max(1000).optional().meta({ description: "confirm-notice: the back-office case reference (required)" }),
    relettingDate: isoDate.nullable().optional().meta({ description: "confirm-notice: omitted/null confirms the stored date; another date is a correction" }),
    inspectionDate: isoDate.nullable().optional().meta({ description: "confirm-notice: omitted/null confirms the stored date; another must be one of allowedInspectionDates" }),
    correctionReason: z.string().max(2000).nullable().optional().meta({ description: "confirm-notice: required with a correction" }),
    noticeRuleId: z.string().max(60).nullable().optional().meta({ description: "provide-tenancy-details: one of noticeRuleOptions (required when the tenancy has none)" }),
    renovationDays: z.number().int().nullable().optional().meta({ description: "provide-tenancy-details: 0–365 (required when the tenancy has none)" }),
  })
  .strict()
  .meta({ id: "TodoCompletion" });
export type CompletionBody = z.infer<typeof completionBody>;

export const completionQuery = z.object({ validateOnly: z.enum(["1", "true", "0", "false"]).optional().meta({ description: "1: check only, store nothing (same as `Prefer: validate-only`)" }) }).strict();

export const completionResult = z
  .object({
    validateOnly: z.boolean().meta({ description: "true: nothing was stored; this is what a completion would store" }),
    stored: z.boolean(),
    todo: z.object({ id: z.string(), kind: todoKind, status: z.literal("completed"), version: z.number().int(), completedAt: instant, completedById: z.string().nullable(), result: z.record(z.string(), z.unknown()) }),
    notice: z
      .object({ id: z.string(), status: z.literal("CONFIRMED"), caseReference: z.string(), relettingDate: isoDate.nullable(), inspectionDate: isoDate.nullable(), processedAt: instant, processedById: z.string().nullable() })
      .nullable(),
    tenancy: z.object({ id: z.string(), noticeRuleId: z.string(), noticeRule: z.string(), renovationDays: z.number().int(), changed: z.array(z.string()) }).nullable(),
  })
  .meta({ id: "TodoCompletionResult" });
export type CompletionResult = z.input<typeof completionResult>;

// ------------------------------------------------------------------------------------------ list / read

function summaryOf(r: TodoRow): z.input<typeof todoSummary> {
  return {
    id: r.id,
    kind: KIND_OF[r.kind]!,
    status: r.status.toLowerCase() as "open",
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    noticeId: r.noticeId,
    tenancyId: r.lejerId,
    address: r.address,
    postalCity: r.postalCity,
    dueDate: r.dueDate,
    missing: r.missing,
  };
}

/** One page of the organisation's open to-dos (oldest first: a work queue). A cursor that does not decode starts from the beginning. */
export async function apiListTodos(db: OrgDb, q: { kind?: TodoKindParam | undefined; cursor?: string | undefined; limit?: number | undefined }, today: string) {
  const { rows, next } = await listTodos(db, { type: q.kind, status: "open" }, { after: q.cursor ?? null, limit: q.limit ?? 50, today });
  return { items: rows.map(summaryOf), next };
}

function detailOf(d: TodoDetail): z.input<typeof todoDetailSchema> {
  const base = {
    id: d.id,
    kind: KIND_OF[d.kind]!,
    status: d.status.toLowerCase() as "open",
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    completedAt: d.completedAt?.toISOString() ?? null,
    completedBy: d.completedBy,
    result: d.result,
    notice: null,
    tenancy: null,
    reminder: null,
  };
  if (d.kind === "CONFIRM_NOTICE") return { ...base, notice: d.notice };
  if (d.kind === "PROVIDE_TENANCY_DETAILS") return { ...base, tenancy: { ...d.tenancy, noticeRuleOptions: d.options } };
  return { ...base, reminder: { title: d.title, category: d.category, dueDate: d.dueDate } };
}

export async function apiReadTodo(db: OrgDb, todoId: string): Promise<z.input<typeof todoDetailSchema> | ApiProblem> {
  const d = await todoDetail(db, todoId);
  if (!d) return problemBody(404, "not-found", "No such to-do");
  return detailOf(d);
}

// ------------------------------------------------------------------------------------------ completion

const CONFIRM_FIELDS = ["caseReference", "relettingDate", "inspectionDate", "correctionReason"] as const;
const DETAILS_FIELDS = ["noticeRuleId", "renovationDays"] as const;

/** "adminTodos.errors.caseReferenceRequired" → "caseReferenceRequired": stable codes, the same ones the pages translate. */
function codes(fe: TodoFieldErrors): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, keys] of Object.entries(fe)) out[field] = keys.map((k) => k.replace(/^adminTodos\.errors\./, ""));
  return out;
}

function refused(fe: Record<string, string[]>): ApiProblem {
  return problemBody(422, "rule", "The completion breaks a rule; nothing was stored", { fieldErrors: fe });
}

/**
 * Completes (or with validateOnly checks) a to-do through its service. The kind is the stored
 * to-do's: fields of the other kind are refused (422 fieldNotForKind) rather than ignored.
 */
export async function apiCompleteTodo(
  db: OrgDb,
  todoId: string,
  body: CompletionBody,
  opts: { actor: Actor; now: Date; meta?: RequestMeta; validateOnly: boolean },
): Promise<CompletionResult | ApiProblem> {
  const found = UUID_RE.test(todoId) ? await db.todo.findUnique({ where: { id: todoId }, select: { kind: true } }) : null;
  if (!found) return problemBody(404, "not-found", "No such to-do");
  if (found.kind === "REMINDER") return problemBody(422, "rule", "A reminder cannot be completed through the API", { fieldErrors: { "": ["notCompletable"] } });
  const foreign = (found.kind === "CONFIRM_NOTICE" ? DETAILS_FIELDS : CONFIRM_FIELDS).filter((f) => body[f] !== undefined);
  if (foreign.length > 0) return refused(Object.fromEntries(foreign.map((f) => [f, ["fieldNotForKind"]])));

  const serviceOpts = { actor: opts.actor, now: opts.now, validateOnly: opts.validateOnly, ...(opts.meta ? { meta: opts.meta } : {}) };
  const r =
    found.kind === "CONFIRM_NOTICE"
      ? await confirmNotice(db, { todoId, version: body.version, caseReference: body.caseReference ?? "", relettingDate: body.relettingDate ?? null, inspectionDate: body.inspectionDate ?? null, correctionReason: body.correctionReason ?? null }, serviceOpts)
      : await provideTenancyDetails(db, { todoId, version: body.version, noticeRuleId: body.noticeRuleId ?? null, renovationDays: body.renovationDays ?? null }, serviceOpts);

  if (r.kind === "not-found") return problemBody(404, "not-found", "No such to-do");
  if (r.kind === "conflict")
    return problemBody(409, "conflict", r.reason === "closed" ? "The to-do is no longer open" : "The to-do changed since it was read: read it again", { reason: r.reason });
  if (r.kind === "invalid") return refused(codes(r.fieldErrors));
  const todo = { ...r.todo, kind: KIND_OF[r.todo.kind]!, status: "completed" as const, result: r.todo.result as unknown as Record<string, unknown> };
  return {
    validateOnly: r.kind === "valid",
    stored: r.kind === "completed",
    todo,
    notice: "notice" in r ? r.notice : null,
    tenancy: "tenancy" in r ? r.tenancy : null,
  };
}

export { TODO_TYPES };
