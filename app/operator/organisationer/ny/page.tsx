import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";
import { FieldsForm } from "@/components/forms/FieldsForm";
import { definePage } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { createOrganisationAction } from "../../actions";

/** The operator onboards an organisation: slug, name, and its first "Manage users" administrator (invited by e-mail). */
export default definePage({ kind: "operator", name: "operatorNewOrganisation" }, async (ctx) => {
  const t = await getTranslations("operatorAdmin");
  return (
    <PageShell homeHref={paths.operatorHome()} signedInName={ctx.operator.name} signOutTo={paths.operatorLogin()} wide>
      <p className="mb-4">
        <Link href={paths.operatorHome()}>{t("back")}</Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{t("createTitle")}</h1>
      <p className="mb-6 max-w-3xl">{t("createLead")}</p>
      <div className="max-w-xl rounded border border-line bg-white p-5">
        <FieldsForm
          action={createOrganisationAction}
          testId="create-organisation"
          saveForm
          errorHeading={t("errorHeading")}
          submitLabel={t("createSubmit")}
          fields={[
            { name: "name", label: t("nameLabel"), maxLength: 120, autoComplete: "organization" },
            { name: "slug", label: t("slugLabel"), hint: t("slugHint"), maxLength: 40, autoComplete: "off" },
            { name: "adminName", label: t("adminName"), maxLength: 120, autoComplete: "off" },
            { name: "adminEmail", label: t("adminEmail"), hint: t("adminEmailHint"), type: "email", maxLength: 200, autoComplete: "off" },
          ]}
        />
      </div>
    </PageShell>
  );
});
