"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { saveTenancy, TENANCY_EDIT_MESSAGES, tenancyEditSchema } from "@/lib/admin/tenancies";

/**
 * Saves a tenancy's notice rule, renovation period, non-terminable-until and
 * can-be-terminated-in-period-from (lib/admin/tenancies.ts, audited), then back to the tenancy
 * with ?gemt=1 (or ?gemt=0 when nothing changed). A plain form: works without JavaScript.
 * tenancies.manage only: read-only staff are refused; another organisation's staff get not-found.
 */
export const saveTenancyAction = defineAction(
  { kind: "staff", permission: "tenancies.manage", name: "saveTenancy", input: tenancyEditSchema, messages: TENANCY_EDIT_MESSAGES },
  async (ctx, input) => {
    const { changed } = await saveTenancy(ctx.db, input, { actor: ctx.actor, meta: ctx.meta });
    redirect(`${adminHref(ctx.org.slug, "tenancies", input.lejerId)}?gemt=${changed.length > 0 ? "1" : "0"}`);
  },
);
