/**
 * Property-based tests of the date rules over generated valid dates (2000–2060) and rules.
 */
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  isDanishPublicHoliday,
  terminationDate,
  vacatingDay,
  liabilityPeriod,
  inspectionOptions,
  relettingDate,
  isNoticeAnchorDay,

} from "@/lib/rules";
import { addDays, addMonths, isWeekend, parts, daysInMonth } from "@/lib/rules/calendar";
import { isoDate, noticeRule } from "../../support/arbitraries";

const NUM_RUNS = 300;

function firstOfNextMonth(date: string): string {
  return addMonths(`${date.slice(0, 7)}-01`, 1);
}

describe("properties", () => {
  it("(1) the liability period ends no earlier than T − 1 and covers the move-out by a lawful vacating day", () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 0, max: 400 }),
        noticeRule,
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        (today, ahead, rule, renovationDays, renovationLiable) => {
          const moveOut = addDays(today, ahead);
          const p = liabilityPeriod({ today, moveOut, rule, renovationDays, renovationLiable });
          const extra = renovationLiable ? renovationDays : 0;
          const end = addDays(p.to, 1 - extra); // the date the tenancy no longer exists (before renovation)
          expect(p.from).toBe(today);
          expect(p.terminationDate).toBe(terminationDate(today, rule));
          // never before T − 1
          expect(p.to >= addDays(p.terminationDate, -1 + extra)).toBe(true);
          // the tenant may hand the dwelling back on the move-out date: vacatingDay(end) >= moveOut,
          // hence `to` is never before moveOut − 1 for 'any', and for anchored rules `end` lies at
          // most a week before moveOut (its vacating day is on or after it)
          expect(vacatingDay(end) >= moveOut).toBe(true);
          if (rule.anchor === "any") expect(p.to >= addDays(moveOut, -1 + extra)).toBe(true);
          else expect(end >= addDays(moveOut, -7)).toBe(true);
          // and no longer than needed: either the notice itself sets the end, or `end` is an anchor
          // day and the previous anchor day would not have covered the move-out
          if (end > p.terminationDate) {
            if (rule.anchor === "any") {
              expect(end).toBe(moveOut);
            } else {
              const anchor = rule.runningMonth ? "first" : rule.anchor;
              expect(isNoticeAnchorDay(end, anchor)).toBe(true);
              let prev = addDays(end, -1);
              while (!isNoticeAnchorDay(prev, anchor)) prev = addDays(prev, -1);
              expect(vacatingDay(prev) < moveOut).toBe(true);
            }
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("(2) inspection options are weekdays, not holidays, closing days or today, and within the window", () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: -30, max: 5 }),
        fc.integer({ min: 0, max: 30 }),
        fc.uniqueArray(fc.integer({ min: -3, max: 33 }), { maxLength: 8 }),
        (moveOut, todayOffset, windowDays, closingOffsets) => {
          const today = addDays(moveOut, todayOffset);
          const closingDays = closingOffsets.map((n) => addDays(moveOut, n));
          const r = inspectionOptions({ today, moveOut, windowDays, closingDays });
          const last = addDays(moveOut, windowDays);
          for (const d of r.allowed) {
            expect(isWeekend(d)).toBe(false);
            expect(isDanishPublicHoliday(d)).toBe(false);
            expect(closingDays).not.toContain(d);
            expect(d).not.toBe(today);
            expect(d >= moveOut && d <= last).toBe(true);
          }
          // complete and in order: every qualifying date in the window is listed, once
          const expected: string[] = [];
          for (let i = 0; i <= windowDays; i++) {
            const d = addDays(moveOut, i);
            if (!isWeekend(d) && !isDanishPublicHoliday(d) && !closingDays.includes(d) && d !== today) expected.push(d);
          }
          expect(r.allowed).toEqual(expected);
          expect(r.default).toBe(expected.includes(moveOut) ? moveOut : (expected[0] ?? null));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  const relettingFormula = fc.oneof(
    fc.constantFrom("", "0", " 0 "),
    fc.integer({ min: 0, max: 120 }).map((n) => `${n};D`),
    fc
      .tuple(fc.integer({ min: 0, max: 120 }), fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 4 }))
      .map(([n, ds]) => `${n};${ds.join(",")}`),
  );

  it("(3) a re-letting date is never before move-out + renovation days + 1, and honours N and the listed days", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 90 }), relettingFormula, (today, ahead, renovationDays, formula) => {
        const moveOut = addDays(today, ahead);
        const r = relettingDate({ today, moveOut, renovationDays, formula });
        const base = addDays(moveOut, renovationDays + 1);
        expect(r >= base).toBe(true);
        const f = formula.trim();
        if (f === "" || f === "0") {
          expect(r).toBe(base);
          return;
        }
        const [nText, rest = ""] = f.split(";");
        const earliest = addDays(today, Number(nText));
        expect(r >= earliest).toBe(true);
        if (rest === "D") {
          expect(r).toBe(earliest > base ? earliest : base);
        } else {
          const listed = rest.split(",").map(Number);
          const { year, month, day } = parts(r);
          const dim = daysInMonth(year, month);
          expect(listed.some((d) => Math.min(d, dim) === day)).toBe(true);
          // the earliest such date: nothing in between qualifies (at most ~31 days to check)
          const start = earliest > base ? earliest : base;
          for (let d = start; d < r; d = addDays(d, 1)) {
            const p = parts(d);
            expect(listed.some((x) => Math.min(x, daysInMonth(p.year, p.month)) === p.day)).toBe(false);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("(4) the termination date is never before notice + months (+ days) and is the earliest allowed anchor day", () => {
    fc.assert(
      fc.property(isoDate, noticeRule, (notice, rule) => {
        const t = terminationDate(notice, rule);
        const start = rule.runningMonth ? firstOfNextMonth(notice) : notice;
        const base = addDays(addMonths(start, rule.months), rule.days ?? 0);
        expect(t >= base).toBe(true);
        expect(t >= addDays(addMonths(notice, rule.months), rule.days ?? 0)).toBe(true);
        expect(isNoticeAnchorDay(t, rule.anchor)).toBe(true);
        if (rule.anchor === "any") expect(t).toBe(base);
        // no earlier anchor day between base and T
        for (let d = base; d < t; d = addDays(d, 1)) expect(isNoticeAnchorDay(d, rule.anchor)).toBe(false);
        if (rule.runningMonth) {
          // the month of notice never counts: T is at least the 1st of notice month + months + 1
          expect(t >= addMonths(firstOfNextMonth(notice), rule.months)).toBe(true);
          expect(parts(t).day).toBe(1);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("(5) the vacating day is a weekday, not a holiday nor the day before one, on or after the input, and the first such day", () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        const v = vacatingDay(d);
        const ok = (x: string) => !isWeekend(x) && !isDanishPublicHoliday(x) && !isDanishPublicHoliday(addDays(x, 1));
        expect(v >= d).toBe(true);
        expect(ok(v)).toBe(true);
        for (let x = d; x < v; x = addDays(x, 1)) expect(ok(x)).toBe(false);
        expect(vacatingDay(v)).toBe(v);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
