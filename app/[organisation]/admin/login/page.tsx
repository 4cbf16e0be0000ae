import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";
import { CredentialsLoginForm } from "@/components/CredentialsLoginForm";
import { organisationBySlug, platformClient } from "@/lib/db/platform";
import { getAppSession } from "@/lib/http/context";
import { paths, safeReturnPath } from "@/lib/http/paths";

type Props = { params: Promise<{ organisation: string }>; searchParams: Promise<{ callbackUrl?: string }> };

export default async function StaffLoginPage({ params, searchParams }: Props) {
  const { organisation } = await params;
  const org = await organisationBySlug(platformClient(), organisation);
  if (!org) notFound();
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl, `/${org.slug}/admin`, paths.staffHome(org.slug));
  const session = await getAppSession();
  if (session?.kind === "staff" && session.orgId === org.id) redirect(callbackUrl);
  const t = await getTranslations("staffLogin");
  return (
    <PageShell organisationName={org.name} homeHref={paths.staffHome(org.slug)}>
      <h1 className="mb-1 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 text-muted">{t("lead", { organisation: org.name })}</p>
      <CredentialsLoginForm providerId="staff" organisation={org.slug} callbackUrl={callbackUrl} />
    </PageShell>
  );
}
