"use server";
/**
 * Automation hours: the yearly window (settings.automation.yearlyWindow), saved by staff with
 * "settings.manage" or "users.manage". A plain form: saved → back with ?gemt=1|0; refused → the
 * flash cookie with the field errors or the wrapper's message, shown again.
 */
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/http/wrappers";
import { clearFormFlash, setFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { automationHoursInput, saveAutomationHours } from "@/lib/automation/hours";

export const saveAutomationHoursAction = defineAction(
  {
    kind: "staff",
    permission: "admin.view",
    name: "saveAutomationHours",
    input: automationHoursInput,
    messages: { from: "adminAutomationHours.invalidDay", to: "adminAutomationHours.invalidDay" },
  },
  async (ctx, input) => saveAutomationHours(ctx, input),
);

const FORM = "automation-hours";

export async function submitAutomationHours(formData: FormData): Promise<void> {
  const slug = String(formData.get("organisation") ?? "");
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) redirect("/");
  const page = adminHref(slug, "automation", "tider");
  const r = await saveAutomationHoursAction(formData);
  if (r.ok) {
    await clearFormFlash();
    redirect(`${page}?gemt=${r.data.changed ? "1" : "0"}`);
  }
  if (r.status === 401) redirect(`/${slug}/admin/login?callbackUrl=${encodeURIComponent(page)}`);
  const values: Record<string, string> = {};
  for (const k of ["useWindow", "from", "to"]) {
    const v = formData.get(k);
    if (typeof v === "string") values[k] = v.slice(0, 20);
  }
  await setFormFlash({ form: FORM, values, errors: r.fieldErrors ?? {}, message: r.message });
  redirect(`${page}?f=1`);
}
