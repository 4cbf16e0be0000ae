/**
 * What the admin pages show staff before (and after) they save a rule: pure functions over the
 * rules of lib/rules, with today as an argument (docs/rules.md), table-tested in
 * tests/unit/admin-previews.test.ts.
 */
import {
  evaluateFormula,
  isNoticeAnchorDay,
  latestNoticeDate,
  liabilityPeriod,
  relettingDate,
  terminationDate,
  validateFormula,
  vacatingDay,
  type ISODate,
  type NoticeRule,
} from "@/lib/rules";
import { addDays } from "@/lib/rules/calendar";
import { allowedInspectionDates } from "@/lib/notice/dates";

// ------------------------------------------------------------------------------- notice rules

export type NoticeRulePreview = {
  today: ISODate;
  /** Notice given today: the tenancy ends on (the termination date T). */
  terminationDate: ISODate;
  /** … and the tenant must have moved out by 12:00 on. */
  vacatingDay: ISODate;
  /** The next termination dates (the first is T) with the last day notice must reach the administration. */
  upcoming: { terminationDate: ISODate; latestNoticeDate: ISODate }[];
};

/**
 * The preview of a notice rule: notice given `today` ends on T; and for T and the next anchor days
 * after it (the 1sts, or the 1sts and 15ths; for a rule that may end on any day, the 1sts of the
 * following months), the latest notice date.
 */
export function noticeRulePreview(rule: NoticeRule, today: ISODate, count = 6): NoticeRulePreview {
  const t = terminationDate(today, rule);
  const dates: ISODate[] = [t];
  const anchor = rule.anchor === "any" ? "first" : rule.anchor;
  let d = t;
  while (dates.length < count) {
    d = addDays(d, 1);
    if (isNoticeAnchorDay(d, anchor)) dates.push(d);
  }
  return {
    today,
    terminationDate: t,
    vacatingDay: vacatingDay(t),
    upcoming: dates.map((x) => ({ terminationDate: x, latestNoticeDate: latestNoticeDate(x, rule) })),
  };
}

// ------------------------------------------------------------------------------- formulas

export type FormulaProblem = {
  /** 0-based position of the error (may be formula.length: the end). */
  position: number;
  message: string;
  /** The message without its own "at position N" (the page names the position, counted from 1, itself). */
  detail: string;
  /** The formula split around the character at `position` (`at` is "" at the end). */
  before: string;
  at: string;
  after: string;
};

/** null when the formula parses (blank included); otherwise where and what is wrong, split for a <mark>. */
export function formulaProblem(formula: string): FormulaProblem | null {
  const r = validateFormula(formula);
  if (r.ok) return null;
  const position = Math.max(0, Math.min(r.position, formula.length));
  const cp = formula.codePointAt(position);
  const len = cp !== undefined && cp > 0xffff ? 2 : position < formula.length ? 1 : 0;
  const detail = r.message
    .replace(/\s*\(position \d+\)/g, "")
    .replace(/\s+at position \d+/g, "")
    .replace(/\s{2,}/g, " ")
    .trim();
  return { position, message: r.message, detail, before: formula.slice(0, position), at: formula.slice(position, position + len), after: formula.slice(position + len) };
}

// ------------------------------------------------------------------------------- business settings

export type BusinessSettingsValues = {
  moveOutFormula: string;
  relettingFormula: string;
  relettingRule: string;
  inspectionWindowDays: number;
  closingDays: string[];
  renovationLiable: boolean;
  draftExpiryDays: number;
  signingLinkExpiryDays: number;
};

export type BusinessSettingsPreview = {
  today: ISODate;
  moveOut: ISODate;
  renovationDays: number;
  /** Whether the sample move-out date passes the move-out formula (true for a blank one); null: the formula does not parse. */
  moveOutAccepted: boolean | null;
  /** The re-letting date by BrevSynTekst; null: the rule does not parse. */
  relettingDate: ISODate | null;
  /** Whether that date passes the re-letting formula; null: either does not parse. */
  relettingAccepted: boolean | null;
  inspection: { default: ISODate | null; first: ISODate | null; last: ISODate | null; count: number };
  /** The liability period's end for the sample rule (3 months to the 1st), with the renovation period when liable. */
  liabilityTo: ISODate | null;
  draftExpiresOn: ISODate;
  signingLinkExpiresOn: ISODate;
};

/** The sample notice rule the settings preview uses ("3 måneder til den 1."). */
export const SAMPLE_RULE: NoticeRule = { months: 3, anchor: "first" };

function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

/** A sensible sample move-out date: the last weekday before the 1st of the month three months ahead. */
export function defaultSampleMoveOut(today: ISODate): ISODate {
  let d = addDays(terminationDate(today, SAMPLE_RULE), -1);
  for (let i = 0; i < 7; i++) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) break;
    d = addDays(d, -1);
  }
  return d;
}

/** Every business setting applied to one sample move-out date (notice given today). */
export function businessSettingsPreview(s: BusinessSettingsValues, a: { today: ISODate; moveOut: ISODate; renovationDays?: number }): BusinessSettingsPreview {
  const renovationDays = a.renovationDays ?? 14;
  const moveOutAccepted = attempt(() => evaluateFormula(s.moveOutFormula, { today: a.today, value: a.moveOut }));
  const reletting = attempt(() => relettingDate({ today: a.today, moveOut: a.moveOut, renovationDays, formula: s.relettingRule }));
  const relettingAccepted = reletting === null ? null : attempt(() => evaluateFormula(s.relettingFormula, { today: a.today, value: reletting }));
  const inspection = attempt(() => allowedInspectionDates({ today: a.today, moveOut: a.moveOut, settings: { closingDays: s.closingDays, inspectionWindowDays: s.inspectionWindowDays } }));
  const liability = attempt(() => liabilityPeriod({ today: a.today, moveOut: a.moveOut, rule: SAMPLE_RULE, renovationDays, renovationLiable: s.renovationLiable }));
  return {
    today: a.today,
    moveOut: a.moveOut,
    renovationDays,
    moveOutAccepted,
    relettingDate: reletting,
    relettingAccepted,
    inspection: {
      default: inspection?.default ?? null,
      first: inspection?.allowed[0] ?? null,
      last: inspection?.allowed.at(-1) ?? null,
      count: inspection?.allowed.length ?? 0,
    },
    liabilityTo: liability?.to ?? null,
    draftExpiresOn: addDays(a.today, s.draftExpiryDays),
    signingLinkExpiresOn: addDays(a.today, s.signingLinkExpiryDays),
  };
}
