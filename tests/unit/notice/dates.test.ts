import { describe, expect, it } from "vitest";
import { allowedInspectionDates, checkMoveOutDate, closingDates, noticeDates, sameSignedDates } from "@/lib/notice/dates";
import { isDanishPublicHoliday, type NoticeRule } from "@/lib/rules";
import { isWeekend } from "@/lib/rules/calendar";
import { readSettings } from "@/lib/organisation/settings";

const THREE_TO_FIRST: NoticeRule = { months: 3, anchor: "first" };
const settings = readSettings({});

describe("noticeDates", () => {
  it.each([
    // noticeDate, moveOut, termination, vacating, liabilityTo, latest notice date
    ["2026-11-23", "2027-02-28", "2027-03-01", "2027-03-01", "2027-02-28", "2026-12-01"],
    ["2026-11-23", "2027-01-10", "2027-03-01", "2027-03-01", "2027-02-28", "2026-12-01"],
    ["2026-11-23", "2027-05-03", "2027-05-01", "2027-05-03", "2027-04-30", "2027-02-01"],
    ["2026-11-23", "2027-05-04", "2027-06-01", "2027-06-01", "2027-05-31", "2027-03-01"],
    ["2026-12-01", "2027-02-28", "2027-03-01", "2027-03-01", "2027-02-28", "2026-12-01"],
    ["2026-12-02", "2027-02-28", "2027-04-01", "2027-04-01", "2027-03-31", "2027-01-01"],
  ])("notice %s, move-out %s → ends %s, vacate by %s, rent to %s, notice by %s", (noticeDate, moveOut, termination, vacating, to, latest) => {
    const d = noticeDates({ noticeDate, moveOut, rule: THREE_TO_FIRST, renovationDays: 0, settings });
    expect(d).toMatchObject({ noticeDate, moveOutDate: moveOut, terminationDate: termination, vacatingDay: vacating, liabilityFrom: noticeDate, liabilityTo: to, latestNoticeDate: latest });
  });

  it("adds the renovation period to the liability only when the organisation says so", () => {
    const off = noticeDates({ noticeDate: "2026-11-23", moveOut: "2027-02-28", rule: THREE_TO_FIRST, renovationDays: 14, settings });
    const on = noticeDates({ noticeDate: "2026-11-23", moveOut: "2027-02-28", rule: THREE_TO_FIRST, renovationDays: 14, settings: { ...settings, renovationLiable: true } });
    expect(off.liabilityTo).toBe("2027-02-28");
    expect(on.liabilityTo).toBe("2027-03-14");
    expect(on.terminationDate).toBe("2027-03-01");
  });

  it("re-letting: base is move-out + renovation + 1; the validation formula is applied", () => {
    const d = noticeDates({ noticeDate: "2026-11-23", moveOut: "2027-02-28", rule: THREE_TO_FIRST, renovationDays: 14, settings: { ...settings, relettingFormula: "" } });
    expect(d.relettingDate).toBe("2027-03-15");
    expect(d.relettingDateValid).toBe(true);
    const strict = noticeDates({ noticeDate: "2026-11-23", moveOut: "2027-02-28", rule: THREE_TO_FIRST, renovationDays: 14, settings: { ...settings, relettingFormula: "Dag=1" } });
    expect(strict.relettingDateValid).toBe(false);
  });

  it("the same signed dates: termination and liability end, not the notice date", () => {
    const a = noticeDates({ noticeDate: "2026-11-23", moveOut: "2027-02-28", rule: THREE_TO_FIRST, renovationDays: 0, settings });
    const b = noticeDates({ noticeDate: "2026-11-24", moveOut: "2027-02-28", rule: THREE_TO_FIRST, renovationDays: 0, settings });
    const c = noticeDates({ noticeDate: "2026-12-02", moveOut: "2027-02-28", rule: THREE_TO_FIRST, renovationDays: 0, settings });
    expect(sameSignedDates(a, b)).toBe(true);
    expect(sameSignedDates(a, c)).toBe(false);
  });
});

describe("checkMoveOutDate", () => {
  it.each([
    ["2026-11-30", { ok: false, error: "before-today" }],
    ["2026-12-01", { ok: true, info: null }],
    ["2027-06-01", { ok: true, info: null }],
    ["2027-06-02", { ok: true, info: "more-than-6-months" }],
  ])("today 2026-12-01, move-out %s → %j", (moveOut, r) => {
    expect(checkMoveOutDate({ today: "2026-12-01", moveOut, settings })).toEqual(r);
  });
  it("applies the organisation's move-out formula when set", () => {
    const s = { moveOutFormula: "Dag=1" };
    expect(checkMoveOutDate({ today: "2026-12-01", moveOut: "2027-03-01", settings: s })).toEqual({ ok: true, info: null });
    expect(checkMoveOutDate({ today: "2026-12-01", moveOut: "2027-03-02", settings: s })).toEqual({ ok: false, error: "formula" });
  });
});

describe("allowedInspectionDates", () => {
  it("never today, a weekend, a public holiday or a closing day; the default is the move-out date when allowed", () => {
    const r = allowedInspectionDates({ today: "2026-12-01", moveOut: "2026-12-18", settings });
    expect(r.default).toBe("2026-12-18");
    expect(r.allowed).not.toContain("2026-12-24");
    expect(r.allowed).not.toContain("2026-12-25");
    expect(r.allowed).not.toContain("2026-12-31");
    for (const d of r.allowed) {
      expect(isWeekend(d)).toBe(false);
      expect(isDanishPublicHoliday(d)).toBe(false);
    }
    expect(r.allowed).toEqual(["2026-12-18", "2026-12-21", "2026-12-22", "2026-12-23", "2026-12-28", "2026-12-29", "2026-12-30", "2027-01-01"].filter((d) => !isDanishPublicHoliday(d)));
  });
  it("the move-out day today: today is not offered", () => {
    const r = allowedInspectionDates({ today: "2026-12-01", moveOut: "2026-12-01", settings });
    expect(r.allowed).not.toContain("2026-12-01");
    expect(r.default).toBe("2026-12-02");
  });
  it("no allowed date: default null, empty list", () => {
    const r = allowedInspectionDates({ today: "2026-12-01", moveOut: "2026-12-05", settings: { ...settings, inspectionWindowDays: 1 } });
    expect(r).toEqual({ default: null, allowed: [] });
  });
  it("closing days are expanded to every year of the window", () => {
    expect(closingDates(["12-24", "06-05", "02-30"], "2026-12-20", "2027-01-03")).toEqual(["2026-12-24", "2026-06-05", "2027-12-24", "2027-06-05"]);
  });
});
