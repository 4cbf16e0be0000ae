"use server";
/**
 * The operator publishes an Update (lib/automation/updates.ts) at the request's instant
 * (lib/clock.ts requestNow: the test clock in the HTTP tests). An effective day less than 14 Danish
 * calendar days ahead comes back as a message at the field; success redirects to the list.
 */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction, type ActionResult, type ActionState } from "@/lib/http/wrappers";
import { translator } from "@/lib/http/messages";
import { requestNow } from "@/lib/clock";
import { publishUpdate, publishUpdateInput, type PublishOutcome } from "@/lib/automation/updates";

export const publishUpdateAction = defineAction(
  {
    kind: "operator",
    name: "publishAutomationUpdate",
    input: publishUpdateInput,
    messages: { effectiveOn: "operatorUpdates.errors.date" },
  },
  async (ctx, input): Promise<PublishOutcome> => {
    const r = await publishUpdate(ctx, input, requestNow(await headers()));
    if (r.kind === "published") redirect("/operator/opdateringer?udgivet=1");
    return r;
  },
);

/** For the form: a refusal as the field's message in the operator's language, with the typed values. */
export async function submitPublishUpdate(state: ActionState<never>, data: FormData): Promise<ActionResult<never>> {
  const r = await publishUpdateAction(state, data);
  if (!r.ok) return r;
  if (r.data.kind !== "refused") return { ok: false, error: "failed", status: 500, message: "" };
  let locale: string | undefined;
  try {
    locale = (await cookies()).get("NEXT_LOCALE")?.value;
  } catch {
    locale = undefined;
  }
  const t = translator(locale);
  const message = t(r.data.key, r.data.values);
  const values: Record<string, string> = {};
  for (const [k, v] of data.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) values[k] = v.slice(0, 10_000);
  return { ok: false, error: "rule", status: 422, message: t("operatorUpdates.errors.summary"), fieldErrors: { [r.data.field]: [message] }, values };
}
