import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { filterInput, link, tbl } from "@/components/admin/table-classes";
import { FieldsForm } from "@/components/forms/FieldsForm";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { danishDateTime } from "@/lib/admin/audit-format";
import { eventLabel } from "@/lib/admin/audit-labels";
import { requestNow } from "@/lib/clock";
import { accountActivity, activityPeriod, activityQuerySchema, automationAccounts } from "@/lib/automation/accountability";
import { submitReopen, submitReport } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminAutomationActivity"))("title") };
}

const query = activityQuerySchema.extend({ opgave: z.string().max(40).optional() });

/**
 * What an automation account did in a period: the to-dos it completed (reopen one, or report it to
 * the operator), its audit rows and its request log, and the reports about it with the operator's
 * answers. users.read to look; users.manage to reopen and report.
 */
export default definePage(
  { kind: "staff", permission: "users.read", params: z.object({ organisation: z.string().min(1).max(50) }), query, returnTo: (p) => adminHref(p.organisation ?? "", "automation", "aktivitet") },
  async (ctx, { query: q }) => {
    const t = await getTranslations("adminAutomationActivity");
    const ta = await getTranslations("adminAudit");
    const base = adminHref(ctx.org.slug, "automation", "aktivitet");
    const accounts = await automationAccounts(ctx.db);
    const period = activityPeriod(q, requestNow(await headers()));
    const chosen = accounts.find((a) => a.id === q.konto) ?? accounts[0];
    const activity = chosen ? await accountActivity(ctx.db, chosen.id, period) : null;
    const canManage = ctx.permissions.has("users.manage");
    const selected = activity?.todos.find((x) => x.id === q.opgave);
    const slug = ctx.org.slug;
    const here = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(chosen ? { konto: chosen.id } : {}), fra: period.from, til: period.to, ...extra }).toString()}`;
    return (
      <AdminShell ctx={ctx} section="automation" title={t("title")} lead={t("lead")}>
        {q.gemt === "genaabnet" || q.gemt === "meldt" ? (
          <p role="status" className="mb-6 rounded border-l-4 border-green-700 bg-green-50 p-4" data-testid="activity-saved">
            {t(q.gemt === "genaabnet" ? "reopened" : "reported")}
          </p>
        ) : null}
        {accounts.length === 0 || !activity || !chosen ? (
          <p data-testid="activity-no-accounts">{t("noAccounts")}</p>
        ) : (
          <>
            <form method="get" action={base} className="mb-6 rounded border border-line bg-white p-4" data-testid="activity-filter">
              <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-3">
                <legend className="mb-2 font-bold">{t("filter.legend")}</legend>
                <div>
                  <label htmlFor="konto" className="font-semibold">{t("filter.account")}</label>
                  <select id="konto" name="konto" defaultValue={chosen.id} className={filterInput}>
                    {accounts.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="fra" className="font-semibold">{t("filter.from")}</label>
                  <input id="fra" name="fra" type="date" defaultValue={period.from} className={filterInput} />
                </div>
                <div>
                  <label htmlFor="til" className="font-semibold">{t("filter.to")}</label>
                  <input id="til" name="til" type="date" defaultValue={period.to} className={filterInput} />
                </div>
              </fieldset>
              <button type="submit" className="mt-4 rounded bg-brand px-4 py-2 font-semibold text-white">{t("filter.submit")}</button>
            </form>

            {selected && canManage ? (
              <section className="mb-8 grid gap-6 lg:grid-cols-2" aria-label={t("selectedLabel")} data-testid="activity-selected">
                <div className="rounded border border-line bg-white p-4">
                  <h2 className="mb-2 text-xl font-bold">{t("reopenHeading")}</h2>
                  {selected.status === "COMPLETED" && selected.completedByAccount ? (
                    <FieldsForm
                      action={submitReopen.bind(null, slug)}
                      testId="reopen-form"
                      hidden={{ accountId: chosen.id, todoId: selected.id, version: String(selected.version) }}
                      errorHeading={t("errorHeading")}
                      submitLabel={t("reopenSubmit")}
                      fields={[{ name: "reason", label: t("reasonLabel"), type: "textarea", rows: 3, maxLength: 500 }]}
                    />
                  ) : (
                    <p>{t("notReopenable")}</p>
                  )}
                </div>
                <div className="rounded border border-line bg-white p-4">
                  <h2 className="mb-2 text-xl font-bold">{t("reportHeading")}</h2>
                  <FieldsForm
                    action={submitReport.bind(null, slug)}
                    testId="report-todo-form"
                    idPrefix="todo-"
                    hidden={{ accountId: chosen.id, todoId: selected.id }}
                    errorHeading={t("errorHeading")}
                    submitLabel={t("reportSubmit")}
                    fields={[{ name: "text", label: t("reportTextLabel"), hint: t("reportTextHint"), type: "textarea", rows: 4, maxLength: 2000 }]}
                  />
                </div>
              </section>
            ) : null}

            <h2 className="mb-2 text-xl font-bold">{t("todosHeading")}</h2>
            {activity.todos.length === 0 ? (
              <p className="mb-6" data-testid="activity-todos-none">{t("todosNone")}</p>
            ) : (
              <div className="mb-8">
                <DataTable testId="activity-todos" caption={t("todosCaption", { from: period.from, to: period.to })} headings={[t("todo.kind"), t("todo.status"), t("todo.completedAt"), t("todo.actions")]}>
                  {activity.todos.map((x) => (
                    <tr key={x.id} className={tbl.tr} data-testid="activity-todo" data-todo-id={x.id} data-status={x.status}>
                      <th scope="row" className={tbl.rowHeader}>
                        <Link href={adminHref(slug, "todos", x.id)} className={link}>{t(`kinds.${x.kind as "CONFIRM_NOTICE"}`)}</Link>
                      </th>
                      <LabelledCell label={t("todo.status")} className={tbl.cell}>{t(`statuses.${x.status as "OPEN"}`)}</LabelledCell>
                      <LabelledCell label={t("todo.completedAt")} className={tbl.cell}>{x.completedAt ? danishDateTime(x.completedAt) : "—"}</LabelledCell>
                      <LabelledCell label={t("todo.actions")} className={tbl.cell}>
                        {canManage ? (
                          <Link href={here({ opgave: x.id })} className={link} data-testid="activity-todo-select">{t("todo.select")}</Link>
                        ) : null}
                      </LabelledCell>
                    </tr>
                  ))}
                </DataTable>
              </div>
            )}

            <h2 className="mb-2 text-xl font-bold">{t("auditHeading")}</h2>
            {activity.audit.length === 0 ? (
              <p className="mb-6">{t("auditNone")}</p>
            ) : (
              <div className="mb-8">
                <DataTable testId="activity-audit" caption={t("auditCaption")} headings={[ta("table.when"), ta("table.what"), ta("table.entity")]}>
                  {activity.audit.map((a) => (
                    <tr key={a.id} className={tbl.tr} data-testid="activity-audit-row" data-type={a.type}>
                      <td className={tbl.cell}>{danishDateTime(a.createdAt)}</td>
                      <th scope="row" className={tbl.rowHeader}>{eventLabel(ta, ta.has, a.type)}</th>
                      <LabelledCell label={ta("table.entity")} className={`${tbl.cell} text-sm`}>
                        {a.entityType ?? "—"} {a.entityId ? <code className="text-xs">{a.entityId.slice(0, 8)}…</code> : null}
                      </LabelledCell>
                    </tr>
                  ))}
                </DataTable>
              </div>
            )}

            <h2 className="mb-2 text-xl font-bold">{t("requestsHeading")}</h2>
            {activity.requests.length === 0 ? (
              <p className="mb-6">{t("requestsNone")}</p>
            ) : (
              <div className="mb-8">
                <DataTable testId="activity-requests" caption={t("requestsCaption")} headings={[t("request.at"), t("request.request"), t("request.status")]}>
                  {activity.requests.map((r) => (
                    <tr key={r.id} className={tbl.tr} data-testid="activity-request">
                      <td className={tbl.cell}>{danishDateTime(r.at)}</td>
                      <th scope="row" className={tbl.rowHeader}>
                        <code>{r.method} {r.path}</code> {r.validateOnly ? <span className="text-sm text-muted">({t("request.validateOnly")})</span> : null}
                      </th>
                      <LabelledCell label={t("request.status")} className={tbl.cell}>{r.status}</LabelledCell>
                    </tr>
                  ))}
                </DataTable>
              </div>
            )}

            <h2 className="mb-2 text-xl font-bold">{t("reportsHeading")}</h2>
            {activity.reports.length === 0 ? (
              <p className="mb-6">{t("reportsNone")}</p>
            ) : (
              <ul className="mb-8 space-y-3" data-testid="activity-reports">
                {activity.reports.map((r) => (
                  <li key={r.id} className="rounded border border-line bg-white p-3" data-testid="activity-report">
                    <p className="text-sm text-muted">{r.reportedByName} · {danishDateTime(r.reportedAt)}</p>
                    <p className="whitespace-pre-line">{r.text}</p>
                    {r.answer ? (
                      <p className="mt-2 border-l-4 border-brand pl-3" data-testid="activity-report-answer">
                        <strong>{t("answerBy", { name: r.answeredBy ?? "" })}</strong> {r.answer}
                      </p>
                    ) : (
                      <p className="mt-2 text-sm text-muted">{t("unanswered")}</p>
                    )}
                  </li>
                ))}
              </ul>
            )}

            {canManage ? (
              <section className="max-w-2xl rounded border border-line bg-white p-4">
                <h2 className="mb-2 text-xl font-bold">{t("reportAccountHeading")}</h2>
                <FieldsForm
                  action={submitReport.bind(null, slug)}
                  testId="report-form"
                  hidden={{ accountId: chosen.id }}
                  errorHeading={t("errorHeading")}
                  submitLabel={t("reportSubmit")}
                  fields={[{ name: "text", label: t("reportTextLabel"), hint: t("reportTextHint"), type: "textarea", rows: 4, maxLength: 2000 }]}
                />
              </section>
            ) : null}
          </>
        )}
      </AdminShell>
    );
  },
);
