import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";

export default async function Home() {
  const t = await getTranslations("home");
  return (
    <PageShell>
      <h1 className="mb-4 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-4 text-lg">{t("lead")}</p>
      <p className="mb-2">{t("tenants")}</p>
      <p className="text-muted">{t("staff")}</p>
    </PageShell>
  );
}
