import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { NemKontoConsentForm } from "@/components/NemKontoConsentForm";
import { TenantPageShell, tenantSessionExpiresAt } from "@/components/TenantPageShell";
import { Alert } from "@/components/dkfds/Alert";
import { BackLink } from "@/components/dkfds/Navigation";
import { definePage, type ActionState } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { tenantSettings } from "@/lib/tenancy/settings";
import { saveNemKontoConsent } from "./actions";

/** The action with the organisation bound, in useActionState's shape. */
function bindOrganisation<T>(action: (organisation: string, state: ActionState<T>, data: FormData) => Promise<ActionState<T>>, slug: string) {
  return action.bind(null, slug) as (state: ActionState<T>, data: FormData) => Promise<ActionState<T>>;
}

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

/** "Mine indstillinger": the signed-in tenant gives or withdraws the NemKonto consent. */
export default definePage(
  {
    kind: "tenant",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    query: z.object({ gemt: z.enum(["givet", "trukket-tilbage"]).optional() }),
    returnTo: (p) => paths.tenantSettings(p.organisation ?? ""),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("settings");
    const settings = await tenantSettings(ctx.db, ctx.session.uid);
    const org = ctx.org.name;
    return (
      <TenantPageShell org={ctx.org} signedInName={ctx.actor.label} signOut session={{ expiresAt: tenantSessionExpiresAt(ctx.session) }}>
        <BackLink href={paths.tenantHome(ctx.org.slug)}>{t("back")}</BackLink>
        {query.gemt ? (
          <Alert variant="success" heading={t("saved")} announce testId="settings-saved">
            {query.gemt === "givet" ? t("savedGiven", { organisation: org }) : t("savedWithdrawn")}
          </Alert>
        ) : null}
        <h1>{t("title")}</h1>
        <h2>{t("nemKonto.heading")}</h2>
        <p>{t("nemKonto.explain", { organisation: org })}</p>
        <p data-testid="nemkonto-status">
          <strong>{settings.nemKontoConsent ? t("nemKonto.statusGiven") : t("nemKonto.statusNone")}</strong>
        </p>
        <p data-testid="account-on-file">
          {settings.accountOnFile ? t("nemKonto.accountOnFile", { account: settings.accountOnFile }) : t("nemKonto.noAccountOnFile")}
        </p>
        <NemKontoConsentForm action={bindOrganisation(saveNemKontoConsent, ctx.org.slug)} consent={settings.nemKontoConsent} organisationName={org} />
        <p className="mt-6">{t("nemKonto.change")}</p>
      </TenantPageShell>
    );
  },
);
