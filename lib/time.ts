import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

export const DANISH_TZ = "Europe/Copenhagen";

/** Today's calendar date in Denmark, as YYYY-MM-DD — the `today` every rule is given. */
export function todayInDenmark(now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), DANISH_TZ), "yyyy-MM-dd");
}

/** Local Danish wall-clock time HH:mm of an instant. */
export function danishTime(at: Date): string {
  return format(new TZDate(at.getTime(), DANISH_TZ), "HH:mm");
}
