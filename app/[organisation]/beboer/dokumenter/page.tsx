import { getLocale, getTranslations } from "next-intl/server";
import { TenantPageShell, tenantSessionExpiresAt } from "@/components/TenantPageShell";
import { BackLink } from "@/components/dkfds/Navigation";
import { requirePageContext } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { tenantDocumentFolders } from "@/lib/tenancy/documents";
import { formatLongDate } from "@/lib/text/dates";
import { todayInDenmark } from "@/lib/time";

type Props = { params: Promise<{ organisation: string }> };

export async function generateMetadata() {
  const t = await getTranslations("documents");
  return { title: t("title") };
}

/** "Mine dokumenter": the tenant's letters (the confirmation of the notice …), by folder, newest first. The receipt e-mail links here. */
export default async function TenantDocumentsPage({ params }: Props) {
  const { organisation } = await params;
  const ctx = await requirePageContext(organisation, { kind: "tenant" }, paths.tenantDocuments(organisation));
  const folders = await tenantDocumentFolders(ctx.db, ctx.session.uid);
  const t = await getTranslations("documents");
  const locale = await getLocale();
  return (
    <TenantPageShell org={ctx.org} signedInName={ctx.actor.label} signOut session={{ expiresAt: tenantSessionExpiresAt(ctx.session) }}>
      <BackLink href={paths.tenantHome(ctx.org.slug)}>{t("backToOverview")}</BackLink>
      <h1>{t("title")}</h1>
      <p className="font-lead">{t("lead", { organisation: ctx.org.name })}</p>
      {folders.length === 0 ? <p data-testid="no-documents">{t("none")}</p> : null}
      {folders.map((f, i) => {
        const headingId = `folder-${i}`;
        return (
          <section key={f.folder} aria-labelledby={headingId} className="mb-6" data-testid="document-folder">
            <h2 id={headingId}>{f.folder}</h2>
            <div className="table--responsive-scroll">
              <table className="table table--borderless">
                <caption className="sr-only">{t("folderCaption", { folder: f.folder })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("documentTitle")}</th>
                    <th scope="col">{t("created")}</th>
                    <th scope="col">
                      <span className="sr-only">{t("open")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {f.documents.map((d) => {
                    const date = formatLongDate(todayInDenmark(d.createdAt), locale);
                    return (
                      <tr key={d.id} data-testid="document-row">
                        <td>{d.title}</td>
                        <td>{date}</td>
                        <td>
                          {/* A plain link (a file, not a page); the hidden text names the document, after the visible text (label in name). */}
                          <a href={paths.tenantDocument(ctx.org.slug, d.id)} data-testid="open-document">
                            {t("open")}
                            <span className="sr-only">{t("openLabel", { title: d.title, date })}</span>
                          </a>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </TenantPageShell>
  );
}
