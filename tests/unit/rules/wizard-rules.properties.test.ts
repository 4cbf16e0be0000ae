/**
 * Property-based tests of the rules the tenant wizard added: latestNoticeDate, noticeDateOf,
 * addDateFormula and danishBankAccount, over generated valid dates (2000–2060), rules and inputs.
 */
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { TZDate } from "@date-fns/tz";
import { isValidIBAN, composeIBAN } from "ibantools";
import { addDateFormula, danishBankAccount, isDanishPublicHoliday, latestNoticeDate, noticeDateOf, parseIban, terminationDate } from "@/lib/rules";
import { addDays, addMonths, daysBetween, isWeekend } from "@/lib/rules/calendar";
import { isoDate, noticeRule } from "../../support/arbitraries";

const NUM_RUNS = 300;
/** latestNoticeDate runs a binary search of terminationDate calls (about 10 ms a call): fewer runs. */
const LATEST_RUNS = 120;
/** The calendar helpers the checks use parse every date (about 0.1 ms a call): fewer runs. */
const FORMULA_RUNS = 150;

describe("latestNoticeDate properties", () => {
  it("notice on the latest date ends in time, and a day later ends later", () => {
    fc.assert(
      fc.property(isoDate, noticeRule, (t, rule) => {
        const d = latestNoticeDate(t, rule);
        expect(terminationDate(d, rule) <= t).toBe(true);
        expect(terminationDate(addDays(d, 1), rule) > t).toBe(true);
      }),
      { numRuns: LATEST_RUNS },
    );
  }, 30_000);

  it("is a Galois connection: terminationDate(n) <= T exactly when n <= latestNoticeDate(T)", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -800, max: 40 }), noticeRule, (t, offset, rule) => {
        const n = addDays(t, offset);
        expect(terminationDate(n, rule) <= t).toBe(n <= latestNoticeDate(t, rule));
      }),
      { numRuns: LATEST_RUNS },
    );
  }, 30_000);

  it("never decreases as the termination date moves later", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 120 }), noticeRule, (t, later, rule) => {
        expect(latestNoticeDate(t, rule) <= latestNoticeDate(addDays(t, later), rule)).toBe(true);
      }),
      { numRuns: LATEST_RUNS },
    );
  }, 30_000);
});

