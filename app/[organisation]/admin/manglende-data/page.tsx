import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { filterInput as input, link, tbl } from "@/components/admin/table-classes";
import { FilterActions } from "@/components/admin/FilterActions";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { countMissingData, listMissingData, missingDataFilterOptions, missingDataListQuerySchema, type MissingDataFilter } from "@/lib/casework/missing-data";
import { formatLongDate } from "@/lib/text/dates";

export async function generateMetadata() {
  return { title: (await getTranslations("adminMissingData"))("title") };
}

function filterParams(f: MissingDataFilter): URLSearchParams {
  const q = new URLSearchParams();
  if (f.selskab) q.set("selskab", f.selskab);
  if (f.ejendom) q.set("ejendom", f.ejendom);
  return q;
}

/**
 * The missing-data report (lib/casework/missing-data.ts): active tenancies without a notice rule or
 * renovation period, filterable by company and property (a GET form, works without JavaScript),
 * keyset pages ("efter"), each row linking to the tenancy's edit page, and the same as CSV.
 */
export default definePage(
  { kind: "staff", permission: "reports.read", params: z.object({ organisation: z.string().min(1).max(50) }), query: missingDataListQuerySchema, returnTo: (p) => adminHref(p.organisation ?? "", "missingData") },
  async (ctx, { query }) => {
    const t = await getTranslations("adminMissingData");
    const locale = await getLocale();
    const base = adminHref(ctx.org.slug, "missingData");
    const { efter, ...filter } = query;
    const [page, total, options] = await Promise.all([listMissingData(ctx.db, filter, { after: efter }), countMissingData(ctx.db, filter), missingDataFilterOptions(ctx.db)]);
    const params = filterParams(filter);
    const filtered = [...params.keys()].length > 0;
    const csv = `/api/${ctx.org.slug}/admin/manglende-data/csv${filtered ? `?${params.toString()}` : ""}`;
    const next = page.next ? `${base}?${new URLSearchParams([...params.entries(), ["efter", page.next]]).toString()}` : null;
    const first = filtered ? `${base}?${params.toString()}` : base;
    const missing = <strong className="font-semibold text-red-800">{t("table.missing")}</strong>;
    return (
      <AdminShell
        ctx={ctx}
        section="missingData"
        title={t("title")}
        lead={t("lead")}
        actions={
          <a href={csv} download className="rounded border border-brand px-4 py-2 font-semibold text-brand no-underline hover:bg-brand/10" data-testid="missing-data-csv">
            {t("filter.csv")}
          </a>
        }
      >
        <form method="get" action={base} className="mb-6 rounded border border-line bg-white p-4" data-testid="missing-data-filter">
          <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <legend className="mb-2 font-bold">{t("filter.legend")}</legend>
            <div>
              <label htmlFor="selskab" className="font-semibold">{t("filter.selskab")}</label>
              <select id="selskab" name="selskab" defaultValue={filter.selskab ?? ""} className={input}>
                <option value="">{t("filter.any")}</option>
                {options.selskaber.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.nr} {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="ejendom" className="font-semibold">{t("filter.ejendom")}</label>
              <select id="ejendom" name="ejendom" defaultValue={filter.ejendom ?? ""} className={input}>
                <option value="">{t("filter.any")}</option>
                {options.ejendomme.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.selskabNr}-{e.nr} {e.name}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
          <FilterActions className="mt-4 flex flex-wrap items-center gap-3" submit={t("filter.submit")} submitTestId="missing-data-filter-submit" reset={t("filter.reset")} resetHref={base} />
        </form>

        {page.rows.length === 0 ? (
          <p data-testid="missing-data-none">{t("table.none")}</p>
        ) : (
          <DataTable
            testId="missing-data-list"
            caption={<span data-testid="missing-data-total">{t("table.caption", { total })}</span>}
            captionVisible
            headings={[t("table.lease"), t("table.address"), t("table.moveIn"), t("table.noticeRule"), t("table.renovation"), t("table.housingType"), t("table.sumType")]}
          >
            {page.rows.map((r) => {
              const lease = `${r.selskabNr}-${r.ejendomNr}-${r.lejemaalNr}`;
              return (
                <tr key={r.lejerId} className={tbl.tr} data-testid="missing-data-row" data-lejer-id={r.lejerId}>
                  <th scope="row" className={`${tbl.rowHeader} sm:whitespace-nowrap`}>
                    <Link href={adminHref(ctx.org.slug, "tenancies", r.lejerId)} className={`${link} font-semibold`} data-testid="missing-data-link" aria-label={t("table.edit", { lease: `${lease}-${r.lejerNr}` })}>
                      {lease}
                    </Link>
                    <span className="text-sm text-muted max-sm:ml-2 sm:block">{t("table.lejerNr", { nr: r.lejerNr })}</span>
                  </th>
                  <td className={`${tbl.cell} break-words sm:min-w-44`}>{r.address}</td>
                  <LabelledCell label={t("table.moveIn")}>
                    <span className="whitespace-nowrap">{formatLongDate(r.moveInDate, locale)}</span>
                  </LabelledCell>
                  <LabelledCell label={t("table.noticeRule")}>{r.noticeRule ? r.noticeRule.text : missing}</LabelledCell>
                  <LabelledCell label={t("table.renovation")}>{r.renovationDays === null ? missing : t("table.days", { days: r.renovationDays })}</LabelledCell>
                  <LabelledCell label={t("table.housingType")}>{r.housingType ?? "—"}</LabelledCell>
                  <LabelledCell label={t("table.sumType")}>{r.sumType ?? "—"}</LabelledCell>
                </tr>
              );
            })}
          </DataTable>
        )}
        {efter || next ? (
          <nav aria-label={t("pagination.label")} className="mt-4 flex gap-4" data-testid="missing-data-pagination">
            {efter ? (
              <Link href={first} className={link}>
                {t("pagination.first")}
              </Link>
            ) : null}
            {next ? (
              <Link href={next} rel="next" className={link} data-testid="missing-data-next">
                {t("pagination.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </AdminShell>
    );
  },
);
