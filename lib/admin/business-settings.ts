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
  const wanted = parsed.settings;
  let changed: string[] = [];
  await updateOrganisationSettings(a.db ?? platformClient(), a.organisationId, (current) => {
    const now = businessValuesOf(current);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of BUSINESS_SETTING_KEYS) {
      if (JSON.stringify(now[key]) !== JSON.stringify(wanted[key])) {
        before[key] = now[key];
        after[key] = wanted[key];
      }
    }
    changed = Object.keys(after);
    if (changed.length === 0) return null;
    return {
      set: after,
      audit: { type: "SETTINGS_UPDATED", actor: a.actor, entityType: "Organisation", entityId: a.organisationId, before, after, meta: a.meta },
    };
  });
  return { ok: true, changed };
}
