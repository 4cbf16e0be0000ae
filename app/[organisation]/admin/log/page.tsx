import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AuditDiff, Breakable } from "@/components/admin/AuditDiff";
import { filterInput as input, link, tbl } from "@/components/admin/table-classes";
import { FilterActions } from "@/components/admin/FilterActions";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { auditListQuerySchema, auditTypes, listAudit, type AuditFilter } from "@/lib/admin/audit-log";
import { danishDateTime } from "@/lib/admin/audit-format";
import { eventLabel } from "@/lib/admin/audit-labels";

export async function generateMetadata() {
  return { title: (await getTranslations("adminAudit"))("title") };
}

function filterParams(f: AuditFilter): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of ["type", "actor", "entityType", "entityId", "from", "to"] as const) if (f[k]) q.set(k, f[k]!);
  return q;
}


/** The organisation's audit log: filters as a GET form, newest first, keyset pages ("efter"), a CSV of the same filters. */
export default definePage(
  { kind: "staff", permission: "audit.read", params: z.object({ organisation: z.string().min(1).max(50) }), query: auditListQuerySchema, returnTo: (p) => adminHref(p.organisation ?? "", "audit") },
  async (ctx, { query }) => {
    const t = await getTranslations("adminAudit");
    const base = adminHref(ctx.org.slug, "audit");
    const { efter, ...filter } = query;
    const [page, types] = await Promise.all([listAudit(ctx.db, filter, efter), auditTypes(ctx.db)]);
    const params = filterParams(filter);
    const filtered = [...params.keys()].length > 0;
    const csv = `/api/${ctx.org.slug}/admin/log/csv${filtered ? `?${params.toString()}` : ""}`;
    const label = (type: string) => eventLabel(t, t.has, type);
    const next = page.next ? `${base}?${new URLSearchParams([...params.entries(), ["efter", page.next]]).toString()}` : null;
    const first = filtered ? `${base}?${params.toString()}` : base;
    return (
      <AdminShell
        ctx={ctx}
        section="audit"
        title={t("title")}
        lead={t("lead")}
        actions={
          <a href={csv} download className="rounded border border-brand px-4 py-2 font-semibold text-brand no-underline hover:bg-brand/10" data-testid="audit-csv">
            {t("filter.csv")}
          </a>
        }
      >
        <form method="get" action={base} className="mb-6 rounded border border-line bg-white p-4" data-testid="audit-filter">
          <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <legend className="mb-2 font-bold">{t("filter.legend")}</legend>
            <div>
              <label htmlFor="type" className="font-semibold">{t("filter.type")}</label>
              <select id="type" name="type" defaultValue={filter.type ?? ""} className={input}>
                <option value="">{t("filter.anyType")}</option>
                {types.map((ty) => (
                  <option key={ty} value={ty}>
                    {label(ty)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="actor" className="font-semibold">{t("filter.actor")}</label>
              <input id="actor" name="actor" type="search" defaultValue={filter.actor ?? ""} className={input} data-search autoComplete="off" />
            </div>
            <div>
              <label htmlFor="entityType" className="font-semibold">{t("filter.entityType")}</label>
              <input id="entityType" name="entityType" type="text" defaultValue={filter.entityType ?? ""} className={input} autoComplete="off" />
            </div>
            <div>
              <label htmlFor="entityId" className="font-semibold">{t("filter.entityId")}</label>
              <input id="entityId" name="entityId" type="text" defaultValue={filter.entityId ?? ""} className={input} autoComplete="off" />
            </div>
            <div>
              <label htmlFor="from" className="font-semibold">{t("filter.from")}</label>
              <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className={input} />
            </div>
            <div>
              <label htmlFor="to" className="font-semibold">{t("filter.to")}</label>
              <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className={input} />
            </div>
          </fieldset>
          <FilterActions className="mt-4 flex flex-wrap items-center gap-3" submit={t("filter.submit")} submitTestId="audit-filter-submit" reset={t("filter.reset")} resetHref={base} />
        </form>

        {page.rows.length === 0 ? (
          <p data-testid="audit-none">{t("table.none")}</p>
        ) : (
          <DataTable testId="audit-list" caption={filtered ? t("table.captionFiltered") : t("table.caption")} captionVisible headings={[t("table.when"), t("table.who"), t("table.what"), t("table.entity"), t("table.changes")]}>
            {page.rows.map((r) => (
              <tr key={r.id} className={tbl.tr} data-testid="audit-row" data-type={r.type} data-entity-id={r.entityId ?? ""}>
                <td className={tbl.cell}>
                  <span className="whitespace-nowrap">{danishDateTime(r.createdAt).split(" ")[0]}</span> <span className="whitespace-nowrap sm:block">{danishDateTime(r.createdAt).split(" ")[1]}</span>
                </td>
                <td className={`${tbl.cell} break-words`}>
                  <Breakable text={r.actorLabel} />
                  <span className="text-sm text-muted max-sm:ml-2 sm:block">{t(`actorTypes.${r.actorType as "STAFF"}`)}</span>
                </td>
                <th scope="row" className={`${tbl.rowHeader} max-sm:font-semibold`}>
                  {label(r.type)}
                  <span className="block font-mono text-xs font-normal text-muted">{r.type}</span>
                </th>
                <LabelledCell label={t("table.entity")} className={`${tbl.cell} text-sm`}>
                  {r.entityType ?? "—"}
                  {r.entityId ? (
                    <Link
                      href={`${base}?${new URLSearchParams({ ...(r.entityType ? { entityType: r.entityType } : {}), entityId: r.entityId }).toString()}`}
                      className={`${link} ml-1 font-mono text-xs sm:ml-0 sm:block`}
                      title={r.entityId}
                      data-testid="audit-entity"
                    >
                      <span aria-hidden="true">{r.entityId.slice(0, 8)}…</span>
                      <span className="sr-only">{r.entityId}</span>
                    </Link>
                  ) : null}
                </LabelledCell>
                <td className={`${tbl.cell} sm:min-w-40`}>
                  <AuditDiff diff={r.diff} entityType={r.entityType} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {efter || next ? (
          <nav aria-label={t("pagination.label")} className="mt-4 flex gap-4" data-testid="audit-pagination">
            {efter ? (
              <Link href={first} className={link}>
                {t("pagination.first")}
              </Link>
            ) : null}
            {next ? (
              <Link href={next} rel="next" className={link} data-testid="audit-next">
                {t("pagination.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </AdminShell>
    );
  },
);
