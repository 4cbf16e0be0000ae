/** The Updates notice period (lib/automation/update-dates.ts): 13 Danish calendar days refused, 14 accepted. */
import { describe, expect, it } from "vitest";
import { checkEffectiveDate, UPDATE_NOTICE_DAYS } from "@/lib/automation/update-dates";

describe("checkEffectiveDate", () => {
  const cases: Array<{ name: string; publishedAt: string; effectiveOn: string; ok: boolean; daysAhead?: number; earliest?: string }> = [
    { name: "14 days ahead is accepted", publishedAt: "2026-12-01T10:00:00Z", effectiveOn: "2026-12-15", ok: true, daysAhead: 14 },
    { name: "13 days ahead is refused", publishedAt: "2026-12-01T10:00:00Z", effectiveOn: "2026-12-14", ok: false, daysAhead: 13, earliest: "2026-12-15" },
    { name: "the same day is refused", publishedAt: "2026-12-01T10:00:00Z", effectiveOn: "2026-12-01", ok: false, daysAhead: 0, earliest: "2026-12-15" },
    { name: "a day in the past is refused", publishedAt: "2026-12-01T10:00:00Z", effectiveOn: "2026-11-01", ok: false, daysAhead: -30, earliest: "2026-12-15" },
    { name: "far ahead is accepted", publishedAt: "2026-12-01T10:00:00Z", effectiveOn: "2027-06-01", ok: true, daysAhead: 182 },
    // 23:30 UTC on 1 Dec is 00:30 on 2 Dec in Denmark: counted from the Danish day.
    { name: "just after Danish midnight counts from the Danish day (13)", publishedAt: "2026-12-01T23:30:00Z", effectiveOn: "2026-12-15", ok: false, daysAhead: 13, earliest: "2026-12-16" },
    { name: "just after Danish midnight counts from the Danish day (14)", publishedAt: "2026-12-01T23:30:00Z", effectiveOn: "2026-12-16", ok: true, daysAhead: 14 },
    { name: "just before Danish midnight is still that day", publishedAt: "2026-12-01T22:59:00Z", effectiveOn: "2026-12-15", ok: true, daysAhead: 14 },
    // Summer time (Danish clocks go forward on 29 March 2026): calendar days, not 24-hour periods.
    { name: "across the change to summer time (14)", publishedAt: "2026-03-20T12:00:00Z", effectiveOn: "2026-04-03", ok: true, daysAhead: 14 },
    { name: "across the change to summer time (13)", publishedAt: "2026-03-20T12:00:00Z", effectiveOn: "2026-04-02", ok: false, daysAhead: 13, earliest: "2026-04-03" },
    { name: "in summer, just after Danish midnight (22:30 UTC)", publishedAt: "2026-06-30T22:30:00Z", effectiveOn: "2026-07-14", ok: false, daysAhead: 13, earliest: "2026-07-15" },
    { name: "across a year end", publishedAt: "2026-12-20T09:00:00Z", effectiveOn: "2027-01-03", ok: true, daysAhead: 14 },
    { name: "across a leap day", publishedAt: "2028-02-20T09:00:00Z", effectiveOn: "2028-03-05", ok: true, daysAhead: 14 },
  ];
  it.each(cases)("$name", ({ publishedAt, effectiveOn, ok, daysAhead, earliest }) => {
    const r = checkEffectiveDate(effectiveOn, new Date(publishedAt));
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.daysAhead).toBe(daysAhead);
    else {
      expect(r.reason).toBe("too-soon");
      if (r.reason === "too-soon") expect({ daysAhead: r.daysAhead, earliest: r.earliest }).toEqual({ daysAhead, earliest });
    }
  });

  it.each(["2026-02-30", "2026-13-01", "1.12.2026", "", "2026-12-1", "tomorrow"])("%j is not a day", (effectiveOn) => {
    expect(checkEffectiveDate(effectiveOn, new Date("2026-12-01T10:00:00Z"))).toEqual({ ok: false, reason: "date" });
  });

  it("the notice period is 14 days", () => expect(UPDATE_NOTICE_DAYS).toBe(14));
});
