import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "../LanguageSwitch";
import { Icon } from "./Icon";
import "./dkfds.css";

export type TenantLayoutProps = {
  organisationName: string;
  homeHref: string;
  /** The signed-in tenant's name, shown in the portal bar. */
  signedInName?: string;
  /** A signed-in page: link to "Mine indstillinger" in the portal bar. */
  settingsHref?: string;
  /** Show "Log af" (a form post to /api/auth/logout). */
  signOut?: boolean;
  /** Wider column (a step page with the step indicator beside the question). */
  wide?: boolean;
  footer: ReactNode;
  children: ReactNode;
};

/**
 * Every tenant page: DKFDS header (portal bar with the organisation's name, the signed-in name,
 * language and "Log af"; solution bar with the service's name), skip link, one <main>, the footer.
 * Importing this module brings the DKFDS style sheet, so only pages that use it load DKFDS.
 */
export async function TenantLayout(props: TenantLayoutProps) {
  const t = await getTranslations("common");
  const td = await getTranslations("dkfds");
  const column = `mx-auto w-full px-4 ${props.wide ? "max-w-6xl" : "max-w-3xl"}`;
  return (
    <div className="tenant-page flex min-h-screen flex-col">
      <a href="#main" className="skipnav">
        {t("skipToContent")}
      </a>
      <header className="header" data-testid="tenant-header">
        <div className="portal-info">
          <div className={`portal-info-inner ${column}`}>
            <Link href={props.homeHref} className="portal-org" data-testid="header-organisation">
              {props.organisationName}
            </Link>
            <div className="portal-user portal-user--always">
              {props.signedInName ? <p className="user">{t("signedInAs", { name: props.signedInName })}</p> : null}
              {props.settingsHref ? (
                <Link href={props.settingsHref} className="function-link" data-testid="settings-link">
                  {t("settings")}
                </Link>
              ) : null}
              <LanguageSwitch className="function-link" />
              {props.signOut ? (
                <form method="post" action="/api/auth/logout" className="d-inline">
                  <button type="submit" className="function-link log-off">
                    <Icon name="lock" />
                    {t("signOut")}
                  </button>
                </form>
              ) : null}
            </div>
          </div>
        </div>
        <div className="solution-info">
          <div className={`solution-info-inner ${column}`}>
            <div className="solution-heading">
              <Link href={props.homeHref}>{td("serviceName")}</Link>
            </div>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`${column} py-8`}>
        {props.children}
      </main>
      {props.footer}
    </div>
  );
}
