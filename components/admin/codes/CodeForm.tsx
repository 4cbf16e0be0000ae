import { getLocale, getTranslations } from "next-intl/server";
import type { CodeTable } from "@/lib/admin/code-form";
import { hasRule, hasTagText } from "@/lib/admin/code-form";
import { AdminErrorSummary } from "@/components/admin/forms/ErrorSummary";
import { Button, Field, FieldError, FieldHint, TextInput, describedBy } from "@/components/admin/forms/Fields";
import { LiveRulePreview } from "./LiveRulePreview";

type Props = {
  slug: string;
  table: CodeTable;
  /** null: a new code. */
  id: string | null;
  values: Record<string, string>;
  /** Field → translated messages ("" = the form as a whole). */
  errors: Record<string, string[]>;
  /** A refusal of the form as a whole (signed out, rate limited …), already translated. */
  message?: string;
  /** The value cannot change (the code is in use). */
  valueLocked: boolean;
  action: (formData: FormData) => Promise<void>;
};

const FIELD_ORDER = ["", "value", "codeText", "codeTextEn", "tagText", "tagTextEn", "ruleMonths", "ruleDays", "ruleAnchor", "ruleRunningMonth"];
const FIELD_TARGET: Record<string, string> = { ruleAnchor: "ruleAnchor-first" };

/** The add / edit form of a code (a plain form posting to a server action; marked data-save-form for F9 / Ctrl+S). */
export async function CodeForm(props: Props) {
  const t = await getTranslations("adminCodes");
  const locale = await getLocale();
  const { table, values } = props;
  const err = (f: string) => props.errors[f]?.join(" ");
  const summary = [
    ...(props.message ? [{ text: props.message }] : []),
    ...FIELD_ORDER.flatMap((f) => (props.errors[f] ?? []).map((text) => (f === "" ? { text } : { fieldId: FIELD_TARGET[f] ?? f, text }))),
  ];
  const common = { errorPrefix: t("form.errorPrefix") };
  return (
    <form action={props.action} data-save-form noValidate className="max-w-2xl" data-testid="code-form">
      <AdminErrorSummary heading={t("form.errorSummary")} errors={summary} />
      <input type="hidden" name="organisation" value={props.slug} />
      <input type="hidden" name="table" value={table.slug} />
      {props.id ? <input type="hidden" name="id" value={props.id} /> : null}

      <Field id="value" label={t("form.value")} hint={props.valueLocked ? t("form.valueLocked") : t("form.valueHint")} error={err("value")} {...common}>
        <TextInput id="value" defaultValue={values.value} hint error={err("value")} maxLength={40} width="max-w-60" readOnly={props.valueLocked} spellCheck={false} />
      </Field>
      <Field id="codeText" label={t("form.codeText")} hint={hasRule(table.type) ? t("form.codeTextHintVarsler") : t("form.codeTextHint")} error={err("codeText")} {...common}>
        <TextInput id="codeText" defaultValue={values.codeText} hint error={err("codeText")} maxLength={250} />
      </Field>
      <Field id="codeTextEn" label={t("form.codeTextEn")} optional={t("form.optional")} hint={t("form.codeTextEnHint")} error={err("codeTextEn")} {...common}>
        <TextInput id="codeTextEn" defaultValue={values.codeTextEn} hint error={err("codeTextEn")} maxLength={250} />
      </Field>
      {hasTagText(table.type) ? (
        <>
          <Field id="tagText" label={t("form.tagText")} optional={t("form.optional")} hint={t("form.tagTextHint")} error={err("tagText")} {...common}>
            <TextInput id="tagText" defaultValue={values.tagText} hint error={err("tagText")} maxLength={250} />
          </Field>
          <Field id="tagTextEn" label={t("form.tagTextEn")} optional={t("form.optional")} error={err("tagTextEn")} {...common}>
            <TextInput id="tagTextEn" defaultValue={values.tagTextEn} error={err("tagTextEn")} maxLength={250} />
          </Field>
        </>
      ) : null}

      {hasRule(table.type) ? (
        <fieldset className="mb-5 rounded border border-line bg-white p-4" data-testid="rule-fields">
          <legend className="px-1 text-lg font-bold">{t("form.rule")}</legend>
          <div className="flex flex-wrap gap-x-6">
            <Field id="ruleMonths" label={t("form.ruleMonths")} error={err("ruleMonths")} {...common}>
              <TextInput id="ruleMonths" defaultValue={values.ruleMonths} error={err("ruleMonths")} inputMode="numeric" maxLength={3} width="w-24" />
            </Field>
            <Field id="ruleDays" label={t("form.ruleDays")} optional={t("form.optional")} hint={t("form.ruleDaysHint")} error={err("ruleDays")} className="max-w-sm" {...common}>
              <TextInput id="ruleDays" defaultValue={values.ruleDays} hint error={err("ruleDays")} inputMode="numeric" maxLength={3} width="w-24" />
            </Field>
          </div>
          <fieldset className={`mb-5 ${err("ruleAnchor") ? "border-l-4 border-red-700 pl-3" : ""}`} aria-describedby={describedBy("ruleAnchor", undefined, err("ruleAnchor"))}>
            <legend className="font-semibold">{t("form.ruleAnchor")}</legend>
            {err("ruleAnchor") ? (
              <FieldError id="ruleAnchor" prefix={t("form.errorPrefix")}>
                {err("ruleAnchor")}
              </FieldError>
            ) : null}
            {(["first", "first-or-fifteenth", "any"] as const).map((a) => (
              <div key={a} className="mt-2 flex items-center gap-3">
                <input type="radio" id={`ruleAnchor-${a}`} name="ruleAnchor" value={a} defaultChecked={values.ruleAnchor === a} className="size-6 accent-brand" />
                <label htmlFor={`ruleAnchor-${a}`}>{t(`form.anchor.${a}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className={err("ruleRunningMonth") ? "border-l-4 border-red-700 pl-3" : ""}>
            {err("ruleRunningMonth") ? (
              <FieldError id="ruleRunningMonth" prefix={t("form.errorPrefix")}>
                {err("ruleRunningMonth")}
              </FieldError>
            ) : null}
            <div className="flex items-start gap-3">
              <input
                type="checkbox"
                id="ruleRunningMonth"
                name="ruleRunningMonth"
                defaultChecked={values.ruleRunningMonth !== undefined && values.ruleRunningMonth !== ""}
                aria-describedby={describedBy("ruleRunningMonth", true, err("ruleRunningMonth"))}
                aria-invalid={err("ruleRunningMonth") ? true : undefined}
                className="mt-1 size-6 shrink-0 accent-brand"
              />
              <label htmlFor="ruleRunningMonth">{t("form.ruleRunningMonth")}</label>
            </div>
            <FieldHint id="ruleRunningMonth">{t("form.ruleRunningMonthHint")}</FieldHint>
          </div>
        </fieldset>
      ) : null}

      {hasRule(table.type) ? (
        <LiveRulePreview
          slug={props.slug}
          locale={locale === "en" ? "en" : "da"}
          texts={{ heading: t.raw("live.heading") as string, today: t.raw("live.today") as string, upcoming: t.raw("live.upcoming") as string, invalid: t("live.invalid") }}
        />
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button name="intent" value="save" testId="save-code">
          {t("form.save")}
        </Button>
        {hasRule(table.type) ? (
          <Button name="intent" value="preview" variant="secondary" testId="preview-rule" formNoValidate>
            {t("form.preview")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
