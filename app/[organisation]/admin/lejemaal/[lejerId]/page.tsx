import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AuditTrail } from "@/components/admin/AuditTrail";
import { TenancyForm } from "@/components/admin/TenancyForm";
import { TileStatus } from "@/components/admin/TileStatus";
import { link, tbl } from "@/components/admin/table-classes";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { definePage, type ActionState } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { adminHref } from "@/lib/admin/nav";
import { noticeRuleOptions, tenancyDetail } from "@/lib/admin/tenancies";
import { danishDateTime } from "@/lib/admin/audit-format";
import { todayInDenmark } from "@/lib/time";
import { formatLongDate } from "@/lib/text/dates";
import { saveTenancyAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminTenancies"))("title") };
}

function bound<T>(action: (organisation: string, state: ActionState<T>, data: FormData) => Promise<ActionState<T>>, slug: string) {
  return action.bind(null, slug) as (state: ActionState<T>, data: FormData) => Promise<ActionState<T>>;
}


/** One tenancy: its tile status, the editable notice details, legal tenants, notices, sub-leases and history. */
export default definePage(
  {
    kind: "staff",
    permission: "tenancies.read",
    params: z.object({ organisation: z.string().min(1).max(50), lejerId: z.string().max(40) }),
    query: z.object({ gemt: z.enum(["0", "1"]).optional() }),
    returnTo: (p) => adminHref(p.organisation ?? "", "tenancies", p.lejerId ?? ""),
  },
  async (ctx, { params, query }) => {
    const t = await getTranslations("adminTenancies");
    const locale = await getLocale();
    const long = (iso: string | null | undefined) => (iso ? formatLongDate(iso, locale) : null);
    const today = todayInDenmark();
    const d = await tenancyDetail(ctx.db, params.lejerId, today);
    if (!d) throw new NotFound("tenancy");
    const options = await noticeRuleOptions(ctx.db, d.values.noticeRuleId || null);
    const canSave = ctx.permissions.has("tenancies.manage");
    const slug = ctx.org.slug;
    const reasons = Object.fromEntries((["no-notice-rule", "no-renovation-period", "already-terminated", "stopped", "non-terminable"] as const).map((r) => [r, t(`reasons.${r}`)])) as Record<
      "no-notice-rule" | "no-renovation-period" | "already-terminated" | "stopped" | "non-terminable",
      string
    >;
    const dash = <span className="text-muted">—</span>;
    return (
      <AdminShell ctx={ctx} section="tenancies" title={t("detail.title", { lease: d.leaseNumber })} lead={`${d.address}, ${d.postalCity} · ${t("detail.lejerNr", { nr: d.lejerNr })}`}>
        <p className="mb-4">
          <Link href={adminHref(slug, "tenancies")} className={link}>
            ← {t("detail.back")}
          </Link>
        </p>
        {query.gemt ? (
          <div role="status" className="mb-4 rounded border-2 border-green-700 bg-green-50 p-3 font-semibold" data-testid="tenancy-saved">
            {query.gemt === "1" ? t("detail.saved") : t("detail.unchanged")}
          </div>
        ) : null}

        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <section aria-labelledby="tile-heading" className="rounded border border-line bg-white p-4">
            <h2 id="tile-heading" className="text-xl font-bold">
              {t("tile.heading")}
            </h2>
            <p className="mb-2 text-sm text-muted">{t("tile.explain")}</p>
            <TileStatus tile={d.tile} />
          </section>
          <section aria-labelledby="facts-heading" className="rounded border border-line bg-white p-4">
            <h2 id="facts-heading" className="text-xl font-bold">
              {t("detail.facts")}
            </h2>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="font-semibold">{t("detail.address")}</dt>
              <dd>
                {d.address}, {d.postalCity}
              </dd>
              <dt className="font-semibold">{t("detail.housingType")}</dt>
              <dd>{d.housingType ?? dash}</dd>
              <dt className="font-semibold">{t("detail.moveIn")}</dt>
              <dd>{long(d.moveInDate)}</dd>
              <dt className="font-semibold">{t("detail.terminatedOn")}</dt>
              <dd>{d.terminatedOn ?? dash}</dd>
              {d.mainLease ? (
                <>
                  <dt className="font-semibold">{t("detail.mainLease")}</dt>
                  <dd>
                    {d.mainLease.lejerId ? <Link href={adminHref(slug, "tenancies", d.mainLease.lejerId)} className={link}>{d.mainLease.leaseNumber}</Link> : d.mainLease.leaseNumber} {d.mainLease.address}
                  </dd>
                </>
              ) : null}
            </dl>
          </section>
        </div>

        <section aria-labelledby="edit-heading" className="mt-6 rounded border border-line bg-white p-4">
          <h2 id="edit-heading" className="mb-3 text-xl font-bold">
            {t("detail.edit")}
          </h2>
          <TenancyForm
            action={bound(saveTenancyAction, slug)}
            lejerId={d.id}
            values={d.values}
            options={options}
            canSave={canSave}
            today={today}
            fixed={d.fixed}
            labels={{
              noticeRule: t("fields.noticeRule"),
              noNoticeRule: t("detail.noNoticeRule"),
              inactive: t("detail.inactive"),
              renovationDays: t("fields.renovationDays"),
              renovationHint: t("detail.renovationHint"),
              nonTerminableUntil: t("fields.nonTerminableUntil"),
              terminableInPeriodFrom: t("fields.terminableInPeriodFrom"),
              dateHint: t("detail.dateHint"),
              save: t("detail.save"),
              errorSummary: t("detail.errorSummary"),
              readOnly: t("detail.readOnly"),
              preview: t("tile.preview"),
              ok: t("tile.ok"),
              blocked: t("tile.blocked"),
              reasons,
            }}
          />
        </section>

        <section aria-labelledby="tenants-heading" className="mt-6">
          <h2 id="tenants-heading" className="mb-2 text-xl font-bold">
            {t("detail.tenants")}
          </h2>
          <DataTable testId="tenancy-tenants" caption={t("detail.tenants")} headings={[t("detail.name"), t("detail.email"), t("detail.mobile"), t("detail.phone")]}>
            {d.tenants.map((p) => (
              <tr key={p.id} className={tbl.tr}>
                <th scope="row" className={`${tbl.rowHeader} max-sm:font-semibold`}>{p.name}</th>
                <LabelledCell label={t("detail.email")} className={`${tbl.cell} break-all`}>
                  {p.email ? (
                    <a href={`mailto:${p.email}`} className={link}>
                      {p.email}
                    </a>
                  ) : (
                    dash
                  )}
                </LabelledCell>
                <LabelledCell label={t("detail.mobile")}>
                  {p.mobile ?? dash}
                </LabelledCell>
                <LabelledCell label={t("detail.phone")}>
                  {p.phone ?? dash}
                </LabelledCell>
              </tr>
            ))}
          </DataTable>
        </section>

        <section aria-labelledby="notices-heading" className="mt-6">
          <h2 id="notices-heading" className="mb-2 text-xl font-bold">
            {t("detail.notices")}
          </h2>
          {d.notices.length === 0 ? (
            <p data-testid="tenancy-no-notices">{t("detail.noNotices")}</p>
          ) : (
            <DataTable testId="tenancy-notices" caption={t("detail.notices")} headings={[t("detail.status"), t("detail.noticeDate"), t("detail.vacatingDay"), t("detail.submittedAt"), t("detail.noticeId")]}>
              {d.notices.map((n) => (
                <tr key={n.id} className={tbl.tr}>
                  <th scope="row" className={`${tbl.rowHeader} max-sm:font-semibold`}>{t(`noticeStatus.${n.status as "DRAFT"}`)}</th>
                  <LabelledCell label={t("detail.noticeDate")}>
                    {long(n.noticeDate) ?? dash}
                  </LabelledCell>
                  <LabelledCell label={t("detail.vacatingDay")}>
                    {long(n.vacatingDay ?? n.moveOutDate) ?? dash}
                  </LabelledCell>
                  <LabelledCell label={t("detail.submittedAt")}>
                    {n.submittedAt ? danishDateTime(n.submittedAt) : dash}
                  </LabelledCell>
                  <LabelledCell label={t("detail.noticeId")} className={`${tbl.cell} font-mono text-xs break-all`}>
                    {n.status !== "DRAFT" && ctx.permissions.has("notices.read") ? (
                      <Link className={link} href={adminHref(params.organisation, "notices", n.id)} data-testid="tenancy-notice-link">
                        {n.id}
                      </Link>
                    ) : (
                      n.id
                    )}
                  </LabelledCell>
                </tr>
              ))}
            </DataTable>
          )}
        </section>

        <section aria-labelledby="sub-heading" className="mt-6">
          <h2 id="sub-heading" className="mb-2 text-xl font-bold">
            {t("detail.subLeases")}
          </h2>
          {d.subLeases.length === 0 ? (
            <p>{t("detail.noSubLeases")}</p>
          ) : (
            <DataTable testId="tenancy-sub-leases" caption={t("detail.subLeases")} headings={[t("table.lease"), t("detail.address"), t("detail.kind"), t("detail.endedOn")]}>
              {d.subLeases.map((b) => (
                <tr key={b.leaseNumber} className={tbl.tr}>
                  <th scope="row" className={tbl.rowHeader}>
                    {b.lejerId ? (
                      <Link href={adminHref(slug, "tenancies", b.lejerId)} className={link}>
                        {b.leaseNumber}
                      </Link>
                    ) : (
                      b.leaseNumber
                    )}
                  </th>
                  <td className={tbl.cell}>{b.address}</td>
                  <LabelledCell label={t("detail.kind")}>
                    {b.kind ?? dash}
                  </LabelledCell>
                  <LabelledCell label={t("detail.endedOn")}>
                    {b.endedOn ?? dash}
                  </LabelledCell>
                </tr>
              ))}
            </DataTable>
          )}
        </section>

        <AuditTrail ctx={ctx} entityType="Lejer" entityId={d.id} />
      </AdminShell>
    );
  },
);
