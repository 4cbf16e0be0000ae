import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AdminForm } from "@/components/admin/users/AdminForm";
import { dateTime } from "@/components/admin/users/format";
import { Notice } from "@/components/admin/users/Notice";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { staffUserDetail } from "@/lib/admin/users";
import { ROLES } from "@/lib/auth/permissions";
import { resendUserInvite, resetUserTotp, saveUserActive, saveUserRoles } from "../actions";

const SAVED = ["inviteret", "roller", "uaendret", "deaktiveret", "aktiveret", "nulstillet", "sendt"] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("adminUsers"))("title") };
}

/** One staff user: status, roles, and (users.manage) the forms that change them. Automation accounts are shown, never changed. */
export default definePage(
  {
    kind: "staff",
    permission: "users.read",
    name: "adminUserPage",
    params: z.object({ organisation: z.string().min(1).max(50), userId: z.uuid() }),
    query: z.object({ gemt: z.enum(SAVED).optional() }).loose(),
    returnTo: (p) => adminHref(p.organisation ?? "", "users", p.userId ?? ""),
  },
  async (ctx, { params, query }) => {
    const t = await getTranslations("adminUsers");
    const tr = await getTranslations("roles");
    const locale = await getLocale();
    const slug = ctx.org.slug;
    const u = await staffUserDetail(ctx.db, params.userId);
    const canManage = ctx.permissions.has("users.manage") && !u.automation;
    const bind = <A extends (slug: string, ...rest: never[]) => unknown>(a: A) => a.bind(null, slug) as never;
    const status = !u.active ? t("status.disabled") : u.paused ? t("status.paused") : u.enrolled ? t("status.active") : u.pendingInvite ? t("status.invited", { date: dateTime(u.pendingInvite.expiresAt, locale) }) : t("status.inviteExpired");
    const rows: Array<[string, string]> = [
      [t("field.email"), u.email],
      [t("field.roles"), u.roles.map((r) => tr(r)).join(", ")],
      [t("detail.status"), status],
      [t("detail.totp"), u.enrolled ? t("detail.enrolled") : t("detail.notEnrolled")],
      [t("detail.lastSignIn"), u.lastSignInAt ? dateTime(u.lastSignInAt, locale) : t("never")],
      [t("detail.created"), dateTime(u.createdAt, locale)],
    ];
    return (
      <AdminShell ctx={ctx} section="users" title={`${u.name}${u.id === ctx.session.uid ? ` ${t("you")}` : ""}`}>
        <p className="mb-4">
          <Link href={adminHref(slug, "users")}>← {t("back")}</Link>
        </p>
        {query.gemt ? (
          <Notice variant="success" heading={t("saved.heading")} announce testId="user-saved">
            {t(`saved.${query.gemt}`, { email: u.email })}
          </Notice>
        ) : null}
        {u.automation ? (
          <Notice variant="info" testId="automation-note">
            {t("automationNote")}
          </Notice>
        ) : null}
        <dl className="grid max-w-2xl grid-cols-1 gap-x-6 gap-y-1 rounded border border-line bg-white p-5 sm:grid-cols-[auto_1fr] sm:gap-y-2" data-testid="user-detail">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-semibold">{k}</dt>
              <dd className="mb-2 break-words sm:mb-0">{v}</dd>
            </div>
          ))}
        </dl>

        {canManage ? (
          <div className="mt-8 flex max-w-2xl flex-col gap-10">
            <section aria-labelledby="roles-heading">
              <h2 id="roles-heading" className="text-xl font-semibold">
                {t("detail.rolesHeading")}
              </h2>
              <p className="mt-1 text-muted">{t("detail.sessionsNote")}</p>
              <AdminForm
                id="roles"
                testId="roles-form"
                saveForm
                action={bind(saveUserRoles)}
                errorHeading={t("errorSummary")}
                submitLabel={t("detail.rolesSubmit")}
                fields={[
                  { kind: "hidden", name: "userId", value: u.id },
                  { kind: "checkboxes", name: "roles", legend: t("field.roles"), hint: t("field.rolesHint"), options: ROLES.map((r) => ({ value: r, label: tr(r), hint: t(`roleHint.${r}`) })), values: u.roles },
                ]}
              />
            </section>

            {u.active && !u.enrolled ? (
              <section aria-labelledby="resend-heading">
                <h2 id="resend-heading" className="text-xl font-semibold">
                  {t("detail.resendHeading")}
                </h2>
                <p className="mt-1">{t("detail.resendHint")}</p>
                <AdminForm id="resend" testId="resend-form" action={bind(resendUserInvite)} errorHeading={t("errorSummary")} submitLabel={t("detail.resend")} submitVariant="secondary" fields={[{ kind: "hidden", name: "userId", value: u.id }]} />
              </section>
            ) : null}

            {u.active && u.enrolled ? (
              <section aria-labelledby="reset-heading">
                <h2 id="reset-heading" className="text-xl font-semibold">
                  {t("detail.resetHeading")}
                </h2>
                <p className="mt-1">{t("detail.resetHint")}</p>
                <AdminForm id="reset" testId="reset-form" action={bind(resetUserTotp)} errorHeading={t("errorSummary")} submitLabel={t("detail.reset")} submitVariant="secondary" fields={[{ kind: "hidden", name: "userId", value: u.id }]} />
              </section>
            ) : null}

            <section aria-labelledby="access-heading">
              <h2 id="access-heading" className="text-xl font-semibold">
                {t("detail.accessHeading")}
              </h2>
              <p className="mt-1">{u.active ? t("detail.disableHint") : t("detail.enableHint")}</p>
              <AdminForm
                id="access"
                testId="access-form"
                action={bind(saveUserActive)}
                errorHeading={t("errorSummary")}
                submitLabel={u.active ? t("detail.disable") : t("detail.enable")}
                submitVariant="secondary"
                fields={[
                  { kind: "hidden", name: "userId", value: u.id },
                  { kind: "hidden", name: "active", value: u.active ? "false" : "true" },
                ]}
              />
            </section>
          </div>
        ) : null}
      </AdminShell>
    );
  },
);
