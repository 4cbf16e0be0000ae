import { danishDateTime } from "@/lib/admin/audit-format";
import { formatLongDate } from "@/lib/text/dates";
import { todayInDenmark } from "@/lib/time";

/** A moment in words, Danish time: "1. december 2026 kl. 14.03". */
export function danishMoment(at: Date): string {
  return `${formatLongDate(todayInDenmark(at), "da")} kl. ${danishDateTime(at).slice(11, 16).replace(":", ".")}`;
}

/** The time of day, Danish time: "kl. 14.03". */
export function danishClock(at: Date): string {
  return `kl. ${danishDateTime(at).slice(11, 16).replace(":", ".")}`;
}
