import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TenantPageShell } from "@/components/TenantPageShell";
import { Alert } from "@/components/dkfds/Alert";
import { TenantLoginButton } from "@/components/TenantLoginButton";
import { resolveOrgContext } from "@/lib/http/context";
import { requirePublicOrganisation } from "@/lib/http/public";
import { paths, safeReturnPath } from "@/lib/http/paths";

type Props = { params: Promise<{ organisation: string }>; searchParams: Promise<{ callbackUrl?: string; error?: string }> };

const ERRORS = ["no-tenancy", "cancelled", "failed", "rate-limited"] as const;

export default async function TenantLoginPage({ params, searchParams }: Props) {
  const { organisation } = await params;
  const sp = await searchParams;
  const org = await requirePublicOrganisation(organisation);
  const callbackUrl = safeReturnPath(sp.callbackUrl, `/${org.slug}/beboer`, paths.tenantHome(org.slug));
  if (!sp.error && (await resolveOrgContext(org.slug, { kind: "tenant" })).ok) redirect(callbackUrl);

  const t = await getTranslations("tenantLogin");
  const error = org.settings.oidc ? ERRORS.find((e) => e === sp.error) : "not-configured";
  return (
    <TenantPageShell org={org}>
      <h1>{t("title")}</h1>
      {error ? (
        <Alert variant="error" testId="login-error">
          {t(`errors.${error}`, { organisation: org.name })}
        </Alert>
      ) : null}
      <p className="font-lead">{t("lead")}</p>
      {org.settings.oidc ? <TenantLoginButton organisation={org.slug} callbackUrl={callbackUrl} label={t("button")} /> : null}
    </TenantPageShell>
  );
}
