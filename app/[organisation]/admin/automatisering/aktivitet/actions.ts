"use server";
/**
 * Accountability actions (/{organisation}/admin/automatisering/aktivitet): reopen a to-do an
 * automation account completed (lib/todos/reopen.ts) and report possibly wrong data to the operator
 * (lib/automation/reports.ts). users.manage ("Manage users" staff, who answer for the accounts);
 * read-only staff are refused; another organisation's staff get not-found. Plain forms over
 * useActionState: success redirects back with ?gemt=…; a refusal comes back at its field.
 */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionResult, type ActionState } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { translator } from "@/lib/http/messages";
import { adminHref } from "@/lib/admin/nav";
import { requestNow } from "@/lib/clock";
import { reopenTodo, REOPEN_REASON_MAX } from "@/lib/todos/reopen";
import { createReport, createReportInput } from "@/lib/automation/reports";
import { UUID_RE, type TodoConflict, type TodoInvalid } from "@/lib/todos/common";

const activityHref = (slug: string, accountId: string, extra: Record<string, string> = {}) =>
  `${adminHref(slug, "automation", "aktivitet")}?${new URLSearchParams({ konto: accountId, ...extra }).toString()}`;

const reopenInput = z
  .object({ accountId: z.string().regex(UUID_RE), todoId: z.string().max(40), version: z.string().max(12), reason: z.string().max(REOPEN_REASON_MAX * 4) })
  .strict();

type Refused = { refused: TodoInvalid | TodoConflict };

/** Reopens a to-do the account completed (wrapped: permission, rate limit, scope). */
export const reopenAutomationTodoAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "reopenAutomationTodo", input: reopenInput },
  async (ctx, input): Promise<Refused> => {
    const r = await reopenTodo(ctx.db, { todoId: input.todoId, version: input.version, reason: input.reason }, { actor: ctx.actor, now: requestNow(await headers()), meta: ctx.meta, completedBy: input.accountId });
    if (r.kind === "reopened") redirect(activityHref(ctx.org.slug, input.accountId, { gemt: "genaabnet" }));
    if (r.kind === "not-found") throw new NotFound("todo");
    return { refused: r };
  },
);

/** Reports possibly wrong data of an account to the operator (wrapped: permission, rate limit, scope). */
export const reportAutomationDataAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "reportAutomationData", input: createReportInput, messages: { text: "adminAutomationActivity.errors.reportText" } },
  async (ctx, input) => {
    await createReport(ctx, input, requestNow(await headers()));
    redirect(activityHref(ctx.org.slug, input.accountId, { gemt: "meldt" }));
  },
);

async function t() {
  let locale: string | undefined;
  try {
    locale = (await cookies()).get("NEXT_LOCALE")?.value;
  } catch {
    locale = undefined;
  }
  return translator(locale);
}

export async function submitReopen(organisation: string, state: ActionState<never>, data: FormData): Promise<ActionResult<never>> {
  const r = await reopenAutomationTodoAction(organisation, state, data);
  if (!r.ok) return r;
  const tr = await t();
  const refused = r.data.refused;
  const values: Record<string, string> = {};
  for (const [k, v] of data.entries()) if (typeof v === "string" && !k.startsWith("$ACTION") && k !== "version") values[k] = v.slice(0, 2000);
  if (refused.kind === "conflict") {
    const message = tr(refused.reason === "closed" ? "adminAutomationActivity.errors.notCompleted" : "adminAutomationActivity.errors.conflict");
    return { ok: false, error: "conflict", status: 409, message, fieldErrors: { "": [message] }, values };
  }
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, keys] of Object.entries(refused.fieldErrors)) fieldErrors[field] = keys.map((k) => tr(k));
  return { ok: false, error: "rule", status: 422, message: tr("adminAutomationActivity.errors.summary"), fieldErrors, values };
}

export async function submitReport(organisation: string, state: ActionState<never>, data: FormData): Promise<ActionResult<never>> {
  return (await reportAutomationDataAction(organisation, state, data)) as ActionResult<never>;
}
