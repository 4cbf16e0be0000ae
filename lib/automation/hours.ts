/**
 * The organisation's automation hours setting (settings.automation.yearlyWindow): the yearly window
 * in which its automation accounts may run at any time (default 1 April – 15 May); outside it they
 * may run on weekdays 08–18 except public holidays (lib/rules/automation.ts). Changed by staff with
 * "settings.manage" or "users.manage" (app/[organisation]/admin/automatisering/tider), audited as
 * SETTINGS_UPDATED in the settings' own transaction.
 */
import "server-only";
import { z } from "zod";
import type { StaffContext } from "@/lib/http/context";
import { ApiProblem } from "@/lib/http/automation";
import { platformClient, updateOrganisationSettings } from "@/lib/db/platform";
import { automationWindowSchema, type AutomationSettings } from "@/lib/organisation/settings";

export const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const automationHoursInput = z
  .object({ useWindow: z.enum(["on", "off"]).optional(), from: z.string().trim().max(10).default(""), to: z.string().trim().max(10).default("") })
  .superRefine((v, ctx) => {
    if (v.useWindow !== "on") return;
    for (const f of ["from", "to"] as const) {
      if (!automationWindowSchema.shape.from.safeParse(v[f]).success || !automationWindowSchema.safeParse({ from: v[f], to: v[f] }).success) {
        ctx.addIssue({ code: "custom", path: [f], message: "Use a real day of the year as MM-DD, e.g. 04-01" });
      }
    }
  });

export function mayChangeAutomationHours(ctx: Pick<StaffContext, "permissions">): boolean {
  return ctx.permissions.has("settings.manage") || ctx.permissions.has("users.manage");
}

export async function saveAutomationHours(ctx: StaffContext, input: z.output<typeof automationHoursInput>): Promise<{ changed: boolean; settings: AutomationSettings }> {
  if (!mayChangeAutomationHours(ctx)) throw new ApiProblem("forbidden", 403);
  const automation: AutomationSettings = { yearlyWindow: input.useWindow === "on" ? { from: input.from, to: input.to } : null };
  const r = await updateOrganisationSettings(platformClient(), ctx.org.id, (current) => {
    if (JSON.stringify(current.automation) === JSON.stringify(automation)) return null;
    return {
      set: { automation },
      audit: { type: "SETTINGS_UPDATED", actor: ctx.actor, meta: ctx.meta, entityType: "Organisation", entityId: ctx.org.id, before: { automation: current.automation }, after: { automation } },
    };
  });
  return { changed: r.changed, settings: r.settings.automation };
}
