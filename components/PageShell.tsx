import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "./LanguageSwitch";
import { SignOutButton } from "./SignOutButton";

/** Header (service name, organisation, language, sign-out), a skip link, one <main> and an optional footer (tenant pages). */
export async function PageShell(props: {
  children: ReactNode;
  organisationName?: string;
  homeHref?: string;
  signedInName?: string;
  signOutTo?: string;
  wide?: boolean;
  footer?: ReactNode;
}) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2">
        {t("skipToContent")}
      </a>
      <header className="bg-brand text-white">
        <div className={`mx-auto flex flex-wrap items-center justify-between gap-2 px-4 py-3 ${props.wide ? "max-w-6xl" : "max-w-3xl"}`}>
          <div className="flex flex-col">
            <Link href={props.homeHref ?? "/"} className="text-lg font-semibold text-white no-underline">
              {props.organisationName ?? t("appName")}
            </Link>
            {props.organisationName ? <span className="text-xs text-white/85">{t("appName")}</span> : null}
          </div>
          <div className="flex items-center gap-3">
            {props.signedInName ? <span className="text-sm">{t("signedInAs", { name: props.signedInName })}</span> : null}
            <LanguageSwitch />
            {props.signOutTo ? <SignOutButton callbackUrl={props.signOutTo} /> : null}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`mx-auto w-full flex-1 px-4 py-8 ${props.wide ? "max-w-6xl" : "max-w-3xl"}`}>
        {props.children}
      </main>
      {props.footer}
    </div>
  );
}
