import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PageShell } from "@/components/PageShell";
import { SessionExpiryWarning } from "@/components/dkfds/SessionExpiryWarning";
import { SESSION_TTL } from "@/lib/auth/types";
import { paths } from "@/lib/http/paths";
import type { StaffContext } from "@/lib/http/context";
import { adminHref, visibleSections, type AdminSectionKey } from "@/lib/admin/nav";
import { AdminKeyboard } from "./AdminKeyboard";
import { AutomationSwitchedOffBanner } from "./AutomationSwitchedOffBanner";

/**
 * Every admin page: the organisation's name and the signed-in person in the header, the sections
 * this person may use (and only those) as navigation, the page's heading, the session-expiry
 * warning and the back-office keyboard shortcuts (components/admin/AdminKeyboard.tsx).
 *
 *   <AdminShell ctx={ctx} section="codes" title="Kodetabeller">…</AdminShell>
 */
export async function AdminShell(props: { ctx: StaffContext; section: AdminSectionKey; title: ReactNode; lead?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const t = await getTranslations("adminShell");
  const { ctx } = props;
  const sections = visibleSections(ctx.permissions);
  const expiresAt = (ctx.session.authAt + SESSION_TTL.staff) * 1000;
  return (
    <PageShell organisationName={ctx.org.name} homeHref={paths.staffHome(ctx.org.slug)} signedInName={ctx.session.name} signOutTo={paths.staffLogin(ctx.org.slug)} wide>
      <div className="flex flex-col gap-6 md:flex-row">
        <nav aria-label={t("nav.label")} className="md:w-56 md:shrink-0" data-testid="admin-nav">
          <ul className="flex flex-wrap gap-1 md:flex-col">
            {sections.map((s) => {
              const current = s.key === props.section;
              return (
                <li key={s.key}>
                  <Link
                    href={adminHref(ctx.org.slug, s.key)}
                    aria-current={current ? "page" : undefined}
                    data-section={s.key}
                    className={`block rounded px-3 py-2 no-underline hover:bg-brand/10 focus-visible:outline-2 focus-visible:outline-offset-2 ${current ? "bg-brand font-semibold text-white hover:bg-brand" : "text-ink"}`}
                  >
                    {t(`nav.${s.key}`)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="min-w-0 flex-1">
          <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
            <div>
              <h1 className="text-3xl font-bold">{props.title}</h1>
              {props.lead ? <p className="mt-2 max-w-3xl text-lg">{props.lead}</p> : null}
            </div>
            {props.actions ? <div className="flex flex-wrap gap-2">{props.actions}</div> : null}
          </div>
          {ctx.permissions.has("users.manage") ? <AutomationSwitchedOffBanner ctx={ctx} /> : null}
          {props.children}
        </div>
      </div>
      <AdminKeyboard />
      <SessionExpiryWarning expiresAt={expiresAt} signInHref={paths.staffLogin(ctx.org.slug)} />
    </PageShell>
  );
}
