import { getLocale, getTranslations } from "next-intl/server";
import type { ContactSettings } from "@/lib/organisation/settings";
import { pickText } from "@/lib/text/localized";
import { LocalizedText } from "./LocalizedText";

/** "tel:" link target: digits and a leading +, no spaces. */
function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

/**
 * The organisation's phone, e-mail and opening hours as a description list (footer); `withHours`
 * false leaves the opening hours to the footer (the tile).
 */
export async function ContactDetails({ contact, testId, withHours = true }: { contact: ContactSettings; testId?: string; withHours?: boolean }) {
  const t = await getTranslations("contact");
  const locale = await getLocale();
  if (!contact.phone && !contact.email && !contact.openingHours) {
    return <p data-testid={testId}>{t("none")}</p>;
  }
  const row = "flex flex-wrap gap-x-2";
  return (
    <dl className="space-y-1" data-testid={testId}>
      {contact.phone ? (
        <div className={row}>
          <dt className="font-semibold">{t("phone")}</dt>
          <dd>
            <a href={telHref(contact.phone)} className="underline underline-offset-2 hover:no-underline" data-testid="contact-phone">
              {contact.phone}
            </a>
          </dd>
        </div>
      ) : null}
      {contact.email ? (
        <div className={row}>
          <dt className="font-semibold">{t("email")}</dt>
          <dd className="[overflow-wrap:anywhere]">
            <a href={`mailto:${contact.email}`} className="underline underline-offset-2 hover:no-underline" data-testid="contact-email">
              {contact.email}
            </a>
          </dd>
        </div>
      ) : null}
      {withHours && contact.openingHours ? (
        <div className={row}>
          <dt className="font-semibold">{t("openingHours")}</dt>
          <dd data-testid="contact-hours">
            <LocalizedText value={pickText(contact.openingHours, locale)} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
