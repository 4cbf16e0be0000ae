import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { OrganisationRecord } from "@/lib/db/platform";
import { legalHref } from "@/lib/organisation/legal";
import { ContactDetails } from "./ContactDetails";

/**
 * The footer of every tenant page (DKFDS footer): the organisation's contact details, privacy notice
 * and accessibility statement.
 */
export async function TenantFooter({ org }: { org: OrganisationRecord }) {
  const t = await getTranslations("footer");
  const tc = await getTranslations("contact");
  const links = [
    { key: "privacy", label: t("privacy"), ...legalHref(org, "privacy") },
    { key: "accessibility", label: t("accessibility"), ...legalHref(org, "accessibility") },
  ] as const;
  return (
    <footer data-testid="tenant-footer">
      <div className="footer">
        <div className="mx-auto grid w-full max-w-3xl gap-8 px-4 sm:grid-cols-2">
          <section aria-labelledby="footer-contact" className="footer-col">
            <h2 id="footer-contact" className="h4">
              {tc("heading", { organisation: org.name })}
            </h2>
            <ContactDetails contact={org.settings.contact} testId="footer-contact-details" />
          </section>
          <nav aria-labelledby="footer-about" className="footer-col">
            <h2 id="footer-about" className="h4">
              {t("label")}
            </h2>
            <ul className="unstyled-list">
              {links.map((l) => (
                <li key={l.key}>
                  {l.external ? (
                    <a href={l.href} data-testid={`footer-${l.key}`}>
                      {l.label}
                    </a>
                  ) : (
                    <Link href={l.href} data-testid={`footer-${l.key}`}>
                      {l.label}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          <p className="sm:col-span-2 mb-0">{t("service", { organisation: org.name })}</p>
        </div>
      </div>
    </footer>
  );
}
