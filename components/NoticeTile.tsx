import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { TenancyOverview } from "@/lib/tenancy/overview";

/** Sentence for the notice rule: the code text goes between "… opsigelsesvarsel på" and the full stop. */
function ruleText(text: string): string {
  return text.trim().replace(/\.$/, "");
}

export async function NoticeTile({ tenancy, slug, organisationName }: { tenancy: TenancyOverview; slug: string; organisationName: string }) {
  const t = await getTranslations("tenant");
  const headingId = `lease-${tenancy.lejerId}`;
  return (
    <section aria-labelledby={headingId} className="mb-6 rounded border border-line bg-white p-5 shadow-sm" data-testid="notice-tile">
      <h2 id={headingId} className="text-xl font-semibold">
        {tenancy.address}
      </h2>
      <p className="text-muted">
        {tenancy.postalCity} · <span className="whitespace-nowrap">{t("leaseNumber", { nr: tenancy.lejemaalNr })}</span>
      </p>
      {tenancy.coTenant ? <p className="mt-1">{t("coTenant", { name: tenancy.coTenant })}</p> : null}
      {tenancy.subLeases.length > 0 ? (
        <div className="mt-3">
          <h3 className="font-semibold">{t("subLeases")}</h3>
          <ul className="list-disc pl-6">
            {tenancy.subLeases.map((s) => (
              <li key={s.address}>{s.address}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {tenancy.noticeRuleText ? (
        <p className="mt-4" data-testid="notice-rule">
          {t("noticeRule", { rule: ruleText(tenancy.noticeRuleText) })}
        </p>
      ) : null}

      {tenancy.activeNoticeId ? (
        <div className="mt-4">
          <p className="mb-3">{t("inProgress")}</p>
          <Link
            href={`/${slug}/beboer/selvbetjening/opsigelse/start?lejer=${tenancy.lejerId}`}
            className="inline-flex min-h-12 items-center rounded bg-brand px-6 py-3 font-semibold text-white no-underline hover:bg-brand-dark"
          >
            {t("resume")}
          </Link>
        </div>
      ) : tenancy.canStart ? (
        <div className="mt-4">
          <Link
            href={`/${slug}/beboer/selvbetjening/opsigelse/start?lejer=${tenancy.lejerId}`}
            className="inline-flex min-h-12 items-center rounded bg-success px-6 py-3 text-lg font-semibold text-white no-underline hover:brightness-90"
            data-testid="start-notice"
          >
            {t("start")}
          </Link>
        </div>
      ) : (
        <div className="mt-4 border-l-4 border-brand bg-[#eef4fa] p-4" data-testid="cannot-start">
          <h3 className="mb-2 font-semibold">{t("cannotHeading")}</h3>
          <ul className="mb-2 list-disc pl-6">
            {tenancy.reasons.map((r) => (
              <li key={r} data-reason={r}>
                {t(`reasons.${r}`, { organisation: organisationName })}
              </li>
            ))}
          </ul>
          <p>{t("contact", { organisation: organisationName })}</p>
        </div>
      )}
    </section>
  );
}
