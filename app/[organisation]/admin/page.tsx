import { getTranslations } from "next-intl/server";
import { AdminShell } from "@/components/admin/AdminShell";
import { requireContext } from "@/lib/http/wrappers";
import { paths } from "@/lib/http/paths";
import { SESSION_TTL } from "@/lib/auth/types";
import { isRole, PERMISSIONS } from "@/lib/auth/permissions";
import { danishTime } from "@/lib/time";
import { DashboardFigures } from "@/components/admin/dashboard/DashboardFigures";
import { dashboardFigures, weekStart } from "@/lib/casework/dashboard";
import { formatLongDate } from "@/lib/text/dates";
import { getLocale } from "next-intl/server";

type Props = { params: Promise<{ organisation: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminHome({ params }: Props) {
  const { organisation } = await params;
  const ctx = await requireContext({ kind: "staff", permission: "admin.view" }, organisation, paths.staffHome(organisation));
  const t = await getTranslations("admin");
  const tr = await getTranslations("roles");
  const tp = await getTranslations("permissions");
  const td = await getTranslations("adminDashboard");
  const locale = await getLocale();
  const endsAt = new Date((ctx.session.authAt + SESSION_TTL.staff) * 1000);
  const now = new Date();
  const figures = await dashboardFigures(ctx.db, { slug: ctx.org.slug, permissions: ctx.permissions, now });
  const monday = formatLongDate(weekStart(now).monday, locale);
  return (
    <AdminShell ctx={ctx} section="home" title={t("title")} lead={t("welcome", { name: ctx.session.name })}>
      <DashboardFigures
        heading={td("figuresHeading")}
        lead={td("figuresLead")}
        figures={figures.map((f) => ({ ...f, label: td(`figures.${f.key}`), hint: td(`hints.${f.key}`, { monday }) }))}
      />
      <h2 className="mb-3 text-xl font-bold">{td("aboutYou")}</h2>
      <dl className="grid max-w-xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] sm:gap-y-2 rounded border border-line bg-white p-5">
        <dt className="font-semibold">{t("organisation")}</dt>
        <dd data-testid="admin-organisation">{ctx.org.name}</dd>
        <dt className="font-semibold">{t("roles")}</dt>
        <dd data-testid="admin-roles">{ctx.roles.filter(isRole).map((r) => tr(r)).join(", ")}</dd>
        <dt className="font-semibold">{t("permissions")}</dt>
        <dd>
          <ul className="list-disc pl-5" data-testid="admin-permissions">
            {PERMISSIONS.filter((p) => ctx.permissions.has(p)).map((p) => (
              <li key={p}>{tp(p)}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <p className="mt-4 text-sm text-muted">{t("sessionEnds", { time: danishTime(endsAt) })}</p>
    </AdminShell>
  );
}
