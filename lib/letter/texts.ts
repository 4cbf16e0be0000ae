/**
 * The letter's and calendar's texts (catalogue namespace `letter`) and their formatting of dates,
 * times, roles and assurance levels. Shared by the PDF renderer and the calendar builder.
 */
import "server-only";
// use-intl/core (what next-intl builds on) has no React, so scripts under --conditions=react-server can load it.
import { createTranslator } from "use-intl/core";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import da from "@/messages/da.json";
import en from "@/messages/en.json";
import { formatLongDate } from "@/lib/text/dates";
import { DANISH_TZ, todayInDenmark } from "@/lib/time";
import type { LetterRole, NoticeLetterView } from "./view";

export type LetterLocale = "da" | "en";

export function letterTranslator(locale: LetterLocale) {
  return createTranslator({ locale, messages: locale === "en" ? en : da, namespace: "letter" });
}
export type LetterT = ReturnType<typeof letterTranslator>;

export function longDate(iso: string, locale: LetterLocale): string {
  return formatLongDate(iso, locale);
}

/** An instant as Danish calendar date and wall-clock time with seconds: "1. december 2026", "14.03.22" (da) or "14:03:22" (en). */
export function danishDateTime(instant: string, locale: LetterLocale): { date: string; time: string } {
  const at = new Date(instant);
  const time = format(new TZDate(at.getTime(), DANISH_TZ), locale === "en" ? "HH:mm:ss" : "HH.mm.ss");
  return { date: longDate(todayInDenmark(at), locale), time };
}

export function roleText(t: LetterT, role: LetterRole): string {
  return t(`role.${role}`);
}

/**
 * An assurance level claim in words. Brokers send MitID's level as a word ("substantial") or as the
 * NSIS URI ("https://data.gov.dk/concept/core/nsis/loa/Substantial"); anything else is shown as sent.
 */
export function assuranceText(t: LetterT, claim: string | null | undefined): string | null {
  if (!claim?.trim()) return null;
  const last = claim.trim().split(/[/#:]/).pop()!.toLowerCase();
  if (last === "low" || last === "substantial" || last === "high") return t(`assurance.${last}`);
  return claim.trim();
}

/** The names of the people with these roles, in the view's order: "Bent Hansen og Birgit Hansen". */
export function namesFor(view: NoticeLetterView, roles: readonly LetterRole[], locale: LetterLocale): string {
  const names = view.people.filter((p) => roles.includes(p.role)).map((p) => p.name);
  const and = locale === "en" ? " and " : " og ";
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")}${and}${names[names.length - 1]}`;
}
