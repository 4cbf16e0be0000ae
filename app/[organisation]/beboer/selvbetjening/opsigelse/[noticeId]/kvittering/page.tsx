import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { TenantPageShell, tenantSessionExpiresAt } from "@/components/TenantPageShell";
import { Alert } from "@/components/dkfds/Alert";
import { SummaryList } from "@/components/dkfds/Navigation";
import { requirePageContext } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { tenantNoticeReceipt } from "@/lib/tenancy/documents";
import { formatLongDate, formatWeekdayDate } from "@/lib/text/dates";

type Props = { params: Promise<{ organisation: string; noticeId: string }> };

export async function generateMetadata() {
  const t = await getTranslations("receipt");
  return { title: t("title") };
}

/**
 * The receipt after submission (not a wizard step): the notice given, every date, its status, the
 * confirmation letter once the job has stored it (a reload shows it; no JavaScript needed), the
 * calendar file and the way to "Mine dokumenter". Only the tenant's own submitted or confirmed
 * notice; a notice still in progress goes back to the overview (which offers to resume it), anything
 * else is a 404.
 */
export default async function NoticeReceiptPage({ params }: Props) {
  const { organisation, noticeId } = await params;
  const ctx = await requirePageContext(organisation, { kind: "tenant" }, paths.noticeReceipt(organisation, noticeId));
  const r = await tenantNoticeReceipt(ctx.db, ctx.session.uid, noticeId);
  if (!r) notFound();
  if (!("receipt" in r)) {
    if (r.status === "DRAFT" || r.status === "AWAITING_SIGNATURES") redirect(paths.tenantHome(ctx.org.slug));
    notFound();
  }
  const n = r.receipt;
  const t = await getTranslations("receipt");
  const locale = await getLocale();
  const date = (iso: string) => formatLongDate(iso, locale);
  const slug = ctx.org.slug;
  return (
    <TenantPageShell org={ctx.org} signedInName={ctx.actor.label} signOut session={{ expiresAt: tenantSessionExpiresAt(ctx.session) }}>
      {/* The confirmation is the page's main heading (GOV.UK's confirmation pattern, as a DKFDS success alert). */}
      <Alert variant="success" heading={<span data-testid="receipt-heading">{t("title")}</span>} headingLevel={1} announce={false} testId="receipt-success" className="mt-0">
        {t("successText", { organisation: ctx.org.name, address: n.address })}
      </Alert>
      <h2 className="mt-6">{t("datesHeading")}</h2>
      <p className="font-lead">
        <strong>{n.address}</strong>
      </p>
      <Alert variant="warning" announce={false} testId="receipt-deadline">
        <strong>{t("deadline", { date: date(n.vacatingDay) })}</strong>
      </Alert>
      <SummaryList
        testId="receipt-dates"
        rows={[
          { key: "status", label: t("status"), value: <span data-testid="receipt-status">{t(`statusValue.${n.status}`, { organisation: ctx.org.name })}</span> },
          { key: "noticeDate", label: t("noticeDate"), value: date(n.noticeDate) },
          { key: "terminationDate", label: t("terminationDate"), value: date(n.terminationDate) },
          { key: "vacatingDay", label: t("vacatingDay"), value: t("vacatingValue", { date: date(n.vacatingDay) }) },
          { key: "liability", label: t("liability"), value: t("liabilityValue", { from: date(n.liabilityFrom), to: date(n.liabilityTo) }) },
          {
            key: "inspectionDate",
            label: t("inspectionDate"),
            value: (
              <>
                {formatWeekdayDate(n.inspectionDate, locale)}
                <br />
                <span className="form-hint">{t("inspectionNote", { organisation: ctx.org.name })}</span>
              </>
            ),
          },
        ]}
      />

      <h2 className="h3">{t("letterHeading")}</h2>
      {n.letterDocumentId ? (
        <p data-testid="receipt-letter">
          <a href={paths.tenantDocument(slug, n.letterDocumentId)}>{t("letterLink")}</a>
        </p>
      ) : (
        <Alert variant="info" announce={false} testId="receipt-letter-pending">
          {t("letterPending")}
        </Alert>
      )}

      <p>
        <a href={paths.noticeCalendar(slug, n.noticeId)} data-testid="receipt-calendar" download>
          {t("calendarLink")}
        </a>
        <br />
        <span className="form-hint">{t("calendarHint")}</span>
      </p>
      <ul className="nobullet-list">
        <li>
          <a href={paths.tenantDocuments(slug)} data-testid="receipt-documents">
            {t("documentsLink")}
          </a>
        </li>
        <li>
          <a href={paths.tenantHome(slug)}>{t("overviewLink")}</a>
        </li>
      </ul>
    </TenantPageShell>
  );
}
