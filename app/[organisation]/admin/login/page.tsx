import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";
import { CredentialsLoginForm } from "@/components/CredentialsLoginForm";
import { resolveOrgContext } from "@/lib/http/context";
import { requirePublicOrganisation } from "@/lib/http/public";
import { paths, safeReturnPath } from "@/lib/http/paths";

type Props = { params: Promise<{ organisation: string }>; searchParams: Promise<{ callbackUrl?: string }> };

export default async function StaffLoginPage({ params, searchParams }: Props) {
  const { organisation } = await params;
  const org = await requirePublicOrganisation(organisation);
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl, `/${org.slug}/admin`, paths.staffHome(org.slug));
  // Only staff the wrapper still accepts (active, same session version) go on; a deactivated user
  // stays here rather than bouncing between this page and the admin pages.
  if ((await resolveOrgContext(org.slug, { kind: "staff" })).ok) redirect(callbackUrl);
  const t = await getTranslations("staffLogin");
  return (
    <PageShell organisationName={org.name} homeHref={paths.staffHome(org.slug)}>
      <h1 className="mb-1 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 text-muted">{t("lead", { organisation: org.name })}</p>
      <CredentialsLoginForm providerId="staff" organisation={org.slug} callbackUrl={callbackUrl} />
    </PageShell>
  );
}
