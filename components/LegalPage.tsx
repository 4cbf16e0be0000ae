import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePublicOrganisation } from "@/lib/http/public";
import { paths } from "@/lib/http/paths";
import { legalSetting, type LegalKind } from "@/lib/organisation/legal";
import { pickText } from "@/lib/text/localized";
import { BackLink } from "./dkfds/Navigation";
import { TenantPageShell } from "./TenantPageShell";
import { TextDocument } from "./TextDocument";

const TITLE = { privacy: "privacyTitle", accessibility: "accessibilityTitle" } as const;
const DEFAULT = { privacy: "privacyDefault", accessibility: "accessibilityDefault" } as const;

export async function legalPageTitle(kind: LegalKind): Promise<string> {
  return (await getTranslations("legal"))(TITLE[kind]);
}

/**
 * /{organisation}/privatlivspolitik and /{organisation}/tilgaengelighedserklaering: public pages (no
 * sign-in) with the organisation's own text, or a default naming it; when the organisation keeps the
 * text on its own website, the page sends the visitor there.
 */
export async function LegalPage({ slug, kind }: { slug: string; kind: LegalKind }) {
  const org = await requirePublicOrganisation(slug);
  const setting = legalSetting(org, kind);
  if (setting.url) redirect(setting.url);
  const t = await getTranslations("legal");
  const locale = await getLocale();
  const shown = setting.text ? pickText(setting.text, locale) : { text: t(DEFAULT[kind], { organisation: org.name }) };
  return (
    <TenantPageShell org={org}>
      <BackLink href={paths.tenantHome(org.slug)}>{t("back")}</BackLink>
      <h1 className="break-words hyphens-auto">{t(TITLE[kind])}</h1>
      <TextDocument text={shown.text} {...(shown.lang ? { lang: shown.lang } : {})} />
    </TenantPageShell>
  );
}
