/** The admin pages' pure helpers: the notice-rule preview, the formula highlight, the code and settings forms, the settings preview. */
import { describe, expect, it } from "vitest";
import { formulaProblem, noticeRulePreview, businessSettingsPreview, defaultSampleMoveOut } from "@/lib/admin/previews";
import { parseCodeForm, ruleFromForm, formValuesOf } from "@/lib/admin/code-form";
import { parseBusinessSettingsForm, parseClosingDays, formValuesOfSettings, lenientBusinessValues, businessValuesOf } from "@/lib/admin/business-settings-form";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { latestNoticeDate, terminationDate } from "@/lib/rules";

describe("noticeRulePreview", () => {
  it("3 måneder til den 1.: notice today ends on T, and the latest notice dates of T and the next 1sts", () => {
    const p = noticeRulePreview({ months: 3, anchor: "first" }, "2026-11-23", 3);
    expect(p.terminationDate).toBe("2027-03-01");
    expect(p.vacatingDay).toBe("2027-03-01");
    expect(p.upcoming).toEqual([
      { terminationDate: "2027-03-01", latestNoticeDate: "2026-12-01" },
      { terminationDate: "2027-04-01", latestNoticeDate: "2027-01-01" },
      { terminationDate: "2027-05-01", latestNoticeDate: "2027-02-01" },
    ]);
  });

  it("løbende måned + 3: T 2027-04-01 → latest 2026-12-31 (spec example)", () => {
    const p = noticeRulePreview({ months: 3, anchor: "first", runningMonth: true }, "2026-12-01", 2);
    expect(p.terminationDate).toBe("2027-04-01");
    expect(p.upcoming[0]).toEqual({ terminationDate: "2027-04-01", latestNoticeDate: "2026-12-31" });
  });

  it("1st or 15th alternates; any day lists T then the next 1sts; every latest date gives a termination on or before its date", () => {
    const p = noticeRulePreview({ months: 3, anchor: "first-or-fifteenth" }, "2026-11-23", 4);
    expect(p.upcoming.map((u) => u.terminationDate)).toEqual(["2027-03-01", "2027-03-15", "2027-04-01", "2027-04-15"]);
    const any = noticeRulePreview({ months: 0, days: 14, anchor: "any" }, "2026-11-23", 3);
    expect(any.terminationDate).toBe("2026-12-07");
    expect(any.upcoming.map((u) => u.terminationDate)).toEqual(["2026-12-07", "2027-01-01", "2027-02-01"]);
    for (const prev of [p, any]) {
      for (const u of prev.upcoming) {
        const rule = prev === p ? ({ months: 3, anchor: "first-or-fifteenth" } as const) : ({ months: 0, days: 14, anchor: "any" } as const);
        expect(u.latestNoticeDate).toBe(latestNoticeDate(u.terminationDate, rule));
        expect(terminationDate(u.latestNoticeDate, rule) <= u.terminationDate).toBe(true);
      }
    }
  });
});

describe("formulaProblem", () => {
  it("is null for a valid or blank formula", () => {
    expect(formulaProblem("")).toBeNull();
    expect(formulaProblem("((AntalDageReelt( Dagsdato ; Dato ) > 42) & ((Dag=1) ? (Dag=15)))")).toBeNull();
  });

  it("splits the formula around the character at the error's position", () => {
    const p = formulaProblem("(Dag=1) | (Dag=15)");
    expect(p).toMatchObject({ position: 8, before: "(Dag=1) ", at: "|", after: " (Dag=15)" });
    expect(p!.message).toContain('use "?" for OR');
    expect(p!.detail).toBe('Unexpected character "|" (use "?" for OR)');
  });

  it("marks the end when the formula stops too early", () => {
    const p = formulaProblem("(Dag=1");
    expect(p).toMatchObject({ position: 6, before: "(Dag=1", at: "", after: "" });
  });

  it("an unknown name is marked at its first letter", () => {
    expect(formulaProblem("Dag = 1 & Mnd = 2")).toMatchObject({ position: 10, at: "M" });
  });
});

