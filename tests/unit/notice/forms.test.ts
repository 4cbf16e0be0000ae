import { describe, expect, it } from "vitest";
import { formFieldOf, formToAnswers, isoFromParts, partsFromIso } from "@/lib/notice/forms";
import { parseStepAnswers } from "@/lib/notice/steps";

const P = "11111111-1111-4111-8111-111111111111";
const Q = "22222222-2222-4222-8222-222222222222";

describe("date fields", () => {
  it.each([
    [["28", "2", "2027"], "2027-02-28"],
    [["1", "03", "2027"], "2027-03-01"],
    [["29", "2", "2027"], null],
    [["29", "2", "2028"], "2028-02-29"],
    [["31", "4", "2027"], null],
    [["", "2", "2027"], null],
    [["1", "2", "27"], null],
    [["1e1", "2", "2027"], null],
    [[" 5 ", " 6 ", " 2027 "], "2027-06-05"],
  ])("%j → %s", (parts, iso) => {
    expect(isoFromParts(...(parts as [string, string, string]))).toBe(iso);
  });
  it("round-trips", () => {
    expect(partsFromIso("2027-03-01")).toEqual({ day: "1", month: "3", year: "2027" });
    expect(partsFromIso(null)).toEqual({ day: "", month: "", year: "" });
  });
});

describe("forms → answers → the step's schema", () => {
  it.each([
    ["dig-og-lejemaalet", { tenant0Id: P, tenant0Mobile: "20 11 22 33", tenant0Phone: "", tenant0Email: "A@B.DK", addCohabitant: "no" }, { tenants: [{ personId: P, mobile: "+4520112233", phone: null, email: "a@b.dk" }], cohabitant: null }],
    [
      "dig-og-lejemaalet",
      { tenant0Id: P, addCohabitant: "yes", cohabitantName: "Eva", cohabitantEmail: "eva@x.dk", cohabitantMobile: "+45 11223344" },
      { tenants: [{ personId: P, mobile: null, phone: null, email: null }], cohabitant: { name: "Eva", email: "eva@x.dk", mobile: "+4511223344" } },
    ],
    ["bilejemaal", { terminateAll: "no" }, { terminateAll: false }],
    ["fraflytning", { reasonCodeId: P, moveOutDay: "28", moveOutMonth: "2", moveOutYear: "2027" }, { reasonCodeId: P, moveOutDate: "2027-02-28", inspectionDate: null }],
    ["fremvisning", { phone: "0045 20112233" }, { phone: "+4520112233" }],
    ["ny-adresse", { mode: "same", a0Kind: "foreign", a0ForeignText: "Storgatan 1, Malmö", a0Country: "se" }, { mode: "same", address: { kind: "foreign", text: "Storgatan 1, Malmö", country: "SE" } }],
    ["konto", { accountKind: "danish", regNo: "1234", accountNo: "12345678" }, { account: { kind: "danish", regNo: "1234", accountNo: "0012345678" } }],
    ["konto", { accountKind: "iban", iban: "dk50 0040 0440 1162 43" }, { account: { kind: "iban", iban: "DK5000400440116243" } }],
    ["tjek-svar", { onlyOccupant: "yes" }, { onlyOccupant: true }],
  ])("%s %j", (slug, form, expected) => {
    const r = formToAnswers(slug, form as Record<string, string>, {});
    expect(r).not.toBeNull();
    const parsed = parseStepAnswers(r!.step, r!.answers);
    expect(parsed).toEqual({ ok: true, answers: expected });
  });

  it("the inspection page keeps the saved reason and date", () => {
    const r = formToAnswers("flyttesyn", { inspectionDate: "2027-03-01" }, { "move-out": { reasonCodeId: P, moveOutDate: "2027-02-28", inspectionDate: null } });
    expect(r?.answers).toEqual({ reasonCodeId: P, moveOutDate: "2027-02-28", inspectionDate: "2027-03-01" });
  });

  it("a new move-out date forgets the inspection chosen for the old one, the same date keeps it", () => {
    const saved = { "move-out": { reasonCodeId: P, moveOutDate: "2027-02-28", inspectionDate: "2027-03-01" } };
    expect(formToAnswers("fraflytning", { reasonCodeId: P, moveOutDay: "27", moveOutMonth: "2", moveOutYear: "2027" }, saved)?.answers).toMatchObject({ inspectionDate: null });
    expect(formToAnswers("fraflytning", { reasonCodeId: P, moveOutDay: "28", moveOutMonth: "2", moveOutYear: "2027" }, saved)?.answers).toMatchObject({ inspectionDate: "2027-03-01" });
  });

  it("two addresses for two tenants", () => {
    const r = formToAnswers("ny-adresse", { mode: "each", a0PersonId: P, a1PersonId: Q, a0Kind: "danish", a0AddressId: "x1", a1Kind: "foreign", a1ForeignText: "Berlin", a1Country: "DE" }, {});
    expect(r?.answers).toEqual({ mode: "each", addresses: [{ personId: P, address: { kind: "danish", addressId: "x1", text: "" } }, { personId: Q, address: { kind: "foreign", text: "Berlin", country: "DE" } }] });
  });

  it("an unknown page has no form", () => {
    expect(formToAnswers("underskriv", {}, {})).toBeNull();
  });

  it.each([
    ["dig-og-lejemaalet", "tenants.1.email", {}, "tenant1Email"],
    ["dig-og-lejemaalet", "cohabitant.mobile", {}, "cohabitantMobile"],
    ["fraflytning", "moveOutDate", {}, "moveOutDay"],
    ["ny-adresse", "address.country", {}, "a0Country"],
    ["ny-adresse", "address.text", { a0Kind: "foreign" }, "a0ForeignText"],
    ["ny-adresse", "addresses.1.address.addressId", {}, "a1AddressQuery"],
    ["konto", "account.regNo", {}, "regNo"],
    ["konto", "account", {}, "accountKind"],
  ])("the error at %s %s names the field %s", (slug, path, values, field) => {
    expect(formFieldOf(slug, path, values as Record<string, string>)).toBe(field);
  });
});
