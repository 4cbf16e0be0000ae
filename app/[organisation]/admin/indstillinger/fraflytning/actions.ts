"use server";
/**
 * The move-out casework settings' server action (settings.manage): a plain form; "Gem" saves the
 * changed settings and redirects back with ?gemt=1 (0: nothing changed); a refused form is kept in
 * the flash cookie with its field errors and shown again.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/http/wrappers";
import { clearFormFlash, setFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { newFlashRef } from "@/lib/admin/code-form";
import { caseworkSettingsFormKey } from "@/lib/casework/casework-settings";
import { saveCaseworkSettings } from "@/lib/casework/save-casework-settings";

const pageOf = (slug: string) => adminHref(slug, "settings", "fraflytning");

function fieldsOf(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (k !== "organisation" && !k.startsWith("$ACTION") && typeof v === "string") out[k] = v.slice(0, 500);
  return out;
}

export const saveCaseworkSettingsAction = defineAction(
  { kind: "staff", permission: "settings.manage", name: "saveCaseworkSettings", input: z.looseObject({ pauseReminderFormula: z.string().max(500).optional() }) },
  async (ctx, input) => {
    const values = fieldsOf(input);
    const r = await saveCaseworkSettings({ organisationId: ctx.org.id, values, actor: ctx.actor, meta: ctx.meta });
    if (!r.ok) {
      const ref = newFlashRef();
      await setFormFlash({ form: caseworkSettingsFormKey(ref), values, errors: r.errors });
      redirect(`${pageOf(ctx.org.slug)}?f=${ref}`);
    }
    await clearFormFlash();
    redirect(`${pageOf(ctx.org.slug)}?gemt=${r.changed.length > 0 ? "1" : "0"}`);
  },
);

/** The form's action: the wrapper's refusals (signed out, no permission, rate limited) go to the flash cookie as a message. */
export async function submitCaseworkSettings(formData: FormData): Promise<void> {
  const r = await saveCaseworkSettingsAction(formData);
  if (r.ok) return;
  const slug = String(formData.get("organisation") ?? "");
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) redirect("/");
  const page = pageOf(slug);
  if (r.status === 401) redirect(`/${slug}/admin/login?callbackUrl=${encodeURIComponent(page)}`);
  if (r.status === 404) redirect(page);
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && k !== "organisation" && !k.startsWith("$ACTION")) values[k] = v;
  const ref = newFlashRef();
  await setFormFlash({ form: caseworkSettingsFormKey(ref), values, errors: r.fieldErrors ?? {}, message: r.message });
  redirect(`${page}?f=${ref}`);
}
