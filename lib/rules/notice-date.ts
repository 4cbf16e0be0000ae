/**
 * When the notice is given, and the last day it can be given for a wanted termination date
 * (docs/rules.md: "When the notice is given").
 */
import { type ISODate, addDays, daysBetween, parseISODate } from "./calendar";
import { RuleError } from "./errors";
import { localParts, parseInstant } from "./instant";
import { type NoticeRule, parseNoticeRule, terminationDate } from "./notice";

/**
 * The notice date: the Danish calendar date (Europe/Copenhagen) of the instant `at` (ISO 8601 with
 * `Z` or an offset) at which the last required signature completes the submission.
 * Example: `2026-11-30T23:05:00Z` → `2026-12-01` (00:05 in Denmark). Unparsable input throws
 * RuleError('invalid-instant').
 */
export function noticeDateOf(at: string): ISODate {
  return localParts(parseInstant(at, "time the notice was given")).date;
}

const EARLIEST: ISODate = "1900-01-01";

/**
 * The last calendar date on which notice can be given so that the tenancy ends no later than
 * `termination`: the latest d with terminationDate(d, rule) <= termination. terminationDate never
 * decreases when the notice date moves later, so a binary search over the days that can matter
 * finds it. Examples ("3 måneder til den 1."): 2027-03-01 → 2026-12-01; 2027-02-28 → 2026-11-01;
 * running month + 3: 2027-04-01 → 2026-12-31.
 */
export function latestNoticeDate(termination: ISODate, rule: NoticeRule): ISODate {
  parseISODate(termination, "termination date");
  const r = parseNoticeRule(rule);
  // terminationDate(d) >= d always, and at most months·31 + days + 62 days after d (a month's
  // clamp, the running month and the rounding to an anchor day each add less than a month).
  const span = r.months * 31 + (r.days ?? 0) + 62;
  let lo: ISODate = daysBetween(EARLIEST, termination) > span ? addDays(termination, -span) : EARLIEST;
  if (terminationDate(lo, r) > termination) {
    throw new RuleError(
      "invalid-date",
      `No notice date from 1900 onwards gives a termination date on or before ${termination} with this notice rule.`,
    );
  }
  // Invariant: terminationDate(lo + a) <= termination and terminationDate(lo + b) > termination
  // (b starts at the day after termination, since terminationDate(d) >= d).
  let a = 0;
  let b = daysBetween(lo, termination) + 1;
  while (b - a > 1) {
    const mid = a + Math.floor((b - a) / 2);
    if (terminationDate(addDays(lo, mid), r) <= termination) a = mid;
    else b = mid;
  }
  lo = addDays(lo, a);
  return lo;
}
