import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";
import { CredentialsLoginForm } from "@/components/CredentialsLoginForm";
import { resolveCurrent } from "@/lib/http/context";
import { paths } from "@/lib/http/paths";

type Props = { searchParams: Promise<{ error?: string }> };

export default async function OperatorLoginPage({ searchParams }: Props) {
  const { error } = await searchParams;
  // Only an operator the wrapper accepts (active, re-read now) goes on; a deactivated one stays here
  // rather than bouncing between this page and /operator.
  if ((await resolveCurrent({ kind: "operator" })).ok) redirect(paths.operatorHome());
  const t = await getTranslations("operator");
  return (
    <PageShell homeHref={paths.operatorHome()}>
      <h1 className="mb-6 text-3xl font-bold">{t("loginTitle")}</h1>
      {error ? (
        <div role="alert" data-testid="login-error" className="mb-6 border-l-4 border-danger bg-white p-4">
          {t("signInFailed")}
        </div>
      ) : null}
      <CredentialsLoginForm providerId="operator" callbackUrl={paths.operatorHome()} />
    </PageShell>
  );
}
