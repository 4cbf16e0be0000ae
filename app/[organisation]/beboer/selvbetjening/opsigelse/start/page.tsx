import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { TenantPageShell, tenantSessionExpiresAt } from "@/components/TenantPageShell";
import { Alert } from "@/components/dkfds/Alert";
import { BackLink } from "@/components/dkfds/Navigation";
import { requirePageContext } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { tenancyOverview } from "@/lib/tenancy/overview";
import { todayInDenmark } from "@/lib/time";

type Props = { params: Promise<{ organisation: string }>; searchParams: Promise<{ lejer?: string }> };

/** Step 2 of the wizard: general information about the process, for a tenancy the tenant may give notice on. */
export default async function NoticeGeneralInformation({ params, searchParams }: Props) {
  const { organisation } = await params;
  const lejer = z.uuid().safeParse((await searchParams).lejer);
  const ctx = await requirePageContext(organisation, { kind: "tenant" }, paths.tenantHome(organisation));
  if (!lejer.success) notFound();
  // Only a tenancy of the signed-in person (lib/tenancy/access.ts); anything else is a 404.
  const tenancy = await tenancyOverview(ctx.db, ctx.session.uid, lejer.data, todayInDenmark());
  if (!tenancy) notFound();
  const t = await getTranslations("tenant");
  const tt = await getTranslations("tile");
  return (
    <TenantPageShell org={ctx.org} signedInName={ctx.actor.label} signOut session={{ expiresAt: tenantSessionExpiresAt(ctx.session) }}>
      <BackLink href={paths.tenantHome(ctx.org.slug)}>{t("backToOverview")}</BackLink>
      <h1>{t("startInfoTitle")}</h1>
      <p className="font-lead">
        <strong>{tenancy.address}</strong>
      </p>
      <p>{t("startInfo")}</p>
      <Alert variant="info">
          {tenancy.canStart || tenancy.activeNoticeId
            ? t("wizardComing", { organisation: ctx.org.name })
            : tenancy.reasons.includes("stopped")
              ? tt("stoppedContact", { organisation: ctx.org.name })
              : t("contact", { organisation: ctx.org.name })}
      </Alert>
    </TenantPageShell>
  );
}
