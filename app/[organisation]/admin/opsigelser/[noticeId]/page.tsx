import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AuditTrail } from "@/components/admin/AuditTrail";
import { DataTable, LabelledCell } from "@/components/admin/DataTable";
import { Notice } from "@/components/admin/forms/Fields";
import { link, tbl } from "@/components/admin/table-classes";
import { InboxStatus } from "@/components/admin/inbox/InboxStatus";
import { danishMoment } from "@/components/admin/inbox/format";
import { definePage } from "@/lib/http/wrappers";
import { NotFound } from "@/lib/http/errors";
import { adminHref } from "@/lib/admin/nav";
import { noticeDetail } from "@/lib/casework/notice-detail";
import { CANCEL_REASON_MAX, CANCELLABLE_STATUSES } from "@/lib/casework/cancel-notice";
import { formatLongDate } from "@/lib/text/dates";
import { submitCancelNotice, submitRetryNoticeJob } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminInbox"))("detail.metaTitle") };
}

const FLASH_ERRORS = ["reason", "reason-long", "conflict", "already-cancelled", "not-cancellable", "not-found", "forbidden", "rate-limited", "invalid-input"] as const;
type FlashError = (typeof FLASH_ERRORS)[number];

/**
 * One notice: status and case links, the computed dates, every answer in words, the signatures with
 * their content hashes, the documents (the PDF opens inline), the jobs of the notice with a retry
 * button for failed ones, its to-dos, cancelling with a reason (notices.manage) and the audit trail.
 * Another organisation's id or a draft: 404.
 */
