import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { resolveLocale } from "./locales";

// Danish by default; English when the visitor chose it (cookie set by the language switch).
export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get("NEXT_LOCALE")?.value);
  return { locale, messages: (await import(`../messages/${locale}.json`)).default, timeZone: "Europe/Copenhagen" };
});
