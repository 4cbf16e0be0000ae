import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { StaffContext } from "@/lib/http/context";
import { adminHref } from "@/lib/admin/nav";
import { auditTrail } from "@/lib/admin/audit-log";
import { danishDateTime } from "@/lib/admin/audit-format";
import { eventLabel } from "@/lib/admin/audit-labels";
import { AuditDiff, Breakable } from "./AuditDiff";
import { link, tbl } from "./table-classes";
import { DataTable } from "./DataTable";

/**
 * The audit rows of one record (entityType + entityId), newest first, with their before/after
 * diff — for any admin detail page: <AuditTrail ctx={ctx} entityType="Lejer" entityId={id} />.
 * Shown only to staff with audit.read; links to the whole log filtered to the record.
 */
export async function AuditTrail({ ctx, entityType, entityId }: { ctx: StaffContext; entityType: string; entityId: string }) {
  if (!ctx.permissions.has("audit.read")) return null;
  const t = await getTranslations("adminAudit");
  const rows = await auditTrail(ctx.db, entityType, entityId);
  const all = `${adminHref(ctx.org.slug, "audit")}?${new URLSearchParams({ entityType, entityId }).toString()}`;
  return (
    <section aria-labelledby={`trail-${entityId}`} className="mt-6" data-testid="audit-trail">
      <h2 id={`trail-${entityId}`} className="mb-2 text-xl font-bold">
        {t("trail.heading")}
      </h2>
      {rows.length === 0 ? (
        <p>{t("trail.none")}</p>
      ) : (
        <DataTable caption={t("trail.heading")} headings={[t("table.when"), t("table.who"), t("table.what"), t("table.changes")]}>
          {rows.map((r) => (
            <tr key={r.id} className={tbl.tr} data-testid="audit-row" data-type={r.type}>
              <td className={`${tbl.cell} whitespace-nowrap`}>{danishDateTime(r.createdAt)}</td>
              <td className={`${tbl.cell} break-words`}>
                <Breakable text={r.actorLabel} />
              </td>
              <th scope="row" className={`${tbl.rowHeader} max-sm:font-semibold`}>
                {eventLabel(t, t.has, r.type)}
              </th>
              <td className={tbl.cell}>
                <AuditDiff diff={r.diff} entityType={r.entityType} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="mt-2">
        <Link href={all} className={link}>
          {t("trail.all")}
        </Link>
      </p>
    </section>
  );
}
