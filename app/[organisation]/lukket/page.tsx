import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TenantPageShell } from "@/components/TenantPageShell";
import { ContactDetails } from "@/components/ContactDetails";
import { publicOrganisation } from "@/lib/http/public";
import { paths } from "@/lib/http/paths";

type Props = { params: Promise<{ organisation: string }> };

/**
 * What staff and tenants of a suspended organisation see instead of the app (the request wrapper
 * sends every page of the organisation here; actions and routes answer 503 "suspended"). Shows no
 * organisation data beyond its name and public contact details. Once resumed, links back in.
 */
export default async function OrganisationSuspendedPage({ params }: Props) {
  const { organisation } = await params;
  const org = (await publicOrganisation(organisation)) ?? notFound();
  const t = await getTranslations("suspended");
  const suspended = org.suspendedAt !== null;
  return (
    <TenantPageShell org={org}>
      <div data-testid="organisation-suspended" data-suspended={suspended ? "yes" : "no"}>
        {suspended ? (
          <>
            <h1>{t("title", { organisation: org.name })}</h1>
            <p className="font-lead">{t("lead", { organisation: org.name })}</p>
            <p>{t("nothingLost")}</p>
            <h2 className="h3">{t("contactHeading", { organisation: org.name })}</h2>
            <ContactDetails contact={org.settings.contact} testId="suspended-contact" />
          </>
        ) : (
          <>
            <h1>{t("openTitle", { organisation: org.name })}</h1>
            <p>
              <a href={paths.tenantHome(org.slug)}>{t("openTenant")}</a>
            </p>
            <p>
              <a href={paths.staffHome(org.slug)}>{t("openStaff")}</a>
            </p>
          </>
        )}
      </div>
    </TenantPageShell>
  );
}
