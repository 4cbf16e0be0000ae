import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AdminForm } from "@/components/admin/users/AdminForm";
import { dateTime } from "@/components/admin/users/format";
import { Notice } from "@/components/admin/users/Notice";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { automationOverview } from "@/lib/automation/enablement";
import { listAutomationAccounts, MAX_ACTIVE_AUTOMATION_ACCOUNTS, type AutomationAccountRow } from "@/lib/automation/accounts";
import { currentTerms } from "@/lib/automation/terms";
import { submitAcceptTerms, submitAutomationRequest, submitCreateAccount } from "./actions";

const SAVED = ["anmodet", "accepteret"] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("adminAutomation"))("title") };
}

/**
 * Automation: whether the organisation may use it (asked, approved by the operator, the current terms
 * accepted), the terms, its automation accounts, and (users.manage) the forms to ask, accept the terms
 * and create an account.
 */
export default definePage(
  {
    kind: "staff",
    permission: "users.read",
    name: "adminAutomationPage",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    query: z.object({ gemt: z.enum(SAVED).optional() }).loose(),
    returnTo: (p) => adminHref(p.organisation ?? "", "automation"),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("adminAutomation");
    const tr = await getTranslations("roles");
    const th = await getTranslations("adminAutomationHours");
    const tact = await getTranslations("adminAutomationActivity");
    const tdocs = await getTranslations("apiDocs");
    const locale = (await getLocale()) === "en" ? "en" : "da";
    const slug = ctx.org.slug;
    const canManage = ctx.permissions.has("users.manage");
    const [{ state, access, acceptances }, accounts] = await Promise.all([automationOverview(ctx.db), listAutomationAccounts(ctx.db)]);
    const terms = currentTerms();
    const bind = <A extends (slug: string, ...rest: never[]) => unknown>(a: A) => a.bind(null, slug) as never;
    const activeCount = accounts.filter((a) => a.active).length;
    const status = !state.requested
      ? t("state.none")
      : state.revoked
        ? t("state.revoked", { reason: access?.refusedReason ?? "" })
        : state.refused
          ? t("state.refused", { reason: access?.refusedReason ?? "" })
          : !state.approved
            ? t("state.pending")
            : state.enabled
              ? t("state.enabled")
              : t("state.outdatedTerms", { version: state.currentVersion });
    const mayAsk = !state.requested || state.refused || state.revoked;
    const mustAccept = state.requested && !mayAsk && (state.acceptedVersion ?? 0) < state.currentVersion;
    const accountStatus = (a: AutomationAccountRow) =>
      !a.active
        ? t("account.deactivated")
        : a.switchedOffAt
          ? t("account.switchedOff", { reason: t(`reason.${a.switchedOffReason === "rate" || a.switchedOffReason === "errors" || a.switchedOffReason === "operator" ? a.switchedOffReason : "organisation"}`) })
          : a.pausedAt
            ? t("account.paused")
            : !a.enrolled
              ? t("account.awaitingEnrolment")
              : t("account.active");
    const termsBlock = (
      <section aria-labelledby="terms-heading" className="mt-4 max-w-3xl rounded border border-line bg-white p-5" data-testid="automation-terms" data-version={terms.version}>
        <h3 id="terms-heading" className="text-lg font-semibold">
          {terms.title[locale]} ({t("termsVersion", { version: terms.version, date: terms.publishedOn })})
        </h3>
        {terms.body[locale].map((p, i) => (
          <p key={i} className="mt-2">
            {p}
          </p>
        ))}
      </section>
    );
    return (
      <AdminShell ctx={ctx} section="automation" title={t("title")} lead={t("lead")}>
        <nav aria-label={t("title")} className="mb-4 flex flex-wrap gap-4" data-testid="automation-subnav">
          <Link href={adminHref(slug, "automation", "tider")}>{th("title")}</Link>
          <Link href={adminHref(slug, "automation", "aktivitet")}>{tact("title")}</Link>
          <Link href="/udviklere/api">{tdocs("title")}</Link>
        </nav>
        {query.gemt ? (
          <Notice variant="success" heading={t("saved.heading")} announce testId="automation-saved">
            {t(`saved.${query.gemt}`)}
          </Notice>
        ) : null}
        <dl className="grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 rounded border border-line bg-white p-5 sm:grid-cols-[auto_1fr] sm:gap-y-2" data-testid="automation-state">
          <dt className="font-semibold">{t("stateLabel")}</dt>
          <dd data-testid="automation-status" data-enabled={state.enabled ? "true" : "false"}>
            {status}
          </dd>
          {access ? (
            <>
              <dt className="font-semibold">{t("requestedAt")}</dt>
              <dd>{dateTime(access.requestedAt, locale)}</dd>
            </>
          ) : null}
          {acceptances.map((a) => (
            <div key={a.id} className="contents">
              <dt className="font-semibold">{t("acceptedLabel", { version: a.termsVersion })}</dt>
              <dd>{t("acceptedBy", { name: a.acceptedByName, date: dateTime(a.acceptedAt, locale), locale: a.locale.toUpperCase() })}</dd>
            </div>
          ))}
        </dl>

        {canManage && mayAsk ? (
          <section aria-labelledby="request-heading" className="mt-8">
            <h2 id="request-heading" className="text-xl font-semibold">
              {t("request.heading")}
            </h2>
            <p className="mt-1 max-w-3xl">{t("request.lead")}</p>
            {termsBlock}
            <AdminForm
              id="request"
              testId="request-form"
              action={bind(submitAutomationRequest)}
              errorHeading={t("errorSummary")}
              submitLabel={t("request.submit")}
              fields={[
                { kind: "hidden", name: "termsVersion", value: String(terms.version) },
                { kind: "hidden", name: "locale", value: locale },
                { kind: "text", name: "note", label: t("request.note"), hint: t("request.noteHint"), maxLength: 1000, width: "xl" },
                { kind: "checkboxes", name: "acceptTerms", legend: t("terms.legend"), options: [{ value: "on", label: t("terms.accept", { version: terms.version }) }], values: [] },
              ]}
            />
          </section>
        ) : null}

        {canManage && mustAccept ? (
          <section aria-labelledby="accept-heading" className="mt-8">
            <h2 id="accept-heading" className="text-xl font-semibold">
              {t("terms.newHeading")}
            </h2>
            <p className="mt-1 max-w-3xl">{t("terms.newLead")}</p>
            {termsBlock}
            <AdminForm
              id="accept"
              testId="accept-terms-form"
              action={bind(submitAcceptTerms)}
              errorHeading={t("errorSummary")}
              submitLabel={t("terms.submit")}
              fields={[
                { kind: "hidden", name: "termsVersion", value: String(terms.version) },
                { kind: "hidden", name: "locale", value: locale },
                { kind: "checkboxes", name: "acceptTerms", legend: t("terms.legend"), options: [{ value: "on", label: t("terms.accept", { version: terms.version }) }], values: [] },
              ]}
            />
          </section>
        ) : null}

        <section aria-labelledby="accounts-heading" className="mt-8">
          <h2 id="accounts-heading" className="text-xl font-semibold">
            {t("accounts.heading")}
          </h2>
          <p className="mt-1 max-w-3xl">{t("accounts.lead", { max: MAX_ACTIVE_AUTOMATION_ACCOUNTS })}</p>
          <div className="mt-3 overflow-x-auto rounded border border-line bg-white">
            <table className="w-full min-w-[40rem] border-collapse text-left" data-testid="automation-accounts">
              <caption className="sr-only">{t("accounts.heading")}</caption>
              <thead>
                <tr className="border-b border-line bg-brand/5">
                  {(["name", "email", "status", "key"] as const).map((c) => (
                    <th key={c} scope="col" className="px-3 py-2 font-semibold">
                      {t(`accounts.col.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {accounts.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="px-3 py-4">
                      {t("accounts.none")}
                    </td>
                  </tr>
                ) : (
                  accounts.map((a) => (
                    <tr key={a.id} className="border-b border-line align-top last:border-0" data-testid="automation-account-row" data-email={a.email}>
                      <th scope="row" className="px-3 py-2 font-normal">
                        <Link href={adminHref(slug, "automation", `konti/${a.id}`)} className="font-semibold">
                          {a.name}
                        </Link>
                      </th>
                      <td className="px-3 py-2 whitespace-nowrap">{a.email}</td>
                      <td className="px-3 py-2">{accountStatus(a)}</td>
                      <td className="px-3 py-2">{a.apiKeyCreatedAt ? dateTime(a.apiKeyCreatedAt, locale) : "—"}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </section>

        {canManage ? (
          <section aria-labelledby="create-heading" className="mt-8">
            <h2 id="create-heading" className="text-xl font-semibold">
              {t("create.heading")}
            </h2>
            {!state.enabled ? (
              <p className="mt-1 max-w-3xl" data-testid="create-unavailable">
                {t("create.notEnabled")}
              </p>
            ) : activeCount >= MAX_ACTIVE_AUTOMATION_ACCOUNTS ? (
              <p className="mt-1 max-w-3xl" data-testid="create-unavailable">
                {t("create.limit", { max: MAX_ACTIVE_AUTOMATION_ACCOUNTS })}
              </p>
            ) : (
              <>
                <p className="mt-1 max-w-3xl">{t("create.lead", { name: `${ctx.org.name} Automation N` })}</p>
                <AdminForm
                  id="create"
                  testId="create-account-form"
                  action={bind(submitCreateAccount)}
                  errorHeading={t("errorSummary")}
                  submitLabel={t("create.submit")}
                  fields={[
                    { kind: "email", name: "email", label: t("create.email"), hint: t("create.emailHint"), autoComplete: "off", inputMode: "email", width: "l" },
                    { kind: "checkboxes", name: "roles", legend: t("create.roles"), hint: t("create.rolesHint"), options: [{ value: "COMPLETE_TODOS", label: tr("COMPLETE_TODOS") }], values: ["COMPLETE_TODOS"] },
                  ]}
                />
              </>
            )}
          </section>
        ) : null}
      </AdminShell>
    );
  },
);
