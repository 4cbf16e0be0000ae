import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";
import { definePage } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { organisationsWithFigures } from "@/lib/operator/organisations";

/** The operator's start page: every organisation on the installation with its figures. Operators only (re-checked on every request). */
export default definePage({ kind: "operator", name: "operatorHome" }, async (ctx) => {
  const t = await getTranslations("operator");
  const ta = await getTranslations("operatorAdmin");
  const tu = await getTranslations("operatorUpdates");
  const tr = await getTranslations("operatorReports");
  const tau = await getTranslations("operatorAutomation");
  const orgs = await organisationsWithFigures(ctx);
  return (
    <PageShell homeHref={paths.operatorHome()} signedInName={ctx.operator.name} signOutTo={paths.operatorLogin()} wide>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
          <p>{t("lead")}</p>
          {/* Automation (issue 13): requests and accounts, the Updates, the organisations' reports */}
          <p className="mt-2 flex gap-4">
            <Link href="/operator/automatisering" data-testid="operator-automation-link">{tau("title")}</Link>
            <Link href="/operator/opdateringer" data-testid="operator-updates-link">{tu("title")}</Link>
            <Link href="/operator/rapporter" data-testid="operator-reports-link">{tr("title")}</Link>
          </p>
        </div>
        <Link href="/operator/organisationer/ny" className="rounded bg-brand px-4 py-2 font-semibold text-white no-underline" data-testid="new-organisation">
          {ta("create")}
        </Link>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left" data-testid="organisations">
          <caption className="sr-only">{ta("tableCaption")}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="p-2">{t("name")}</th>
              <th scope="col" className="p-2">{t("slug")}</th>
              <th scope="col" className="p-2">{ta("status")}</th>
              <th scope="col" className="p-2 text-right">{ta("tenancies")}</th>
              <th scope="col" className="p-2 text-right">{ta("noticesThisMonth")}</th>
              <th scope="col" className="p-2 text-right">{ta("staff")}</th>
              <th scope="col" className="p-2">{t("oidc")}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id} className="border-b border-line" data-testid={`org-${o.slug}`}>
                <th scope="row" className="p-2 font-normal">
                  <Link href={paths.operatorOrganisation(o.slug)}>{o.name}</Link>
                </th>
                <td className="p-2"><code>/{o.slug}</code></td>
                <td className="p-2" data-testid="status">{o.suspendedAt ? <strong className="text-red-800">{ta("suspended")}</strong> : ta("active")}</td>
                <td className="p-2 text-right tabular-nums" data-testid="tenancies">{o.tenancies}</td>
                <td className="p-2 text-right tabular-nums" data-testid="notices">{o.noticesThisMonth}</td>
                <td className="p-2 text-right tabular-nums" data-testid="staff">{o.staff}</td>
                <td className="p-2">{o.oidcConfigured ? t("configured") : t("notConfigured")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PageShell>
  );
});
