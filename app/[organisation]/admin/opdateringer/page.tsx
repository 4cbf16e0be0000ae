import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { UpdateList } from "@/components/admin/updates/UpdateList";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { listUpdates, UPDATE_NOTICE_DAYS } from "@/lib/automation/updates";

export async function generateMetadata() {
  return { title: (await getTranslations("adminUpdates"))("title") };
}

/** The operator's Updates (changes affecting automation), newest first; every staff member sees them (admin.view). */
export default definePage(
  { kind: "staff", permission: "admin.view", params: z.object({ organisation: z.string().min(1).max(50) }), returnTo: (p) => adminHref(p.organisation ?? "", "updates") },
  async (ctx) => {
    const t = await getTranslations("adminUpdates");
    const updates = await listUpdates();
    return (
      <AdminShell ctx={ctx} section="updates" title={t("title")} lead={t("lead", { days: UPDATE_NOTICE_DAYS })}>
        <p className="mb-4 text-sm">
          {t("feed")} <code>GET /api/v1/{ctx.org.slug}/updates</code>
        </p>
        <UpdateList updates={updates} labels={{ none: t("none"), effectiveOn: t("effectiveOn"), publishedAt: t("publishedAt") }} />
      </AdminShell>
    );
  },
);
