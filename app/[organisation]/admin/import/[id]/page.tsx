import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AdminShell } from "@/components/admin/AdminShell";
import { requireContext } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { CPR_FIELDS, IMPORT_FIELDS, REQUIRED_FIELDS } from "@/lib/import/fields";
import { importColumns, importRun } from "@/lib/import/runs";
import { NotFound } from "@/lib/http/errors";
import { applyTenancyImport, saveTenancyImportMapping } from "../actions";
import { AutoRefresh } from "./AutoRefresh";

type Props = { params: Promise<{ organisation: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const OUTCOMES = ["refused", "created", "changed", "unchanged"] as const;
const PER_PAGE = 50;

export async function generateMetadata() {
  return { title: (await getTranslations("adminImport"))("title") };
}

const bound = (action: unknown, ...args: string[]) => (action as (...a: unknown[]) => Promise<void>).bind(null, ...args) as (fd: FormData) => Promise<void>;

/** One import run: its progress (a meta refresh every 2 s while it runs), the mapping step, the dry run's report row by row, and the button that applies it. */
export default async function ImportRunPage({ params, searchParams }: Props) {
  const { organisation, id } = await params;
  const q = await searchParams;
  const ctx = await requireContext({ kind: "staff", permission: "tenancies.manage" }, organisation, adminHref(organisation, "import", id));
  const t = await getTranslations("adminImport");
  let run;
  try {
    run = await importRun(ctx.db, id);
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
  const running = run.status === "validating" || run.status === "applying";
  const done = run.status === "applied";
  const vis = typeof q.vis === "string" && (OUTCOMES as readonly string[]).includes(q.vis) ? (q.vis as (typeof OUTCOMES)[number]) : null;
  const side = Math.max(1, Number.parseInt(typeof q.side === "string" ? q.side : "1", 10) || 1);
  const mappingFlash = await readFormFlash(`import-mapping/${run.id}`);
  const applyFlash = await readFormFlash(`import-apply/${run.id}`);
  const showMapping = run.status === "uploaded" || run.status === "validated" || run.status === "failed" || !!mappingFlash;
  const cols = showMapping ? await importColumns(ctx.db, run.id) : null;
  const rows = run.report && !running ? run.report.rows.filter((r) => !vis || r.outcome === vis) : [];
  const pages = Math.max(1, Math.ceil(rows.length / PER_PAGE));
  const pageRows = rows.slice((side - 1) * PER_PAGE, side * PER_PAGE);
  const here = (p: Record<string, string | number | null>) => {
    const u = new URLSearchParams();
    const v = "vis" in p ? p.vis : vis;
    if (v) u.set("vis", String(v));
    const s = "side" in p ? p.side : side;
    if (s && s !== 1) u.set("side", String(s));
    const qs = u.toString();
    return `${adminHref(ctx.org.slug, "import", run.id)}${qs ? `?${qs}` : ""}`;
  };
  const toApply = run.created + run.changed;
  const stat = (k: "created" | "changed" | "unchanged" | "refused") => t(done ? `run.${k}Done` : `run.${k}`);

  return (
    <AdminShell ctx={ctx} section="import" title={t("title")} lead={run.fileName}>
      {running ? (
        <>
          <noscript>
            <meta httpEquiv="refresh" content="2" />
          </noscript>
          <AutoRefresh seconds={2} />
        </>
      ) : null}
      <p className="mb-4">
        <Link href={adminHref(ctx.org.slug, "import")}>← {t("run.back")}</Link>
      </p>
      <p className="mb-4 text-lg" data-testid="import-status">
        <strong>{t(`status.${run.status}`)}</strong>
      </p>

      {running ? (
        <section aria-labelledby="progress-label" className="mb-6 max-w-xl rounded border border-line bg-white p-5">
          <h2 id="progress-label" className="mb-2 font-semibold">
            {t("run.progressLabel")}
          </h2>
          <progress className="h-4 w-full" value={run.processedRows} max={Math.max(1, run.totalRows)} aria-labelledby="progress-label" data-testid="import-progress">
            {run.processedRows} / {run.totalRows}
          </progress>
          <p>{t("run.progress", { processed: run.processedRows, total: run.totalRows })}</p>
          {run.status === "applying" ? <p>{t("run.applyingNote")}</p> : null}
          <p className="text-sm text-muted">{t("run.refresh")}</p>
        </section>
      ) : null}

      {run.status === "failed" && run.error ? (
        <div role="alert" className="mb-6 max-w-3xl border-l-4 border-red-700 bg-red-50 p-3" data-testid="import-error">
          <p className="font-semibold">{t("run.failed")}</p>
          <p>{run.error}</p>
        </div>
      ) : null}
      {applyFlash?.stale || mappingFlash?.stale ? (
        <div role="alert" className="mb-6 max-w-3xl border-l-4 border-red-700 bg-red-50 p-3">
          <p>{t("run.notNow")}</p>
        </div>
      ) : null}

      {(run.status === "validated" || run.status === "applied") && !running ? (
        <section aria-labelledby="counts-heading" className="mb-6">
          <h2 id="counts-heading" className="mb-2 text-xl font-semibold">
            {t("run.counts")}
          </h2>
          {done ? (
            <p className="mb-3 border-l-4 border-green-700 bg-green-50 p-3" data-testid="import-applied">
              {t("run.appliedLead", { created: run.created, changed: run.changed, unchanged: run.unchanged, refused: run.refused })}
            </p>
          ) : null}
          <dl className="grid max-w-xl grid-cols-2 gap-2 sm:grid-cols-4" data-testid="import-counts">
            {(["created", "changed", "unchanged", "refused"] as const).map((k) => (
              <div key={k} className="rounded border border-line bg-white p-3">
                <dt className="text-sm">{stat(k)}</dt>
                <dd className="text-2xl font-bold" data-testid={`count-${k}`}>
                  {run[k]}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      {run.status === "validated" ? (
        <section aria-labelledby="apply-heading" className="mb-8 max-w-3xl rounded border border-line bg-white p-5">
          <h2 id="apply-heading" className="mb-2 text-xl font-semibold">
            {t("run.applyHeading")}
          </h2>
          <p className="mb-3">{t("run.applyLead")}</p>
          <form action={bound(applyTenancyImport, ctx.org.slug)}>
            <input type="hidden" name="runId" value={run.id} />
            <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2">
              {t("run.apply", { count: toApply + run.unchanged })}
            </button>
          </form>
        </section>
      ) : null}

      {run.report && !running ? (
        <section aria-labelledby="rows-heading" className="mb-8">
          <h2 id="rows-heading" className="mb-2 text-xl font-semibold">
            {t("run.rowsHeading")}
          </h2>
          <nav aria-label={t("run.outcome")} className="mb-3 flex flex-wrap gap-2">
            {[null, ...OUTCOMES].map((o) => (
              <Link
                key={o ?? "all"}
                href={here({ vis: o, side: 1 })}
                aria-current={o === vis ? "page" : undefined}
                className={`rounded border border-line px-3 py-1 no-underline ${o === vis ? "bg-brand text-white" : "bg-white text-ink"}`}
              >
                {o ? t(`outcomes.${o}`) : t("run.all")}
              </Link>
            ))}
          </nav>
          <p className="mb-2 text-sm text-muted">{t("run.keyHelp")}</p>
          {run.report.truncated ? <p className="mb-2 text-sm text-muted">{t("run.truncated")}</p> : null}
          {pageRows.length === 0 ? (
            <p>{t("run.noRows")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse bg-white text-left" data-testid="import-report">
                <caption className="sr-only">{t("run.rowsCaption")}</caption>
                <thead>
                  <tr className="border-b border-line">
                    <th scope="col" className="p-2 text-right">{t("run.line")}</th>
                    <th scope="col" className="p-2">{t("run.key")}</th>
                    <th scope="col" className="p-2">{t("run.outcome")}</th>
                    <th scope="col" className="p-2">{t("run.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {pageRows.map((r) => (
                    <tr key={r.line} className="border-b border-line align-top" data-outcome={r.outcome} data-line={r.line}>
                      <th scope="row" className="p-2 text-right font-normal">{r.line}</th>
                      <td className="p-2 font-mono whitespace-nowrap">{r.key}</td>
                      <td className={`p-2 ${r.outcome === "refused" ? "font-semibold text-red-800" : ""}`}>{t(`outcomes.${r.outcome}`)}</td>
                      <td className="p-2 break-words">{r.reasons.join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 ? (
            <nav aria-label={t("run.page", { page: side, pages })} className="mt-3 flex items-center gap-4">
              {side > 1 ? <Link href={here({ side: side - 1 })}>{t("run.previous")}</Link> : null}
              <span>{t("run.page", { page: side, pages })}</span>
              {side < pages ? <Link href={here({ side: side + 1 })}>{t("run.next")}</Link> : null}
            </nav>
          ) : null}
        </section>
      ) : null}
      {showMapping && cols ? (
        <details open={run.status !== "validated" || !!mappingFlash} className="mb-8 max-w-3xl rounded border border-line bg-white p-5" data-testid="import-mapping">
          <summary className="cursor-pointer">
            <h2 id="mapping-heading" className="inline text-xl font-semibold">
              {t("run.mappingHeading")}
            </h2>
          </summary>
          <p className="mb-3 mt-3">{t("run.mappingLead")}</p>
          {mappingFlash && !mappingFlash.stale ? (
            <div role="alert" className="mb-4 border-l-4 border-red-700 bg-red-50 p-3" data-testid="import-mapping-error">
              <p className="font-semibold">{t("run.mappingRefused")}</p>
              <ul className="list-disc pl-5">
                {Object.values(mappingFlash.errors)
                  .flat()
                  .map((m) => (
                    <li key={m}>{m}</li>
                  ))}
              </ul>
            </div>
          ) : null}
          <form action={bound(saveTenancyImportMapping, ctx.org.slug)} data-save-form className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
            <input type="hidden" name="runId" value={run.id} />
            {IMPORT_FIELDS.map((f) => {
              const isCpr = (CPR_FIELDS as string[]).includes(f.key);
              const options = cols.columns.filter((c) => c !== "" && (isCpr ? cols.cprColumns.includes(c) : !cols.cprColumns.includes(c)));
              const current = mappingFlash?.values[`m_${f.key}`] ?? run.mapping[f.key] ?? "";
              const required = (REQUIRED_FIELDS as string[]).includes(f.key);
              return (
                <div key={f.key} className="contents">
                  <label htmlFor={`m_${f.key}`} className="self-center font-mono">
                    {f.column}
                    {required ? " *" : ""}
                  </label>
                  <select id={`m_${f.key}`} name={`m_${f.key}`} defaultValue={current} className="rounded border border-line p-1">
                    <option value="">{t("run.mappingNone")}</option>
                    {options.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
            <div className="sm:col-span-2">
              <button type="submit" className="mt-2 rounded bg-brand px-4 py-2 font-semibold text-white hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2">
                {t("run.mappingSave")}
              </button>
            </div>
          </form>
        </details>
      ) : null}

    </AdminShell>
  );
}
