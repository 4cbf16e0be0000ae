import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { TenantPageShell } from "@/components/TenantPageShell";
import { Alert } from "@/components/dkfds/Alert";
import { Button, SummaryList } from "@/components/dkfds/Navigation";
import { orgDb } from "@/lib/db/scoped";
import { definePage } from "@/lib/http/wrappers";
import { consume } from "@/lib/security/rate-limit";
import { maskAccount, maskIban, newAddressLines } from "@/lib/notice/letter-view";
import { resolveSigningLink } from "@/lib/notice/signing-link";
import { signingPaths } from "@/lib/notice/signing-oidc";
import { SIGNING_ERROR_CODES } from "@/lib/notice/signing-flow";
import { formatLongDate } from "@/lib/text/dates";
import { todayInDenmark } from "@/lib/time";

const errorCode = z.enum(SIGNING_ERROR_CODES);

/**
 * Sign later, the co-signer's page (public: the token authorises exactly one notice and one slot).
 * The whole notice read-only, the deadline, and "Underskriv med MitID" (a plain form to the link
 * start). A used, cancelled, expired or unknown token — or too many tries from one address — gives
 * only "Linket kan ikke bruges".
 */
export default definePage(
  {
    kind: "public",
    name: "signingLinkPage",
    params: z.object({ organisation: z.string().min(1).max(50), token: z.string().max(200) }),
    query: z.object({ fejl: z.string().max(40).optional() }).loose(),
  },
  async (ctx, { params, query }) => {
    const org = ctx.org;
    if (!org) return null;
    const t = await getTranslations("signLater.page");
    const ts = await getTranslations("signing");
    const locale = await getLocale();
    const date = (iso: string) => formatLongDate(iso, locale);
    const limited = !(await consume("signingLinkPerIp", ctx.meta.ip ?? "unknown")).ok;
    const now = new Date();
    const r = limited ? ({ ok: false } as const) : await orgDb(org.id).$transaction((tx) => resolveSigningLink(tx, { token: params.token, now, settings: org.settings }));
    if (!r.ok) {
      return (
        <TenantPageShell org={org}>
          <h1 data-testid="link-unusable">{t("unusableTitle")}</h1>
          <p>{t("unusable")}</p>
        </TenantPageShell>
      );
    }
    const { state, slot, link } = r;
    const a = state.notice.answers;
    const c = state.content;
    const d = state.dates;
    const from = state.slots.find((s) => s.signature)?.name ?? state.slots.find((s) => s.role !== slot.role)?.name ?? "";
    const fejl = errorCode.safeParse(query.fejl);
    const na = a["new-address"];
    const lang = locale === "en" ? "en" : "da";
    const newAddress = !na
      ? "—"
      : na.mode === "same"
        ? newAddressLines(na.address, lang).join(", ")
        : na.addresses.map((x) => `${state.slots.find((s) => s.personId === x.personId)?.name ?? ""}: ${newAddressLines(x.address, lang).join(", ")}`).join("; ");
    const acc = a.account?.account;
    const refund = acc?.kind === "danish" ? maskAccount(acc.regNo, acc.accountNo) : acc?.kind === "iban" ? maskIban(acc.iban) : t("nemkonto");

    return (
      <TenantPageShell org={org}>
        <h1>{t("title")}</h1>
        {fejl.success ? (
          <Alert variant="error" heading={ts("errorHeading")} testId="signing-error">
            {ts(`errors.${fejl.data}`)}
          </Alert>
        ) : null}
        <p className="font-lead">{t("lead", { from, address: state.tenancy.address1 })}</p>
        <p data-testid="link-role">{t("asRole", { name: slot.name, role: ts(`role.${slot.role}`) })}</p>

        {d ? (
          <>
            <h2>{t("deadlineHeading")}</h2>
            <Alert variant="info" announce={false} testId="link-deadline">
              {t("deadline", { deadline: date(d.latestNoticeDate), termination: date(d.terminationDate) })}
            </Alert>
          </>
        ) : null}

        <h2>{t("noticeHeading")}</h2>
        <SummaryList
          testId="link-notice"
          rows={[
            { key: "lease", label: t("lease"), value: `${state.tenancy.address1}, ${state.tenancy.postalCode} ${state.tenancy.city} (${state.tenancy.leaseNumber})` },
            { key: "people", label: t("people"), value: state.slots.map((s) => `${s.name} (${ts(`role.${s.role}`)})`).join(", ") },
            ...(d
              ? [
                  { key: "moveOut", label: t("moveOut"), value: date(d.moveOutDate) },
                  { key: "termination", label: ts("terminationDate"), value: date(d.terminationDate) },
                  { key: "vacating", label: ts("vacating"), value: ts("vacatingValue", { date: date(d.vacatingDay) }) },
                  { key: "liability", label: ts("liabilityLabel"), value: ts("liabilityPeriod", { from: date(d.liabilityFrom), to: date(d.liabilityTo) }) },
                ]
              : []),
            ...(c?.dates.inspectionDate ? [{ key: "inspection", label: t("inspection"), value: date(c.dates.inspectionDate) }] : []),
            { key: "newAddress", label: t("newAddress"), value: newAddress },
            { key: "refund", label: t("refund"), value: refund },
          ]}
        />
        {d ? (
          <p>
            <strong data-testid="vacating-deadline">{ts("vacatingDay", { date: date(d.vacatingDay) })}</strong>
          </p>
        ) : null}

        <h2>{t("signatures")}</h2>
        <ul data-testid="link-signers">
          {state.slots.map((s) => (
            <li key={s.role}>{s.signature ? t("signedBy", { name: s.name }) : t("notSignedBy", { name: s.name })}</li>
          ))}
        </ul>

        {state.contentHash && !state.incomplete ? (
          <form method="post" action={signingPaths.linkStart(org.slug)} className="mt-5">
            <input type="hidden" name="token" value={params.token} />
            <Button type="submit">{t("sign")}</Button>
            <p className="form-hint">{t("signHint")}</p>
          </form>
        ) : null}
        <p>{t("linkExpires", { expires: date(todayInDenmark(link.expiresAt)) })}</p>
      </TenantPageShell>
    );
  },
);
