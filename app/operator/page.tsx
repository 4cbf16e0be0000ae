import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";
import { definePage } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { organisationsOverview } from "@/lib/operator/overview";

/** The operator's start page: every organisation on the installation. Operators only (re-checked on every request). */
export default definePage({ kind: "operator", name: "operatorHome" }, async (ctx) => {
  const t = await getTranslations("operator");
  const orgs = await organisationsOverview(ctx);
  return (
    <PageShell homeHref={paths.operatorHome()} signedInName={ctx.operator.name} signOutTo={paths.operatorLogin()} wide>
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
                <td className="p-2">{o.oidcConfigured ? t("configured") : t("notConfigured")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PageShell>
  );
});
