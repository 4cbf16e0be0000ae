/**
 * The move-out case's pure parts: which phases show (lib/casework/phases.ts), the reminders' due
 * dates (lib/casework/reminder-dates.ts: addDateFormula with the organisation's closing days) and
 * the casework settings form (lib/casework/casework-settings.ts). Table-driven.
 */
import { describe, expect, it } from "vitest";
import { movablePhases, visiblePhases, type MoveOutPhaseName } from "@/lib/casework/phases";
import { reminderDueDate, reminderFormulaFor } from "@/lib/casework/reminder-dates";
import { caseworkFormValues, parseCaseworkSettingsForm } from "@/lib/casework/casework-settings";
import { DEFAULT_CASEWORK_SETTINGS } from "@/lib/organisation/settings";

const ALL: MoveOutPhaseName[] = ["NOTICE_RECEIVED", "INSPECTION", "SETTLEMENT", "FINISHED"];
const shown = (...a: Parameters<typeof visiblePhases>) => visiblePhases(...a).map((p) => `${p.phase}:${p.state}`);

describe("visiblePhases", () => {
  const cases: { name: string; phase: MoveOutPhaseName; data?: Record<string, string>; notice?: Record<string, string>; phases?: MoveOutPhaseName[]; suppress?: boolean; want: string[] }[] = [
    { name: "a new case with nothing: only received and finished", phase: "NOTICE_RECEIVED", want: ["NOTICE_RECEIVED:current", "FINISHED:upcoming"] },
    { name: "suppression off: every phase", phase: "NOTICE_RECEIVED", suppress: false, want: ["NOTICE_RECEIVED:current", "INSPECTION:upcoming", "SETTLEMENT:upcoming", "FINISHED:upcoming"] },
    { name: "the tenant's inspection date is data for Flyttesyn", phase: "NOTICE_RECEIVED", notice: { inspectionDate: "2027-03-01" }, want: ["NOTICE_RECEIVED:current", "INSPECTION:upcoming", "FINISHED:upcoming"] },
    { name: "an inspection deadline shows Flyttesyn", phase: "NOTICE_RECEIVED", data: { inspectionDeadline: "2027-02-01" }, want: ["NOTICE_RECEIVED:current", "INSPECTION:upcoming", "FINISHED:upcoming"] },
    { name: "a viewing date shows Flyttesyn", phase: "NOTICE_RECEIVED", data: { viewingDate: "2027-02-01" }, want: ["NOTICE_RECEIVED:current", "INSPECTION:upcoming", "FINISHED:upcoming"] },
    { name: "settlement dates show Flytteopgørelse", phase: "INSPECTION", data: { settlementSentDate: "2027-04-01" }, want: ["NOTICE_RECEIVED:done", "INSPECTION:current", "SETTLEMENT:upcoming", "FINISHED:upcoming"] },
    { name: "the current phase shows without data", phase: "SETTLEMENT", want: ["NOTICE_RECEIVED:done", "SETTLEMENT:current", "FINISHED:upcoming"] },
    { name: "the organisation's order", phase: "NOTICE_RECEIVED", suppress: false, phases: ["INSPECTION", "NOTICE_RECEIVED", "FINISHED"], want: ["INSPECTION:upcoming", "NOTICE_RECEIVED:current", "FINISHED:upcoming"] },
    { name: "a phase left out of the set does not show, even with data", phase: "NOTICE_RECEIVED", data: { settlementPaymentDate: "2027-04-01" }, phases: ["NOTICE_RECEIVED", "INSPECTION", "FINISHED"], want: ["NOTICE_RECEIVED:current", "FINISHED:upcoming"] },
    { name: "the current phase shows even when left out of the set (at its place)", phase: "INSPECTION", phases: ["NOTICE_RECEIVED", "SETTLEMENT", "FINISHED"], suppress: false, want: ["NOTICE_RECEIVED:done", "INSPECTION:current", "SETTLEMENT:upcoming", "FINISHED:upcoming"] },
    { name: "a finished case", phase: "FINISHED", data: { inspectionDeadline: "2027-02-01" }, want: ["NOTICE_RECEIVED:done", "INSPECTION:done", "FINISHED:current"] },
    { name: "repeats in the set count once", phase: "NOTICE_RECEIVED", phases: ["NOTICE_RECEIVED", "NOTICE_RECEIVED", "FINISHED"], want: ["NOTICE_RECEIVED:current", "FINISHED:upcoming"] },
  ];
  it.each(cases)("$name", (c) => {
    const settings = { phases: c.phases ?? ALL, suppressEmptyPhases: c.suppress ?? true };
    expect(shown({ phase: c.phase, ...(c.data ?? {}) }, c.notice ?? {}, settings)).toEqual(c.want);
  });

  it("phases staff can move to: the organisation's set without FINISHED", () => {
    expect(movablePhases({ phases: ALL })).toEqual(["NOTICE_RECEIVED", "INSPECTION", "SETTLEMENT"]);
    expect(movablePhases({ phases: ["SETTLEMENT", "NOTICE_RECEIVED"] })).toEqual(["NOTICE_RECEIVED", "SETTLEMENT"]);
  });
});

