"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { isTextKey, TEXT_KEYS } from "@/lib/organisation/texts";
import { saveContact, saveContactInput, saveLegal, saveLegalInput, saveOrganisationText, saveTextInput } from "@/lib/admin/texts";

const textMessages = { invalid: "adminTexts.braces", tooLong: "adminTexts.tooLong" };

/** One wizard text: save the organisation's own (Danish, optionally English) or reset it to our default. */
export const saveTextAction = defineAction(
  { kind: "staff", permission: "settings.manage", name: "saveOrganisationText", input: saveTextInput, messages: { da: textMessages, en: textMessages } },
  async (ctx, input) => {
    await saveOrganisationText(ctx, input);
    const group = isTextKey(input.key) ? TEXT_KEYS[input.key].group : "general";
    redirect(`${adminHref(ctx.org.slug, "texts")}?vis=${group}&gemt=${encodeURIComponent(input.key)}#${encodeURIComponent(input.key)}`);
  },
);

export const saveContactAction = defineAction(
  { kind: "staff", permission: "settings.manage", name: "saveOrganisationContact", input: saveContactInput, messages: { phone: { format: "adminTexts.phoneFormat" } } },
  async (ctx, input) => {
    await saveContact(ctx, input);
    redirect(`${adminHref(ctx.org.slug, "texts")}?vis=kontakt&gemt=kontakt#kontakt`);
  },
);

export const saveLegalAction = defineAction(
  { kind: "staff", permission: "settings.manage", name: "saveOrganisationLegalPage", input: saveLegalInput, messages: { da: { tooLong: "adminTexts.tooLong" }, en: { tooLong: "adminTexts.tooLong" } } },
  async (ctx, input) => {
    await saveLegal(ctx, input);
    redirect(`${adminHref(ctx.org.slug, "texts")}?vis=${input.kind}&gemt=${input.kind}#${input.kind}`);
  },
);
