import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { CodeForm } from "@/components/admin/codes/CodeForm";
import { RulePreview } from "@/components/admin/codes/RulePreview";
import { ruleText } from "@/components/admin/codes/rule-text";
import { Button, Notice } from "@/components/admin/forms/Fields";
import { translatedErrors } from "@/components/admin/forms/messages";
import { definePage } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { CODE_TABLES, codeFormKey, codeTable, flashRef, formValuesOf, hasRule, hasTagText, ruleFromForm, type CodeTableSlug } from "@/lib/admin/code-form";
import { getCode } from "@/lib/admin/codes";
import { noticeRulePreview } from "@/lib/admin/previews";
import { todayInDenmark } from "@/lib/time";
import { submitDeleteCode, submitSaveCode, submitSetCodeActive } from "../../actions";

const tableSlug = z.enum(CODE_TABLES.map((t) => t.slug) as [CodeTableSlug, ...CodeTableSlug[]]);

export async function generateMetadata({ params }: { params: Promise<{ table: string }> }) {
  const table = codeTable((await params).table);
  const t = await getTranslations("adminCodes");
  return { title: table ? t(`tables.${table.slug}.title`) : t("title") };
}

/**
 * One code: the edit form (codes.manage; read-only staff see the code and its preview), the notice
 * rule's preview (of the saved rule, or of the typed one after "Vis eksempel"), deactivate /
 * reactivate, and delete when nothing uses it.
 */
export default definePage(
  {
    kind: "staff",
    permission: "codes.read",
    params: z.object({ organisation: z.string().min(1).max(60), table: tableSlug, id: z.uuid() }),
    query: z.looseObject({ f: z.string().optional(), gemt: z.string().optional(), eksempel: z.string().optional(), aktiveret: z.string().optional(), deaktiveret: z.string().optional() }),
    returnTo: (p) => adminHref(p.organisation ?? "", "codes", `${p.table}/${p.id}`),
  },
  async (ctx, { params, query }) => {
    const t = await getTranslations("adminCodes");
    const table = codeTable(params.table)!;
    const code = await getCode(ctx.db, table.type, params.id);
    if (!code) throw new NotFound("code");
    const canManage = ctx.permissions.has("codes.manage");
    const ref = canManage ? flashRef(query.f) : null;
    const flash = ref ? await readFormFlash(codeFormKey(table.slug, code.id, "edit", ref)) : null;
    const deleteFlash = ref ? await readFormFlash(codeFormKey(table.slug, code.id, "delete", ref)) : null;
    const values = flash?.values ?? formValuesOf(code);
    const errors = await translatedErrors(flash?.errors);
    const deleteErrors = await translatedErrors(deleteFlash?.errors);
    const title = t(`tables.${table.slug}.title`);
    const today = todayInDenmark();
    const typed = hasRule(table.type) && flash ? ruleFromForm(values) : null;
    const preview = !hasRule(table.type) ? undefined : typed ? (typed.ok ? noticeRulePreview(typed.rule, today) : null) : code.rule ? noticeRulePreview(code.rule, today) : null;
    const status = query.gemt ? t("status.saved") : query.aktiveret ? t("status.activated") : query.deaktiveret ? t("status.deactivated") : null;
    const hidden = (
      <>
        <input type="hidden" name="organisation" value={ctx.org.slug} />
        <input type="hidden" name="table" value={table.slug} />
        <input type="hidden" name="id" value={code.id} />
      </>
    );
    return (
      <AdminShell ctx={ctx} section="codes" title={t("form.editTitle", { table: title, code: code.value })} lead={code.codeText}>
        <p className="mb-4">
          <Link href={adminHref(ctx.org.slug, "codes", table.slug)} className="text-brand underline">
            {t("form.cancel", { table: title })}
          </Link>
        </p>
        {status && !flash ? <Notice testId="status-message">{status}</Notice> : null}
        {canManage ? (
          <CodeForm slug={ctx.org.slug} table={table} id={code.id} values={values} errors={errors} message={flash?.message} valueLocked={code.usage > 0} action={submitSaveCode} />
        ) : (
          <dl className="grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 rounded border border-line bg-white p-5 sm:grid-cols-[auto_1fr] sm:gap-y-2" data-testid="code-details">
            <dt className="font-semibold">{t("form.value")}</dt>
            <dd className="font-mono">{code.value}</dd>
            <dt className="font-semibold">{t("form.codeText")}</dt>
            <dd>{code.codeText}</dd>
            <dt className="font-semibold">{t("form.codeTextEn")}</dt>
            <dd lang="en">{code.codeTextEn ?? "–"}</dd>
            {hasTagText(table.type) ? (
              <>
                <dt className="font-semibold">{t("form.tagText")}</dt>
                <dd>{code.tagText ?? "–"}</dd>
                <dt className="font-semibold">{t("form.tagTextEn")}</dt>
                <dd lang="en">{code.tagTextEn ?? "–"}</dd>
              </>
            ) : null}
            {hasRule(table.type) ? (
              <>
                <dt className="font-semibold">{t("list.rule")}</dt>
                <dd>{ruleText(code.rule, t)}</dd>
              </>
            ) : null}
            <dt className="font-semibold">{t("list.status")}</dt>
            <dd>{code.active ? t("list.active") : t("list.inactive")}</dd>
          </dl>
        )}
        {preview !== undefined ? <RulePreview preview={preview} codeText={values.codeText ?? code.codeText} typed={typed !== null} /> : null}

        {canManage ? (
          <>
            <section aria-labelledby="aktiv-heading" className="mt-8 max-w-2xl rounded border border-line bg-white p-5">
              <h2 id="aktiv-heading" className="text-xl font-bold">
                {t("active.heading")}
              </h2>
              <p className="mt-2" data-testid="active-status">
                {code.active ? t("active.isActive") : t("active.isInactive")}
              </p>
              <form action={submitSetCodeActive} className="mt-3">
                {hidden}
                <input type="hidden" name="active" value={code.active ? "false" : "true"} />
                <Button variant="secondary" testId="toggle-active">
                  {code.active ? t("active.deactivate") : t("active.activate")}
                </Button>
              </form>
            </section>
            <section id="slet" aria-labelledby="slet-heading" className="mt-8 max-w-2xl rounded border border-line bg-white p-5" tabIndex={-1}>
              <h2 id="slet-heading" className="text-xl font-bold">
                {t("delete.heading")}
              </h2>
              {deleteErrors[""]?.length ? (
                <Notice tone="error" testId="delete-error">
                  {deleteErrors[""].join(" ")}
                </Notice>
              ) : null}
              {deleteFlash?.message ? (
                <Notice tone="error" testId="delete-error">
                  {deleteFlash.message}
                </Notice>
              ) : null}
              <p className="mt-2" data-testid="delete-info">
                {code.usage > 0 ? t("delete.inUse", { count: code.usage }) : t("delete.unused")}
              </p>
              {code.usage === 0 ? (
                <form action={submitDeleteCode} className="mt-3">
                  {hidden}
                  <Button variant="danger" testId="delete-code">
                    {t("delete.button")}
                  </Button>
                </form>
              ) : null}
            </section>
          </>
        ) : null}
      </AdminShell>
    );
  },
);
