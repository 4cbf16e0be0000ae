import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { Notice } from "@/components/admin/forms/Fields";
import { tbl } from "@/components/admin/table-classes";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { definePage } from "@/lib/http/wrappers";
import { readFormFlash } from "@/lib/http/form-flash";
import { adminHref } from "@/lib/admin/nav";
import { listFailedJobs } from "@/lib/jobs/failed";
import { formatLongDate } from "@/lib/text/dates";
import { danishTime, todayInDenmark } from "@/lib/time";
import { submitRetryJob } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminJobs"))("title") };
}

const KNOWN = ["render-notice-letter", "send-mail", "send-sms", "discard-expired-drafts", "signing-link-reminders", "import-tenancies", "reminder-digest"] as const;

/**
 * Failed jobs (lib/jobs/failed.ts): which job, what it concerns, how often it was tried, when it gave
 * up — never the error text — and a "Prøv igen" button each for staff with notices.manage.
 */
export default definePage(
  {
    kind: "staff",
    permission: "notices.read",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    query: z.object({ provet: z.enum(["1", "ikke-fejlet", "findes-ikke"]).optional().catch(undefined), fejl: z.string().max(5).optional().catch(undefined) }),
    returnTo: (p) => adminHref(p.organisation ?? "", "jobs"),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("adminJobs");
    const locale = await getLocale();
    const jobs = await listFailedJobs(ctx.db, { limit: 200 });
    const canRetry = ctx.permissions.has("notices.manage");
    const flash = query.fejl ? await readFormFlash("jobs") : null;
    const name = (n: string) => ((KNOWN as readonly string[]).includes(n) ? t(`names.${n as (typeof KNOWN)[number]}`) : t("names.other", { name: n }));
    const when = (d: Date | null) => (d ? `${formatLongDate(todayInDenmark(d), locale)} ${danishTime(d)}` : "—");
    const status = query.provet === "1" ? t("status.retried") : query.provet === "ikke-fejlet" ? t("status.notFailed") : query.provet === "findes-ikke" ? t("status.notFound") : null;
    return (
      <AdminShell ctx={ctx} section="jobs" title={t("title")} lead={t("lead")}>
        {status ? (
          <Notice testId="jobs-status" tone={query.provet === "1" ? "success" : "info"}>
            {status}
          </Notice>
        ) : null}
        {flash?.message ? (
          <Notice tone="error" testId="error-summary">
            {flash.message}
          </Notice>
        ) : null}
        {!canRetry ? <p className="mb-4 text-muted" data-testid="read-only">{t("readOnly")}</p> : null}
        {jobs.length === 0 ? (
          <p data-testid="jobs-none">{t("table.none")}</p>
        ) : (
          <DataTable testId="jobs-list" caption={t("table.caption", { count: jobs.length })} captionVisible headings={[t("table.job"), t("table.key"), t("table.attempts"), t("table.failedAt"), ...(canRetry ? [t("table.action")] : [])]}>
            {jobs.map((j) => (
              <tr key={j.id} className={tbl.tr} data-testid="job-row" data-job-id={j.id} data-job-name={j.name}>
                <th scope="row" className={`${tbl.rowHeader} font-semibold`}>
                  {name(j.name)}
                </th>
                <LabelledCell label={t("table.key")} className={`${tbl.cell} break-all font-mono text-sm`}>
                  {j.key}
                </LabelledCell>
                <LabelledCell label={t("table.attempts")}>{t("attempts", { count: j.attempts })}</LabelledCell>
                <LabelledCell label={t("table.failedAt")}>{when(j.failedAt)}</LabelledCell>
                {canRetry ? (
                  <td className={`${tbl.cell} max-sm:pt-2`}>
                    <form action={submitRetryJob}>
                      <input type="hidden" name="organisation" value={ctx.org.slug} />
                      <input type="hidden" name="jobId" value={j.id} />
                      <button type="submit" className="min-h-11 rounded border border-brand px-4 py-2 font-semibold text-brand hover:bg-brand/10" aria-label={t("retryLabel", { job: name(j.name) })} data-testid="job-retry">
                        {t("retry")}
                      </button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        )}
      </AdminShell>
    );
  },
);
