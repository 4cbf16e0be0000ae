/**
 * The pure parts of the to-dos (lib/todos): the confirm-notice checks (the wizard's inspection rule
 * and the re-letting formula relative to the notice date, corrections need a reason), the shape of
 * provide-tenancy-details, and the list's keyset cursors.
 */
import { describe, expect, it } from "vitest";
import { checkConfirmation } from "@/lib/todos/confirm-notice";
import { checkTenancyDetailsShape } from "@/lib/todos/provide-tenancy-details";
import { decodeTodoCursor, encodeTodoCursor, todoListQuerySchema } from "@/lib/todos/list";
import { organisationSettingsSchema } from "@/lib/organisation/settings";

const settings = organisationSettingsSchema.parse({});
const notice = { status: "SUBMITTED", noticeDate: "2026-12-01", moveOutDate: "2027-02-28", relettingDate: "2027-03-15", inspectionDate: "2027-03-01" };
const e = (code: string) => `adminTodos.errors.${code}`;

describe("checkConfirmation", () => {
  it("confirms the stored dates with a trimmed case reference", () => {
    expect(checkConfirmation({ caseReference: "  SAG-1 " }, notice, settings)).toEqual({
      ok: true,
      result: { caseReference: "SAG-1", relettingDate: "2027-03-15", inspectionDate: "2027-03-01", relettingDateCorrected: false, inspectionDateCorrected: false, correctionReason: null },
    });
    // Giving the stored dates again is not a correction (no reason needed).
    expect(checkConfirmation({ caseReference: "S", relettingDate: "2027-03-15", inspectionDate: "2027-03-01" }, notice, settings).ok).toBe(true);
  });

  it.each([
    ["2027-03-02", true],
    ["2027-03-12", true], // Friday
    ["2027-03-14", false], // the last day of the 14-day window, but a Sunday
    ["2027-03-06", false], // Saturday
    ["2027-03-15", false], // after the window
    ["2027-02-27", false], // before the move-out
  ])("an inspection correction to %s is allowed: %s (allowedInspectionDates from the notice date)", (date, ok) => {
    const r = checkConfirmation({ caseReference: "S", inspectionDate: date, correctionReason: "r" }, notice, settings);
    expect(r.ok).toBe(ok);
    if (!ok && !r.ok) expect(r.fieldErrors.inspectionDate).toEqual([e("inspectionNotAllowed")]);
  });

  it.each([
    ["2027-04-01", null],
    ["2027-04-15", null],
    ["2027-03-03", "relettingFormula"],
    ["2027-01-01", "relettingBeforeMoveOut"],
    ["2027-02-28", "relettingBeforeMoveOut"],
  ])("a re-letting correction to %s: %s", (date, code) => {
    const r = checkConfirmation({ caseReference: "S", relettingDate: date, correctionReason: "r" }, notice, settings);
    if (code === null) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, fieldErrors: { relettingDate: [e(code)] } });
  });

  it("a blank re-letting formula accepts any date after the move-out", () => {
    expect(checkConfirmation({ caseReference: "S", relettingDate: "2027-03-03", correctionReason: "r" }, notice, { ...settings, relettingFormula: "" }).ok).toBe(true);
  });

  it("a correction needs a reason; every field error at once", () => {
    expect(checkConfirmation({ caseReference: "", relettingDate: "2027-04-01", inspectionDate: "x" }, notice, settings)).toEqual({
      ok: false,
      fieldErrors: { caseReference: [e("caseReferenceRequired")], inspectionDate: [e("date")], correctionReason: [e("correctionReasonRequired")] },
    });
    expect(checkConfirmation({ caseReference: "x".repeat(101), correctionReason: "y".repeat(501) }, notice, settings)).toEqual({
      ok: false,
      fieldErrors: { caseReference: [e("caseReferenceTooLong")], correctionReason: [e("correctionReasonTooLong")] },
    });
  });

  it.each([
    ["CANCELLED", "noticeCancelled"],
    ["CONFIRMED", "noticeConfirmed"],
    ["DRAFT", "noticeNotSubmitted"],
  ])("a %s notice is refused as a whole", (status, code) => {
    expect(checkConfirmation({ caseReference: "S" }, { ...notice, status }, settings)).toEqual({ ok: false, fieldErrors: { "": [e(code)] } });
  });
});

describe("checkTenancyDetailsShape", () => {
  const id = "0b0e4c5e-8d3a-4a57-9a57-6a1f8f1d2c3b";
  it.each([
    [{ noticeRuleId: id, renovationDays: "14" }, { noticeRuleId: null, renovationDays: null }, { ok: true, noticeRuleId: id, renovationDays: 14 }],
    [{ noticeRuleId: "", renovationDays: 0 }, { noticeRuleId: id, renovationDays: null }, { ok: true, noticeRuleId: undefined, renovationDays: 0 }],
    [{ noticeRuleId: "", renovationDays: "" }, { noticeRuleId: id, renovationDays: 7 }, { ok: true, noticeRuleId: undefined, renovationDays: undefined }],
    [{ noticeRuleId: "", renovationDays: "" }, { noticeRuleId: null, renovationDays: null }, { ok: false, fieldErrors: { noticeRuleId: [e("noticeRuleRequired")], renovationDays: [e("renovationDaysRequired")] } }],
    [{ noticeRuleId: "nope", renovationDays: "366" }, { noticeRuleId: null, renovationDays: null }, { ok: false, fieldErrors: { noticeRuleId: [e("noticeRuleInvalid")], renovationDays: [e("renovationDaysRange")] } }],
    [{ noticeRuleId: id, renovationDays: "1.5" }, { noticeRuleId: null, renovationDays: null }, { ok: false, fieldErrors: { renovationDays: [e("renovationDaysRange")] } }],
  ])("%j on %j", (input, current, expected) => {
    expect(checkTenancyDetailsShape(input, current)).toEqual(expected);
  });
});

describe("the list's cursors and query", () => {
  const id = "0b0e4c5e-8d3a-4a57-9a57-6a1f8f1d2c3b";
  it("round-trips and refuses what it did not write", () => {
    const at = "2026-12-01T10:00:00.123Z";
    expect(decodeTodoCursor(encodeTodoCursor({ at, id }), "created")).toEqual({ at, id });
    expect(decodeTodoCursor(encodeTodoCursor({ at: "2026-12-01", id }), "due")).toEqual({ at: "2026-12-01", id });
    expect(decodeTodoCursor(encodeTodoCursor({ at: "2026-12-01", id }), "created")).toBeNull();
    expect(decodeTodoCursor("garbage", "created")).toBeNull();
    // A crafted cursor with a date the database cannot take is no page, not a 500.
    expect(decodeTodoCursor(encodeTodoCursor({ at: "2026-99-99", id }), "due")).toBeNull();
    expect(decodeTodoCursor(encodeTodoCursor({ at: "2026-02-30", id }), "due")).toBeNull();
    expect(decodeTodoCursor(Buffer.from(`${at}|${id}|x`).toString("base64url"), "created")).toBeNull();
  });
  it("drops values that do not fit, open by default", () => {
    expect(todoListQuerySchema.parse({ type: "x", status: "y", forfald: "i-morgen" })).toEqual({ status: "open" });
    expect(todoListQuerySchema.parse({ type: "reminder", status: "all", forfald: "idag" })).toEqual({ type: "reminder", status: "all", forfald: "idag" });
  });
});