describe("noticeDateOf properties", () => {
  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) });

  it("is the Danish wall-clock date of the instant, whatever offset it is written with", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -12 * 4, max: 14 * 4 }), (ms, quarterHours) => {
        const local = new TZDate(ms, "Europe/Copenhagen");
        const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}-${String(local.getDate()).padStart(2, "0")}`;
        expect(noticeDateOf(new Date(ms).toISOString())).toBe(expected);
        // the same instant written with another offset
        const offsetMin = quarterHours * 15;
        const shifted = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
        const sign = offsetMin < 0 ? "-" : "+";
        const abs = Math.abs(offsetMin);
        const written = `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
        expect(noticeDateOf(written)).toBe(expected);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("changes day exactly at Danish midnight, on the daylight-saving days too", () => {
    fc.assert(
      fc.property(isoDate, (day) => {
        const midnight = new TZDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 0, 0, 0, "Europe/Copenhagen").getTime();
        expect(noticeDateOf(new Date(midnight).toISOString())).toBe(day);
        expect(noticeDateOf(new Date(midnight - 1).toISOString())).toBe(addDays(day, -1));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("never moves backwards in time", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 3 * 86_400_000 }), (ms, later) => {
        expect(noticeDateOf(new Date(ms).toISOString()) <= noticeDateOf(new Date(ms + later).toISOString())).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe("addDateFormula properties", () => {
  const unit = fc.constantFrom("dage", "uger", "måneder", "år", "hverdage");
  const closingDays = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 });

  it("is monotonic in the base and in N", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 }), unit, fc.constantFrom("", "-"), (a, ahead, n, more, u, sign) => {
        const b = addDays(a, ahead);
        const f = `${sign}${n} ${u}`;
        expect(addDateFormula(a, f)! <= addDateFormula(b, f)!).toBe(true);
        const r1 = addDateFormula(a, `${n} ${u}`)!;
        const r2 = addDateFormula(a, `${n + more} ${u}`)!;
        expect(r1 <= r2).toBe(true);
        const back1 = addDateFormula(a, `-${n} ${u}`)!;
        const back2 = addDateFormula(a, `-${n + more} ${u}`)!;
        expect(back1 >= back2).toBe(true);
      }),
      { numRuns: FORMULA_RUNS },
    );
  }, 30_000);

  it("days and weeks are plain calendar arithmetic, and months/years match the clamping month addition", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 500 }), fc.boolean(), (base, n, back) => {
        const s = back ? -1 : 1;
        const sign = back ? "-" : "+";
        expect(daysBetween(base, addDateFormula(base, `${sign}${n} dage`)!)).toBe(s * n + 0);
        expect(daysBetween(base, addDateFormula(base, `${sign}${n % 100} uger`)!)).toBe(s * (n % 100) * 7 + 0);
        expect(addDateFormula(base, `${sign}${n % 120} m`)).toBe(addMonths(base, s * (n % 120)));
        expect(addDateFormula(base, `${sign}${n % 30} år`)).toBe(addMonths(base, s * (n % 30) * 12));
      }),
      { numRuns: FORMULA_RUNS },
    );
  }, 30_000);

  it("working days: lands on a working day, and exactly N working days lie between", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 60 }), fc.boolean(), closingDays, (base, n, back, closingOffsets) => {
        const closing = closingOffsets.map((o) => addDays(base, back ? -o : o));
        const closed = new Set(closing);
        const working = (d: string) => !isWeekend(d) && !isDanishPublicHoliday(d) && !closed.has(d);
        const r = addDateFormula(base, `${back ? "-" : ""}${n} hverdage`, { closingDays: closing })!;
        expect(working(r)).toBe(true);
        const step = back ? -1 : 1;
        if (n === 0) {
          // the base itself, or the nearest working day in the direction of counting
          for (let d = base; d !== r; d = addDays(d, step)) expect(working(d)).toBe(false);
        } else {
          let count = 0;
          for (let d = addDays(base, step); ; d = addDays(d, step)) {
            if (working(d)) count++;
            if (d === r) break;
          }
          expect(count).toBe(n);
        }
      }),
      { numRuns: FORMULA_RUNS },
    );
  }, 30_000);
});

describe("danishBankAccount properties", () => {
  const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(""));
  const noise = fc.constantFrom("", " ", ".", "-", " - ");

  it("normalises any way of writing the numbers, and its IBAN agrees with ibantools", () => {
    fc.assert(
      fc.property(digits(4, 4), digits(1, 10), noise, noise, (reg, account, n1, n2) => {
        const written = (s: string, sep: string) => s.split("").join(sep);
        const r = danishBankAccount(written(reg, n1), ` ${written(account, n2)} `);
        expect(r.regNo).toBe(reg);
        expect(r.accountNo).toBe(account.padStart(10, "0"));
        expect(r.iban).toBe(composeIBAN({ countryCode: "DK", bban: reg + r.accountNo }));
        expect(isValidIBAN(r.iban)).toBe(true);
        expect(parseIban(r.iban).iban).toBe(r.iban);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("refuses a registration number of another length", () => {
    fc.assert(
      fc.property(fc.oneof(digits(0, 3), digits(5, 12)), digits(1, 10), (reg, account) => {
        expect(() => danishBankAccount(reg, account)).toThrow(/registration number/);
      }),
      { numRuns: 100 },
    );
  });

  it("a changed digit in a valid IBAN is caught by its check digits", () => {
    fc.assert(
      fc.property(digits(4, 4), digits(10, 10), fc.integer({ min: 4, max: 17 }), fc.integer({ min: 1, max: 9 }), (reg, account, pos, delta) => {
        const { iban } = danishBankAccount(reg, account);
        const changed = iban.slice(0, pos) + String((Number(iban[pos]) + delta) % 10) + iban.slice(pos + 1);
        expect(() => parseIban(changed)).toThrow(/check digits/);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
