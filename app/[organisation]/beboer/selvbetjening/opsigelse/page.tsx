import { getTranslations } from "next-intl/server";
import { TenantPageShell, tenantSessionExpiresAt } from "@/components/TenantPageShell";
import { NoticeTile } from "@/components/NoticeTile";
import { requirePageContext } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { tenantOverview } from "@/lib/tenancy/overview";
import { todayInDenmark } from "@/lib/time";
import { noop } from "@/app/actions/noop";

// The benchmark's no-op server action (bench/wizard.ts) is served with this page: a referenced action is in its worker.
void noop;

type Props = { params: Promise<{ organisation: string }> };

export async function generateMetadata() {
  const t = await getTranslations("tenant");
  return { title: t("title") };
}

/** The deep link associations put on their websites: /{organisation}/beboer/selvbetjening/opsigelse */
export default async function NoticeStartPage({ params }: Props) {
  const { organisation } = await params;
  const ctx = await requirePageContext(organisation, { kind: "tenant" }, paths.tenantHome(organisation));
  const tenancies = await tenantOverview(ctx.db, ctx.session.uid, todayInDenmark());
  const t = await getTranslations("tenant");
  return (
    <TenantPageShell org={ctx.org} signedInName={ctx.actor.label} signOut session={{ expiresAt: tenantSessionExpiresAt(ctx.session) }}>
      <h1>{t("title")}</h1>
      <p className="font-lead">{t("lead", { organisation: ctx.org.name })}</p>
      {tenancies.length === 0 ? <p>{t("noTenancies")}</p> : null}
      {tenancies.map((tenancy) => (
        <NoticeTile key={tenancy.lejerId} tenancy={tenancy} slug={ctx.org.slug} organisationName={ctx.org.name} contact={ctx.org.settings.contact} />
      ))}
    </TenantPageShell>
  );
}
