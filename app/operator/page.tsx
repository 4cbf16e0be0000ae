import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";
import { getAppSession } from "@/lib/http/context";
import { listOrganisations, platformClient } from "@/lib/db/platform";
import { paths } from "@/lib/http/paths";

export default async function OperatorHome() {
  const session = await getAppSession();
  if (session?.kind !== "operator") redirect(paths.operatorLogin());
  const t = await getTranslations("operator");
  const orgs = await listOrganisations(platformClient());
  return (
    <PageShell homeHref={paths.operatorHome()} signedInName={session.name} signOutTo={paths.operatorLogin()} wide>
      <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6">{t("lead")}</p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left">
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2">{t("name")}</th>
              <th scope="col" className="p-2">{t("slug")}</th>
              <th scope="col" className="p-2">{t("oidc")}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id} className="border-b border-line">
                <td className="p-2">{o.name}</td>
                <td className="p-2"><code>/{o.slug}</code></td>
                <td className="p-2">{o.settings.oidc ? t("configured") : t("notConfigured")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PageShell>
  );
}
