import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";
import { CredentialsLoginForm } from "@/components/CredentialsLoginForm";
import { getAppSession } from "@/lib/http/context";
import { paths } from "@/lib/http/paths";

export default async function OperatorLoginPage() {
  const session = await getAppSession();
  if (session?.kind === "operator") redirect(paths.operatorHome());
  const t = await getTranslations("operator");
  return (
    <PageShell homeHref={paths.operatorHome()}>
      <h1 className="mb-6 text-3xl font-bold">{t("loginTitle")}</h1>
      <CredentialsLoginForm providerId="operator" callbackUrl={paths.operatorHome()} />
    </PageShell>
  );
}
