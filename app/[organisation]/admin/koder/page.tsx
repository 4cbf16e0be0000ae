import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { CODE_TABLES } from "@/lib/admin/code-form";
import { countCodes } from "@/lib/admin/codes";

export async function generateMetadata() {
  return { title: (await getTranslations("adminCodes"))("title") };
}

/** Kodetabeller: the four code tables with how many codes each holds. */
export default definePage(
  { kind: "staff", permission: "codes.read", params: z.object({ organisation: z.string().min(1).max(60) }), returnTo: (p) => adminHref(p.organisation ?? "", "codes") },
  async (ctx) => {
    const t = await getTranslations("adminCodes");
    const counts = await countCodes(ctx.db);
    return (
      <AdminShell ctx={ctx} section="codes" title={t("title")} lead={t("lead")}>
        <ul className="grid max-w-4xl gap-4 sm:grid-cols-2" data-testid="code-tables">
          {CODE_TABLES.map((table) => (
            <li key={table.slug} className="rounded border border-line bg-white p-5">
              <h2 className="text-xl font-bold">
                <Link href={adminHref(ctx.org.slug, "codes", table.slug)} className="text-brand underline" data-testid={`table-${table.slug}`}>
                  {t(`tables.${table.slug}.title`)}
                </Link>
              </h2>
              <p className="mt-2">{t(`tables.${table.slug}.lead`)}</p>
              <p className="mt-2 text-sm text-muted">{t("overview.countText", counts[table.type])}</p>
            </li>
          ))}
        </ul>
      </AdminShell>
    );
  },
);
