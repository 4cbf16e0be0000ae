import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { StaffContext } from "@/lib/http/context";
import { adminHref } from "@/lib/admin/nav";
import { selfSwitchedOffAccounts } from "@/lib/automation/accounts";
import { dateTime } from "@/components/admin/users/format";

/**
 * The admin shell's banner for "Manage users" staff (the shell shows it only to them): an automation
 * account switched itself off (unusual activity: reason "rate" or "errors") and stays off until a
 * manager switches it on again on its page. One indexed query per admin page.
 */
export async function AutomationSwitchedOffBanner({ ctx }: { ctx: StaffContext }) {
  const off = await selfSwitchedOffAccounts(ctx.db);
  if (off.length === 0) return null;
  const t = await getTranslations("adminAutomation");
  const locale = await getLocale();
  return (
    <div role="alert" className="mb-6 max-w-3xl rounded border-l-4 border-danger bg-red-50 p-4" data-testid="automation-switched-off-banner">
      <p className="font-semibold">{t("banner.heading")}</p>
      <ul className="mt-1 list-none p-0">
        {off.map((a) => (
          <li key={a.id}>
            {t("banner.text", { name: a.name, date: dateTime(a.at, locale), reason: t(`reason.${a.reason === "rate" ? "rate" : "errors"}`) })}{" "}
            <Link href={adminHref(ctx.org.slug, "automation", `konti/${a.id}`)}>{t("banner.link")}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
