"use server";
/**
 * The business-process settings' server action (settings.manage). A plain form: "Gem" saves and
 * redirects back with ?gemt=1; "Vis eksempel" saves nothing and shows the preview of the typed
 * values; a refused form is kept in the flash cookie with its field errors and shown again.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/http/wrappers";
import { clearFormFlash, setFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { businessSettingsFormKey, parseBusinessSettingsForm } from "@/lib/admin/business-settings-form";
import { newFlashRef } from "@/lib/admin/code-form";
import { saveBusinessSettings } from "@/lib/admin/business-settings";

const CONTROL = new Set(["intent", "organisation", "sampleMoveOut"]);
const sample = z.union([z.iso.date(), z.literal("")]).optional();

function fieldsOf(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (!CONTROL.has(k) && typeof v === "string") out[k] = v.slice(0, 2000);
  return out;
}

const pageOf = (slug: string, sampleMoveOut: string | undefined, extra: Record<string, string> = {}) => {
  const q = new URLSearchParams({ ...(sampleMoveOut ? { flytning: sampleMoveOut } : {}), ...extra }).toString();
  return `${adminHref(slug, "settings")}${q ? `?${q}` : ""}`;
};

export const saveBusinessSettingsAction = defineAction(
  {
    kind: "staff",
    permission: "settings.manage",
    name: "saveBusinessSettings",
    input: z.looseObject({ intent: z.enum(["save", "preview"]).optional(), sampleMoveOut: sample }),
  },
  async (ctx, input) => {
    const values = fieldsOf(input);
    const sampleMoveOut = input.sampleMoveOut || undefined;
    const ref = newFlashRef();
    if (input.intent === "preview") {
      const parsed = parseBusinessSettingsForm(values);
      await setFormFlash({ form: businessSettingsFormKey(ref), values, errors: parsed.ok ? {} : parsed.errors });
      redirect(`${pageOf(ctx.org.slug, sampleMoveOut, { eksempel: "1", f: ref })}#eksempel`);
    }
    const r = await saveBusinessSettings({ organisationId: ctx.org.id, values, actor: ctx.actor, meta: ctx.meta });
    if (!r.ok) {
      await setFormFlash({ form: businessSettingsFormKey(ref), values, errors: r.errors });
      redirect(pageOf(ctx.org.slug, sampleMoveOut, { f: ref }));
    }
    await clearFormFlash();
    redirect(pageOf(ctx.org.slug, sampleMoveOut, { gemt: r.changed.length > 0 ? "1" : "0" }));
  },
);

/** The form's action: the wrapper's refusals (signed out, no permission, rate limited) go to the flash cookie as a message. */
export async function submitBusinessSettings(formData: FormData): Promise<void> {
  const r = await saveBusinessSettingsAction(formData);
  if (r.ok) return;
  const slug = String(formData.get("organisation") ?? "");
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) redirect("/");
  const page = adminHref(slug, "settings");
  if (r.status === 401) redirect(`/${slug}/admin/login?callbackUrl=${encodeURIComponent(page)}`);
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !CONTROL.has(k) && !k.startsWith("$ACTION")) values[k] = v;
  const ref = newFlashRef();
  await setFormFlash({ form: businessSettingsFormKey(ref), values, errors: r.fieldErrors ?? {}, message: r.message });
  redirect(`${page}?f=${ref}`);
}
