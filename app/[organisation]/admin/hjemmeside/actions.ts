"use server";
/**
 * Website and MitID settings (/{organisation}/admin/hjemmeside): save (settings.manage) and "test
 * the connection" (settings.manage too: it makes the server fetch an address staff type; guarded
 * in lib/admin/discovery.ts). Another organisation's staff get not-found.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionState } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { refuse, settle } from "@/lib/admin/action-refusal";
import { saveWebsiteSettings, WEBSITE_MESSAGES, websiteInputSchema } from "@/lib/admin/website";
import { testOidcDiscovery, type DiscoveryResult } from "@/lib/admin/discovery";

const saveAction = defineAction(
  { kind: "staff", permission: "settings.manage", name: "saveWebsiteSettings", input: websiteInputSchema, messages: WEBSITE_MESSAGES },
  async (ctx, input) => {
    const r = await saveWebsiteSettings({ organisationId: ctx.org.id, input, actor: ctx.actor, meta: ctx.meta });
    if (!r.ok) return r.refusal.field === "issuer" ? refuse("issuer", `adminWebsite.errors.issuerRefused.${r.refusal.reason}`) : refuse("clientSecret", "adminWebsite.errors.secretRequired");
    return redirect(`${adminHref(ctx.org.slug, "website")}?gemt=${r.changed ? "1" : "0"}`);
  },
);

const testAction = defineAction(
  {
    kind: "staff",
    permission: "settings.manage",
    name: "testOidcDiscovery",
    // The test button sits in the settings form: the other fields travel along and are ignored.
    input: z.looseObject({ issuer: z.string().trim().min(1).max(500) }),
    messages: { issuer: { required: "adminWebsite.errors.issuerRequired" } },
  },
  async (_ctx, input): Promise<DiscoveryResult> => testOidcDiscovery(input.issuer),
);

export async function saveWebsite(organisation: string, state: ActionState<never>, data: FormData) {
  return settle(await saveAction(organisation, state, data), data);
}

export async function testConnection(organisation: string, state: ActionState<DiscoveryResult>, data: FormData) {
  return testAction(organisation, state, data);
}
