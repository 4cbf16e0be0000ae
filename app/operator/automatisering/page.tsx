import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { PageShell } from "@/components/PageShell";
import { FieldsForm } from "@/components/forms/FieldsForm";
import { dateTime } from "@/components/admin/users/format";
import { definePage } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { automationPolicy, automationRequests, type OperatorAutomationRow } from "@/lib/operator/automation";
import type { AutomationAccountRow } from "@/lib/automation/accounts";
import { submitAutomationDecision, submitAutomationPolicy, submitOperatorSwitch } from "./actions";

const SAVED = ["approve", "refuse", "revoke", "policy", "switch"] as const;

/**
 * The operator's automation page: every organisation's request (pending first) with the terms it
 * accepted and its accounts; approve / refuse / revoke; pause / switch off any account; the
 * thresholds for switching an account off by itself.
 */
export default definePage({ kind: "operator", name: "operatorAutomation", query: z.object({ gemt: z.enum(SAVED).optional() }).loose() }, async (ctx, { query }) => {
  const t = await getTranslations("operatorAutomation");
  const locale = await getLocale();
  const [rows, policy] = await Promise.all([automationRequests(ctx), automationPolicy()]);
  const stateOf = (r: OperatorAutomationRow) =>
    r.state.revoked ? t("state.revoked") : r.state.refused ? t("state.refused") : !r.state.approved ? t("state.pending") : r.state.enabled ? t("state.approved") : t("state.outdated");
  const accountState = (a: AutomationAccountRow) =>
    !a.active ? t("accountState.inactive") : a.switchedOffAt ? t("accountState.off", { reason: a.switchedOffReason ?? "" }) : a.pausedAt ? t("accountState.paused") : t("accountState.active");
  const switchForm = (slug: string, a: AutomationAccountRow, change: "pause" | "resume" | "switch-off" | "switch-on") => (
    <FieldsForm key={change} action={submitOperatorSwitch} testId={`op-${change}-${a.id}`} hidden={{ slug, userId: a.id, change }} fields={[]} submitLabel={t(`switch.${change}`)} errorHeading={t("errorHeading")} />
  );
  return (
    <PageShell homeHref={paths.operatorHome()} signedInName={ctx.operator.name} signOutTo={paths.operatorLogin()} wide>
      <p className="mb-4">
        <Link href={paths.operatorHome()}>←</Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-3xl">{t("lead")}</p>
      {query.gemt ? (
        <p role="status" className="mb-4 rounded border-l-4 border-green-700 bg-green-50 p-3" data-testid="operator-notice">
          {t(`saved.${query.gemt}`)}
        </p>
      ) : null}
      {rows.length === 0 ? <p>{t("none")}</p> : null}
      <div className="flex flex-col gap-6" data-testid="automation-requests">
        {rows.map((r) => (
          <section key={r.orgId} id={`org-${r.slug}`} className="rounded border border-line bg-white p-5" data-testid={`automation-org-${r.slug}`} aria-labelledby={`h-${r.slug}`}>
            <h2 id={`h-${r.slug}`} className="text-xl font-semibold">
              {r.name} <code className="text-base font-normal">/{r.slug}</code>
            </h2>
            <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-semibold">{t("col.state")}</dt>
              <dd data-testid="automation-state">{stateOf(r)}{r.refusedReason && (r.state.refused || r.state.revoked) ? ` – ${r.refusedReason}` : ""}</dd>
              <dt className="font-semibold">{t("col.requested")}</dt>
              <dd>{r.requestedAt ? dateTime(r.requestedAt, locale) : "—"}</dd>
              <dt className="font-semibold">{t("note")}</dt>
              <dd className="break-words">{r.note ?? "—"}</dd>
              <dt className="font-semibold">{t("col.terms")}</dt>
              <dd>{r.state.acceptedVersion && r.acceptedAt ? t("termsAccepted", { version: r.state.acceptedVersion, name: r.acceptedByName ?? "", date: dateTime(r.acceptedAt, locale) }) : t("termsNone")}</dd>
            </dl>
            <div className="mt-4 flex flex-wrap gap-6">
              {!r.state.approved || r.state.revoked ? (
                <FieldsForm action={submitAutomationDecision} testId={`approve-${r.slug}`} hidden={{ slug: r.slug, decision: "approve" }} fields={[]} submitLabel={t("approve")} errorHeading={t("errorHeading")} />
              ) : null}
              {!r.state.approved && !r.state.refused && !r.state.revoked ? (
                <FieldsForm
                  action={submitAutomationDecision}
                  testId={`refuse-${r.slug}`}
                  idPrefix={`refuse-${r.slug}-`}
                  hidden={{ slug: r.slug, decision: "refuse" }}
                  fields={[{ name: "reason", label: t("reason"), hint: t("reasonHint"), maxLength: 500 }]}
                  submitLabel={t("refuse")}
                  errorHeading={t("errorHeading")}
                />
              ) : null}
              {r.state.approved ? (
                <FieldsForm
                  action={submitAutomationDecision}
                  testId={`revoke-${r.slug}`}
                  idPrefix={`revoke-${r.slug}-`}
                  hidden={{ slug: r.slug, decision: "revoke" }}
                  fields={[{ name: "reason", label: t("reason"), hint: t("reasonHint"), maxLength: 500 }]}
                  submitLabel={t("revoke")}
                  errorHeading={t("errorHeading")}
                />
              ) : null}
            </div>
            <h3 className="mt-4 font-semibold">{t("accountsHeading")}</h3>
            {r.accounts.length === 0 ? <p>{t("noAccounts")}</p> : null}
            <ul className="mt-2 flex flex-col gap-3">
              {r.accounts.map((a) => (
                <li key={a.id} className="border-t border-line pt-2" data-testid="operator-account" data-email={a.email}>
                  <span className="font-semibold">{a.name}</span> ({a.email}) – <span data-testid="operator-account-state">{accountState(a)}</span>
                  {a.active ? (
                    <div className="mt-1 flex flex-wrap gap-3">
                      {a.pausedAt ? switchForm(r.slug, a, "resume") : switchForm(r.slug, a, "pause")}
                      {a.switchedOffAt ? switchForm(r.slug, a, "switch-on") : switchForm(r.slug, a, "switch-off")}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <section className="mt-8 max-w-xl rounded border border-line bg-white p-5" aria-labelledby="policy-heading">
        <h2 id="policy-heading" className="mb-2 text-xl font-semibold">
          {t("policy.heading")}
        </h2>
        <p className="mb-4">{t("policy.lead")}</p>
        <FieldsForm
          action={submitAutomationPolicy}
          testId="automation-policy"
          fields={(["maxRequestsPerMinute", "errorWindow", "maxErrorsInWindow"] as const).map((k) => ({ name: k, label: t(`policy.${k}`), defaultValue: String(policy[k]), maxLength: 5 }))}
          submitLabel={t("policy.submit")}
          errorHeading={t("errorHeading")}
        />
      </section>
    </PageShell>
  );
});
