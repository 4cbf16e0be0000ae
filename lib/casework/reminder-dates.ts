/**
 * Reminders (erindringer) of the move-out case, the pure part: which sources there are, their
 * Danish titles, which case date each belongs to, and the due date a formula gives
 * (addDateFormula, with the organisation's closing days as the other rules use them).
 */
import { addDateFormula, type ISODate } from "@/lib/rules";
import { closingDates } from "@/lib/notice/dates";
import type { CaseworkSettings } from "@/lib/organisation/settings";

/** The case dates a reminder may follow, keyed as settings.casework.reminderFormulas is. */
export const DATE_REMINDER_SOURCES = ["inspectionDeadline", "agreedInspection", "viewing", "settlementPayment", "settlementSent"] as const;
export type DateReminderSource = (typeof DATE_REMINDER_SOURCES)[number];
export const REMINDER_SOURCES = ["paused", ...DATE_REMINDER_SOURCES] as const;
export type ReminderSource = (typeof REMINDER_SOURCES)[number];

/** The MoveOutCase column of each date source. */
export const CASE_DATE_COLUMN = {
  inspectionDeadline: "inspectionDeadline",
  agreedInspection: "agreedInspectionDate",
  viewing: "viewingDate",
  settlementPayment: "settlementPaymentDate",
  settlementSent: "settlementSentDate",
} as const satisfies Record<DateReminderSource, string>;
export type CaseDateColumn = (typeof CASE_DATE_COLUMN)[DateReminderSource];
export const CASE_DATE_COLUMNS = Object.values(CASE_DATE_COLUMN) as CaseDateColumn[];

/** The reminder's title as staff see it in lists and the daily e-mail (Danish: the category and titles are the organisation's working language). */
export const REMINDER_TITLES: Record<ReminderSource, string> = {
  paused: "Erindring: sagen blev sat på pause",
  inspectionDeadline: "Erindring: synsfrist",
  agreedInspection: "Erindring: aftalt synsdato",
  viewing: "Erindring: besigtigelsesdato",
  settlementPayment: "Erindring: flytteopgørelsens betalingsdato",
  settlementSent: "Erindring: flytteopgørelsen er fremsendt",
};

export function isReminderSource(v: unknown): v is ReminderSource {
  return typeof v === "string" && (REMINDER_SOURCES as readonly string[]).includes(v);
}

/** The closing days (MM-DD each year) as dates around a base date, wide enough for any formula (3650 working days ≈ 15 years). */
export function closingDaysAround(closingDays: readonly string[], base: ISODate): ISODate[] {
  const y = Number(base.slice(0, 4));
  return closingDates(closingDays, `${y - 16}-01-01`, `${y + 16}-12-31`);
}

/** The due date of a reminder: `base` + `formula` (blank formula → null: no reminder). Throws RuleError on a bad formula. */
export function reminderDueDate(base: ISODate, formula: string, closingDays: readonly string[]): ISODate | null {
  return addDateFormula(base, formula, { closingDays: closingDaysAround(closingDays, base) });
}

/** The formula for a source in the settings ("" = none; the pause formula only when reminderOnPause). */
export function reminderFormulaFor(source: ReminderSource, s: Pick<CaseworkSettings, "reminderOnPause" | "pauseReminderFormula" | "reminderFormulas">): string {
  if (source === "paused") return s.reminderOnPause ? s.pauseReminderFormula : "";
  return s.reminderFormulas[source];
}
