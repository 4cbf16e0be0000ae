import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AdminErrorSummary } from "@/components/admin/forms/ErrorSummary";
import { Button, Field, FieldError, FieldHint, Notice, TextInput } from "@/components/admin/forms/Fields";
import { link } from "@/components/admin/table-classes";
import { definePage } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { flashRef } from "@/lib/admin/code-form";
import { MOVE_OUT_PHASES } from "@/lib/organisation/settings";
import { caseworkFormValues, caseworkSettingsFormKey, formulaField, orderField, phaseField } from "@/lib/casework/casework-settings";
import { DATE_REMINDER_SOURCES } from "@/lib/casework/reminder-dates";
import { submitCaseworkSettings } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminCase"))("settings.title") };
}

/**
 * Indstillinger for fraflytning: the move-out guide's phases and reminders (settings.casework).
 * settings.read to see them, settings.manage to save (lib/casework/save-casework-settings.ts).
 * A date formula the rules cannot read is refused with the message at its field.
 */
export default definePage(
  {
    kind: "staff",
    permission: "settings.read",
    params: z.object({ organisation: z.string().min(1).max(60) }),
    query: z.looseObject({ f: z.string().optional(), gemt: z.enum(["0", "1"]).optional() }),
    returnTo: (p) => adminHref(p.organisation ?? "", "settings", "fraflytning"),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("adminCase");
    const tAll = (await getTranslations()) as unknown as (key: string) => string;
    const canManage = ctx.permissions.has("settings.manage");
    const ref = canManage ? flashRef(query.f) : null;
    const flash = ref ? await readFormFlash(caseworkSettingsFormKey(ref)) : null;
    const values = flash?.values ?? caseworkFormValues(ctx.org.settings.casework);
    const errors: Record<string, string[]> = {};
    for (const [f, list] of Object.entries(flash?.errors ?? {})) errors[f] = list.map((k) => (k.startsWith("adminCase.") ? tAll(k) : k));
    const err = (f: string) => errors[f]?.join(" ");
    const summary = [...(flash?.message ? [{ text: flash.message }] : []), ...Object.entries(errors).flatMap(([f, list]) => list.map((text) => (f ? { fieldId: f === "phases" ? phaseField(MOVE_OUT_PHASES[0]) : f, text } : { text })))];
    const common = { errorPrefix: t("errorPrefix") };
    const checked = (k: string) => values[k] !== undefined && values[k] !== "";
    const section = "mb-6 rounded border border-line bg-white p-4 sm:p-5";
    const checkbox = (name: string, label: string, hint?: string) => (
      <div className="mb-4 flex items-start gap-3">
        <input type="checkbox" id={name} name={name} defaultChecked={checked(name)} aria-describedby={hint ? `${name}-hint` : undefined} className="mt-1 size-6 shrink-0 accent-brand" />
        <div>
          <label htmlFor={name} className="font-semibold">
            {label}
          </label>
          {hint ? <FieldHint id={name}>{hint}</FieldHint> : null}
        </div>
      </div>
    );
    const formula = (name: string, label: string, hint: string) => (
      <Field id={name} label={label} hint={hint} error={err(name)} {...common}>
        <TextInput id={name} defaultValue={values[name] ?? ""} hint error={err(name)} maxLength={60} width="max-w-60" spellCheck={false} className="font-mono" />
      </Field>
    );

    return (
      <AdminShell ctx={ctx} section="settings" title={t("settings.title")} lead={t("settings.lead")}>
        <p className="mb-4">
          <Link href={adminHref(ctx.org.slug, "settings")} className={link}>
            ← {t("settings.back")}
          </Link>
        </p>
        {query.gemt && !flash ? <Notice testId="status-message">{query.gemt === "1" ? t("settings.saved") : t("settings.unchanged")}</Notice> : null}
        {!canManage ? (
          <p className="mb-4 text-muted" data-testid="read-only">
            {t("settings.readOnly")}
          </p>
        ) : null}
        <form action={submitCaseworkSettings} data-save-form noValidate className="max-w-3xl" data-testid="casework-settings-form">
          <AdminErrorSummary heading={t("errorSummary")} errors={summary} />
          <input type="hidden" name="organisation" value={ctx.org.slug} />
          <fieldset disabled={!canManage} className="min-w-0">
            <section className={section}>
              <fieldset className={err("phases") ? "border-l-4 border-red-700 pl-3" : ""} aria-describedby="phases-hint">
                <legend className="text-lg font-bold">{t("settings.phases.legend")}</legend>
                <FieldHint id="phases">{t("settings.phases.hint")}</FieldHint>
                {err("phases") ? <FieldError id="phases" prefix={t("errorPrefix")}>{err("phases")}</FieldError> : null}
                <ul className="mt-3 space-y-2">
                  {MOVE_OUT_PHASES.map((p) => (
                    <li key={p} className="flex flex-wrap items-center gap-3">
                      <input type="checkbox" id={phaseField(p)} name={phaseField(p)} defaultChecked={checked(phaseField(p))} className="size-6 shrink-0 accent-brand" />
                      <label htmlFor={phaseField(p)} className="min-w-40 font-semibold">
                        {t(`phases.${p}`)}
                      </label>
                      <span aria-hidden="true" className="text-sm">
                        {t("settings.phases.order")}
                      </span>
                      <input
                        type="text"
                        inputMode="numeric"
                        id={orderField(p)}
                        name={orderField(p)}
                        defaultValue={values[orderField(p)] ?? ""}
                        maxLength={2}
                        aria-label={`${t("settings.phases.order")}: ${t(`phases.${p}`)}`}
                        aria-invalid={err(orderField(p)) ? true : undefined}
                        className={`w-16 rounded border-2 px-2 py-1 ${err(orderField(p)) ? "border-red-700" : "border-ink/60"}`}
                      />
                      {err(orderField(p)) ? <span className="font-semibold text-red-800">{err(orderField(p))}</span> : null}
                    </li>
                  ))}
                </ul>
              </fieldset>
              <div className="mt-5">{checkbox("suppressEmptyPhases", t("settings.suppressEmptyPhases.label"), t("settings.suppressEmptyPhases.hint"))}</div>
            </section>

            <section className={section}>
              <h2 className="mb-3 text-lg font-bold">{t("settings.reminders")}</h2>
              {checkbox("reminderOnPause", t("settings.reminderOnPause.label"))}
              {formula("pauseReminderFormula", t("settings.pauseReminderFormula.label"), t("settings.formulaHint"))}
              <Field id="reminderCategory" label={t("settings.reminderCategory.label")} hint={t("settings.reminderCategory.hint")} error={err("reminderCategory")} {...common}>
                <TextInput id="reminderCategory" defaultValue={values.reminderCategory ?? ""} hint error={err("reminderCategory")} maxLength={100} width="max-w-80" />
              </Field>
              {DATE_REMINDER_SOURCES.map((src) => (
                <div key={src}>{formula(formulaField(src), t(`settings.formulas.${src}`), t("settings.formulaHintBlank"))}</div>
              ))}
              <fieldset className={`mb-4 ${err("closeRemindersOnFinish") ? "border-l-4 border-red-700 pl-3" : ""}`}>
                <legend className="font-semibold">{t("settings.closeRemindersOnFinish.label")}</legend>
                {err("closeRemindersOnFinish") ? <FieldError id="closeRemindersOnFinish" prefix={t("errorPrefix")}>{err("closeRemindersOnFinish")}</FieldError> : null}
                <div className="mt-2 flex gap-6">
                  {(["yes", "no"] as const).map((v) => (
                    <label key={v} className="flex items-center gap-2">
                      <input type="radio" name="closeRemindersOnFinish" id={v === "yes" ? "closeRemindersOnFinish" : undefined} value={v} defaultChecked={values.closeRemindersOnFinish === v} className="size-5 accent-brand" />
                      {t(`settings.closeRemindersOnFinish.${v}`)}
                    </label>
                  ))}
                </div>
              </fieldset>
              {checkbox("dailyReminderMail", t("settings.dailyReminderMail.label"), t("settings.dailyReminderMail.hint"))}
            </section>
          </fieldset>
          {canManage ? <Button testId="save-casework-settings">{t("settings.save")}</Button> : null}
        </form>
      </AdminShell>
    );
  },
);
