import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { link } from "@/components/admin/table-classes";
import { AdminErrorSummary } from "@/components/admin/forms/ErrorSummary";
import { Button, Field, FieldError, FieldHint, Notice, TextInput, describedBy, inputClass } from "@/components/admin/forms/Fields";
import { FormulaProblemView } from "@/components/admin/forms/FormulaProblem";
import { translatedErrors } from "@/components/admin/forms/messages";
import { definePage } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { businessSettingsFormKey, BUSINESS_SETTING_KEYS, badClosingDays, businessValuesOf, formValuesOfSettings, lenientBusinessValues } from "@/lib/admin/business-settings-form";
import { flashRef } from "@/lib/admin/code-form";
import { businessSettingsPreview, defaultSampleMoveOut, formulaProblem } from "@/lib/admin/previews";
import { isISODate } from "@/lib/rules";
import { formatLongDate } from "@/lib/text/dates";
import { todayInDenmark } from "@/lib/time";
import { submitBusinessSettings } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminSettings"))("title") };
}

/**
 * Forretningsregler: the business-process settings with an example for a sample move-out date
 * (?flytning=YYYY-MM-DD, a GET form). settings.read to see them, settings.manage to save. A
 * formula that does not parse is shown with the character at the error's position marked.
 */
export default definePage(
  {
    kind: "staff",
    permission: "settings.read",
    params: z.object({ organisation: z.string().min(1).max(60) }),
    query: z.looseObject({ f: z.string().optional(), flytning: z.string().max(20).optional(), gemt: z.enum(["0", "1"]).optional(), eksempel: z.string().optional() }),
    returnTo: (p) => adminHref(p.organisation ?? "", "settings"),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("adminSettings");
    const tCase = await getTranslations("adminCase");
    const locale = await getLocale();
    const d = (iso: string) => formatLongDate(iso, locale);
    const canManage = ctx.permissions.has("settings.manage");
    const today = todayInDenmark();
    const fallbackSample = defaultSampleMoveOut(today);
    const sampleOk = query.flytning !== undefined && isISODate(query.flytning);
    const sample = sampleOk ? query.flytning! : fallbackSample;

    const saved = businessValuesOf(ctx.org.settings);
    const ref = canManage ? flashRef(query.f) : null;
    const flash = ref ? await readFormFlash(businessSettingsFormKey(ref)) : null;
    const values = flash?.values ?? formValuesOfSettings(saved);
    const errors = await translatedErrors(flash?.errors);
    const problems = {
      moveOutFormula: formulaProblem(values.moveOutFormula ?? ""),
      relettingFormula: formulaProblem(values.relettingFormula ?? ""),
    };
    // A formula's message names the position; the closing days' message the entries it could not read.
    for (const f of ["moveOutFormula", "relettingFormula"] as const) {
      const p = problems[f];
      if (errors[f] && p) errors[f] = [t("errors.formulaAt", { position: p.position + 1, message: p.detail })];
    }
    const bad = badClosingDays(values.closingDays ?? "");
    if (errors.closingDays && bad.length > 0) errors.closingDays = [t("errors.closingDaysBad", { days: bad.join(", ") })];

    const shown = flash ? lenientBusinessValues(values, saved) : saved;
    const preview = businessSettingsPreview(shown, { today, moveOut: sample });
    const err = (f: string) => errors[f]?.join(" ");
    const summary = [
      ...(flash?.message ? [{ text: flash.message }] : []),
      ...(errors[""] ?? []).map((text) => ({ text })),
      ...BUSINESS_SETTING_KEYS.flatMap((f) => (errors[f] ?? []).map((text) => ({ fieldId: f, text }))),
    ];
    const common = { errorPrefix: t("form.errorPrefix") };
    const example = (testId: string, children: ReactNode) => (
      <p className="mt-2 rounded bg-brand/5 px-3 py-2 text-sm" data-testid={testId}>
        <span className="font-semibold">{t("form.example")}</span> {children}
      </p>
    );
    const formulaInput = (f: "moveOutFormula" | "relettingFormula") => (
      <Field id={f} label={t(`fields.${f}.label`)} hint={t(`fields.${f}.hint`)} error={err(f)} {...common}>
        <textarea
          id={f}
          name={f}
          rows={2}
          defaultValue={values[f]}
          maxLength={600}
          spellCheck={false}
          aria-invalid={err(f) ? true : undefined}
          aria-describedby={describedBy(f, true, err(f))}
          className={`${inputClass(err(f))} font-mono`}
        />
        {problems[f] && (err(f) || !flash) ? <FormulaProblemView problem={problems[f]!} id={f} /> : null}
      </Field>
    );
    const days = (f: "inspectionWindowDays" | "draftExpiryDays" | "signingLinkExpiryDays") => (
      <Field id={f} label={t(`fields.${f}.label`)} hint={t(`fields.${f}.hint`)} error={err(f)} {...common}>
        <TextInput id={f} defaultValue={values[f]} hint error={err(f)} inputMode="numeric" maxLength={4} width="w-28" />
      </Field>
    );
    const verdict = (ok: boolean | null, blank: boolean, keys: { none: string; yes: string; no: string }, date: string) =>
      ok === null ? t("preview.unavailable") : blank ? t(keys.none, { date: d(date) }) : ok ? t(keys.yes, { date: d(date) }) : t(keys.no, { date: d(date) });

    return (
      <AdminShell ctx={ctx} section="settings" title={t("title")} lead={t("lead")}>
        {query.gemt && !flash ? <Notice testId="status-message">{query.gemt === "1" ? t("saved") : t("unchanged")}</Notice> : null}
        {!canManage ? <p className="mb-4 text-muted" data-testid="read-only">{t("readOnly")}</p> : null}

        <p className="mb-6">
          <Link href={adminHref(ctx.org.slug, "settings", "fraflytning")} className={link} data-testid="casework-settings-link">
            {tCase("settingsLink")}
          </Link>
        </p>

        <form method="get" className="mb-8 max-w-3xl rounded border border-line bg-white p-5" data-testid="sample-form">
          <fieldset>
            <legend className="text-lg font-bold">{t("sample.legend")}</legend>
            {query.flytning !== undefined && !sampleOk ? <p className="mt-2 font-semibold text-red-800">{t("sample.invalid", { date: d(sample) })}</p> : null}
            <div className="mt-2 flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor="flytning" className="block font-semibold">
                  {t("sample.label")}
                </label>
                <FieldHint id="flytning">{t("sample.hint", { today: d(today) })}</FieldHint>
                <input type="date" id="flytning" name="flytning" defaultValue={sample} aria-describedby="flytning-hint" className={`${inputClass()} mt-1 w-48`} />
              </div>
              <Button variant="secondary" testId="show-sample">
                {t("sample.show")}
              </Button>
            </div>
          </fieldset>
        </form>

        <form action={submitBusinessSettings} data-save-form noValidate className="max-w-3xl" data-testid="settings-form">
          <AdminErrorSummary heading={t("form.errorSummary")} errors={summary} />
          {flash && !flash.message ? (
            <p id="eksempel" tabIndex={-1} className="mb-4 rounded border-l-8 border-brand bg-brand/5 p-3" data-testid="preview-typed">
              {t("form.typed")}
            </p>
          ) : null}
          <input type="hidden" name="organisation" value={ctx.org.slug} />
          <input type="hidden" name="sampleMoveOut" value={sample} />
          <fieldset disabled={!canManage} className="min-w-0">
            <section className="mb-6 rounded border border-line bg-white p-5">
              {formulaInput("moveOutFormula")}
              {example("preview-moveOut", problems.moveOutFormula ? t("preview.unavailable") : verdict(preview.moveOutAccepted, shown.moveOutFormula === "", { none: "preview.moveOutNone", yes: "preview.moveOutAccepted", no: "preview.moveOutRefused" }, sample))}
            </section>
            <section className="mb-6 rounded border border-line bg-white p-5">
              <Field id="relettingRule" label={t("fields.relettingRule.label")} hint={t("fields.relettingRule.hint")} error={err("relettingRule")} {...common}>
                <TextInput id="relettingRule" defaultValue={values.relettingRule} hint error={err("relettingRule")} maxLength={120} width="max-w-60" spellCheck={false} className="font-mono" />
              </Field>
              {example("preview-reletting", preview.relettingDate ? t("preview.reletting", { moveOut: d(sample), date: d(preview.relettingDate) }) : t("preview.unavailable"))}
              <div className="mt-5">{formulaInput("relettingFormula")}</div>
              {example(
                "preview-relettingFormula",
                preview.relettingDate && !problems.relettingFormula ? verdict(preview.relettingAccepted, shown.relettingFormula === "", { none: "preview.relettingNone", yes: "preview.relettingAccepted", no: "preview.relettingRefused" }, preview.relettingDate) : t("preview.unavailable"),
              )}
            </section>
            <section className="mb-6 rounded border border-line bg-white p-5">
              {days("inspectionWindowDays")}
              <Field id="closingDays" label={t("fields.closingDays.label")} hint={t("fields.closingDays.hint")} error={err("closingDays")} {...common}>
                <textarea
                  id="closingDays"
                  name="closingDays"
                  rows={2}
                  defaultValue={values.closingDays}
                  maxLength={1000}
                  aria-invalid={err("closingDays") ? true : undefined}
                  aria-describedby={describedBy("closingDays", true, err("closingDays"))}
                  className={inputClass(err("closingDays"))}
                />
              </Field>
              {example(
                "preview-inspection",
                preview.inspection.count > 0 && preview.inspection.first && preview.inspection.last
                  ? t("preview.inspection", { count: preview.inspection.count, first: d(preview.inspection.first), last: d(preview.inspection.last), default: preview.inspection.default ? d(preview.inspection.default) : "–" })
                  : t("preview.inspectionNone"),
              )}
            </section>
            <section className="mb-6 rounded border border-line bg-white p-5">
              <div className="flex items-start gap-3">
                <input
                  type="checkbox"
                  id="renovationLiable"
                  name="renovationLiable"
                  defaultChecked={values.renovationLiable !== undefined && values.renovationLiable !== ""}
                  aria-describedby="renovationLiable-hint"
                  className="mt-1 size-6 shrink-0 accent-brand"
                />
                <div>
                  <label htmlFor="renovationLiable" className="font-semibold">
                    {t("fields.renovationLiable.label")}
                  </label>
                  <FieldHint id="renovationLiable">{t("fields.renovationLiable.hint")}</FieldHint>
                </div>
              </div>
              {err("renovationLiable") ? <FieldError id="renovationLiable" prefix={t("form.errorPrefix")}>{err("renovationLiable")}</FieldError> : null}
              {example("preview-liability", preview.liabilityTo ? t("preview.liability", { date: d(preview.liabilityTo) }) : t("preview.unavailable"))}
            </section>
            <section className="mb-6 rounded border border-line bg-white p-5">
              {days("draftExpiryDays")}
              {example("preview-draft", t("preview.draft", { date: d(preview.draftExpiresOn) }))}
              <div className="mt-5">{days("signingLinkExpiryDays")}</div>
              {example("preview-signingLink", t("preview.signingLink", { date: d(preview.signingLinkExpiresOn) }))}
            </section>
          </fieldset>
          {canManage ? (
            <div className="flex flex-wrap gap-3">
              <Button name="intent" value="save" testId="save-settings">
                {t("form.save")}
              </Button>
              <Button name="intent" value="preview" variant="secondary" testId="preview-settings" formNoValidate>
                {t("form.preview")}
              </Button>
            </div>
          ) : null}
        </form>
      </AdminShell>
    );
  },
);
