import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { FilterActions } from "@/components/admin/FilterActions";
import { filterInput as input, link, tbl } from "@/components/admin/table-classes";
import { InboxStatus } from "@/components/admin/inbox/InboxStatus";
import { danishClock } from "@/components/admin/inbox/format";
import { todayInDenmark } from "@/lib/time";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { inboxChoices, inboxSearchParams, INBOX_SORTS, INBOX_STATUSES, listInbox, safeParseInboxQuery, type InboxFilters } from "@/lib/casework/inbox";
import { formatLongDate } from "@/lib/text/dates";

export async function generateMetadata() {
  return { title: (await getTranslations("adminInbox"))("title") };
}

/**
 * The notices inbox: filters as a GET form (works without JavaScript; F3 focuses the search),
 * keyset pages ("Næste side" by cursor), a CSV link with the same filters. A query that does not
 * fit shows what is wrong (never a 404 or a 500) and the unfiltered form.
 */
export default definePage(
  {
    kind: "staff",
    permission: "notices.read",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    query: z.record(z.string(), z.string()),
    returnTo: (p) => adminHref(p.organisation ?? "", "notices"),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("adminInbox");
    const slug = ctx.org.slug;
    const base = adminHref(slug, "notices");
    const parsed = safeParseInboxQuery(query);
    const filters: InboxFilters = parsed.ok ? parsed.filters : { sort: "modtaget-ny" };
    const [page, choices] = await Promise.all([listInbox(ctx.db, filters, { after: parsed.ok ? parsed.after : null }), inboxChoices(ctx.db)]);
    const params = inboxSearchParams(filters);
    const qs = params.toString();
    const csv = `/api/${slug}/admin/opsigelser/csv${qs ? `?${qs}` : ""}`;
    const next = page.next ? `${base}?${inboxSearchParams(filters, page.next).toString()}` : null;
    const first = qs ? `${base}?${qs}` : base;
    const date = (d: string | null) => (d ? formatLongDate(d, "da") : null);
    const dash = <span className="text-muted">—</span>;
    const statusText = Object.fromEntries([...INBOX_STATUSES, "DRAFT"].map((s) => [s, t(`status.${s as "SUBMITTED"}`)]));
    return (
      <AdminShell
        ctx={ctx}
        section="notices"
        title={t("title")}
        lead={t("lead")}
        actions={
          <a href={csv} download className="rounded border border-brand px-4 py-2 font-semibold text-brand no-underline hover:bg-brand/10" data-testid="inbox-csv">
            {t("csv")}
          </a>
        }
      >
        {!parsed.ok ? (
          <div role="alert" className="mb-4 rounded border-2 border-red-700 bg-red-50 p-3" data-testid="inbox-query-error">
            <p className="font-semibold">{t("queryError")}</p>
            <ul className="ml-5 list-disc">
              {parsed.fields.map((f) => (
                <li key={f}>{t(`queryErrors.${f as "status"}`)}</li>
              ))}
            </ul>
            <p className="mt-2">{t("showingAll")}</p>
          </div>
        ) : null}
        <form method="get" action={base} role="search" className="mb-6 grid grid-cols-1 gap-4 rounded border border-line bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="inbox-filter">
          <div className="sm:col-span-2 lg:col-span-4">
            <label htmlFor="q" className="font-semibold">
              {t("filters.search")}
            </label>
            <p id="q-hint" className="text-sm text-muted">
              {t("filters.searchHint")}
            </p>
            <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} data-search aria-describedby="q-hint" className={input} autoComplete="off" maxLength={200} />
          </div>
          <div>
            <label htmlFor="status" className="font-semibold">
              {t("filters.status")}
            </label>
            <select id="status" name="status" defaultValue={filters.status ?? ""} className={input}>
              <option value="">{t("filters.statusAll")}</option>
              {INBOX_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusText[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="selskab" className="font-semibold">
              {t("filters.selskab")}
            </label>
            <select id="selskab" name="selskab" defaultValue={filters.selskabId ?? ""} className={input}>
              <option value="">{t("filters.any")}</option>
              {choices.selskaber.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.nr} {s.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="ejendom" className="font-semibold">
              {t("filters.ejendom")}
            </label>
            <select id="ejendom" name="ejendom" defaultValue={filters.ejendomId ?? ""} className={input}>
              <option value="">{t("filters.any")}</option>
              {choices.ejendomme.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.selskabNr}-{e.nr} {e.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="aarsag" className="font-semibold">
              {t("filters.reason")}
            </label>
            <select id="aarsag" name="aarsag" defaultValue={filters.reasonValue ?? ""} className={input}>
              <option value="">{t("filters.any")}</option>
              {choices.reasons.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.text}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="flyttemaaned" className="font-semibold">
              {t("filters.moveOutMonth")}
            </label>
            <input id="flyttemaaned" name="flyttemaaned" type="month" defaultValue={filters.moveOutMonth ?? ""} placeholder="ÅÅÅÅ-MM" className={input} />
          </div>
          <div>
            <label htmlFor="syn" className="font-semibold">
              {t("filters.inspection")}
            </label>
            <input id="syn" name="syn" type="date" defaultValue={filters.inspectionDate ?? ""} className={input} />
          </div>
          <div>
            <label htmlFor="fra" className="font-semibold">
              {t("filters.from")}
            </label>
            <input id="fra" name="fra" type="date" defaultValue={filters.submittedFrom ?? ""} className={input} />
          </div>
          <div>
            <label htmlFor="sort" className="font-semibold">
              {t("filters.sort")}
            </label>
            <select id="sort" name="sort" defaultValue={filters.sort} className={input}>
              {INBOX_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`sorts.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <FilterActions className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4" submit={t("filters.submit")} submitTestId="inbox-filter-submit" reset={t("filters.reset")} resetHref={base} />
        </form>

        {page.rows.length === 0 ? (
          <p data-testid="inbox-none">{t("table.none")}</p>
        ) : (
          <DataTable
            testId="inbox-results"
            caption={t("table.caption")}
            headings={[t("table.address"), t("table.tenants"), t("table.status"), t("table.submitted"), t("table.moveOut"), t("table.reason")]}
          >
            {page.rows.map((r) => (
              <tr key={r.id} className={tbl.tr} data-testid="inbox-row" data-notice-id={r.id}>
                <th scope="row" className={`${tbl.rowHeader} sm:min-w-44`}>
                  <Link href={adminHref(slug, "notices", r.id)} className={`${link} font-semibold`} data-testid="inbox-link">
                    {r.address}
                  </Link>
                  <span className="block text-sm text-muted">
                    {r.postalCity} · {t("table.lease", { lease: `${r.leaseNumber}-${r.lejerNr}` })}
                  </span>
                </th>
                <LabelledCell label={t("table.tenants")}>{r.names.join(", ")}</LabelledCell>
                <LabelledCell label={t("table.status")}>
                  <InboxStatus status={r.status} text={statusText[r.status] ?? r.status} />
                  {r.openTodos[0] ? (
                    <span className="block text-sm sm:mt-1">
                      <Link href={adminHref(slug, "todos", r.openTodos[0].id)} className={link} data-testid="inbox-todo">
                        {t(`todoKind.${r.openTodos[0].kind as "CONFIRM_NOTICE"}`)}
                      </Link>
                      {r.openTodos.length > 1 ? ` (+${r.openTodos.length - 1})` : ""}
                    </span>
                  ) : null}
                </LabelledCell>
                <LabelledCell label={t("table.submitted")}>
                  {r.submittedAt ? (
                    <>
                      {formatLongDate(todayInDenmark(r.submittedAt), "da")}
                      <span className="text-sm text-muted max-sm:ml-1 sm:block">{danishClock(r.submittedAt)}</span>
                    </>
                  ) : (
                    dash
                  )}
                </LabelledCell>
                <LabelledCell label={t("table.moveOut")}>
                  {date(r.moveOutDate) ?? dash}
                  {r.inspectionDate ? <span className="block text-sm text-muted">{t("table.inspectionOn", { date: formatLongDate(r.inspectionDate, "da") })}</span> : null}
                </LabelledCell>
                <LabelledCell label={t("table.reason")}>{r.reasonText ?? dash}</LabelledCell>
              </tr>
            ))}
          </DataTable>
        )}
        {parsed.ok && (parsed.after || next) ? (
          <nav aria-label={t("pagination")} className="mt-4 flex flex-wrap items-center gap-4" data-testid="inbox-pagination">
            {parsed.after ? (
              <Link href={first} className={link}>
                {t("first")}
              </Link>
            ) : null}
            {next ? (
              <Link href={next} rel="next" className={link} data-testid="inbox-next">
                {t("next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </AdminShell>
    );
  },
);
