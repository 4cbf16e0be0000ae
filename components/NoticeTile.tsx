import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ContactSettings } from "@/lib/organisation/settings";
import type { TenancyOverview } from "@/lib/tenancy/overview";
import type { TileReason } from "@/lib/rules";
import { formatLongDate } from "@/lib/text/dates";
import { codeText, type ShownText } from "@/lib/text/localized";
import { ContactDetails } from "./ContactDetails";
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
  const locale = await getLocale();
  const headingId = `lease-${tenancy.lejerId}`;
  // The organisation no longer administers the tenancy: that supersedes every other reason, and the
  // tenant must not be sent back to it.
  const stopped = tenancy.reasons.includes("stopped");
  const reasons = stopped ? (["stopped"] as const) : tenancy.reasons;
  return (
    <section aria-labelledby={headingId} className="mb-6 rounded border border-line bg-white p-5 shadow-sm" data-testid="notice-tile">
      <h2 id={headingId} className="text-xl font-semibold">
        {tenancy.address}
      </h2>
      <p className="text-muted">{tenancy.postalCity}</p>
      <p className="text-muted">{t("leaseNumber", { nr: tenancy.lejemaalNr })}</p>
      {tenancy.coTenant ? <p className="mt-1">{t("coTenant", { name: tenancy.coTenant })}</p> : null}
      {tenancy.subLeases.length > 0 ? (
        <div className="mt-3">
          <h3 className="font-semibold">{t("subLeases")}</h3>
          <ul className="list-disc pl-6">
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

      {tenancy.activeNoticeId ? (
        <div className="mt-4">
          <p className="mb-3">{t("inProgress")}</p>
          <Link
            href={`/${slug}/beboer/selvbetjening/opsigelse/start?lejer=${tenancy.lejerId}`}
            className="inline-flex min-h-12 items-center rounded bg-brand px-6 py-3 font-semibold text-white no-underline hover:bg-brand-dark"
          >
            {t("resume")}
          </Link>
        </div>
      ) : tenancy.canStart ? (
        <div className="mt-4">
          <Link
            href={`/${slug}/beboer/selvbetjening/opsigelse/start?lejer=${tenancy.lejerId}`}
            className="inline-flex min-h-12 items-center rounded bg-success px-6 py-3 text-lg font-semibold text-white no-underline hover:brightness-90"
            data-testid="start-notice"
          >
            {t("start")}
          </Link>
        </div>
      ) : (
        <div className="mt-4 border-l-4 border-brand bg-[#eef4fa] p-4" data-testid="cannot-start">
          <h3 className="mb-2 font-semibold">{t("cannotHeading")}</h3>
          <ul className="mb-3 list-disc pl-6">
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
              <h4 className="mb-1 font-semibold">{tt("stoppedHeading")}</h4>
              <p>{tt("stoppedContact", { organisation: organisationName })}</p>
            </div>
          ) : (
            <div data-testid="tile-contact">
              <p className="mb-2">{tt("contact", { organisation: organisationName })}</p>
              {contact.phone || contact.email ? <ContactDetails contact={contact} withHours={false} /> : null}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
