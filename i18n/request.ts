import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { resolveLocale } from "./locales";
import { ORG_PATH_HEADER, tenantTextOverrides } from "@/lib/organisation/text-overrides";
import { withTextOverrides } from "@/lib/organisation/texts";

// Danish by default; English when the visitor chose it (cookie set by the language switch).
// On an organisation's tenant pages, its own wizard texts replace ours (lib/organisation/texts.ts).
export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get("NEXT_LOCALE")?.value);
  const messages = (await import(`../messages/${locale}.json`)).default;
  const overrides = await tenantTextOverrides((await headers()).get(ORG_PATH_HEADER));
  return { locale, messages: withTextOverrides(messages, overrides, locale === "en" ? "en" : "da"), timeZone: "Europe/Copenhagen" };
});
