import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { FilterActions } from "@/components/admin/FilterActions";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { filterInput as input, link, tbl } from "@/components/admin/table-classes";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { filtersOf, listTodos, todoFilterParams, todoListQuerySchema } from "@/lib/todos/list";
import { formatLongDate } from "@/lib/text/dates";
import { danishTime, todayInDenmark } from "@/lib/time";

export async function generateMetadata() {
  return { title: (await getTranslations("adminTodos"))("title") };
}

/**
 * The to-do list: filters as a GET form (type, status — open by default —, forfald=idag), keyset
 * pages (efter), each row linking to the to-do's page. todos.read: caseworkers, read-only staff and
 * the "Complete to-dos" role; each row shows only what the to-do is about.
 */
export default definePage(
  { kind: "staff", permission: "todos.read", params: z.object({ organisation: z.string().min(1).max(50) }), query: todoListQuerySchema, returnTo: (p) => adminHref(p.organisation ?? "", "todos") },
  async (ctx, { query }) => {
    const t = await getTranslations("adminTodos");
    const locale = await getLocale();
    const base = adminHref(ctx.org.slug, "todos");
    const today = todayInDenmark();
    const filters = filtersOf(query);
    const page = await listTodos(ctx.db, filters, { after: query.efter ?? null, today });
    const params = todoFilterParams(filters);
    const first = params.size > 0 ? `${base}?${params.toString()}` : base;
    const next = page.next ? `${base}?${new URLSearchParams([...params.entries(), ["efter", page.next]]).toString()}` : null;
    const when = (d: Date) => `${formatLongDate(todayInDenmark(d), locale)} ${danishTime(d)}`;
    const dash = <span className="text-muted">—</span>;
    return (
      <AdminShell ctx={ctx} section="todos" title={t("title")} lead={t("lead")}>
        {query.gemt ? (
          <div role="status" className="mb-4 rounded border-2 border-green-700 bg-green-50 p-3 font-semibold" data-testid="todo-saved">
            {t(`saved.${query.gemt}`)}
          </div>
        ) : null}
        <form method="get" action={base} className="mb-6 rounded border border-line bg-white p-4" data-testid="todo-filter">
          <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            <legend className="mb-2 font-bold">{t("filter.legend")}</legend>
            <div>
              <label htmlFor="type" className="font-semibold">
                {t("filter.type")}
              </label>
              <select id="type" name="type" defaultValue={filters.type ?? ""} className={input}>
                <option value="">{t("filter.anyType")}</option>
                <option value="confirm-notice">{t("kinds.CONFIRM_NOTICE")}</option>
                <option value="provide-tenancy-details">{t("kinds.PROVIDE_TENANCY_DETAILS")}</option>
                <option value="reminder">{t("kinds.REMINDER")}</option>
              </select>
            </div>
            <div>
              <label htmlFor="status" className="font-semibold">
                {t("filter.status")}
              </label>
              <select id="status" name="status" defaultValue={filters.status} className={input}>
                {(["open", "completed", "cancelled", "all"] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex items-start gap-2 sm:pt-7">
              <input id="forfald" name="forfald" type="checkbox" value="idag" defaultChecked={filters.dueToday} className="mt-1 h-5 w-5 shrink-0 accent-brand" />
              <label htmlFor="forfald">{t("filter.dueToday")}</label>
            </div>
          </fieldset>
          <FilterActions className="mt-4 flex flex-wrap items-center gap-3" submit={t("filter.submit")} submitTestId="todo-filter-submit" reset={t("filter.reset")} resetHref={base} />
        </form>

        {page.rows.length === 0 ? (
          <p data-testid="todo-none">{t("table.none")}</p>
        ) : (
          <DataTable testId="todo-list" caption={t("table.caption")} headings={[t("table.kind"), t("table.address"), t("table.about"), t("table.due"), t("table.created"), t("table.status")]}>
            {page.rows.map((r) => (
              <tr key={r.id} className={tbl.tr} data-testid="todo-row" data-kind={r.kind} data-address={r.address ?? ""}>
                <th scope="row" className={`${tbl.rowHeader} max-sm:font-semibold`}>
                  <Link href={adminHref(ctx.org.slug, "todos", r.id)} className={link} data-testid="todo-open">
                    {t(`kinds.${r.kind}`)}
                  </Link>
                </th>
                <LabelledCell label={t("table.address")} className={`${tbl.cell} break-words`}>
                  {r.address ? (
                    <>
                      {r.address}
                      <span className="text-sm text-muted max-sm:ml-1 sm:block">{r.postalCity}</span>
                    </>
                  ) : (
                    dash
                  )}
                </LabelledCell>
                <LabelledCell label={t("table.about")} className={`${tbl.cell} break-words`}>
                  {r.kind === "CONFIRM_NOTICE" && r.noticeStatus ? (
                    <span data-testid="todo-notice-status">{t("table.noticeStatus", { status: t(`noticeStatus.${r.noticeStatus as "SUBMITTED"}`) })}</span>
                  ) : r.kind === "PROVIDE_TENANCY_DETAILS" && r.missing.length > 0 ? (
                    t("table.missing", { fields: r.missing.map((m) => t(`missing.${m}`)).join(", ") })
                  ) : r.kind === "REMINDER" && r.title ? (
                    r.title
                  ) : (
                    dash
                  )}
                </LabelledCell>
                <LabelledCell label={t("table.due")}>{r.dueDate ? <span className="whitespace-nowrap">{formatLongDate(r.dueDate, locale)}</span> : dash}</LabelledCell>
                <LabelledCell label={t("table.created")}>
                  <span className="whitespace-nowrap">{when(r.createdAt)}</span>
                </LabelledCell>
                <LabelledCell label={t("table.status")}>{t(`todoStatus.${r.status}`)}</LabelledCell>
              </tr>
            ))}
          </DataTable>
        )}
        {query.efter || next ? (
          <nav aria-label={t("table.caption")} className="mt-4 flex gap-4" data-testid="todo-pagination">
            {query.efter ? (
              <Link href={first} className={link}>
                {t("table.first")}
              </Link>
            ) : null}
            {next ? (
              <Link href={next} rel="next" className={link} data-testid="todo-next">
                {t("table.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </AdminShell>
    );
  },
);
