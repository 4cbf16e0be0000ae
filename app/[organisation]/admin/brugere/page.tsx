import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { dateTime } from "@/components/admin/users/format";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { listStaffUsers, type StaffUserRow } from "@/lib/admin/users";

export async function generateMetadata() {
  return { title: (await getTranslations("adminUsers"))("title") };
}

/** Users and roles: every staff user of the organisation (people, then automation accounts), searchable, paginated. */
export default definePage(
  {
    kind: "staff",
    permission: "users.read",
    name: "adminUsersPage",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    query: z.object({ q: z.string().max(100).optional(), side: z.coerce.number().int().min(1).max(10_000).optional() }).loose(),
    returnTo: (p) => adminHref(p.organisation ?? "", "users"),
  },
  async (ctx, { query }) => {
    const t = await getTranslations("adminUsers");
    const tr = await getTranslations("roles");
    const locale = await getLocale();
    const slug = ctx.org.slug;
    const list = await listStaffUsers(ctx.db, { ...(query.q ? { q: query.q } : {}), page: query.side ?? 1 });
    const canManage = ctx.permissions.has("users.manage");
    const pageHref = (n: number) => {
      const sp = new URLSearchParams();
      if (query.q) sp.set("q", query.q);
      if (n > 1) sp.set("side", String(n));
      const s = sp.toString();
      return `${adminHref(slug, "users")}${s ? `?${s}` : ""}`;
    };
    const status = (u: StaffUserRow) =>
      !u.active
        ? t("status.disabled")
        : u.paused
          ? t("status.paused")
          : u.pendingInvite && !u.enrolled
            ? t("status.invited", { date: dateTime(u.pendingInvite.expiresAt, locale) })
            : !u.enrolled
              ? t("status.inviteExpired")
              : t("status.active");
    return (
      <AdminShell
        ctx={ctx}
        section="users"
        title={t("title")}
        lead={t("lead", { organisation: ctx.org.name })}
        actions={
          canManage ? (
            <Link href={adminHref(slug, "users", "ny")} className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand/90 focus-visible:outline-2 focus-visible:outline-offset-2" data-testid="invite-user">
              {t("invite")}
            </Link>
          ) : null
        }
      >
        <form method="get" action={adminHref(slug, "users")} role="search" className="mb-4 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="users-q" className="block font-semibold">
              {t("search")}
            </label>
            <input id="users-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} data-search className="mt-1 w-72 max-w-full rounded border border-ink px-3 py-2" />
          </div>
          <button type="submit" className="rounded border border-brand px-4 py-2 font-semibold text-brand hover:bg-brand/10">
            {t("searchSubmit")}
          </button>
        </form>

        <div className="overflow-x-auto rounded border border-line bg-white">
          <table className="w-full min-w-[48rem] border-collapse text-left" data-testid="users-table">
            <caption className="p-3 text-left font-semibold">{t("caption", { total: list.total })}</caption>
            <thead>
              <tr className="border-b border-line bg-brand/5">
                {(["name", "email", "roles", "status", "totp", "lastSignIn"] as const).map((c) => (
                  <th key={c} scope="col" className="px-3 py-2 font-semibold">
                    {t(`col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.rows.length === 0 ? (
                <tr>
                  <td colSpan={6} className="px-3 py-4">
                    {t("noneFound")}
                  </td>
                </tr>
              ) : (
                list.rows.map((u) => (
                  <tr key={u.id} className="border-b border-line align-top last:border-0" data-testid="user-row" data-email={u.email}>
                    <th scope="row" className="px-3 py-2 font-normal">
                      {u.automation ? (
                        <Link href={adminHref(slug, "automation", `konti/${u.id}`)} data-testid="automation-account-link">
                          {u.name}
                        </Link>
                      ) : (
                        <Link href={adminHref(slug, "users", u.id)} className="font-semibold">
                          {u.name}
                        </Link>
                      )}
                      {u.id === ctx.session.uid ? <span className="text-muted"> {t("you")}</span> : null}
                      {u.automation ? <span className="ml-2 inline-block rounded bg-ink px-2 py-0.5 text-xs font-semibold text-white">{t("automation")}</span> : null}
                    </th>
                    <td className="px-3 py-2 whitespace-nowrap">{u.email}</td>
                    <td className="px-3 py-2">{u.roles.map((r) => tr(r)).join(", ")}</td>
                    <td className="px-3 py-2">{status(u)}</td>
                    <td className="px-3 py-2">{u.automation ? "—" : u.enrolled ? t("yes") : t("no")}</td>
                    <td className="px-3 py-2">{u.lastSignInAt ? dateTime(u.lastSignInAt, locale) : t("never")}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {list.rows.some((u) => u.automation) ? <p className="mt-3 text-sm text-muted">{t("automationNote")}</p> : null}

        {list.pages > 1 ? (
          <nav aria-label={t("pagination")} className="mt-4">
            <ul className="flex flex-wrap gap-2">
              {list.page > 1 ? (
                <li>
                  <Link href={pageHref(list.page - 1)}>{t("previous")}</Link>
                </li>
              ) : null}
              {Array.from({ length: list.pages }, (_, i) => i + 1).map((n) => (
                <li key={n}>
                  {n === list.page ? (
                    <span aria-current="page" className="font-semibold">
                      {t("page", { n })}
                    </span>
                  ) : (
                    <Link href={pageHref(n)}>{t("page", { n })}</Link>
                  )}
                </li>
              ))}
              {list.page < list.pages ? (
                <li>
                  <Link href={pageHref(list.page + 1)}>{t("next")}</Link>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </AdminShell>
    );
  },
);
