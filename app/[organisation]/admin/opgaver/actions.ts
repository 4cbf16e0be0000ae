"use server";
/**
 * The to-do forms (/{organisation}/admin/opgaver/{todoId}): complete a confirm-notice or a
 * provide-tenancy-details to-do through its service (lib/todos, the same one the automation API
 * calls). todos.complete: caseworkers and "Complete to-dos"; read-only staff are refused; another
 * organisation's staff get not-found. Plain forms over useActionState (work without JavaScript):
 * success redirects to the list with ?gemt=<kind> (the list shows the flash); a refusal comes back
 * with the errors at their fields in the user's language, and a stale version with the conflict
 * message — nothing is stored in either case.
 */
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionResult, type ActionState } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { translator } from "@/lib/http/messages";
import { adminHref } from "@/lib/admin/nav";
import { confirmNotice } from "@/lib/todos/confirm-notice";
import { provideTenancyDetails } from "@/lib/todos/provide-tenancy-details";
import { closeReminder } from "@/lib/casework/reminders";
import { UUID_RE } from "@/lib/todos/common";
import type { TodoConflict, TodoFieldErrors, TodoInvalid, TodoNotFound } from "@/lib/todos/common";

type State = ActionState<never>;
type Refused = { refused: TodoInvalid | TodoConflict };

const text = (max: number) => z.string().max(max);
const confirmInput = z
  .object({
    todoId: text(40),
    version: text(12),
    caseReference: text(1000),
    relettingDate: text(20).optional(),
    inspectionDate: text(20).optional(),
    correctionReason: text(2000).optional(),
  })
  .strict();
const detailsInput = z.object({ todoId: text(40), version: text(12), noticeRuleId: text(40).optional(), renovationDays: text(12).optional() }).strict();

/** The form's hidden version: digits only (anything else can never match, so it is a conflict). */
const versionOf = (v: string): number => (/^\d{1,9}$/.test(v) ? Number(v) : Number.NaN);

function settleOutcome<T extends { kind: string }>(slug: string, kind: "confirm-notice" | "provide-tenancy-details", r: T | TodoInvalid | TodoConflict | TodoNotFound): Refused {
  if (r.kind === "completed") redirect(`${adminHref(slug, "todos")}?gemt=${kind}`);
  if (r.kind === "not-found") throw new NotFound("todo");
  if (r.kind === "invalid" || r.kind === "conflict") return { refused: r as TodoInvalid | TodoConflict };
  throw new Error(`unexpected outcome ${r.kind}`);
}

/** Completes a confirm-notice to-do (wrapped: permission, rate limit, scope). */
export const confirmNoticeAction = defineAction({ kind: "staff", permission: "todos.complete", name: "confirmNotice", input: confirmInput }, async (ctx, input) =>
  settleOutcome(ctx.org.slug, "confirm-notice", await confirmNotice(ctx.db, { ...input, version: versionOf(input.version) }, { actor: ctx.actor, now: new Date(), meta: ctx.meta })),
);

/** Completes a provide-tenancy-details to-do (wrapped: permission, rate limit, scope). */
export const provideTenancyDetailsAction = defineAction({ kind: "staff", permission: "todos.complete", name: "provideTenancyDetails", input: detailsInput }, async (ctx, input) =>
  settleOutcome(ctx.org.slug, "provide-tenancy-details", await provideTenancyDetails(ctx.db, { ...input, version: versionOf(input.version) }, { actor: ctx.actor, now: new Date(), meta: ctx.meta })),
);

const reminderInput = z.object({ todoId: text(40), version: text(12) }).strict();

/**
 * Closes a reminder from its to-do page ("Luk erindring"), through the case's own service, so the
 * "Complete to-dos" role (which cannot open the case page) can close what its dashboard shows.
 */
export const closeTodoReminderAction = defineAction({ kind: "staff", permission: "todos.complete", name: "closeTodoReminder", input: reminderInput }, async (ctx, input): Promise<Refused> => {
  if (!UUID_RE.test(input.todoId)) throw new NotFound("todo");
  const r = await closeReminder(ctx.db, { todoId: input.todoId, version: versionOf(input.version) }, { actor: ctx.actor, now: new Date(), meta: ctx.meta });
  if (r.kind === "closed") redirect(`${adminHref(ctx.org.slug, "todos")}?gemt=reminder`);
  if (r.kind === "not-found") throw new NotFound("todo");
  return { refused: { kind: "conflict", reason: r.kind === "not-open" ? "closed" : "version" } };
});

async function locale(): Promise<string | undefined> {
  try {
    return (await cookies()).get("NEXT_LOCALE")?.value;
  } catch {
    return undefined;
  }
}

/** The wrapped action's answer for the form: a refusal as field errors in the user's language, with the typed values. */
async function forForm(r: ActionResult<Refused>, data: FormData): Promise<ActionResult<never>> {
  if (!r.ok) return r;
  const t = translator(await locale());
  const values: Record<string, string> = {};
  for (const [k, v] of data.entries()) if (typeof v === "string" && !k.startsWith("$ACTION") && k !== "version") values[k] = v.slice(0, 2000);
  const refused = r.data.refused;
  if (refused.kind === "conflict") {
    const message = t(refused.reason === "closed" ? "adminTodos.errors.closed" : "adminTodos.errors.conflict");
    return { ok: false, error: "conflict", status: 409, message, fieldErrors: { "": [message] }, values };
  }
  const fieldErrors: TodoFieldErrors = {};
  for (const [field, keys] of Object.entries(refused.fieldErrors)) fieldErrors[field] = keys.map((k) => t(k));
  return { ok: false, error: "rule", status: 422, message: t("adminTodos.errors.summary"), fieldErrors, values };
}

export async function submitConfirmNotice(organisation: string, state: State, data: FormData): Promise<ActionResult<never>> {
  return forForm(await confirmNoticeAction(organisation, state, data), data);
}

export async function submitCloseReminder(organisation: string, state: State, data: FormData): Promise<ActionResult<never>> {
  return forForm(await closeTodoReminderAction(organisation, state, data), data);
}

export async function submitTenancyDetails(organisation: string, state: State, data: FormData): Promise<ActionResult<never>> {
  return forForm(await provideTenancyDetailsAction(organisation, state, data), data);
}
