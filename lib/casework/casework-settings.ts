/**
 * The move-out casework settings form (admin → Indstillinger → Fraflytning; the guide's
 * "Fraflytningsguide" set-up): Vis faser (which phases, in which order), Undertryk faser hvis ingen
 * data, Dan erindring når guiden pauses with its Datoformel, Erindringskategori, the five date
 * formulas, Skal åbne erindringer lukkes når guiden afsluttes?, and the daily e-mail. Pure: how a
 * submitted form becomes settings.casework (formulas read by the rules' parser; field errors are
 * catalogue keys of adminCase.settings.errors), and the form's values for stored settings.
 */
import { MOVE_OUT_PHASES, caseworkSettingsSchema, type CaseworkSettings } from "@/lib/organisation/settings";
import { parseDateFormula, RuleError } from "@/lib/rules";
import { DATE_REMINDER_SOURCES } from "./reminder-dates";

export type FieldErrors = Record<string, string[]>;
const E = (key: string) => `adminCase.settings.errors.${key}`;

export const formulaField = (source: (typeof DATE_REMINDER_SOURCES)[number]) => `formula_${source}`;
export const phaseField = (phase: string) => `phase_${phase}`;
export const orderField = (phase: string) => `order_${phase}`;
export const caseworkSettingsFormKey = (ref: string) => `casework-settings:${ref}`;

/** The form's values (strings, checkboxes "on") for stored settings. */
export function caseworkFormValues(s: CaseworkSettings): Record<string, string> {
  const v: Record<string, string> = {};
  const rest = MOVE_OUT_PHASES.filter((p) => !s.phases.includes(p));
  [...s.phases, ...rest].forEach((p, i) => {
    v[orderField(p)] = String(i + 1);
    if (s.phases.includes(p)) v[phaseField(p)] = "on";
  });
  if (s.suppressEmptyPhases) v.suppressEmptyPhases = "on";
  if (s.reminderOnPause) v.reminderOnPause = "on";
  v.pauseReminderFormula = s.pauseReminderFormula;
  v.reminderCategory = s.reminderCategory;
  for (const src of DATE_REMINDER_SOURCES) v[formulaField(src)] = s.reminderFormulas[src];
  v.closeRemindersOnFinish = s.closeRemindersOnFinish ? "yes" : "no";
  if (s.dailyReminderMail) v.dailyReminderMail = "on";
  return v;
}

/** A formula as the rules read it: null when fine (blank is fine: no reminder), else the error key. */
export function formulaError(value: string): string | null {
  if (value.length > 50) return E("tooLong");
  try {
    parseDateFormula(value);
    return null;
  } catch (e) {
    if (e instanceof RuleError) return E("formula");
    throw e;
  }
}

/** A submitted form → settings.casework, or field errors (nothing is saved then). */
export function parseCaseworkSettingsForm(values: Record<string, unknown>): { ok: true; casework: CaseworkSettings } | { ok: false; errors: FieldErrors } {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const on = (k: string) => str(k) !== "";
  const errors: FieldErrors = {};
  const add = (field: string, key: string) => void (errors[field] ??= []).push(key);

  const order = MOVE_OUT_PHASES.map((p, i) => {
    const raw = str(orderField(p)).trim();
    const n = raw === "" ? i + 1 : /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(n) || n < 1 || n > 99) add(orderField(p), E("order"));
    return { p, n, i };
  });
  const phases = order
    .filter((o) => on(phaseField(o.p)))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((o) => o.p);
  if (phases.length === 0) add("phases", E("phases"));

  const formula = (field: string) => {
    const v = str(field).trim();
    const err = formulaError(v);
    if (err) add(field, err);
    return v;
  };
  const pauseReminderFormula = formula("pauseReminderFormula");
  const reminderFormulas = Object.fromEntries(DATE_REMINDER_SOURCES.map((src) => [src, formula(formulaField(src))])) as CaseworkSettings["reminderFormulas"];

  const reminderCategory = str("reminderCategory").trim();
  if (reminderCategory === "") add("reminderCategory", E("required"));
  else if (reminderCategory.length > 100) add("reminderCategory", E("tooLong"));

  const close = str("closeRemindersOnFinish");
  if (close !== "yes" && close !== "no") add("closeRemindersOnFinish", E("choose"));

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = caseworkSettingsSchema.safeParse({
    phases,
    suppressEmptyPhases: on("suppressEmptyPhases"),
    reminderOnPause: on("reminderOnPause"),
    pauseReminderFormula,
    reminderCategory,
    reminderFormulas,
    closeRemindersOnFinish: close === "yes",
    dailyReminderMail: on("dailyReminderMail"),
  });
  if (!parsed.success) return { ok: false, errors: { "": [E("invalid")] } };
  return { ok: true, casework: parsed.data };
}
