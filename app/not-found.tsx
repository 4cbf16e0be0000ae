import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/PageShell";

/** Every unknown address, unknown organisation and hidden resource: say so plainly and offer a way on. */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <PageShell>
      <h1 className="mb-4 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-4 text-lg">{t("body")}</p>
      <p className="mb-6 text-lg">{t("tenants")}</p>
      <Link href="/" className="inline-flex min-h-12 items-center rounded bg-brand px-6 py-3 text-lg font-semibold text-white no-underline hover:bg-brand-dark" data-testid="not-found-home">
        {t("home")}
      </Link>
    </PageShell>
  );
}
