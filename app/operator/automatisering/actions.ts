"use server";
/**
 * The operator's automation actions (app/operator/automatisering): approve / refuse / revoke an
 * organisation's automation, pause / resume / switch off / on any automation account, and save the
 * thresholds. Operators only (the wrapper re-checks the operator on every request); a refusal comes
 * back as a field error.
 */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction, type ActionState } from "@/lib/http/wrappers";
import { refuse, settle } from "@/lib/admin/action-refusal";
import { requestNow } from "@/lib/clock";
import { decideAutomation, decisionInput, operatorSwitch, operatorSwitchInput, policyInput, saveAutomationPolicy } from "@/lib/operator/automation";

type State = ActionState<never>;
const HOME = "/operator/automatisering";

const decideAction = defineAction({ kind: "operator", name: "decideAutomation", input: decisionInput }, async (ctx, input) => {
  const r = await decideAutomation(ctx, input, requestNow(await headers()));
  if (!r.ok) return refuse(r.reason === "reason-required" ? "reason" : "", `operatorAutomation.errors.${r.reason}`);
  redirect(`${HOME}?gemt=${input.decision}#org-${input.slug}`);
});

const switchAction = defineAction({ kind: "operator", name: "operatorSwitchAutomationAccount", input: operatorSwitchInput }, async (ctx, input) => {
  await operatorSwitch(ctx, input, requestNow(await headers()));
  redirect(`${HOME}?gemt=switch#org-${input.slug}`);
});

const policyAction = defineAction(
  {
    kind: "operator",
    name: "saveAutomationPolicy",
    input: policyInput,
    messages: { maxRequestsPerMinute: "operatorAutomation.errors.number", errorWindow: "operatorAutomation.errors.number", maxErrorsInWindow: "operatorAutomation.errors.number" },
  },
  async (ctx, input) => {
    if ((await saveAutomationPolicy(ctx, input)) === "window") return refuse("maxErrorsInWindow", "operatorAutomation.errors.window");
    redirect(`${HOME}?gemt=policy`);
  },
);

export async function submitAutomationDecision(state: State, data: FormData) {
  return settle(await decideAction(state, data), data);
}
export async function submitOperatorSwitch(state: State, data: FormData) {
  return settle(await switchAction(state, data), data);
}
export async function submitAutomationPolicy(state: State, data: FormData) {
  return settle(await policyAction(state, data), data);
}
