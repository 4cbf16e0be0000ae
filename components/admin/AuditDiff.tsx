import { getTranslations } from "next-intl/server";
import type { DiffRow } from "@/lib/admin/audit-format";

/** An e-mail address or other label that may break after its "@" (a <wbr>), never inside a word. */
export function Breakable({ text }: { text: string }) {
  const at = text.indexOf("@");
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at + 1)}
      <wbr />
      {text.slice(at + 1)}
    </>
  );
}

/** The changed keys of one audit row as a small table: field, old → new. */
export async function AuditDiff({ diff, entityType }: { diff: DiffRow[]; entityType?: string | null }) {
  const t = await getTranslations("adminAudit.table");
  const fields = await getTranslations("adminTenancies.fields");
  // A tenancy's fields by their names on the tenancy page; any other key as it is stored.
  const label = (key: string) => (entityType === "Lejer" && fields.has(key as "noticeRule") ? fields(key as "noticeRule") : key || "·");
  if (diff.length === 0) return <span className="text-muted">{t("noChanges")}</span>;
  return (
    <table className="w-full border-collapse text-sm" data-testid="audit-diff">
      <thead className="sr-only">
        <tr>
          <th scope="col">{t("field")}</th>
          <th scope="col">{t("before")}</th>
          <th scope="col">{t("after")}</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d) => (
          <tr key={d.key} data-key={d.key}>
            <th scope="row" className="py-0.5 pr-2 text-left font-normal text-muted">
              {label(d.key)}
            </th>
            <td className="py-0.5 pr-1 break-words" data-testid="audit-before">
              <del className="no-underline text-danger">{d.before}</del>
            </td>
            <td className="py-0.5 pr-1" aria-hidden="true">
              →
            </td>
            <td className="py-0.5 break-words" data-testid="audit-after">
              <ins className="no-underline text-success">{d.after}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
