/**
 * The admin's "Tekster" (app/[organisation]/admin/tekster): the organisation's wizard headings and
 * help texts (lib/organisation/texts.ts), its footer contact details, privacy notice and
 * accessibility statement. One service function per use case; each changes Organisation.settings
 * in one transaction with its audit row (TEXTS_UPDATED / SETTINGS_UPDATED, before and after).
 */
import "server-only";
import { z } from "zod";
import type { StaffContext } from "@/lib/http/context";
import { platformClient, updateOrganisationSettings } from "@/lib/db/platform";
import { contactSettingsSchema, legalPageSchema, type OrganisationSettings } from "@/lib/organisation/settings";
import { isTextKey, TEXT_MAX, textProblem, type TextKey } from "@/lib/organisation/texts";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const saveTextInput = z
  .object({
    key: z.string().refine(isTextKey),
    intent: z.enum(["save", "reset"]).default("save"),
    da: optionalText(TEXT_MAX),
    en: optionalText(TEXT_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "reset" || !isTextKey(v.key)) return;
    if (!v.da) ctx.addIssue({ code: "too_small", origin: "string", minimum: 1, inclusive: true, input: "", path: ["da"], message: "required" });
    for (const l of ["da", "en"] as const) {
      const text = v[l];
      if (text && textProblem(v.key, text) === "braces") ctx.addIssue({ code: "custom", path: [l], message: "braces" });
    }
  });
export type SaveTextInput = z.output<typeof saveTextInput>;

/** Saves (or, intent "reset", removes) the organisation's own text for one wizard key. */
export async function saveOrganisationText(ctx: StaffContext, input: SaveTextInput): Promise<{ changed: boolean; settings: OrganisationSettings }> {
  const key = input.key as TextKey;
  return updateOrganisationSettings(platformClient(), ctx.org.id, (current) => {
    const before = current.texts[key] ?? null;
    const after = input.intent === "reset" ? null : { da: input.da!, ...(input.en ? { en: input.en } : {}) };
    if (JSON.stringify(before) === JSON.stringify(after)) return null;
    const texts = { ...current.texts };
    if (after) texts[key] = after;
    else delete texts[key];
    return {
      set: { texts },
      audit: { type: "TEXTS_UPDATED", actor: ctx.actor, meta: ctx.meta, entityType: "Organisation", entityId: ctx.org.id, before: { [key]: before }, after: { [key]: after } },
    };
  });
}

const blankIsNull = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null));

export const saveContactInput = z.object({
  phone: blankIsNull.pipe(contactSettingsSchema.shape.phone.removeDefault()),
  email: blankIsNull.pipe(z.email().max(200).nullable()),
  openingHoursDa: optionalText(300),
  openingHoursEn: optionalText(300),
});

/** The footer's contact details. */
export async function saveContact(ctx: StaffContext, input: z.output<typeof saveContactInput>): Promise<{ changed: boolean; settings: OrganisationSettings }> {
  const contact = contactSettingsSchema.parse({
    phone: input.phone,
    email: input.email,
    openingHours: input.openingHoursDa ? { da: input.openingHoursDa, ...(input.openingHoursEn ? { en: input.openingHoursEn } : {}) } : null,
  });
  return updateOrganisationSettings(platformClient(), ctx.org.id, (current) => settingsChange(ctx, current, { contact }));
}

export const saveLegalInput = z.object({
  kind: z.enum(["privacy", "accessibility"]),
  intent: z.enum(["save", "reset"]).default("save"),
  url: blankIsNull.pipe(legalPageSchema.shape.url.removeDefault()),
  da: optionalText(20_000),
  en: optionalText(20_000),
});

/** The privacy notice or accessibility statement: an external URL, or our page's text; "reset" goes back to the default text. */
export async function saveLegal(ctx: StaffContext, input: z.output<typeof saveLegalInput>): Promise<{ changed: boolean; settings: OrganisationSettings }> {
  const page =
    input.intent === "reset"
      ? { url: null, text: null }
      : legalPageSchema.parse({ url: input.url, text: input.da ? { da: input.da, ...(input.en ? { en: input.en } : {}) } : null });
  const field = input.kind === "privacy" ? "privacyNotice" : "accessibilityStatement";
  return updateOrganisationSettings(platformClient(), ctx.org.id, (current) => settingsChange(ctx, current, { [field]: page }));
}

function settingsChange(ctx: StaffContext, current: OrganisationSettings, patch: Partial<OrganisationSettings>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    const old = current[k as keyof OrganisationSettings];
    if (JSON.stringify(old) === JSON.stringify(v)) continue;
    before[k] = old;
    after[k] = v;
  }
  if (Object.keys(after).length === 0) return null;
  return {
    set: patch,
    audit: { type: "SETTINGS_UPDATED" as const, actor: ctx.actor, meta: ctx.meta, entityType: "Organisation" as const, entityId: ctx.org.id, before, after },
  };
}
