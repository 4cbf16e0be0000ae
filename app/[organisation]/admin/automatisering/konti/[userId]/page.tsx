import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AdminForm } from "@/components/admin/users/AdminForm";
import { dateTime } from "@/components/admin/users/format";
import { Notice } from "@/components/admin/users/Notice";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { automationAccount, enrolmentOf } from "@/lib/automation/accounts";
import { KeyForm } from "../../_components/KeyForm";
import { submitConfirmEnrolment, submitDeactivateAccount, submitRotateKey, submitSwitchAccount } from "../../actions";

const SAVED = ["oprettet", "pause", "resume", "switch-off", "switch-on", "deaktiveret"] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("adminAutomation"))("title") };
}

/**
 * One automation account: its state; while not enrolled, the QR code of its second factor and the
 * form to confirm a code (which shows the first API key, once); then rotate the key (shown once),
 * pause / resume, switch off / on, deactivate. Changes need users.manage.
 */
export default definePage(
  {
    kind: "staff",
    permission: "users.read",
    name: "adminAutomationAccountPage",
    params: z.object({ organisation: z.string().min(1).max(50), userId: z.uuid() }),
    query: z.object({ gemt: z.enum(SAVED).optional() }).loose(),
    returnTo: (p) => adminHref(p.organisation ?? "", "automation", `konti/${p.userId ?? ""}`),
  },
  async (ctx, { params, query }) => {
    const t = await getTranslations("adminAutomation");
    const tr = await getTranslations("roles");
    const locale = await getLocale();
    const slug = ctx.org.slug;
    const a = await automationAccount(ctx.db, params.userId);
    const canManage = ctx.permissions.has("users.manage");
    const enrolment = canManage ? await enrolmentOf(ctx.db, a.id, ctx.org.name) : null;
    const bind = <A extends (slug: string, ...rest: never[]) => unknown>(fn: A) => fn.bind(null, slug) as never;
    const reason = a.switchedOffReason === "rate" || a.switchedOffReason === "errors" || a.switchedOffReason === "operator" ? a.switchedOffReason : "organisation";
    const status = !a.active
      ? t("account.deactivated")
      : a.switchedOffAt
        ? t("account.switchedOff", { reason: t(`reason.${reason}`) })
        : a.pausedAt
          ? t("account.paused")
          : !a.enrolled
            ? t("account.awaitingEnrolment")
            : t("account.active");
    const rows: Array<[string, string]> = [
      [t("accounts.col.email"), a.email],
      [t("account.role"), tr("COMPLETE_TODOS")],
      [t("accounts.col.status"), status],
      [t("account.enrolled"), a.enrolled ? t("yes") : t("no")],
      [t("accounts.col.key"), a.apiKeyCreatedAt ? dateTime(a.apiKeyCreatedAt, locale) : "—"],
      [t("account.created"), dateTime(a.createdAt, locale)],
    ];
    if (a.switchedOffAt) rows.push([t("account.switchedOffAt"), `${dateTime(a.switchedOffAt, locale)} (${a.switchedOffBy ?? ""})`]);
    const switchForm = (change: "pause" | "resume" | "switch-off" | "switch-on", variant: "primary" | "secondary" = "secondary") => (
      <AdminForm
        id={`switch-${change}`}
        testId={`${change}-form`}
        action={bind(submitSwitchAccount)}
        errorHeading={t("errorSummary")}
        submitLabel={t(`switch.${change}`)}
        submitVariant={variant}
        fields={[
          { kind: "hidden", name: "userId", value: a.id },
          { kind: "hidden", name: "change", value: change },
        ]}
      />
    );
    const keyLabels = { keyHeading: t("key.heading"), keyWarning: t("key.warning"), copyLabel: t("key.copy"), copiedLabel: t("key.copied") };
    return (
      <AdminShell ctx={ctx} section="automation" title={a.name}>
        <p className="mb-4">
          <Link href={adminHref(slug, "automation")}>← {t("back")}</Link>
        </p>
        {query.gemt ? (
          <Notice variant="success" heading={t("saved.heading")} announce testId="automation-saved">
            {t(`saved.${query.gemt}`)}
          </Notice>
        ) : null}
        <dl className="grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 rounded border border-line bg-white p-5 sm:grid-cols-[auto_1fr] sm:gap-y-2" data-testid="automation-account">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-semibold">{k}</dt>
              <dd className="mb-2 break-words sm:mb-0">{v}</dd>
            </div>
          ))}
        </dl>

        {canManage && a.active ? (
          <div className="mt-8 flex max-w-2xl flex-col gap-10">
            {enrolment ? (
              <section aria-labelledby="enrol-heading">
                <h2 id="enrol-heading" className="text-xl font-semibold">
                  {t("enrol.heading")}
                </h2>
                <p className="mt-1">{t("enrol.lead")}</p>
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={enrolment.qr} alt={t("enrol.qrAlt", { name: a.name })} width={200} height={200} className="mt-3 border border-line" data-testid="totp-qr" />
                <p className="mt-2">
                  {t("enrol.secret")} <code className="font-mono" data-testid="totp-secret">{enrolment.secret}</code>
                </p>
                <div className="mt-3">
                  <KeyForm action={bind(submitConfirmEnrolment)} testId="enrol-form" userId={a.id} submitLabel={t("enrol.submit")} codeLabel={t("enrol.code")} codeHint={t("enrol.codeHint")} {...keyLabels} />
                </div>
              </section>
            ) : a.enrolled ? (
              <section aria-labelledby="rotate-heading">
                <h2 id="rotate-heading" className="text-xl font-semibold">
                  {t("rotate.heading")}
                </h2>
                <p className="mt-1">{t("rotate.lead")}</p>
                <KeyForm action={bind(submitRotateKey)} testId="rotate-form" userId={a.id} submitLabel={t("rotate.submit")} variant="secondary" {...keyLabels} />
              </section>
            ) : null}

            <section aria-labelledby="switch-heading">
              <h2 id="switch-heading" className="text-xl font-semibold">
                {t("switch.heading")}
              </h2>
              <p className="mt-1">{t("switch.lead")}</p>
              <div className="mt-2 flex flex-col gap-2">
                {a.pausedAt ? switchForm("resume", "primary") : switchForm("pause")}
                {a.switchedOffAt ? switchForm("switch-on", "primary") : switchForm("switch-off")}
              </div>
            </section>

            <section aria-labelledby="deactivate-heading">
              <h2 id="deactivate-heading" className="text-xl font-semibold">
                {t("deactivate.heading")}
              </h2>
              <p className="mt-1">{t("deactivate.lead")}</p>
              <AdminForm id="deactivate" testId="deactivate-form" action={bind(submitDeactivateAccount)} errorHeading={t("errorSummary")} submitLabel={t("deactivate.submit")} submitVariant="secondary" fields={[{ kind: "hidden", name: "userId", value: a.id }]} />
            </section>
          </div>
        ) : null}
      </AdminShell>
    );
  },
);
