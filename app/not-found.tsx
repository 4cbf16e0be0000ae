import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <PageShell>
      <h1 className="mb-4 text-3xl font-bold">{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
    </PageShell>
  );
}
