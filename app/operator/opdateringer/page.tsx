import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { PageShell } from "@/components/PageShell";
import { FieldsForm } from "@/components/forms/FieldsForm";
import { definePage } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { listUpdates, UPDATE_NOTICE_DAYS } from "@/lib/automation/updates";
import { UpdateList } from "@/components/admin/updates/UpdateList";
import { submitPublishUpdate } from "./actions";

/** The operator's Updates: publish one (at least 14 Danish calendar days ahead) and every Update published so far. */
export default definePage({ kind: "operator", name: "operatorUpdates", query: z.object({ udgivet: z.string().max(5).optional() }) }, async (ctx, { query }) => {
  const t = await getTranslations("operatorUpdates");
  const updates = await listUpdates();
  return (
    <PageShell homeHref={paths.operatorHome()} signedInName={ctx.operator.name} signOutTo={paths.operatorLogin()} wide>
      <p className="mb-4">
        <Link href={paths.operatorHome()}>{t("back")}</Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-3xl">{t("lead", { days: UPDATE_NOTICE_DAYS })}</p>
      {query.udgivet ? (
        <p role="status" className="mb-6 rounded border-l-4 border-green-700 bg-green-50 p-4" data-testid="update-published">
          {t("published")}
        </p>
      ) : null}
      <section className="mb-8 max-w-2xl rounded border border-line bg-white p-5" aria-labelledby="publish-heading">
        <h2 id="publish-heading" className="mb-4 text-xl font-bold">{t("publishHeading")}</h2>
        <FieldsForm
          action={submitPublishUpdate}
          testId="publish-update"
          errorHeading={t("errorHeading")}
          submitLabel={t("submit")}
          fields={[
            { name: "title", label: t("titleLabel"), maxLength: 200, autoComplete: "off" },
            { name: "body", label: t("bodyLabel"), type: "textarea", rows: 6, maxLength: 10000 },
            { name: "effectiveOn", label: t("effectiveOnLabel"), hint: t("effectiveOnHint", { days: UPDATE_NOTICE_DAYS }), maxLength: 10, autoComplete: "off" },
          ]}
        />
      </section>
      <h2 className="mb-4 text-xl font-bold">{t("listHeading")}</h2>
      <UpdateList updates={updates} labels={{ none: t("none"), effectiveOn: t("effectiveOn"), publishedAt: t("publishedAt") }} />
    </PageShell>
  );
});
