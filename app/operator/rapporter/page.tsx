import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { PageShell } from "@/components/PageShell";
import { FieldsForm } from "@/components/forms/FieldsForm";
import { definePage } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { danishDateTime } from "@/lib/admin/audit-format";
import { reportsForOperator } from "@/lib/automation/reports";
import { submitAnswer } from "./actions";

/** Every organisation's reports of possibly wrong automation data, unanswered first; the operator answers each. */
export default definePage({ kind: "operator", name: "operatorReports", query: z.object({ besvaret: z.string().max(5).optional() }) }, async (ctx, { query }) => {
  const t = await getTranslations("operatorReports");
  const reports = await reportsForOperator(ctx);
  return (
    <PageShell homeHref={paths.operatorHome()} signedInName={ctx.operator.name} signOutTo={paths.operatorLogin()} wide>
      <p className="mb-4">
        <Link href={paths.operatorHome()}>{t("back")}</Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-3xl">{t("lead")}</p>
      {query.besvaret ? (
        <p role="status" className="mb-6 rounded border-l-4 border-green-700 bg-green-50 p-4" data-testid="report-answered">
          {t("answered")}
        </p>
      ) : null}
      {reports.length === 0 ? (
        <p data-testid="reports-none">{t("none")}</p>
      ) : (
        <ol className="space-y-4" data-testid="reports">
          {reports.map((r) => (
            <li key={r.id} className="rounded border border-line bg-white p-4" data-testid="report" data-report-id={r.id}>
              <h2 className="text-lg font-bold">
                {r.organisation.name} · {r.accountName}
              </h2>
              <p className="text-sm text-muted">
                {t("reportedBy", { name: r.reportedByName })} · {danishDateTime(r.reportedAt)}
                {r.todoId ? (
                  <>
                    {" "}
                    · {t("todo")} <code>{r.todoId.slice(0, 8)}…</code>
                  </>
                ) : null}
              </p>
              <p className="mt-2 whitespace-pre-line">{r.text}</p>
              {r.answer ? (
                <p className="mt-2 border-l-4 border-brand pl-3" data-testid="report-answer">
                  <strong>{t("answerBy", { name: r.answeredBy ?? "" })}</strong> {r.answer}
                </p>
              ) : null}
              <details className="mt-3" open={!r.answer}>
                <summary className="cursor-pointer font-semibold">{r.answer ? t("answerAgain") : t("answerHeading")}</summary>
                <div className="mt-2 max-w-2xl">
                  <FieldsForm
                    action={submitAnswer}
                    testId="answer-form"
                    idPrefix={`r${r.id.slice(0, 8)}-`}
                    hidden={{ orgSlug: r.organisation.slug, reportId: r.id }}
                    errorHeading={t("errorHeading")}
                    submitLabel={t("submit")}
                    fields={[{ name: "answer", label: t("answerLabel"), type: "textarea", rows: 3, maxLength: 4000 }]}
                  />
                </div>
              </details>
            </li>
          ))}
        </ol>
      )}
    </PageShell>
  );
});
