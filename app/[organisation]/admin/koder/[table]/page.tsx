import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { Notice } from "@/components/admin/forms/Fields";
import { ruleText } from "@/components/admin/codes/rule-text";
import { definePage } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { CODE_TABLES, codeFormKey, codeTable, flashRef, hasRule, hasTagText, type CodeTableSlug } from "@/lib/admin/code-form";
import { listCodes } from "@/lib/admin/codes";
import { submitMoveCode, submitSetCodeActive } from "../actions";

const tableSlug = z.enum(CODE_TABLES.map((t) => t.slug) as [CodeTableSlug, ...CodeTableSlug[]]);

export async function generateMetadata({ params }: { params: Promise<{ table: string }> }) {
  const table = codeTable((await params).table);
  const t = await getTranslations("adminCodes");
  return { title: table ? t(`tables.${table.slug}.title`) : t("title") };
}

/** Below md the table is a list of cards: each cell on its own line, with its column's name before it. */
const cell = "p-3 max-md:block max-md:px-0 max-md:py-1 max-md:before:block max-md:before:text-sm max-md:before:font-semibold max-md:before:text-muted max-md:before:content-[attr(data-label)]";

const smallButton =
  "inline-flex min-h-11 min-w-11 items-center justify-center rounded border-2 border-brand bg-white px-3 py-1 text-sm font-semibold text-brand hover:bg-brand/10 disabled:border-line disabled:text-muted";

/** One code table: its codes in order, with edit, move up/down and (de)activate for those who may change codes. */
export default definePage(
  {
    kind: "staff",
    permission: "codes.read",
    params: z.object({ organisation: z.string().min(1).max(60), table: tableSlug }),
    query: z.looseObject({ f: z.string().optional(), gemt: z.string().optional(), slettet: z.string().optional(), flyttet: z.string().optional(), aktiveret: z.string().optional(), deaktiveret: z.string().optional() }),
    returnTo: (p) => adminHref(p.organisation ?? "", "codes", p.table),
  },
  async (ctx, { params, query }) => {
    const t = await getTranslations("adminCodes");
    const table = codeTable(params.table)!;
    const codes = await listCodes(ctx.db, table.type);
    const canManage = ctx.permissions.has("codes.manage");
    const ref = flashRef(query.f);
    const flash = ref ? await readFormFlash(codeFormKey(table.slug, null, "list", ref)) : null;
    const title = t(`tables.${table.slug}.title`);
    const status = query.slettet ? t("status.deleted") : query.flyttet ? t("status.moved") : query.aktiveret ? t("status.activated") : query.deaktiveret ? t("status.deactivated") : null;
    return (
      <AdminShell
        ctx={ctx}
        section="codes"
        title={title}
        lead={t(`tables.${table.slug}.lead`)}
        actions={
          canManage ? (
            <Link href={adminHref(ctx.org.slug, "codes", `${table.slug}/ny`)} className="inline-flex min-h-11 items-center rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand/90" data-testid="add-code">
              {t("list.add")}
            </Link>
          ) : null
        }
      >
        <p className="mb-4">
          <Link href={adminHref(ctx.org.slug, "codes")} className="text-brand underline">
            {t("list.back")}
          </Link>
        </p>
        {status ? <Notice testId="status-message">{status}</Notice> : null}
        {flash?.message ? (
          <Notice tone="error" testId="error-summary">
            {flash.message}
          </Notice>
        ) : null}
        {!canManage ? <p className="mb-4 text-muted" data-testid="read-only">{t("list.readOnly")}</p> : null}
        {codes.length === 0 ? (
          <p>{t("list.empty")}</p>
        ) : (
          <div className="rounded border border-line bg-white">
            <table className="w-full border-collapse text-left max-md:block" data-testid="code-list">
              <caption className="sr-only">{t("list.caption", { table: title })}</caption>
              <thead className="max-md:sr-only">
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-3">{t("list.value")}</th>
                  <th scope="col" className="p-3">{t("list.codeText")}</th>
                  {hasTagText(table.type) ? <th scope="col" className="p-3">{t("list.tagText")}</th> : null}
                  {hasRule(table.type) ? <th scope="col" className="p-3">{t("list.rule")}</th> : null}
                  <th scope="col" className="p-3">{t("list.status")}</th>
                  <th scope="col" className="p-3">{t("list.usage")}</th>
                  {canManage ? <th scope="col" className="p-3">{t("list.actions")}</th> : null}
                </tr>
              </thead>
              <tbody className="max-md:block">
                {codes.map((c, i) => (
                  <tr key={c.id} id={`kode-${c.id}`} className={`border-b border-line align-top max-md:block max-md:px-4 max-md:py-3 ${c.active ? "" : "text-muted"}`} data-testid="code-row" data-value={c.value}>
                    <th scope="row" className={`${cell} font-mono font-semibold`} data-label={t("list.value")}>
                      <Link href={adminHref(ctx.org.slug, "codes", `${table.slug}/${c.id}`)} className="text-brand underline" aria-label={t("list.editLabel", { code: c.value })}>
                        {c.value}
                      </Link>
                    </th>
                    <td className={cell} data-label={t("list.codeText")}>{c.codeText}</td>
                    {hasTagText(table.type) ? <td className={cell} data-label={t("list.tagText")} data-testid="tag-text">{c.tagText ?? ""}</td> : null}
                    {hasRule(table.type) ? <td className={cell} data-label={t("list.rule")}>{ruleText(c.rule, t)}</td> : null}
                    <td className={cell} data-label={t("list.status")}>{c.active ? t("list.active") : t("list.inactive")}</td>
                    <td className={`${cell} md:whitespace-nowrap`} data-label={t("list.usage")}>{t("list.usageCount", { count: c.usage })}</td>
                    {canManage ? (
                      <td className={`${cell} max-md:before:hidden max-md:pt-2`}>
                        <div className="flex flex-wrap gap-2">
                          {(["up", "down"] as const).map((direction) => {
                            const edge = direction === "up" ? i === 0 : i === codes.length - 1;
                            return (
                              <form key={direction} action={submitMoveCode}>
                                <input type="hidden" name="organisation" value={ctx.org.slug} />
                                <input type="hidden" name="table" value={table.slug} />
                                <input type="hidden" name="id" value={c.id} />
                                <input type="hidden" name="direction" value={direction} />
                                <button type="submit" className={smallButton} disabled={edge} aria-label={t(direction === "up" ? "list.moveUpLabel" : "list.moveDownLabel", { code: c.value })} data-testid={`move-${direction}`}>
                                  <span aria-hidden="true">{direction === "up" ? "↑" : "↓"}</span>
                                  <span className="ml-1">{t(direction === "up" ? "list.moveUp" : "list.moveDown")}</span>
                                </button>
                              </form>
                            );
                          })}
                          <form action={submitSetCodeActive}>
                            <input type="hidden" name="organisation" value={ctx.org.slug} />
                            <input type="hidden" name="table" value={table.slug} />
                            <input type="hidden" name="id" value={c.id} />
                            <input type="hidden" name="active" value={c.active ? "false" : "true"} />
                            <input type="hidden" name="from" value="list" />
                            <button type="submit" className={smallButton} data-testid="toggle-active">
                              {c.active ? t("active.deactivate") : t("active.activate")}
                              <span className="sr-only"> ({c.value})</span>
                            </button>
                          </form>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AdminShell>
    );
  },
);
