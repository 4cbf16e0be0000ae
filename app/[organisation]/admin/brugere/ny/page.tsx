import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AdminShell } from "@/components/admin/AdminShell";
import { AdminForm } from "@/components/admin/users/AdminForm";
import { definePage } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { INVITE_TTL_HOURS } from "@/lib/admin/invitations";
import { ROLES } from "@/lib/auth/permissions";
import { inviteUser } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("adminUsers"))("inviteTitle") };
}

/** Invite a staff user: name, e-mail, roles → the invitation e-mail; then the user's page. */
export default definePage(
  {
    kind: "staff",
    permission: "users.manage",
    name: "adminInviteUserPage",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    returnTo: (p) => adminHref(p.organisation ?? "", "users", "ny"),
  },
  async (ctx) => {
    const t = await getTranslations("adminUsers");
    const tr = await getTranslations("roles");
    const slug = ctx.org.slug;
    return (
      <AdminShell ctx={ctx} section="users" title={t("inviteTitle")} lead={t("inviteLead", { hours: INVITE_TTL_HOURS })}>
        <p className="mb-4">
          <Link href={adminHref(slug, "users")}>← {t("back")}</Link>
        </p>
        <AdminForm
          id="invite"
          testId="invite-form"
          saveForm
          action={inviteUser.bind(null, slug) as never}
          errorHeading={t("errorSummary")}
          submitLabel={t("inviteSubmit")}
          fields={[
            { kind: "text", name: "name", label: t("field.name"), autoComplete: "off", maxLength: 120, width: "l" },
            { kind: "email", name: "email", label: t("field.email"), hint: t("field.emailHint"), autoComplete: "off", inputMode: "email", width: "l" },
            {
              kind: "checkboxes",
              name: "roles",
              legend: t("field.roles"),
              hint: t("field.rolesHint"),
              options: ROLES.map((r) => ({ value: r, label: tr(r), hint: t(`roleHint.${r}`) })),
              values: [],
            },
          ]}
        />
      </AdminShell>
    );
  },
);
