"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { setNemKontoConsent } from "@/lib/tenancy/settings";

/**
 * "Mine indstillinger": gives (consent=give) or withdraws (consent=withdraw) the signed-in tenant's
 * NemKonto consent, audited, then back to the page with ?gemt=… (a plain form: works without
 * JavaScript). Refusals (rate limit, a missing choice) come back as the action's result.
 */
export const saveNemKontoConsent = defineAction(
  {
    kind: "tenant",
    name: "saveNemKontoConsent",
    input: z.object({ consent: z.enum(["give", "withdraw"]) }).strict(),
    messages: { consent: "settings.nemKonto.choose" },
  },
  async (ctx, input) => {
    await setNemKontoConsent(ctx.db, { personId: ctx.session.uid, consent: input.consent === "give", actor: ctx.actor, meta: ctx.meta });
    redirect(`${paths.tenantSettings(ctx.org.slug)}?gemt=${input.consent === "give" ? "givet" : "trukket-tilbage"}`);
  },
);
