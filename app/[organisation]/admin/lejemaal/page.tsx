import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { TileStatus } from "@/components/admin/TileStatus";
import { filterInput as input, link, tbl } from "@/components/admin/table-classes";
import { FilterActions } from "@/components/admin/FilterActions";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { searchTenancies, tenancyFilterOptions, tenancySearchSchema, type TenancySearch } from "@/lib/admin/tenancies";
import { todayInDenmark } from "@/lib/time";

export async function generateMetadata() {
  return { title: (await getTranslations("adminTenancies"))("title") };
}

function searchHref(base: string, s: TenancySearch, side: number): string {
  const q = new URLSearchParams();
  if (s.q) q.set("q", s.q);
  if (typeof s.selskab === "number") q.set("selskab", String(s.selskab));
  if (typeof s.ejendom === "number") q.set("ejendom", String(s.ejendom));
  if (s.vis) q.set("vis", s.vis);
  if (side > 1) q.set("side", String(side));
  const qs = q.toString();
  return qs ? `${base}?${qs}` : base;
}


/** Tenancies: one search field (F3), filters, a GET form (works without JavaScript), 50 per page. */
export default definePage(
  { kind: "staff", permission: "tenancies.read", params: z.object({ organisation: z.string().min(1).max(50) }), query: tenancySearchSchema, returnTo: (p) => adminHref(p.organisation ?? "", "tenancies") },
  async (ctx, { query }) => {
    const t = await getTranslations("adminTenancies");
    const base = adminHref(ctx.org.slug, "tenancies");
    const [result, options] = await Promise.all([searchTenancies(ctx.db, query, todayInDenmark()), tenancyFilterOptions(ctx.db)]);
    return (
      <AdminShell ctx={ctx} section="tenancies" title={t("title")} lead={t("lead")}>
        <form method="get" action={base} role="search" className="mb-6 grid grid-cols-1 gap-4 rounded border border-line bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="tenancy-search">
          <div className="sm:col-span-2 lg:col-span-4">
            <label htmlFor="q" className="font-semibold">
              {t("search.label")}
            </label>
            <p id="q-hint" className="text-sm text-muted">
              {t("search.hint")}
            </p>
            <input id="q" name="q" type="search" defaultValue={query.q} data-search aria-describedby="q-hint" className={input} autoComplete="off" />
          </div>
          <div>
            <label htmlFor="selskab" className="font-semibold">
              {t("search.selskab")}
            </label>
            <select id="selskab" name="selskab" defaultValue={typeof query.selskab === "number" ? String(query.selskab) : ""} className={input}>
              <option value="">{t("search.any")}</option>
              {options.selskaber.map((s) => (
                <option key={s.nr} value={s.nr}>
                  {s.nr} {s.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="ejendom" className="font-semibold">
              {t("search.ejendom")}
            </label>
            <select id="ejendom" name="ejendom" defaultValue={typeof query.ejendom === "number" ? String(query.ejendom) : ""} className={input}>
              <option value="">{t("search.any")}</option>
              {[...new Map(options.ejendomme.map((e) => [e.nr, e])).values()].map((e) => (
                <option key={e.nr} value={e.nr}>
                  {e.nr} {e.name}
                </option>
              ))}
            </select>
          </div>
          <div className="sm:col-span-2">
            <label htmlFor="vis" className="font-semibold">
              {t("search.show")}
            </label>
            <select id="vis" name="vis" defaultValue={query.vis ?? ""} className={input}>
              <option value="">{t("search.showAll")}</option>
              <option value="aktive">{t("search.showActive")}</option>
              <option value="mangler">{t("search.showMissing")}</option>
            </select>
          </div>
          <FilterActions className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4" submit={t("search.submit")} submitTestId="tenancy-search-submit" reset={t("search.reset")} resetHref={base} />
        </form>

        {result.rows.length === 0 ? (
          <p data-testid="tenancy-none">{t("table.none")}</p>
        ) : (
          <DataTable testId="tenancy-results" caption={t("table.caption", { total: result.total })} captionVisible headings={[t("table.lease"), t("table.address"), t("table.tenants"), t("table.noticeRule"), t("table.tile")]}>
            {result.rows.map((r) => (
              <tr key={r.id} className={tbl.tr} data-testid="tenancy-row" data-lejer-id={r.id}>
                <th scope="row" className={`${tbl.rowHeader} sm:whitespace-nowrap`}>
                  <Link href={adminHref(ctx.org.slug, "tenancies", r.id)} className={`${link} font-semibold`} data-testid="tenancy-link">
                    {r.leaseNumber}
                  </Link>
                  <span className="text-sm text-muted max-sm:ml-2 sm:block">{t("detail.lejerNr", { nr: r.lejerNr })}</span>
                  {r.subLease ? <span className="text-sm text-muted max-sm:ml-2 sm:block">{t("table.subLease")}</span> : null}
                </th>
                <td className={tbl.cell}>
                  {r.address}
                  <span className="text-sm text-muted max-sm:ml-1 sm:block">{r.postalCity}</span>
                </td>
                <LabelledCell label={t("table.tenants")}>
                  {r.tenants.join(", ")}
                </LabelledCell>
                <LabelledCell label={t("table.noticeRule")}>
                  {r.noticeRule ?? <span className="text-muted">{t("detail.notSet")}</span>}
                </LabelledCell>
                <td className={tbl.cell}>
                  <TileStatus tile={r.tile} compact />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {result.pages > 1 ? (
          <nav aria-label={t("pagination.label")} className="mt-4 flex flex-wrap items-center gap-4" data-testid="tenancy-pagination">
            {result.page > 1 ? (
              <Link href={searchHref(base, query, result.page - 1)} rel="prev" className={link}>
                {t("pagination.previous")}
              </Link>
            ) : null}
            <span>{t("pagination.page", { page: result.page, pages: result.pages })}</span>
            {result.page < result.pages ? (
              <Link href={searchHref(base, query, result.page + 1)} rel="next" className={link} data-testid="tenancy-next">
                {t("pagination.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </AdminShell>
    );
  },
);