export default definePage(
  {
    kind: "staff",
    permission: "notices.read",
    params: z.object({ organisation: z.string().min(1).max(50), noticeId: z.string().max(100) }),
    query: z.object({ annulleret: z.literal("1").optional(), fejl: z.string().max(40).optional(), job: z.string().max(40).optional() }).catch({}),
    returnTo: (p) => adminHref(p.organisation ?? "", "notices", p.noticeId ?? ""),
  },
  async (ctx, { params, query }) => {
    const t = await getTranslations("adminInbox");
    const slug = ctx.org.slug;
    const d = await noticeDetail(ctx.db, params.noticeId, ctx.org);
    if (!d) throw new NotFound("notice");
    const canManage = ctx.permissions.has("notices.manage");
    const dash = <span className="text-muted">—</span>;
    const date = (s: string | null) => (s ? formatLongDate(s, "da") : dash);
    const when = (at: Date | null) => (at ? danishMoment(at) : dash);
    const role = (r: string) => (["tenant1", "tenant2", "cohabitant"].includes(r) ? t(`roles.${r as "tenant1"}`) : r);
    const fejl = FLASH_ERRORS.includes(query.fejl as FlashError) ? (query.fejl as FlashError) : query.fejl ? "unknown" : null;
    const jobFlash = query.job === "retried" || query.job === "not-failed" || query.job === "not-found" ? query.job : null;
    const cancellable = (CANCELLABLE_STATUSES as readonly string[]).includes(d.status);
    const a = d.answers;
    const hidden = (
      <>
        <input type="hidden" name="organisation" value={slug} />
        <input type="hidden" name="noticeId" value={d.id} />
      </>
    );
    const jobLabel = (j: { name: string; key: string }) => {
      if (j.key.startsWith("notice-letter:")) return t("jobs.letter");
      const receipt = /^notice-receipt:[^:]+:(\w+)/.exec(j.key);
      if (receipt) return t("jobs.receipt", { role: role(receipt[1]!) });
      const cancelled = /^notice-cancelled:[^:]+:(\w+)/.exec(j.key);
      if (cancelled) return t("jobs.cancelMail", { role: role(cancelled[1]!) });
      if (j.key.startsWith("signing-link-reminder:")) return t("jobs.signingReminder");
      if (j.key.startsWith("signing-link:")) return t("jobs.signingLink");
      return j.name;
    };
    return (
      <AdminShell ctx={ctx} section="notices" title={t("detail.title", { address: d.address })} lead={`${d.postalCity} · ${t("table.lease", { lease: d.leaseNumber })} · ${d.names.join(", ")}`}>
        <p className="mb-4">
          <Link href={adminHref(slug, "notices")} className={link}>
            ← {t("detail.back")}
          </Link>
        </p>
        {query.annulleret ? (
          <Notice testId="notice-cancelled">{t("detail.cancelled")}</Notice>
        ) : null}
        {jobFlash ? (
          <Notice testId="job-flash" tone={jobFlash === "retried" ? "success" : "error"}>
            {t(`jobs.flash.${jobFlash}`)}
          </Notice>
        ) : null}

        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <section aria-labelledby="status-heading" className="rounded border border-line bg-white p-4" data-testid="notice-summary">
            <h2 id="status-heading" className="text-xl font-bold">
              {t("detail.statusHeading")}
            </h2>
            <p className="mt-2">
              <InboxStatus status={d.status} text={t(`status.${d.status as "SUBMITTED"}`)} />
            </p>
            <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-semibold">{t("detail.submittedAt")}</dt>
              <dd>{when(d.submittedAt)}</dd>
              <dt className="font-semibold">{t("detail.caseReference")}</dt>
              <dd>{d.caseReference ?? dash}</dd>
              {d.processedAt ? (
                <>
                  <dt className="font-semibold">{t("detail.processedAt")}</dt>
                  <dd>{when(d.processedAt)}</dd>
                </>
              ) : null}
              {d.cancelledAt ? (
                <>
                  <dt className="font-semibold">{t("detail.cancelledAt")}</dt>
                  <dd data-testid="cancelled-at">
                    {when(d.cancelledAt)}
                    {d.cancelledBy ? ` · ${d.cancelledBy}` : ""}
                  </dd>
                  <dt className="font-semibold">{t("detail.cancelledReason")}</dt>
                  <dd className="whitespace-pre-line break-words" data-testid="cancelled-reason">
                    {d.cancelledReason ?? dash}
                  </dd>
                </>
              ) : null}
            </dl>
            <ul className="mt-3 space-y-1">
              <li>
                <Link href={adminHref(slug, "notices", `${d.id}/sag`)} className={link} data-testid="case-link">
                  {t("detail.caseLink")}
                </Link>
                {d.moveOutCase?.finishedAt ? <span className="text-sm text-muted"> ({t("detail.caseFinished")})</span> : null}
              </li>
              <li>
                <Link href={adminHref(slug, "tenancies", d.lejerId)} className={link}>
                  {t("detail.tenancyLink")}
                </Link>
              </li>
            </ul>
          </section>

          <section aria-labelledby="dates-heading" className="rounded border border-line bg-white p-4" data-testid="notice-dates">
            <h2 id="dates-heading" className="text-xl font-bold">
              {t("detail.datesHeading")}
            </h2>
            <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[minmax(0,1fr)_auto] sm:[&_dd]:whitespace-nowrap">
              <dt className="font-semibold">{t("dates.noticeDate")}</dt>
              <dd>{date(d.dates.noticeDate)}</dd>
              <dt className="font-semibold">{t("dates.moveOutDate")}</dt>
              <dd>{date(d.dates.moveOutDate)}</dd>
              <dt className="font-semibold">{t("dates.terminationDate")}</dt>
              <dd>{date(d.dates.terminationDate)}</dd>
              <dt className="font-semibold">{t("dates.vacatingDay")}</dt>
              <dd>{date(d.dates.vacatingDay)}</dd>
              <dt className="font-semibold">{t("dates.liability")}</dt>
              <dd>
                {d.dates.liabilityFrom && d.dates.liabilityTo ? (
                  <>
                    {formatLongDate(d.dates.liabilityFrom, "da")} {t("dates.until")}
                    <span className="block">{formatLongDate(d.dates.liabilityTo, "da")}</span>
                  </>
                ) : (
                  dash
                )}
              </dd>
              <dt className="font-semibold">{t("dates.inspectionDate")}</dt>
              <dd>{date(d.dates.inspectionDate)}</dd>
              <dt className="font-semibold">{t("dates.relettingDate")}</dt>
              <dd>{date(d.dates.relettingDate)}</dd>
            </dl>
          </section>
        </div>

        <section aria-labelledby="answers-heading" className="mt-6 rounded border border-line bg-white p-4" data-testid="notice-answers">
          <h2 id="answers-heading" className="text-xl font-bold">
            {t("detail.answersHeading")}
          </h2>
          {!a ? (
            <p className="mt-2">{t("detail.noAnswers")}</p>
          ) : (
            <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-semibold">{t("answers.reason")}</dt>
              <dd data-testid="answer-reason">{typeof a.reason === "string" ? a.reason : a.reason.da}</dd>
              <dt className="font-semibold">{t("answers.moveOutDate")}</dt>
              <dd>{formatLongDate(a.moveOutDate, "da")}</dd>
              <dt className="font-semibold">{t("answers.noticeRule")}</dt>
              <dd>{a.noticeRule ? (typeof a.noticeRule === "string" ? a.noticeRule : a.noticeRule.da) : dash}</dd>
              <dt className="font-semibold">{t("answers.subLeases")}</dt>
              <dd>
                {a.subLeasesTerminated === null
                  ? t("answers.noSubLeases")
                  : a.subLeasesTerminated.length === 0
                    ? t("answers.subLeasesKept")
                    : a.subLeasesTerminated.map((s) => `${s.leaseNumber} ${s.description}`).join("; ")}
              </dd>
              <dt className="font-semibold">{t("answers.viewingPhone")}</dt>
              <dd>{a.viewingPhone || dash}</dd>
              <dt className="font-semibold">{t("answers.newAddress")}</dt>
              <dd>
                {a.newAddresses.length === 0
                  ? dash
                  : a.newAddresses.map((x, i) => (
                      <span key={i} className="block">
                        {a.newAddresses.length > 1 ? `${x.roles.map(role).join(", ")}: ` : ""}
                        {x.lines.join(", ")}
                      </span>
                    ))}
              </dd>
              <dt className="font-semibold">{t("answers.refund")}</dt>
              <dd>{a.refund.kind === "nemkonto" && a.refund.masked === "NemKonto" ? "NemKonto" : t(`answers.refundKind.${a.refund.kind}`, { masked: a.refund.masked })}</dd>
              {a.onlyOccupantConfirmed !== null && a.onlyOccupantConfirmed !== undefined ? (
                <>
                  <dt className="font-semibold">{t("answers.onlyOccupant")}</dt>
                  <dd>{a.onlyOccupantConfirmed ? t("answers.yes") : t("answers.no")}</dd>
                </>
              ) : null}
              {d.people.map((p) => (
                <div key={p.role} className="contents">
                  <dt className="font-semibold">{role(p.role)}</dt>
                  <dd className="break-words">{[p.name, p.email, p.mobile, p.phone].filter(Boolean).join(" · ")}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>

        <section aria-labelledby="signatures-heading" className="mt-6">
          <h2 id="signatures-heading" className="mb-2 text-xl font-bold">
            {t("detail.signaturesHeading")}
          </h2>
          {d.contentHash ? (
            <p className="mb-2 text-sm">
              {t("signatures.noticeHash")} <code className="font-mono text-xs break-all">{d.contentHash}</code>
            </p>
          ) : null}
          {d.signatures.length === 0 ? (
            <p>{t("signatures.none")}</p>
          ) : (
            <DataTable testId="notice-signatures" caption={t("detail.signaturesHeading")} headings={[t("signatures.name"), t("signatures.signedAt"), t("signatures.method"), t("signatures.assurance"), t("signatures.hash")]}>
              {d.signatures.map((s) => (
                <tr key={s.id} className={tbl.tr} data-testid="signature-row">
                  <th scope="row" className={`${tbl.rowHeader} max-sm:font-semibold`}>
                    {s.name}
                    <span className="block text-sm text-muted">{role(s.role)}</span>
                  </th>
                  <LabelledCell label={t("signatures.signedAt")}>{danishMoment(s.signedAt)}</LabelledCell>
                  <LabelledCell label={t("signatures.method")}>{s.method === "oidc" ? t("signatures.oidc") : s.method}</LabelledCell>
                  <LabelledCell label={t("signatures.assurance")}>
                    {s.assuranceLevel ? (["low", "substantial", "high"].includes(s.assuranceLevel) ? t(`signatures.loa.${s.assuranceLevel as "low"}`) : s.assuranceLevel) : dash}
                  </LabelledCell>
                  <LabelledCell label={t("signatures.hash")} className={`${tbl.cell} max-w-xs`}>
                    <code className="font-mono text-xs break-all">{s.contentHash}</code>
                    <span className={`block text-sm font-semibold ${s.matches ? "text-green-800" : "text-red-800"}`} data-testid="hash-match">
                      {s.matches ? t("signatures.matches") : t("signatures.differs")}
                    </span>
                  </LabelledCell>
                </tr>
              ))}
            </DataTable>
          )}
        </section>

        <section aria-labelledby="documents-heading" className="mt-6">
          <h2 id="documents-heading" className="mb-2 text-xl font-bold">
            {t("detail.documentsHeading")}
          </h2>
          {d.documents.length === 0 ? (
            <p data-testid="no-documents">{d.status === "AWAITING_SIGNATURES" ? t("documents.notYet") : t("documents.pending")}</p>
          ) : (
            <ul className="space-y-1" data-testid="notice-documents">
              {d.documents.map((doc) => (
                <li key={doc.id}>
                  <a href={`/api/${slug}/admin/opsigelser/${d.id}/dokumenter/${doc.id}`} target="_blank" rel="noopener" className={link} data-testid="document-link">
                    {doc.title}
                  </a>{" "}
                  <span className="text-sm text-muted">
                    ({doc.contentType === "application/pdf" ? "PDF" : doc.contentType}, {danishMoment(doc.createdAt)})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section id="jobs" aria-labelledby="jobs-heading" className="mt-6" tabIndex={-1}>
          <h2 id="jobs-heading" className="mb-2 text-xl font-bold">
            {t("detail.jobsHeading")}
          </h2>
          {d.jobs.length === 0 ? (
            <p>{t("jobs.none")}</p>
          ) : (
            <DataTable testId="notice-jobs" caption={t("detail.jobsHeading")} headings={[t("jobs.what"), t("jobs.status"), t("jobs.attempts"), t("jobs.updated"), ""]}>
              {d.jobs.map((j) => (
                <tr key={j.id} className={tbl.tr} data-testid="job-row" data-job-key={j.key} data-job-status={j.status}>
                  <th scope="row" className={`${tbl.rowHeader} max-sm:font-semibold`}>
                    {jobLabel(j)}
                  </th>
                  <LabelledCell label={t("jobs.status")}>{t(`jobs.statuses.${j.status as "done"}`)}</LabelledCell>
                  <LabelledCell label={t("jobs.attempts")}>{t("jobs.attemptsOf", { attempts: j.attempts, max: j.maxAttempts })}</LabelledCell>
                  <LabelledCell label={t("jobs.updated")}>{when(j.finishedAt ?? j.updatedAt)}</LabelledCell>
                  <td className={tbl.cell}>
                    {j.status === "failed" && canManage ? (
                      <form action={submitRetryNoticeJob}>
                        {hidden}
                        <input type="hidden" name="jobId" value={j.id} />
                        <button type="submit" className="rounded border border-brand px-3 py-1 font-semibold text-brand hover:bg-brand/10" data-testid="job-retry">
                          {t("jobs.retry")}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>

        <section aria-labelledby="todos-heading" className="mt-6">
          <h2 id="todos-heading" className="mb-2 text-xl font-bold">
            {t("detail.todosHeading")}
          </h2>
          {d.todos.length === 0 ? (
            <p>{t("todos.none")}</p>
          ) : (
            <ul className="space-y-1" data-testid="notice-todos">
              {d.todos.map((todo) => (
                <li key={todo.id}>
                  <Link href={adminHref(slug, "todos", todo.id)} className={link} data-testid="todo-link">
                    {todo.title ?? t(`todoKind.${todo.kind as "CONFIRM_NOTICE"}`)}
                  </Link>{" "}
                  <span className="text-sm text-muted">
                    ({t(`todos.status.${todo.status as "OPEN"}`)}
                    {todo.dueDate ? ` · ${t("todos.due", { date: formatLongDate(todo.dueDate, "da") })}` : ""})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        {cancellable || fejl ? (
          <section id="annuller" aria-labelledby="cancel-heading" className="mt-6 max-w-2xl rounded border border-line bg-white p-4" tabIndex={-1}>
            <h2 id="cancel-heading" className="text-xl font-bold">
              {t("cancel.heading")}
            </h2>
            {fejl ? (
              <Notice tone="error" testId="cancel-error">
                {t(`cancel.errors.${fejl}`)}
              </Notice>
            ) : null}
            {!cancellable ? null : canManage ? (
              <form action={submitCancelNotice} className="mt-2" data-testid="cancel-form">
                {hidden}
                <input type="hidden" name="version" value={d.version} />
                <p className="mb-2">{t("cancel.explain")}</p>
                <label htmlFor="reason" className="font-semibold">
                  {t("cancel.reason")}
                </label>
                <p id="reason-hint" className="text-sm text-muted">
                  {t("cancel.reasonHint")}
                </p>
                <textarea id="reason" name="reason" required maxLength={CANCEL_REASON_MAX} rows={3} aria-describedby="reason-hint" className="mt-1 block w-full rounded border border-line px-3 py-2" />
                <button type="submit" className="mt-3 rounded bg-red-800 px-5 py-2 font-semibold text-white hover:opacity-90" data-testid="cancel-submit">
                  {t("cancel.submit")}
                </button>
              </form>
            ) : (
              <p className="mt-2" data-testid="cancel-read-only">
                {t("cancel.readOnly")}
              </p>
            )}
          </section>
        ) : null}

        {/* The notice's history carries content hashes (64 characters): let them break on a phone. */}
        <div className="[&_del]:break-all [&_ins]:break-all">
          <AuditTrail ctx={ctx} entityType="Opsigelse" entityId={d.id} />
        </div>
      </AdminShell>
    );
  },
);
