import { getTranslations } from "next-intl/server";

const CATALOGUE_KEY = /^(adminCodes|adminSettings|validation|errors)\.[\w.-]+$/;

/**
 * A refused form's errors in the user's language: catalogue keys (what the services answer, kept
 * by the flash cookie) are translated; texts the request wrapper already translated are kept.
 */
export async function translatedErrors(errors: Record<string, string[]> | undefined): Promise<Record<string, string[]>> {
  const t = await getTranslations();
  const out: Record<string, string[]> = {};
  for (const [field, list] of Object.entries(errors ?? {})) {
    out[field] = list.map((k) => (CATALOGUE_KEY.test(k) ? (t as unknown as (key: string) => string)(k) : k));
  }
  return out;
}
