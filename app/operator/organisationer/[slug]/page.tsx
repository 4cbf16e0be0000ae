import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { PageShell } from "@/components/PageShell";
import { FieldsForm } from "@/components/forms/FieldsForm";
import { definePage } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { organisationsWithFigures } from "@/lib/operator/organisations";
import { danishTime, todayInDenmark } from "@/lib/time";
import { formatLongDate } from "@/lib/text/dates";
import { resumeOrganisationAction, suspendOrganisationAction } from "../../actions";

/** One organisation for the operator: its figures and status; suspend it (with a reason) or resume it. */
export default definePage(
  { kind: "operator", name: "operatorOrganisation", params: z.object({ slug: z.string().min(1).max(60) }), query: z.object({ oprettet: z.string().optional(), lukket: z.string().optional(), aabnet: z.string().optional() }) },
  async (ctx, { params, query }) => {
    const t = await getTranslations("operatorAdmin");
    const locale = await getLocale();
    const org = (await organisationsWithFigures(ctx)).find((o) => o.slug === params.slug) ?? notFound();
    const notice = query.oprettet ? t("created") : query.lukket ? t("suspendedNow") : query.aabnet ? t("resumedNow") : null;
    return (
      <PageShell homeHref={paths.operatorHome()} signedInName={ctx.operator.name} signOutTo={paths.operatorLogin()} wide>
        <p className="mb-4">
          <Link href={paths.operatorHome()}>{t("back")}</Link>
        </p>
        <h1 className="mb-2 text-3xl font-bold">{org.name}</h1>
        {notice ? (
          <p role="status" className="mb-4 rounded border-l-4 border-green-700 bg-green-50 p-3" data-testid="operator-notice">
            {notice}
          </p>
        ) : null}
        <dl className="mb-6 grid max-w-xl grid-cols-1 gap-x-6 gap-y-1 rounded border border-line bg-white p-5 sm:grid-cols-[auto_1fr]" data-testid="organisation-facts">
          <dt className="font-semibold">{t("address")}</dt>
          <dd>
            <code>/{org.slug}</code>
          </dd>
          <dt className="font-semibold">{t("status")}</dt>
          <dd data-testid="organisation-status">
            {org.suspendedAt ? t("suspendedSince", { date: formatLongDate(todayInDenmark(org.suspendedAt), locale), time: danishTime(org.suspendedAt), reason: org.suspendedReason ?? "" }) : t("active")}
          </dd>
          <dt className="font-semibold">{t("tenancies")}</dt>
          <dd>{org.tenancies}</dd>
          <dt className="font-semibold">{t("noticesThisMonth")}</dt>
          <dd>{org.noticesThisMonth}</dd>
          <dt className="font-semibold">{t("staff")}</dt>
          <dd>{org.staff}</dd>
        </dl>
        <section className="max-w-xl rounded border border-line bg-white p-5" aria-labelledby="suspension-heading">
          {org.suspendedAt ? (
            <>
              <h2 id="suspension-heading" className="mb-2 text-xl font-semibold">{t("resumeHeading")}</h2>
              <p className="mb-4">{t("resumeLead")}</p>
              <FieldsForm action={resumeOrganisationAction} testId="resume-organisation" hidden={{ slug: org.slug }} fields={[]} submitLabel={t("resumeSubmit")} errorHeading={t("errorHeading")} />
            </>
          ) : (
            <>
              <h2 id="suspension-heading" className="mb-2 text-xl font-semibold">{t("suspendHeading")}</h2>
              <p className="mb-4">{t("suspendLead")}</p>
              <FieldsForm
                action={suspendOrganisationAction}
                testId="suspend-organisation"
                hidden={{ slug: org.slug }}
                fields={[{ name: "reason", label: t("reasonLabel"), hint: t("reasonHint"), type: "textarea", maxLength: 500 }]}
                submitLabel={t("suspendSubmit")}
                errorHeading={t("errorHeading")}
              />
            </>
          )}
        </section>
      </PageShell>
    );
  },
);
