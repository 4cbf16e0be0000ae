/**
 * The business-process settings form (admin → Forretningsregler): the keys it edits, how a
 * submitted form becomes those settings (pure; field errors are catalogue keys of the
 * `adminSettings` namespace), and closing days as staff write them ("24.12") versus as stored
 * ("12-24", lib/organisation/settings.ts).
 */
import { z } from "zod";
import { organisationSettingsSchema, type OrganisationSettings } from "@/lib/organisation/settings";
import { parseRelettingRule, RuleError, validateFormula } from "@/lib/rules";
import type { BusinessSettingsValues } from "./previews";

export const BUSINESS_SETTING_KEYS = [
  "moveOutFormula",
  "relettingFormula",
  "relettingRule",
  "inspectionWindowDays",
  "closingDays",
  "renovationLiable",
  "draftExpiryDays",
  "signingLinkExpiryDays",
] as const satisfies readonly (keyof OrganisationSettings)[];

export type BusinessSettingKey = (typeof BUSINESS_SETTING_KEYS)[number];
export type FieldErrors = Record<string, string[]>;

export function businessValuesOf(s: OrganisationSettings): BusinessSettingsValues {
  return {
    moveOutFormula: s.moveOutFormula,
    relettingFormula: s.relettingFormula,
    relettingRule: s.relettingRule,
    inspectionWindowDays: s.inspectionWindowDays,
    closingDays: [...s.closingDays],
    renovationLiable: s.renovationLiable,
    draftExpiryDays: s.draftExpiryDays,
    signingLinkExpiryDays: s.signingLinkExpiryDays,
  };
}

/** "12-24" → "24.12". */
export function closingDayText(monthDay: string): string {
  const [m, d] = monthDay.split("-");
  return `${d}.${m}`;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "24.12, 31.12" (also new lines, "24-12", "24/12") → ["12-24", "12-31"], sorted and without repeats; or the entries that are not dates. */
export function parseClosingDays(text: string): { ok: true; days: string[] } | { ok: false; bad: string[] } {
  const entries = text
    .split(/[,;\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const days = new Set<string>();
  const bad: string[] = [];
  for (const e of entries) {
    const m = /^(\d{1,2})\s*[.\-/]\s*(\d{1,2})\.?$/.exec(e);
    const day = m ? Number(m[1]) : NaN;
    const month = m ? Number(m[2]) : NaN;
    if (!m || month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) bad.push(e);
    else days.add(`${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
  }
  if (bad.length > 0) return { ok: false, bad };
  return { ok: true, days: [...days].sort() };
}

/** The form's values for stored settings (to fill the form). */
export function formValuesOfSettings(s: BusinessSettingsValues): Record<string, string> {
  return {
    moveOutFormula: s.moveOutFormula,
    relettingFormula: s.relettingFormula,
    relettingRule: s.relettingRule,
    inspectionWindowDays: String(s.inspectionWindowDays),
    closingDays: s.closingDays.map(closingDayText).join(", "),
    ...(s.renovationLiable ? { renovationLiable: "on" } : {}),
    draftExpiryDays: String(s.draftExpiryDays),
    signingLinkExpiryDays: String(s.signingLinkExpiryDays),
  };
}

const E = (key: string) => `adminSettings.errors.${key}`;
const shape = organisationSettingsSchema.shape;

function days(value: string, field: "inspectionWindowDays" | "draftExpiryDays" | "signingLinkExpiryDays"): { ok: true; n: number } | { ok: false; key: string } {
  const v = value.trim();
  if (v === "") return { ok: false, key: E("required") };
  if (!/^\d{1,4}$/.test(v)) return { ok: false, key: E("wholeNumber") };
  const n = Number(v);
  if (!shape[field].safeParse(n).success) return { ok: false, key: E(`${field}Range`) };
  return { ok: true, n };
}

/** A submitted settings form: the values (every key of BUSINESS_SETTING_KEYS), or field errors. */
export function parseBusinessSettingsForm(values: Record<string, unknown>): { ok: true; settings: BusinessSettingsValues } | { ok: false; errors: FieldErrors } {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const errors: FieldErrors = {};
  const add = (field: string, key: string) => ((errors[field] ??= []).push(key), undefined);

  const formula = (field: "moveOutFormula" | "relettingFormula"): string => {
    const v = str(field).trim();
    if (v.length > 500) add(field, E("tooLong"));
    else if (!validateFormula(v).ok) add(field, E("formula"));
    return v;
  };
  const moveOutFormula = formula("moveOutFormula");
  const relettingFormula = formula("relettingFormula");

  const relettingRule = str("relettingRule").trim();
  if (relettingRule.length > 100) add("relettingRule", E("tooLong"));
  else {
    try {
      parseRelettingRule(relettingRule);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      add("relettingRule", E("relettingRule"));
    }
  }

  const nums = {} as Record<"inspectionWindowDays" | "draftExpiryDays" | "signingLinkExpiryDays", number>;
  for (const f of ["inspectionWindowDays", "draftExpiryDays", "signingLinkExpiryDays"] as const) {
    const r = days(str(f), f);
    if (r.ok) nums[f] = r.n;
    else add(f, r.key);
  }

  const closing = parseClosingDays(str("closingDays"));
  if (!closing.ok) add("closingDays", E("closingDays"));
  else if (closing.days.length > 60) add("closingDays", E("closingDaysTooMany"));

  if (Object.keys(errors).length > 0 || !closing.ok) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      moveOutFormula,
      relettingFormula,
      relettingRule,
      inspectionWindowDays: nums.inspectionWindowDays,
      closingDays: closing.days,
      renovationLiable: values.renovationLiable !== undefined && values.renovationLiable !== "",
      draftExpiryDays: nums.draftExpiryDays,
      signingLinkExpiryDays: nums.signingLinkExpiryDays,
    },
  };
}

/** The bad closing-day entries of a submitted text (for the message), or []. */
export function badClosingDays(text: string): string[] {
  const r = parseClosingDays(text);
  return r.ok ? [] : r.bad;
}

export const sampleDateSchema = z.iso.date();

/** The flash-cookie key of the settings form for one refusal (`ref`, also the redirect's ?f=; see codeFormKey). */
export const businessSettingsFormKey = (ref: string) => `business-settings:${ref}`;

/**
 * The typed values as far as each one is valid, the stored value where it is not — so that the
 * preview shows every change that can be read while the form still has errors.
 */
export function lenientBusinessValues(values: Record<string, unknown>, fallback: BusinessSettingsValues): BusinessSettingsValues {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const out: BusinessSettingsValues = { ...fallback, closingDays: [...fallback.closingDays] };
  for (const f of ["moveOutFormula", "relettingFormula"] as const) {
    const v = str(f).trim();
    if (v.length <= 500 && validateFormula(v).ok) out[f] = v;
  }
  try {
    const v = str("relettingRule").trim();
    parseRelettingRule(v);
    if (v.length <= 100) out.relettingRule = v;
  } catch {
    /* keep the stored rule */
  }
  for (const f of ["inspectionWindowDays", "draftExpiryDays", "signingLinkExpiryDays"] as const) {
    const r = days(str(f), f);
    if (r.ok) out[f] = r.n;
  }
  const closing = parseClosingDays(str("closingDays"));
  if (closing.ok) out.closingDays = closing.days;
  out.renovationLiable = values.renovationLiable !== undefined && values.renovationLiable !== "";
  return out;
}