describe("the code form", () => {
  it("reads a notice rule from the form fields, checked by the rules' parser", () => {
    expect(ruleFromForm({ ruleMonths: "3", ruleDays: "", ruleAnchor: "first" })).toEqual({ ok: true, rule: { months: 3, anchor: "first" } });
    expect(ruleFromForm({ ruleMonths: "3", ruleAnchor: "first", ruleRunningMonth: "on" })).toEqual({ ok: true, rule: { months: 3, anchor: "first", runningMonth: true } });
    expect(ruleFromForm({ ruleMonths: "0", ruleDays: "14", ruleAnchor: "any" })).toEqual({ ok: true, rule: { months: 0, days: 14, anchor: "any" } });
    expect(ruleFromForm({ ruleMonths: "3", ruleAnchor: "any", ruleRunningMonth: "on" })).toEqual({ ok: false, errors: { ruleRunningMonth: ["adminCodes.errors.runningMonthNeedsFirst"] } });
    expect(ruleFromForm({ ruleMonths: "tre", ruleAnchor: "" })).toEqual({ ok: false, errors: { ruleMonths: ["adminCodes.errors.wholeNumber"], ruleAnchor: ["adminCodes.errors.anchorRequired"] } });
    expect(ruleFromForm({ ruleMonths: "0", ruleAnchor: "first" })).toEqual({ ok: false, errors: { ruleMonths: ["adminCodes.errors.ruleEmpty"] } });
  });

  it("trims texts, blanks become null, and refuses a bad value", () => {
    expect(parseCodeForm("OPSIGELSESAARSAG", { value: " NY ", codeText: " Ny ", codeTextEn: "", tagText: "Jeg flytter", tagTextEn: " " })).toEqual({
      ok: true,
      input: { value: "NY", codeText: "Ny", codeTextEn: null, tagText: "Jeg flytter", tagTextEn: null, rule: null },
    });
    expect(parseCodeForm("BOLIGTYPE", { value: "a b", codeText: "" })).toEqual({ ok: false, errors: { value: ["adminCodes.errors.valueFormat"], codeText: ["adminCodes.errors.codeTextRequired"] } });
    // Housing types carry no tag text even if one is sent.
    expect(parseCodeForm("BOLIGTYPE", { value: "X", codeText: "X", tagText: "t" })).toMatchObject({ ok: true, input: { tagText: null } });
  });

  it("fills the form from a stored code and reads it back unchanged", () => {
    const code = { value: "LM3", codeText: "løbende måned + 3 måneder", codeTextEn: null, tagText: null, tagTextEn: null, rule: { months: 3, anchor: "first" as const, runningMonth: true } };
    const parsed = parseCodeForm("OPSIGELSESVARSEL", formValuesOf(code));
    expect(parsed).toEqual({ ok: true, input: code });
  });
});

describe("the business settings form", () => {
  const defaults = businessValuesOf(organisationSettingsSchema.parse({}));

  it("reads back the stored settings unchanged", () => {
    expect(parseBusinessSettingsForm(formValuesOfSettings(defaults))).toEqual({ ok: true, settings: defaults });
  });

  it("closing days as staff write them", () => {
    expect(parseClosingDays("24.12, 5.6\n31.12; 24-12")).toEqual({ ok: true, days: ["06-05", "12-24", "12-31"] });
    expect(parseClosingDays("")).toEqual({ ok: true, days: [] });
    expect(parseClosingDays("29.02")).toEqual({ ok: true, days: ["02-29"] });
    expect(parseClosingDays("31.04, 12/24, jul")).toEqual({ ok: false, bad: ["31.04", "12/24", "jul"] });
  });

  it("refuses a formula that does not parse, a bad re-letting rule and numbers out of range, per field", () => {
    const r = parseBusinessSettingsForm({ ...formValuesOfSettings(defaults), moveOutFormula: "Dag =", relettingRule: "42", inspectionWindowDays: "61", draftExpiryDays: "x", signingLinkExpiryDays: "" });
    expect(r).toEqual({
      ok: false,
      errors: {
        moveOutFormula: ["adminSettings.errors.formula"],
        relettingRule: ["adminSettings.errors.relettingRule"],
        inspectionWindowDays: ["adminSettings.errors.inspectionWindowDaysRange"],
        draftExpiryDays: ["adminSettings.errors.wholeNumber"],
        signingLinkExpiryDays: ["adminSettings.errors.required"],
      },
    });
  });

  it("the lenient values keep every valid typed value and the stored one where the typed one is invalid", () => {
    const v = lenientBusinessValues({ ...formValuesOfSettings(defaults), moveOutFormula: "Dag =", relettingRule: "42;D", inspectionWindowDays: "7" }, defaults);
    expect(v).toMatchObject({ moveOutFormula: defaults.moveOutFormula, relettingRule: "42;D", inspectionWindowDays: 7 });
  });
});

describe("businessSettingsPreview", () => {
  const base = { ...businessValuesOf(organisationSettingsSchema.parse({})), relettingRule: "42;1,15" };

  it("applies every setting to the sample move-out date", () => {
    const p = businessSettingsPreview({ ...base, moveOutFormula: "Ugedag < 6", renovationLiable: true }, { today: "2026-11-23", moveOut: "2027-02-26" });
    expect(p.moveOutAccepted).toBe(true); // a Friday
    // base 2027-02-26 + 14 + 1 = 2027-03-13; today + 42 = 2027-01-04; rounded up to the 15th.
    expect(p.relettingDate).toBe("2027-03-15");
    expect(p.relettingAccepted).toBe(true);
    expect(p.inspection).toMatchObject({ default: "2027-02-26", first: "2027-02-26", last: "2027-03-12" });
    expect(p.liabilityTo).toBe("2027-03-14"); // 2027-02-28 + 14 days of renovation
    expect(p.draftExpiresOn).toBe("2026-12-23");
    expect(p.signingLinkExpiresOn).toBe("2026-12-07");
    expect(businessSettingsPreview({ ...base, moveOutFormula: "Ugedag < 6" }, { today: "2026-11-23", moveOut: "2027-02-27" }).moveOutAccepted).toBe(false);
  });

  it("a value that does not parse gives no example (null), never a wrong one", () => {
    const p = businessSettingsPreview({ ...base, moveOutFormula: "Dag =", relettingRule: "x" }, { today: "2026-11-23", moveOut: "2027-02-26" });
    expect(p.moveOutAccepted).toBeNull();
    expect(p.relettingDate).toBeNull();
    expect(p.relettingAccepted).toBeNull();
  });

  it("the default sample date is a weekday before the 1st three months ahead", () => {
    expect(defaultSampleMoveOut("2026-11-23")).toBe("2027-02-26");
    expect(defaultSampleMoveOut("2026-12-02")).toBe("2027-03-31");
  });
});
