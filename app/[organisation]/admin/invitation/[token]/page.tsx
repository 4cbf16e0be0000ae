import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { PageShell } from "@/components/PageShell";
import { AdminForm } from "@/components/admin/users/AdminForm";
import { dateTime } from "@/components/admin/users/format";
import { orgDb } from "@/lib/db/scoped";
import { definePage } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { consume } from "@/lib/security/rate-limit";
import { pendingTotpSecret, resolveInvite } from "@/lib/admin/invitations";
import { PASSWORD_MIN_LENGTH } from "@/lib/admin/password-rules";
import { groupedSecret, qrSvgDataUrl, totpUri } from "@/lib/admin/totp-enrolment";
import { submitInvitePassword, submitInviteTotp } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("invitation"))("title"), robots: { index: false, follow: false } };
}

/**
 * The invitation link's page (public: the token is the authority). Step 1 (a new user): choose a
 * password. Step 2: the TOTP secret as a QR code (an SVG data URL rendered here: no JavaScript, no
 * image request) and as text, and a current code to confirm it. A link that is unknown, of another
 * organisation, used, expired — or too many tries from one address — gets only a page saying so.
 */
export default definePage(
  {
    kind: "public",
    name: "staffInvitationPage",
    params: z.object({ organisation: z.string().min(1).max(50), token: z.string().max(200) }),
  },
  async (ctx, { params }) => {
    const org = ctx.org;
    if (!org) return null;
    const t = await getTranslations("invitation");
    const locale = await getLocale();
    const limited = !(await consume("staffInvitePerIp", ctx.meta.ip ?? "unknown")).ok;
    const r = limited ? null : await orgDb(org.id).$transaction((tx) => resolveInvite(tx, params.token));
    const shell = (children: React.ReactNode) => (
      <PageShell organisationName={org.name} homeHref={paths.staffLogin(org.slug)}>
        {children}
      </PageShell>
    );
    if (!r || !r.ok) {
      const reason = !r ? "limited" : r.reason;
      return shell(
        <>
          <h1 className="mb-3 text-3xl font-bold" data-testid="invite-unusable">
            {t("page.unusableTitle")}
          </h1>
          <p className="mb-6 text-lg" data-testid="invite-reason" data-reason={reason}>
            {t(`page.${reason}`, { organisation: org.name })}
          </p>
          {reason === "used" ? <Link href={paths.staffLogin(org.slug)}>{t("page.signIn")}</Link> : null}
        </>,
      );
    }
    const inv = r.invite;
    const total = inv.purpose === "invite" ? 2 : 1;
    const n = inv.step === "password" ? 1 : total;
    const hidden = [
      { kind: "hidden" as const, name: "org", value: org.slug },
      { kind: "hidden" as const, name: "token", value: params.token },
    ];
    const head = (
      <>
        <h1 className="mb-2 text-3xl font-bold">{inv.purpose === "invite" ? t("title") : t("titleReset")}</h1>
        <p className="mb-2 text-lg" data-testid="invite-lead">
          {t(inv.purpose === "invite" ? "page.lead" : "page.leadReset", { name: inv.user.name, organisation: org.name, email: inv.user.email })}
        </p>
        <p className="mb-6 text-muted">
          {total > 1 ? `${t("page.step", { n, total })} · ` : ""}
          {t("page.expiresAt", { date: dateTime(inv.expiresAt, locale) })}
        </p>
      </>
    );
    if (inv.step === "password") {
      return shell(
        <>
          {head}
          <h2 className="mb-3 text-2xl font-semibold">{t("page.passwordHeading")}</h2>
          <AdminForm
            id="invite-password"
            testId="invite-password-form"
            action={submitInvitePassword as never}
            errorHeading={t("page.errorSummary")}
            submitLabel={t("page.savePassword")}
            fields={[
              ...hidden,
              { kind: "password", name: "password", label: t("page.password"), hint: t("page.passwordHint", { min: PASSWORD_MIN_LENGTH }), autoComplete: "new-password", maxLength: 800, width: "l" },
              { kind: "password", name: "confirm", label: t("page.confirm"), autoComplete: "new-password", maxLength: 800, width: "l" },
            ]}
          />
        </>,
      );
    }
    const secret = pendingTotpSecret(inv);
    const qr = await qrSvgDataUrl(totpUri(secret, { email: inv.user.email, organisationName: org.name }));
    return shell(
      <>
        {head}
        <h2 className="mb-3 text-2xl font-semibold">{t("page.totpHeading")}</h2>
        <p className="mb-4 max-w-2xl">{t("page.totpExplain")}</p>
        <div className="mb-6 flex flex-col gap-6 sm:flex-row sm:items-start">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL rendered on the server */}
          <img src={qr} alt={t("page.qrAlt")} width={220} height={220} className="h-[220px] w-[220px] shrink-0 rounded border border-line bg-white" data-testid="totp-qr" />
          <div className="min-w-0">
            <p>{t("page.manual")}</p>
            <p className="mt-2">
              <code className="inline-block rounded bg-white px-3 py-2 font-mono text-lg tracking-wider break-all select-all" data-testid="totp-secret" data-secret={secret}>
                {groupedSecret(secret)}
              </code>
            </p>
            <p className="mt-2 text-sm text-muted">{t("page.manualAccount", { email: inv.user.email })}</p>
          </div>
        </div>
        <AdminForm
          id="invite-totp"
          testId="invite-totp-form"
          action={submitInviteTotp as never}
          errorHeading={t("page.errorSummary")}
          submitLabel={t("page.confirmCode")}
          fields={[...hidden, { kind: "text", name: "code", label: t("page.code"), hint: t("page.codeHint"), autoComplete: "one-time-code", inputMode: "numeric", maxLength: 7, width: "xs" }]}
        />
      </>,
    );
  },
);
