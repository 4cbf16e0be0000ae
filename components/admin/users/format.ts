import { formatLongDate } from "@/lib/text/dates";
import { danishTime, todayInDenmark } from "@/lib/time";

/** "1. december 2026 kl. 15:20" (Danish wall-clock time) / "1 December 2026 15:20". */
export function dateTime(at: Date, locale: string): string {
  const day = formatLongDate(todayInDenmark(at), locale);
  return locale === "en" ? `${day} ${danishTime(at)}` : `${day} kl. ${danishTime(at)}`;
}
