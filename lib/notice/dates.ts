/**
 * Every date of a notice, computed in one place from the rules (lib/rules) so that the wizard's
 * move-out panel (step 5), the check-answers page (step 9), the signing page, the submission and
 * the letter all say the same: given the notice date (today while the tenant fills in the wizard;
 * `noticeDateOf` the last signature at submission), the move-out date, the tenancy's notice rule
 * and renovation period, and the organisation's settings.
 *
 * Pure: no I/O, the dates passed in (docs/rules.md).
 */
import {
  evaluateFormula,
  inspectionOptions,
  latestNoticeDate,
  liabilityPeriod,
  moveOutCheck,
  relettingDate,
  vacatingDay,
  type ISODate,
  type NoticeRule,
} from "@/lib/rules";
import { addDays } from "@/lib/rules/calendar";
import type { OrganisationSettings } from "@/lib/organisation/settings";

export type NoticeDateSettings = Pick<OrganisationSettings, "closingDays" | "relettingRule" | "moveOutFormula" | "relettingFormula" | "inspectionWindowDays" | "renovationLiable">;

/** The closing days (MM-DD every year) as dates in the years a window of dates touches. */
export function closingDates(closingDays: readonly string[], from: ISODate, to: ISODate): ISODate[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const out: ISODate[] = [];
  for (let y = first; y <= last; y++) for (const md of closingDays) out.push(`${y}-${md}`);
  return out.filter((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d);
}

export type MoveOutDateCheck =
  | { ok: true; info: "more-than-6-months" | null }
  | { ok: false; error: "before-today" | "formula" };

/** The move-out date as the wizard checks it: not before today, and the organisation's formula when set. */
export function checkMoveOutDate(a: { today: ISODate; moveOut: ISODate; settings: Pick<NoticeDateSettings, "moveOutFormula"> }): MoveOutDateCheck {
  const basic = moveOutCheck({ today: a.today, moveOut: a.moveOut });
  if (!basic.ok) return { ok: false, error: "before-today" };
  if (a.settings.moveOutFormula.trim() !== "" && !evaluateFormula(a.settings.moveOutFormula, { today: a.today, value: a.moveOut })) return { ok: false, error: "formula" };
  return { ok: true, info: basic.info ?? null };
}

/** The inspection dates the tenant may choose (never today, a weekend, a holiday or a closing day). */
export function allowedInspectionDates(a: { today: ISODate; moveOut: ISODate; settings: Pick<NoticeDateSettings, "closingDays" | "inspectionWindowDays"> }): { default: ISODate | null; allowed: ISODate[] } {
  const windowEnd = addDays(a.moveOut, a.settings.inspectionWindowDays);
  return inspectionOptions({
    today: a.today,
    moveOut: a.moveOut,
    windowDays: a.settings.inspectionWindowDays,
    closingDays: closingDates(a.settings.closingDays, a.moveOut, windowEnd),
  });
}

export type NoticeDates = {
  /** The day the notice is given (reaches the administration). */
  noticeDate: ISODate;
  moveOutDate: ISODate;
  /** T: the earliest termination date the notice allows, given on noticeDate. */
  earliestTerminationDate: ISODate;
  /** The day the tenancy ends for this move-out: the later of T and the first anchor day whose vacating day is on or after the move-out date. */
  terminationDate: ISODate;
  /** The tenant must have moved out by 12:00 on this day (vacatingDay of the termination date). */
  vacatingDay: ISODate;
  liabilityFrom: ISODate;
  liabilityTo: ISODate;
  /** The last day notice can reach the administration for the tenancy to end on terminationDate. */
  latestNoticeDate: ISODate;
  relettingDate: ISODate;
  /** Whether the re-letting date passes the organisation's re-letting validation formula (staff confirm it if not). */
  relettingDateValid: boolean;
};

/**
 * The notice's dates. The liability period runs from the notice date to the day before the
 * termination date (plus the renovation period when the organisation makes tenants liable for it).
 */
export function noticeDates(a: { noticeDate: ISODate; moveOut: ISODate; rule: NoticeRule; renovationDays: number; settings: NoticeDateSettings }): NoticeDates {
  const base = liabilityPeriod({ today: a.noticeDate, moveOut: a.moveOut, rule: a.rule, renovationDays: a.renovationDays, renovationLiable: false });
  const termination = addDays(base.to, 1);
  const liability = a.settings.renovationLiable
    ? liabilityPeriod({ today: a.noticeDate, moveOut: a.moveOut, rule: a.rule, renovationDays: a.renovationDays, renovationLiable: true })
    : base;
  const reletting = relettingDate({ today: a.noticeDate, moveOut: a.moveOut, renovationDays: a.renovationDays, formula: a.settings.relettingRule });
  const formula = a.settings.relettingFormula.trim();
  return {
    noticeDate: a.noticeDate,
    moveOutDate: a.moveOut,
    earliestTerminationDate: base.terminationDate,
    terminationDate: termination,
    vacatingDay: vacatingDay(termination),
    liabilityFrom: liability.from,
    liabilityTo: liability.to,
    latestNoticeDate: latestNoticeDate(termination, a.rule),
    relettingDate: reletting,
    relettingDateValid: formula === "" || evaluateFormula(formula, { today: a.noticeDate, value: reletting }),
  };
}

/**
 * Whether what was signed still holds on the day the notice is actually given: the termination
 * date and the liability period must be the same (the notice date itself naturally moves).
 */
export function sameSignedDates(signed: Pick<NoticeDates, "terminationDate" | "liabilityTo">, now: Pick<NoticeDates, "terminationDate" | "liabilityTo">): boolean {
  return signed.terminationDate === now.terminationDate && signed.liabilityTo === now.liabilityTo;
}
