import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AdminShell } from "@/components/admin/AdminShell";
import { requireContext } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { IMPORT_FIELDS } from "@/lib/import/fields";
import { recentImportRuns } from "@/lib/import/runs";
import { uploadTenancyImport } from "./actions";

type Props = { params: Promise<{ organisation: string }> };

const WHEN = new Intl.DateTimeFormat("da-DK", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Copenhagen" });

export async function generateMetadata() {
  return { title: (await getTranslations("adminImport"))("title") };
}

/** Import of tenancies: upload a back-office export (CSV/XLSX); the earlier runs. */
export default async function ImportPage({ params }: Props) {
  const { organisation } = await params;
  const ctx = await requireContext({ kind: "staff", permission: "tenancies.manage" }, organisation, adminHref(organisation, "import"));
  const t = await getTranslations("adminImport");
  const runs = await recentImportRuns(ctx.db);
  const flash = await readFormFlash("import-upload");
  const upload = (uploadTenancyImport as unknown as (slug: string, fd: FormData) => Promise<void>).bind(null, ctx.org.slug);
  return (
    <AdminShell ctx={ctx} section="import" title={t("title")} lead={t("lead")}>
      <section aria-labelledby="upload-heading" className="mb-8 max-w-3xl rounded border border-line bg-white p-5">
        <h2 id="upload-heading" className="mb-3 text-xl font-semibold">
          {t("upload.heading")}
        </h2>
        {flash ? (
          <div role="alert" className="mb-4 border-l-4 border-red-700 bg-red-50 p-3" data-testid="import-upload-error">
            <p className="font-semibold">{t("upload.refused")}</p>
            {flash.message ? <p>{flash.message}</p> : null}
          </div>
        ) : null}
        <form action={upload} encType="multipart/form-data" data-save-form className="flex flex-col gap-3">
          <label htmlFor="import-file" className="font-semibold">
            {t("upload.file")}
          </label>
          <p id="import-file-hint" className="text-sm text-muted">
            {t("upload.hint")}
          </p>
          <input
            id="import-file"
            name="file"
            type="file"
            required
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint"
            className="max-w-full"
          />
          <div>
            <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2">
              {t("upload.submit")}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="runs-heading" className="mb-8">
        <h2 id="runs-heading" className="mb-3 text-xl font-semibold">
          {t("runs.heading")}
        </h2>
        {runs.length === 0 ? (
          <p>{t("runs.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left" data-testid="import-runs">
              <caption className="sr-only">{t("runs.caption")}</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="p-2">{t("runs.file")}</th>
                  <th scope="col" className="p-2">{t("runs.when")}</th>
                  <th scope="col" className="p-2">{t("runs.status")}</th>
                  <th scope="col" className="p-2 text-right">{t("runs.rows")}</th>
                  <th scope="col" className="p-2 text-right">{t("runs.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} className="border-b border-line">
                    <td className="p-2">
                      <Link href={adminHref(ctx.org.slug, "import", r.id)}>{r.fileName}</Link>
                    </td>
                    <td className="p-2">{WHEN.format(r.createdAt)}</td>
                    <td className="p-2">{t(`status.${r.status}`)}</td>
                    <td className="p-2 text-right">{r.totalRows}</td>
                    <td className="p-2 text-right">
                      {r.created} / {r.changed} / {r.unchanged} / {r.refused}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="columns-heading" className="max-w-3xl">
        <h2 id="columns-heading" className="mb-2 text-xl font-semibold">
          {t("upload.columnsHeading")}
        </h2>
        <p className="mb-3">{t("upload.columnsLead")}</p>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("upload.columnsHeading")}</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="p-2">{t("upload.column")}</th>
                <th scope="col" className="p-2">{t("upload.required")}</th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_FIELDS.map((f) => (
                <tr key={f.key} className="border-b border-line">
                  <th scope="row" className="p-2 font-mono font-normal">{f.column}</th>
                  <td className="p-2">{"required" in f && f.required ? t("upload.yes") : t("upload.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AdminShell>
  );
}
