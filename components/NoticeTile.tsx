import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { paths } from "@/lib/http/paths";
import type { ContactSettings } from "@/lib/organisation/settings";
import type { TenancyOverview } from "@/lib/tenancy/overview";
import type { TileReason } from "@/lib/rules";
import { formatLongDate } from "@/lib/text/dates";
import { codeText, type ShownText } from "@/lib/text/localized";
import { ContactDetails } from "./ContactDetails";
import { Alert } from "./dkfds/Alert";
import { ButtonLink } from "./dkfds/Navigation";
import { LocalizedText } from "./LocalizedText";

/** The notice rule goes between "… opsigelsesvarsel på" and the sentence's full stop. */
function ruleText(shown: ShownText): ShownText {
  return { ...shown, text: shown.text.trim().replace(/\.$/, "") };
}

/** The date a reason names ("opsagt den …", "kan tidligst opsiges fra …", "siden …"), if it has one. */
function reasonDate(tenancy: TenancyOverview, reason: TileReason): string | null {
  if (reason === "already-terminated") return tenancy.terminatedOn;
  if (reason === "stopped") return tenancy.stoppedOn;
  if (reason === "non-terminable") return tenancy.terminableFrom;
  return null;
}

export async function NoticeTile({
  tenancy,
  slug,
  organisationName,
  contact,
}: {
  tenancy: TenancyOverview;
  slug: string;
  organisationName: string;
  contact: ContactSettings;
}) {
  const t = await getTranslations("tenant");
  const tt = await getTranslations("tile");
  const tr = await getTranslations("receipt");
  const locale = await getLocale();
  const headingId = `lease-${tenancy.lejerId}`;
  // The organisation no longer administers the tenancy: that supersedes every other reason, and the
  // tenant must not be sent back to it.
  const stopped = tenancy.reasons.includes("stopped");
  const reasons = stopped ? (["stopped"] as const) : tenancy.reasons;
  return (
    <section aria-labelledby={headingId} className="mb-6 border border-line bg-white p-5" data-testid="notice-tile">
      <h2 id={headingId} className="h3 mt-0">
        {tenancy.address}
      </h2>
      <p className="mt-0 mb-0">{tenancy.postalCity}</p>
      <p className="mt-0">{t("leaseNumber", { nr: tenancy.lejemaalNr })}</p>
      {tenancy.coTenant ? <p className="mt-1">{t("coTenant", { name: tenancy.coTenant })}</p> : null}
      {tenancy.subLeases.length > 0 ? (
        <div className="mt-3">
          <h3 className="h5">{t("subLeases")}</h3>
          <ul>
            {tenancy.subLeases.map((s) => (
              <li key={s.address}>{s.address}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {tenancy.noticeRuleText ? (
        <p className="mt-4" data-testid="notice-rule">
          {t.rich("noticeRule", {
            rule: () => <LocalizedText value={ruleText(codeText({ codeText: tenancy.noticeRuleText!, codeTextEn: tenancy.noticeRuleTextEn }, locale))} />,
          })}
        </p>
      ) : null}

      {tenancy.submittedNotice ? (
        // A notice already given: its receipt instead of a start button (no second notice until staff cancel it).
        <Alert variant="success" heading={tr("tileHeading", { date: formatLongDate(tenancy.submittedNotice.noticeDate, locale) })} headingLevel={3} announce={false} testId="notice-given" className="mt-4">
          {tr("tileText", { date: formatLongDate(tenancy.submittedNotice.vacatingDay, locale) })}{" "}
          <Link href={paths.noticeReceipt(slug, tenancy.submittedNotice.id)} data-testid="notice-receipt-link">
            {tr("tileLink")}
          </Link>
        </Alert>
      ) : tenancy.activeNoticeId ? (
        <div className="mt-4">
          <p className="mb-3">{t("inProgress")}</p>
          <ButtonLink href={`/${slug}/beboer/selvbetjening/opsigelse/start?lejer=${tenancy.lejerId}`} testId="resume-notice">{t("resume")}</ButtonLink>
        </div>
      ) : tenancy.canStart ? (
        <div className="mt-4">
          <ButtonLink href={`/${slug}/beboer/selvbetjening/opsigelse/start?lejer=${tenancy.lejerId}`} testId="start-notice">
            {t("start")}
          </ButtonLink>
        </div>
      ) : (
        <Alert variant="info" heading={t("cannotHeading")} headingLevel={3} blocks testId="cannot-start" className="mt-4">
          <ul>
            {reasons.map((r) => {
              const date = reasonDate(tenancy, r);
              return (
                <li key={r} data-reason={r}>
                  {t(`reasons.${r}`, { organisation: organisationName, date: date ? formatLongDate(date, locale) : "" })}
                </li>
              );
            })}
          </ul>
          {stopped ? (
            <div data-testid="stopped-contact">
              <h4 className="h5">{tt("stoppedHeading")}</h4>
              <p>{tt("stoppedContact", { organisation: organisationName })}</p>
            </div>
          ) : (
            <div data-testid="tile-contact">
              <p>{tt("contact", { organisation: organisationName })}</p>
              {contact.phone || contact.email ? <ContactDetails contact={contact} withHours={false} /> : null}
            </div>
          )}
        </Alert>
      )}
    </section>
  );
}
