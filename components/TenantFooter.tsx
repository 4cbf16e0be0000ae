import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { OrganisationRecord } from "@/lib/db/platform";
import { legalHref } from "@/lib/organisation/legal";
import { ContactDetails } from "./ContactDetails";

/** The footer of every tenant page: the organisation's contact details, privacy notice and accessibility statement. */
export async function TenantFooter({ org }: { org: OrganisationRecord }) {
  const t = await getTranslations("footer");
  const tc = await getTranslations("contact");
  const links = [
    { key: "privacy", label: t("privacy"), ...legalHref(org, "privacy") },
    { key: "accessibility", label: t("accessibility"), ...legalHref(org, "accessibility") },
  ] as const;
  const link = "underline underline-offset-2 hover:no-underline";
  return (
    <footer className="mt-12 border-t-4 border-brand bg-white" data-testid="tenant-footer">
      <div className="mx-auto grid max-w-3xl gap-8 px-4 py-8 sm:grid-cols-2">
        <section aria-labelledby="footer-contact">
          <h2 id="footer-contact" className="mb-3 text-lg font-semibold">
            {tc("heading", { organisation: org.name })}
          </h2>
          <ContactDetails contact={org.settings.contact} testId="footer-contact-details" />
        </section>
        <nav aria-labelledby="footer-about">
          <h2 id="footer-about" className="mb-3 text-lg font-semibold">
            {t("label")}
          </h2>
          <ul className="space-y-2">
            {links.map((l) => (
              <li key={l.key}>
                {l.external ? (
                  <a href={l.href} className={link} data-testid={`footer-${l.key}`}>
                    {l.label}
                  </a>
                ) : (
                  <Link href={l.href} className={link} data-testid={`footer-${l.key}`}>
                    {l.label}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="border-t border-line">
        <p className="mx-auto max-w-3xl px-4 py-3 text-sm text-muted">{t("service", { organisation: org.name })}</p>
      </div>
    </footer>
  );
}
