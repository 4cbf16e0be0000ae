/** earliestNoticeDay: the date the tile names for a non-terminable tenancy ("kan tidligst opsiges fra …"). */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { earliestNoticeDay, tileStatus, type TileInput } from "@/lib/rules";
import { TILE_OK } from "../../support/tile";
import { addDays } from "@/lib/rules/calendar";
import { expectRuleError } from "../../support/rule-error";

const TODAY = "2027-01-10";
const OK: TileInput = TILE_OK;

describe("earliestNoticeDay", () => {
  it.each<[string, string | null, string | null, string | null]>([
    ["not non-terminable at all", null, null, null],
    ["non-terminable until the end of February: from 1 March", "2027-02-28", null, "2027-03-01"],
    ["non-terminable until today: from tomorrow", TODAY, null, "2027-01-11"],
    ["non-terminable until yesterday: not non-terminable any more", "2027-01-09", null, null],
    ["across New Year", "2027-12-31", null, "2028-01-01"],
    ["until leap day", "2028-02-29", null, "2028-03-01"],
    ["terminable in period from a later day, before the end: that day", "2027-12-31", "2027-06-15", "2027-06-15"],
    ["terminable in period from tomorrow", "2027-12-31", "2027-01-11", "2027-01-11"],
    ["terminable in period from today: may give notice now", "2027-12-31", TODAY, null],
    ["terminable in period from earlier: may give notice now", "2027-12-31", "2026-05-01", null],
    ["terminable in period only after the non-terminable end: the day after the end", "2027-03-31", "2027-06-01", "2027-04-01"],
    ["terminable in period without a non-terminable date", null, "2027-06-01", null],
  ])("%s", (_label, until, from, expected) => {
    expect(earliestNoticeDay({ nonTerminableUntil: until, terminableInPeriodFrom: from }, TODAY)).toBe(expected);
  });

  it("names a date exactly when tileStatus gives the non-terminable reason, and on that date the reason is gone", () => {
    const day = fc.integer({ min: -400, max: 400 }).map((n) => addDays(TODAY, n));
    fc.assert(
      fc.property(fc.option(day, { nil: null }), fc.option(day, { nil: null }), (until, from) => {
        const t = { ...OK, nonTerminableUntil: until, terminableInPeriodFrom: from };
        const earliest = earliestNoticeDay(t, TODAY);
        const nonTerminable = tileStatus(t, TODAY).reasons.includes("non-terminable");
        expect(earliest !== null).toBe(nonTerminable);
        if (earliest !== null) {
          expect(earliest > TODAY).toBe(true);
          expect(tileStatus(t, earliest).reasons).not.toContain("non-terminable");
          expect(tileStatus(t, addDays(earliest, -1)).reasons).toContain("non-terminable");
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each<[string, string | null, string | null, string]>([
    ["impossible today", "2027-12-31", null, "2027-02-30"],
    ["impossible non-terminable date", "2027-13-01", null, TODAY],
    ["unpadded terminable-in-period date", "2027-12-31", "2027-1-5", TODAY],
  ])("refuses %s", (_label, until, from, today) => {
    expectRuleError(() => earliestNoticeDay({ nonTerminableUntil: until, terminableInPeriodFrom: from }, today), "invalid-date");
  });
});
