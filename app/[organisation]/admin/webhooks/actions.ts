"use server";
/**
 * Webhooks (/{organisation}/admin/webhooks): register an endpoint (its secret is answered once, to
 * be shown once), change it, rotate its secret (the new one answered once), send a delivery again.
 * settings.manage only: read-only staff are refused; another organisation's staff get not-found
 * (the wrapper), and another organisation's endpoint or delivery id is not-found too (the accessor).
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionState } from "@/lib/http/wrappers";
import { setFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { refuse, settle } from "@/lib/admin/action-refusal";
import { createEndpoint, ENDPOINT_MESSAGES, endpointInputSchema, endpointUpdateSchema, rotateSecret, updateEndpoint, type EndpointRefusal } from "@/lib/webhooks/endpoints";
import { resendDelivery } from "@/lib/webhooks/deliveries";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refusalOf(r: EndpointRefusal) {
  switch (r.kind) {
    case "url-refused":
      return refuse("url", `adminWebhooks.errors.urlRefused.${r.reason}`);
    case "too-many":
      return refuse("", "adminWebhooks.errors.tooMany");
    case "conflict":
      return refuse("", "adminWebhooks.errors.stale");
    case "not-found":
      return refuse("", "adminWebhooks.errors.notFound");
  }
}

export type CreatedEndpoint = { endpointId: string; secret: string };

const createAction = defineAction(
  { kind: "staff", permission: "settings.manage", name: "createWebhookEndpoint", input: endpointInputSchema, messages: ENDPOINT_MESSAGES },
  async (ctx, input) => {
    const r = await createEndpoint(ctx.db, input, { actor: ctx.actor, now: new Date(), meta: ctx.meta });
    if (r.kind !== "created") return refusalOf(r);
    return { endpointId: r.endpointId, secret: r.secret } satisfies CreatedEndpoint;
  },
);

export async function createWebhookEndpoint(organisation: string, state: ActionState<CreatedEndpoint>, data: FormData) {
  return settle(await createAction(organisation, state, data), data);
}

const updateAction = defineAction(
  { kind: "staff", permission: "settings.manage", name: "updateWebhookEndpoint", input: endpointUpdateSchema, messages: ENDPOINT_MESSAGES },
  async (ctx, input) => {
    const r = await updateEndpoint(ctx.db, input, { actor: ctx.actor, now: new Date(), meta: ctx.meta });
    if (r.kind !== "updated") return refusalOf(r);
    return redirect(`${adminHref(ctx.org.slug, "webhooks")}/${input.endpointId.toLowerCase()}?gemt=${r.changed ? "1" : "0"}`);
  },
);

export async function updateWebhookEndpoint(organisation: string, state: ActionState<never>, data: FormData) {
  return settle(await updateAction(organisation, state, data), data);
}

export type RotatedSecret = { secret: string; previousValidUntil: string };

const rotateAction = defineAction(
  { kind: "staff", permission: "settings.manage", name: "rotateWebhookSecret", input: z.object({ endpointId: z.string().trim().max(100) }) },
  async (ctx, input) => {
    const r = await rotateSecret(ctx.db, { endpointId: input.endpointId }, { actor: ctx.actor, now: new Date(), meta: ctx.meta });
    if (r.kind !== "rotated") return refuse("", "adminWebhooks.errors.notFound");
    return { secret: r.secret, previousValidUntil: r.previousValidUntil.toISOString() } satisfies RotatedSecret;
  },
);

export async function rotateWebhookSecret(organisation: string, state: ActionState<RotatedSecret>, data: FormData) {
  return settle(await rotateAction(organisation, state, data), data);
}

export const resendAction = defineAction(
  { kind: "staff", permission: "settings.manage", name: "resendWebhookDelivery", input: z.object({ deliveryId: z.string().trim().max(100), endpointId: z.string().trim().max(100) }) },
  async (ctx, input) => {
    const r = await resendDelivery(ctx.db, { deliveryId: input.deliveryId, actor: ctx.actor, now: new Date(), meta: ctx.meta });
    const status = r.kind === "resent" ? "1" : r.kind === "endpoint-inactive" ? "slukket" : r.kind === "in-progress" ? "i-gang" : "findes-ikke";
    const base = adminHref(ctx.org.slug, "webhooks");
    if (r.kind === "not-found" || !UUID.test(input.endpointId)) redirect(`${base}?sendt=findes-ikke`);
    redirect(`${base}/${input.endpointId.toLowerCase()}/leverancer/${input.deliveryId.toLowerCase()}?sendt=${status}`);
  },
);

/** The resend button's target (a plain form): runs the action; a refusal goes back with its message. */
export async function submitResendDelivery(formData: FormData): Promise<void> {
  const r = await resendAction(formData);
  if (r.ok) return;
  const slug = String(formData.get("organisation") ?? "");
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) redirect("/");
  const back = adminHref(slug, "webhooks");
  if (r.status === 401) redirect(`/${slug}/admin/login?callbackUrl=${encodeURIComponent(back)}`);
  await setFormFlash({ form: "webhooks", values: {}, errors: {}, message: r.message });
  redirect(`${back}?fejl=1`);
}
