"use server";
/**
 * Automation (/{organisation}/admin/automatisering): tell the operator and accept the terms, accept a
 * new version of the terms, create an automation account, confirm its second factor (the first API
 * key is returned once), rotate the key (returned once), pause / resume / switch off / on, and
 * deactivate. users.manage for every one; another organisation's staff get not-found; a rule the
 * service refuses comes back as a field error (lib/admin/action-refusal.ts).
 */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionState } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { refuse, settle } from "@/lib/admin/action-refusal";
import { requestNow } from "@/lib/clock";
import { acceptTerms, acceptTermsInput, requestAutomation, requestAutomationInput, type EnablementRefusal } from "@/lib/automation/enablement";
import { confirmEnrolment, confirmEnrolmentInput, createAccountInput, createAutomationAccount, deactivateAccount, rotateApiKey, type AccountRefusal } from "@/lib/automation/accounts";
import { pauseAccount, resumeAccount, switchOffAccount, switchOnAccount } from "@/lib/automation/kill-switch";

type State = ActionState<never>;
type KeyState = ActionState<{ apiKey: string }>;

const now = async () => requestNow(await headers());
const userId = z.uuid();
const enablementRefusal = (reason: EnablementRefusal) => refuse(reason === "outdated-terms" ? "acceptTerms" : "", `adminAutomation.errors.${reason}`);
const accountRefusal = (reason: AccountRefusal, field = "") =>
  refuse(reason === "role" ? "roles" : reason === "email-taken" ? "email" : reason === "code" ? "code" : field, `adminAutomation.errors.${reason}`);
const back = (slug: string, what: string): never => redirect(`${adminHref(slug, "automation")}?gemt=${what}`);
const toAccount = (slug: string, id: string, what: string): never => redirect(`${adminHref(slug, "automation", `konti/${id}`)}?gemt=${what}`);
const termsMessages = { acceptTerms: "adminAutomation.errors.acceptTerms", note: "adminAutomation.errors.note" } as const;

const requestAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "requestAutomation", input: requestAutomationInput.strict(), messages: termsMessages },
  async (ctx, input) => {
    const r = await requestAutomation(ctx.db, { ...input, actor: ctx.actor, meta: ctx.meta, now: await now() });
    if (!r.ok) return enablementRefusal(r.reason);
    return back(ctx.org.slug, "anmodet");
  },
);

const acceptAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "acceptAutomationTerms", input: acceptTermsInput.strict(), messages: termsMessages },
  async (ctx, input) => {
    const r = await acceptTerms(ctx.db, { ...input, actor: ctx.actor, meta: ctx.meta, now: await now() });
    if (!r.ok) return enablementRefusal(r.reason);
    return back(ctx.org.slug, "accepteret");
  },
);

const createAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "createAutomationAccount", input: createAccountInput.strict(), messages: { email: "adminAutomation.errors.email", roles: "adminAutomation.errors.role" } },
  async (ctx, input) => {
    const r = await createAutomationAccount(ctx.db, { ...input, actor: ctx.actor, meta: ctx.meta, now: await now(), organisationName: ctx.org.name });
    if (!r.ok) return accountRefusal(r.reason);
    return toAccount(ctx.org.slug, r.userId, "oprettet");
  },
);

const enrolAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "confirmAutomationEnrolment", input: confirmEnrolmentInput.strict(), messages: { code: "adminAutomation.errors.code" } },
  async (ctx, input) => {
    const r = await confirmEnrolment(ctx.db, { ...input, actor: ctx.actor, meta: ctx.meta, now: await now() });
    if (!r.ok) return accountRefusal(r.reason);
    return { apiKey: r.apiKey };
  },
);

const rotateAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "rotateAutomationKey", input: z.object({ userId }).strict() },
  async (ctx, input) => {
    const r = await rotateApiKey(ctx.db, { userId: input.userId, actor: ctx.actor, meta: ctx.meta, now: await now() });
    if (!r.ok) return accountRefusal(r.reason);
    return { apiKey: r.apiKey };
  },
);

const switchAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "switchAutomationAccount", input: z.object({ userId, change: z.enum(["pause", "resume", "switch-off", "switch-on"]) }).strict() },
  async (ctx, input) => {
    const at = await now();
    const opts = { actor: ctx.actor, meta: ctx.meta };
    await ctx.db.$transaction(async (tx) => {
      if (input.change === "pause") return pauseAccount(tx, input.userId, { ...opts, now: at });
      if (input.change === "resume") return resumeAccount(tx, input.userId, opts);
      if (input.change === "switch-off") return switchOffAccount(tx, input.userId, { ...opts, reason: "organisation", now: at });
      return switchOnAccount(tx, input.userId, opts);
    });
    return toAccount(ctx.org.slug, input.userId, input.change);
  },
);

const deactivateAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "deactivateAutomationAccount", input: z.object({ userId }).strict() },
  async (ctx, input) => {
    await deactivateAccount(ctx.db, { userId: input.userId, actor: ctx.actor, meta: ctx.meta, now: await now() });
    return toAccount(ctx.org.slug, input.userId, "deaktiveret");
  },
);

export async function submitAutomationRequest(organisation: string, state: State, data: FormData) {
  return settle(await requestAction(organisation, state, data), data);
}
export async function submitAcceptTerms(organisation: string, state: State, data: FormData) {
  return settle(await acceptAction(organisation, state, data), data);
}
export async function submitCreateAccount(organisation: string, state: State, data: FormData) {
  return settle(await createAction(organisation, state, data), data);
}
export async function submitConfirmEnrolment(organisation: string, state: KeyState, data: FormData) {
  return settle(await enrolAction(organisation, state, data), data);
}
export async function submitRotateKey(organisation: string, state: KeyState, data: FormData) {
  return settle(await rotateAction(organisation, state, data), data);
}
export async function submitSwitchAccount(organisation: string, state: State, data: FormData) {
  return settle(await switchAction(organisation, state, data), data);
}
export async function submitDeactivateAccount(organisation: string, state: State, data: FormData) {
  return settle(await deactivateAction(organisation, state, data), data);
}
