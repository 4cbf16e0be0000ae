"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { createOrganisationInput, onboardOrganisation, resumeInput, resumeOrganisation, suspendInput, suspendOrganisation } from "@/lib/operator/organisations";

/** The operator creates an organisation with its first administrator (invited by e-mail); back to the list on success. */
export const createOrganisationAction = defineAction(
  {
    kind: "operator",
    name: "createOrganisation",
    input: createOrganisationInput,
    messages: { slug: { format: "operatorAdmin.slugFormat", invalid: "operatorAdmin.slugReserved", tooShort: "operatorAdmin.slugFormat", tooLong: "operatorAdmin.slugFormat" } },
  },
  async (ctx, input) => {
    const { org } = await onboardOrganisation(ctx, input);
    redirect(`${paths.operatorOrganisation(org.slug)}?oprettet=1`);
  },
);

export const suspendOrganisationAction = defineAction({ kind: "operator", name: "suspendOrganisation", input: suspendInput }, async (ctx, input) => {
  const org = await suspendOrganisation(ctx, input);
  redirect(`${paths.operatorOrganisation(org.slug)}?lukket=1`);
});

export const resumeOrganisationAction = defineAction({ kind: "operator", name: "resumeOrganisation", input: resumeInput }, async (ctx, input) => {
  const org = await resumeOrganisation(ctx, input);
  redirect(`${paths.operatorOrganisation(org.slug)}?aabnet=1`);
});
