/**
 * Saves the move-out casework settings (settings.casework) through the one settings writer
 * (lib/admin/business-settings.ts saveChangedSettings: updateOrganisationSettings, only when
 * changed, with a SETTINGS_UPDATED audit row).
 */
import "server-only";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import type { Db } from "@/lib/db/platform";
import { saveChangedSettings } from "@/lib/admin/business-settings";
import { parseCaseworkSettingsForm, type FieldErrors } from "./casework-settings";

export async function saveCaseworkSettings(a: { organisationId: string; values: Record<string, unknown>; actor: Actor; meta?: RequestMeta; db?: Db }): Promise<{ ok: true; changed: string[] } | { ok: false; errors: FieldErrors }> {
  const parsed = parseCaseworkSettingsForm(a.values);
  if (!parsed.ok) return parsed;
  const changed = await saveChangedSettings({ ...a, keys: ["casework"] as const, valuesOf: (s) => ({ casework: s.casework }), wanted: { casework: parsed.casework } });
  return { ok: true, changed };
}
