"use server";
/**
 * The move-out case's server actions (lib/casework/move-out-case.ts, reminders.ts): plain forms
 * that work without JavaScript. Each one redirects back to the case page — with ?gemt=<what> after
 * a change, or with the refusal (stale form, cancelled notice, paused case, bad date …) kept in the
 * flash cookie as catalogue keys (adminCase.*) and ?f=<ref>. notices.manage for the case,
 * todos.complete to close a reminder; another organisation's staff get not-found.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/http/wrappers";
import type { StaffContext } from "@/lib/http/context";
import { clearFormFlash, setFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { newFlashRef } from "@/lib/admin/code-form";
import { finishCase, moveCaseToPhase, pauseCase, resumeCase, setCaseDates, setCaseworker, type CaseResult } from "@/lib/casework/move-out-case";
import { closeReminder } from "@/lib/casework/reminders";
import { MOVE_OUT_PHASE_ORDER } from "@/lib/casework/phases";
import { caseFormKey } from "@/lib/casework/case-form";

const base = { noticeId: z.uuid(), version: z.coerce.number().int().min(0).max(1_000_000_000) };
const caseSpec = <S extends z.ZodRawShape>(name: string, shape: S) => ({ kind: "staff" as const, permission: "notices.manage" as const, name, input: z.object({ ...base, ...shape }) });

const casePage = (slug: string, noticeId: string) => adminHref(slug, "notices", `${noticeId}/sag`);

/** Back to the case page: ?gemt=<done> on success, else the refusal in the flash cookie. */
async function answer(ctx: StaffContext, noticeId: string, done: string, r: CaseResult, values: Record<string, string> = {}): Promise<never> {
  const page = casePage(ctx.org.slug, noticeId);
  if (r.kind === "ok") {
    await clearFormFlash();
    redirect(`${page}?gemt=${r.changed ? done : "0"}`);
  }
  if (r.kind === "not-found") redirect(page); // the page answers 404
  const errors = r.kind === "invalid" ? r.fieldErrors : { "": [r.kind === "conflict" ? "adminCase.refused.conflict" : `adminCase.refused.${r.reason}`] };
  const ref = newFlashRef();
  await setFormFlash({ form: caseFormKey(noticeId, ref), values, errors });
  redirect(`${page}?f=${ref}`);
}

const opts = (ctx: StaffContext) => ({ actor: ctx.actor, now: new Date(), settings: ctx.org.settings, meta: ctx.meta });

export const moveCasePhaseAction = defineAction(caseSpec("moveCasePhase", { phase: z.enum(MOVE_OUT_PHASE_ORDER) }), async (ctx, input) =>
  answer(ctx, input.noticeId, "fase", await moveCaseToPhase(ctx.db, input, opts(ctx))),
);

const dateField = z.string().max(20).optional();
export const saveCaseDatesAction = defineAction(
  caseSpec("saveCaseDates", { inspectionDeadline: dateField, agreedInspectionDate: dateField, viewingDate: dateField, settlementPaymentDate: dateField, settlementSentDate: dateField }),
  async (ctx, { noticeId, version, ...dates }) => {
    const values = Object.fromEntries(Object.entries(dates).map(([k, v]) => [k, v ?? ""]));
    return answer(ctx, noticeId, "datoer", await setCaseDates(ctx.db, { noticeId, version, dates }, opts(ctx)), values);
  },
);

export const setCaseworkerAction = defineAction(caseSpec("setCaseworker", { caseworkerId: z.union([z.uuid(), z.literal("")]) }), async (ctx, input) =>
  answer(ctx, input.noticeId, "sagsbehandler", await setCaseworker(ctx.db, { ...input, caseworkerId: input.caseworkerId || null }, opts(ctx))),
);

export const pauseCaseAction = defineAction(caseSpec("pauseCase", {}), async (ctx, input) => answer(ctx, input.noticeId, "pause", await pauseCase(ctx.db, input, opts(ctx))));
export const resumeCaseAction = defineAction(caseSpec("resumeCase", {}), async (ctx, input) => answer(ctx, input.noticeId, "genoptaget", await resumeCase(ctx.db, input, opts(ctx))));
export const finishCaseAction = defineAction(caseSpec("finishCase", {}), async (ctx, input) => answer(ctx, input.noticeId, "afsluttet", await finishCase(ctx.db, input, opts(ctx))));

export const closeReminderAction = defineAction(
  { kind: "staff", permission: "todos.complete", name: "closeCaseReminder", input: z.object({ noticeId: z.uuid(), todoId: z.uuid(), version: base.version }) },
  async (ctx, input) => {
    const r = await closeReminder(ctx.db, { todoId: input.todoId, version: input.version, opsigelseId: input.noticeId }, { actor: ctx.actor, now: new Date(), meta: ctx.meta });
    const mapped: CaseResult =
      r.kind === "closed" ? { kind: "ok", version: 0, changed: true } : r.kind === "not-found" ? { kind: "not-found" } : r.kind === "conflict" ? { kind: "conflict" } : { kind: "refused", reason: "reminder-not-open" };
    return answer(ctx, input.noticeId, "erindring", mapped);
  },
);

const ACTIONS = {
  phase: moveCasePhaseAction,
  dates: saveCaseDatesAction,
  caseworker: setCaseworkerAction,
  pause: pauseCaseAction,
  resume: resumeCaseAction,
  finish: finishCaseAction,
  "close-reminder": closeReminderAction,
} as const;

/**
 * Every form of the case page posts here with its `intent`: the action of that intent runs; the
 * wrapper's own refusals (signed out, no permission, rate limited, bad input) come back as a
 * message in the flash cookie.
 */
export async function submitCaseForm(formData: FormData): Promise<void> {
  const slug = String(formData.get("organisation") ?? "");
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) redirect("/");
  const noticeId = String(formData.get("noticeId") ?? "");
  const intent = String(formData.get("intent") ?? "") as keyof typeof ACTIONS;
  const action = Object.hasOwn(ACTIONS, intent) ? ACTIONS[intent] : null;
  const page = z.uuid().safeParse(noticeId).success ? casePage(slug, noticeId) : adminHref(slug, "notices");
  if (!action) redirect(page);
  formData.delete("intent");
  const r = await action(formData);
  if (r.ok) return;
  if (r.status === 401) redirect(`/${slug}/admin/login?callbackUrl=${encodeURIComponent(page)}`);
  if (r.status === 404) redirect(page);
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION") && k !== "organisation") values[k] = v;
  const ref = newFlashRef();
  await setFormFlash({ form: caseFormKey(noticeId, ref), values, errors: r.fieldErrors ?? {}, message: r.message });
  redirect(`${page}?f=${ref}`);
}
