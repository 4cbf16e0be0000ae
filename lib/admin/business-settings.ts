/**
 * The business-process settings (admin → Forretningsregler): the move-out and re-letting validation
 * formulas, the re-letting rule (BrevSynTekst), the inspection window, closing days, renovation
 * liability, draft expiry and signing-link expiry of one organisation (stored in its settings JSON,
 * lib/organisation/settings.ts). Saving writes only these keys, in one transaction with a
 * SETTINGS_UPDATED audit row naming the changed keys only (before and after).
 */
import "server-only";
import { platformClient, updateOrganisationSettings, type Db } from "@/lib/db/platform";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { BUSINESS_SETTING_KEYS, businessValuesOf, parseBusinessSettingsForm, type FieldErrors } from "./business-settings-form";

export type SaveSettingsResult = { ok: true; changed: string[] } | { ok: false; errors: FieldErrors };

export async function saveBusinessSettings(a: {
  organisationId: string;
  values: Record<string, unknown>;
  actor: Actor;
  meta?: RequestMeta;
  /** For tests that bring their own client. */
  db?: Db;
}): Promise<SaveSettingsResult> {
  const parsed = parseBusinessSettingsForm(a.values);
  if (!parsed.ok) return parsed;
  const changed = await saveChangedSettings({ ...a, keys: BUSINESS_SETTING_KEYS, valuesOf: businessValuesOf, wanted: parsed.settings });
  return { ok: true, changed };
}

/**
 * Writes those of `keys` whose wanted value differs from the stored one (as `valuesOf` reads it),
 * through updateOrganisationSettings, with one SETTINGS_UPDATED audit row naming the changed keys
 * only (before and after); nothing when none changed. Returns the changed keys. Every settings page
 * saves through this (business rules, move-out casework).
 */
export async function saveChangedSettings<K extends keyof OrganisationSettings>(a: {
  organisationId: string;
  keys: readonly K[];
  valuesOf: (current: OrganisationSettings) => Pick<OrganisationSettings, K>;
  wanted: Pick<OrganisationSettings, K>;
  actor: Actor;
  meta?: RequestMeta;
  db?: Db;
}): Promise<string[]> {
  let changed: string[] = [];
  await updateOrganisationSettings(a.db ?? platformClient(), a.organisationId, (current) => {
    const now = a.valuesOf(current);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of a.keys) {
      if (JSON.stringify(now[key]) !== JSON.stringify(a.wanted[key])) {
        before[key] = now[key];
        after[key] = a.wanted[key];
      }
    }
    changed = Object.keys(after);
    if (changed.length === 0) return null;
    return {
      set: after as Partial<OrganisationSettings>,
      audit: { type: "SETTINGS_UPDATED", actor: a.actor, entityType: "Organisation", entityId: a.organisationId, before, after, meta: a.meta },
    };
  });
  return changed;
}