describe("reminderDueDate", () => {
  const closing = ["06-05", "12-24", "12-31"];
  it.each([
    ["2026-12-01", "8 dage", [], "2026-12-09"],
    ["2026-11-23", "8 dage", [], "2026-12-01"],
    ["2027-02-10", "-3 dage", [], "2027-02-07"],
    ["2026-12-01", "2 uger", [], "2026-12-15"],
    ["2027-01-31", "1 måned", [], "2027-02-28"],
    ["2026-12-23", "2 hverdage", [], "2026-12-28"],
    ["2026-12-23", "2 hverdage", closing, "2026-12-29"],
    ["2027-06-04", "1 hverdag", closing, "2027-06-07"],
    ["2027-12-30", "1 hverdag", closing, "2028-01-03"],
    ["2026-12-01", "", closing, null],
    ["2026-12-01", "   ", closing, null],
  ] as const)("%s + %j (closing %j) → %s", (base, formula, days, want) => {
    expect(reminderDueDate(base, formula, days)).toBe(want);
  });

  it("a bad formula throws the rules' error", () => {
    expect(() => reminderDueDate("2026-12-01", "otte dage", [])).toThrow(/not valid/);
  });

  it("the pause formula counts only with reminderOnPause; the dates' formulas by source", () => {
    const s = { ...DEFAULT_CASEWORK_SETTINGS, reminderFormulas: { ...DEFAULT_CASEWORK_SETTINGS.reminderFormulas, viewing: "1 uge" } };
    expect(reminderFormulaFor("paused", s)).toBe("8 dage");
    expect(reminderFormulaFor("paused", { ...s, reminderOnPause: false })).toBe("");
    expect(reminderFormulaFor("viewing", s)).toBe("1 uge");
    expect(reminderFormulaFor("inspectionDeadline", s)).toBe("");
  });
});

describe("the casework settings form", () => {
  it("the stored defaults read back unchanged", () => {
    expect(parseCaseworkSettingsForm(caseworkFormValues(DEFAULT_CASEWORK_SETTINGS))).toEqual({ ok: true, casework: DEFAULT_CASEWORK_SETTINGS });
  });

  it("reads the chosen phases in their order, the checkboxes and the formulas", () => {
    const v = { ...caseworkFormValues(DEFAULT_CASEWORK_SETTINGS), order_INSPECTION: "1", order_NOTICE_RECEIVED: "2", phase_SETTLEMENT: "", suppressEmptyPhases: "", pauseReminderFormula: " 2 hverdage ", formula_viewing: "-1 uge", closeRemindersOnFinish: "yes", dailyReminderMail: "" };
    const r = parseCaseworkSettingsForm(v);
    expect(r).toMatchObject({
      ok: true,
      casework: { phases: ["INSPECTION", "NOTICE_RECEIVED", "FINISHED"], suppressEmptyPhases: false, pauseReminderFormula: "2 hverdage", reminderFormulas: { viewing: "-1 uge" }, closeRemindersOnFinish: true, dailyReminderMail: false },
    });
  });

  it.each([
    [{ pauseReminderFormula: "otte dage" }, "pauseReminderFormula", "adminCase.settings.errors.formula"],
    [{ formula_inspectionDeadline: "8" }, "formula_inspectionDeadline", "adminCase.settings.errors.formula"],
    [{ reminderCategory: " " }, "reminderCategory", "adminCase.settings.errors.required"],
    [{ phase_NOTICE_RECEIVED: "", phase_INSPECTION: "", phase_SETTLEMENT: "", phase_FINISHED: "" }, "phases", "adminCase.settings.errors.phases"],
    [{ order_INSPECTION: "x" }, "order_INSPECTION", "adminCase.settings.errors.order"],
    [{ closeRemindersOnFinish: "maybe" }, "closeRemindersOnFinish", "adminCase.settings.errors.choose"],
  ] as const)("refuses %j at %s", (patch, field, key) => {
    const r = parseCaseworkSettingsForm({ ...caseworkFormValues(DEFAULT_CASEWORK_SETTINGS), ...patch });
    expect(r).toEqual({ ok: false, errors: { [field]: [key] } });
  });
});
