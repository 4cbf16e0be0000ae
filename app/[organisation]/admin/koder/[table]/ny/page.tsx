import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { CodeForm } from "@/components/admin/codes/CodeForm";
import { RulePreview } from "@/components/admin/codes/RulePreview";
import { translatedErrors } from "@/components/admin/forms/messages";
import { definePage } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { CODE_TABLES, codeFormKey, codeTable, flashRef, hasRule, ruleFromForm, type CodeTableSlug } from "@/lib/admin/code-form";
import { noticeRulePreview } from "@/lib/admin/previews";
import { todayInDenmark } from "@/lib/time";
import { submitSaveCode } from "../../actions";

const tableSlug = z.enum(CODE_TABLES.map((t) => t.slug) as [CodeTableSlug, ...CodeTableSlug[]]);

export async function generateMetadata({ params }: { params: Promise<{ table: string }> }) {
  const table = codeTable((await params).table);
  const t = await getTranslations("adminCodes");
  return { title: t("form.newTitle", { table: table ? t(`tables.${table.slug}.title`) : "" }) };
}

/** Adds a code to a table (codes.manage). */
export default definePage(
  { kind: "staff", permission: "codes.manage", params: z.object({ organisation: z.string().min(1).max(60), table: tableSlug }), query: z.looseObject({ f: z.string().optional() }), returnTo: (p) => adminHref(p.organisation ?? "", "codes", `${p.table}/ny`) },
  async (ctx, { params, query }) => {
    const t = await getTranslations("adminCodes");
    const table = codeTable(params.table)!;
    const ref = flashRef(query.f);
    const flash = ref ? await readFormFlash(codeFormKey(table.slug, null, "edit", ref)) : null;
    const values = flash?.values ?? (hasRule(table.type) ? { ruleAnchor: "first" } : {});
    const errors = await translatedErrors(flash?.errors);
    const title = t(`tables.${table.slug}.title`);
    const rule = hasRule(table.type) && flash ? ruleFromForm(values) : null;
    return (
      <AdminShell ctx={ctx} section="codes" title={t("form.newTitle", { table: title })}>
        <p className="mb-4">
          <Link href={adminHref(ctx.org.slug, "codes", table.slug)} className="text-brand underline">
            {t("form.cancel", { table: title })}
          </Link>
        </p>
        <CodeForm slug={ctx.org.slug} table={table} id={null} values={values} errors={errors} message={flash?.message} valueLocked={false} action={submitSaveCode} />
        {rule ? <RulePreview preview={rule.ok ? noticeRulePreview(rule.rule, todayInDenmark()) : null} codeText={values.codeText ?? ""} typed /> : null}
      </AdminShell>
    );
  },
);
