/**
 * The wizard's step schemas (lib/notice/steps.ts): shape and normalisation of each step's
 * answers, and field errors as `notice.errors.*` catalogue keys — never zod's English.
 */
import { describe, expect, it } from "vitest";
import da from "@/messages/da.json";
import en from "@/messages/en.json";
import { NOTICE_ERROR_KEYS, STEP_IDS, STEPS, checkStepPeople, normaliseDanishPhone, parseStepAnswers, type StepId } from "@/lib/notice/steps";

const P1 = "11111111-1111-4111-8111-111111111111";
const P2 = "22222222-2222-4222-8222-222222222222";

describe("normaliseDanishPhone", () => {
  it.each([
    ["12345678", "+4512345678"],
    ["12 34 56 78", "+4512345678"],
    ["+45 12 34 56 78", "+4512345678"],
    ["+4512345678", "+4512345678"],
    ["0045 1234 5678", "+4512345678"],
    ["12-34-56-78", "+4512345678"],
    ["(+45) 12345678", "+4512345678"],
    ["1234567", null],
    ["123456789", null],
    ["+46 12345678", null],
    ["+45 1234567", null],
    ["abcdefgh", null],
    ["", null],
    ["45 12345678", null],
  ])("%j → %j", (input, expected) => {
    expect(normaliseDanishPhone(input)).toBe(expected);
  });
});

type Case = { step: StepId; name: string; input: unknown; ok?: unknown; errors?: Record<string, string[]> };

const CASES: Case[] = [
  { step: "general", name: "nothing to answer", input: {}, ok: {} },
  { step: "general", name: "an unknown key", input: { x: 1 }, errors: { x: ["notice.errors.unknownField"] } },
  {
    step: "you-and-lease",
    name: "two tenants, phones and e-mail normalised, blanks null",
    input: { tenants: [{ personId: P1, mobile: "12 34 56 78", phone: "", email: " Anna@Example.DK " }, { personId: P2, mobile: "+45 87654321" }] },
    ok: {
      tenants: [
        { personId: P1, mobile: "+4512345678", phone: null, email: "anna@example.dk" },
        { personId: P2, mobile: "+4587654321", phone: null, email: null },
      ],
      cohabitant: null,
    },
  },
  {
    step: "you-and-lease",
    name: "a cohabitant",
    input: { tenants: [{ personId: P1 }], cohabitant: { name: " Bo ", email: "bo@example.dk", mobile: "0045 11223344" } },
    ok: { tenants: [{ personId: P1, mobile: null, phone: null, email: null }], cohabitant: { name: "Bo", email: "bo@example.dk", mobile: "+4511223344" } },
  },
  {
    step: "you-and-lease",
    name: "a bad phone, a bad e-mail, a missing cohabitant mobile",
    input: { tenants: [{ personId: P1, mobile: "1234", email: "anna@" }], cohabitant: { name: "Bo", email: "bo@example.dk" } },
    errors: { "tenants.0.mobile": ["notice.errors.phone"], "tenants.0.email": ["notice.errors.email"], "cohabitant.mobile": ["notice.errors.required"] },
  },
  { step: "you-and-lease", name: "no tenants", input: { tenants: [] }, errors: { tenants: ["notice.errors.required"] } },
  { step: "you-and-lease", name: "three tenants", input: { tenants: [{ personId: P1 }, { personId: P2 }, { personId: P1 }] }, errors: { tenants: ["notice.errors.invalid"] } },
  { step: "you-and-lease", name: "a person id that is not an id", input: { tenants: [{ personId: "x" }] }, errors: { "tenants.0.personId": ["notice.errors.id"] } },
  { step: "sub-leases", name: "all", input: { terminateAll: true }, ok: { terminateAll: true } },
  { step: "sub-leases", name: "none", input: { terminateAll: false }, ok: { terminateAll: false } },
  { step: "sub-leases", name: "some (a list) is not a choice", input: { terminateAll: ["a"] }, errors: { terminateAll: ["notice.errors.required"] } },
  { step: "sub-leases", name: "missing", input: {}, errors: { terminateAll: ["notice.errors.required"] } },
  {
    step: "move-out",
    name: "reason and dates",
    input: { reasonCodeId: P1, moveOutDate: "2027-03-01", inspectionDate: "2027-03-02" },
    ok: { reasonCodeId: P1, moveOutDate: "2027-03-01", inspectionDate: "2027-03-02" },
  },
  {
    step: "move-out",
    name: "reason and date, the inspection not chosen yet (the next page)",
    input: { reasonCodeId: P1, moveOutDate: "2027-03-01" },
    ok: { reasonCodeId: P1, moveOutDate: "2027-03-01", inspectionDate: null },
  },
  {
    step: "move-out",
    name: "dates that are not ISO days",
    input: { reasonCodeId: P1, moveOutDate: "01-03-2027", inspectionDate: "2027-02-30" },
    errors: { moveOutDate: ["notice.errors.date"], inspectionDate: ["notice.errors.date"] },
  },
  { step: "move-out", name: "nothing", input: {}, errors: { reasonCodeId: ["notice.errors.required"], moveOutDate: ["notice.errors.date"] } },
  { step: "viewing", name: "a phone", input: { phone: "+45 12 34 56 78" }, ok: { phone: "+4512345678" } },
  { step: "viewing", name: "a blank phone", input: { phone: "  " }, errors: { phone: ["notice.errors.required"] } },
  { step: "viewing", name: "a foreign phone", input: { phone: "+46 701234567" }, errors: { phone: ["notice.errors.phone"] } },
  {
    step: "new-address",
    name: "the same Danish address",
    input: { mode: "same", address: { kind: "danish", addressId: "0a3f50a0-aaaa", text: "Vestergade 1, 8000 Aarhus C" } },
    ok: { mode: "same", address: { kind: "danish", addressId: "0a3f50a0-aaaa", text: "Vestergade 1, 8000 Aarhus C" } },
  },
  {
    step: "new-address",
    name: "one each, one abroad",
    input: {
      mode: "each",
      addresses: [
        { personId: P1, address: { kind: "foreign", text: "Storgatan 1, 111 22 Stockholm", country: "se" } },
        { personId: P2, address: { kind: "danish", addressId: "a1", text: "Nørregade 2, 1165 København K" } },
      ],
    },
    ok: {
      mode: "each",
      addresses: [
        { personId: P1, address: { kind: "foreign", text: "Storgatan 1, 111 22 Stockholm", country: "SE" } },
        { personId: P2, address: { kind: "danish", addressId: "a1", text: "Nørregade 2, 1165 København K" } },
      ],
    },
  },
  {
    step: "new-address",
    name: "abroad in Denmark, and a country that is not a code",
    input: { mode: "each", addresses: [{ personId: P1, address: { kind: "foreign", text: "x", country: "DK" } }, { personId: P2, address: { kind: "foreign", text: "y", country: "Sweden" } }] },
    errors: { "addresses.0.address.country": ["notice.errors.country"], "addresses.1.address.country": ["notice.errors.country"] },
  },
  { step: "new-address", name: "an unknown mode", input: { mode: "both" }, errors: { mode: ["notice.errors.invalid"] } },
  { step: "account", name: "NemKonto", input: { account: { kind: "nemkonto" } }, ok: { account: { kind: "nemkonto" } } },
  { step: "account", name: "a Danish account, padded", input: { account: { kind: "danish", regNo: "1234", accountNo: "12 3456" } }, ok: { account: { kind: "danish", regNo: "1234", accountNo: "0000123456" } } },
  {
    step: "account",
    name: "a Danish account with bad numbers",
    input: { account: { kind: "danish", regNo: "123", accountNo: "12345678901" } },
    errors: { "account.regNo": ["notice.errors.regNo"], "account.accountNo": ["notice.errors.accountNo"] },
  },
  { step: "account", name: "an IBAN", input: { account: { kind: "iban", iban: "de89 3704 0044 0532 0130 00" } }, ok: { account: { kind: "iban", iban: "DE89370400440532013000" } } },
  { step: "account", name: "an IBAN with a wrong check digit", input: { account: { kind: "iban", iban: "DE88 3704 0044 0532 0130 00" } }, errors: { "account.iban": ["notice.errors.iban"] } },
  { step: "account", name: "no account", input: {}, errors: { account: ["notice.errors.invalid"] } },
  { step: "check-answers", name: "confirms being the only occupant", input: { onlyOccupant: true }, ok: { onlyOccupant: true } },
  { step: "check-answers", name: "nothing to confirm", input: {}, ok: {} },
  { step: "check-answers", name: "not a yes/no", input: { onlyOccupant: "yes" }, errors: { onlyOccupant: ["notice.errors.mustConfirm"] } },
  { step: "sign", name: "nothing to answer", input: {}, ok: {} },
];

describe("parseStepAnswers", () => {
  it.each(CASES)("$step: $name", ({ step, input, ok, errors }) => {
    const r = parseStepAnswers(step, input);
    if (ok !== undefined) expect(r).toEqual({ ok: true, answers: ok });
    else expect(r).toEqual({ ok: false, fieldErrors: errors });
  });

  it.each(STEP_IDS)("%s: input that is not an object gives a notice key, not zod's English", (step) => {
    for (const input of [null, "x", 1, []]) {
      const r = parseStepAnswers(step, input);
      expect(r.ok).toBe(false);
      if (!r.ok) for (const keys of Object.values(r.fieldErrors)) for (const k of keys) expect(k).toMatch(/^notice\.errors\.[a-zA-Z]+$/);
    }
  });
});

describe("steps and catalogues", () => {
  it("lists every step once, in the wizard's order", () => {
    expect(STEPS.map((s) => s.id)).toEqual(["general", "you-and-lease", "sub-leases", "move-out", "viewing", "new-address", "account", "check-answers", "sign"]);
  });

  it.each([
    ["da", da],
    ["en", en],
  ] as const)("%s has a title for every step and a text for every error key", (_l, catalogue) => {
    const notice = (catalogue as unknown as { notice: { steps: Record<string, string>; errors: Record<string, string> } }).notice;
    for (const s of STEPS) expect(notice.steps[s.id], s.id).toMatch(/\S/);
    for (const k of NOTICE_ERROR_KEYS) expect(notice.errors[k], k).toMatch(/\S/);
  });
});

describe("checkStepPeople", () => {
  const P3 = "33333333-3333-4333-8333-333333333333";
  const parsed = (step: StepId, input: unknown) => {
    const r = parseStepAnswers(step, input);
    if (!r.ok) throw new Error(JSON.stringify(r.fieldErrors));
    return r.answers;
  };
  const cohab = { name: "Bo", email: "bo@example.dk", mobile: "11223344" };
  it.each([
    { name: "both legal tenants", step: "you-and-lease", input: { tenants: [{ personId: P2 }, { personId: P1 }] }, legal: [P1, P2], errors: null },
    { name: "the id in capitals", step: "you-and-lease", input: { tenants: [{ personId: P1.toUpperCase() }] }, legal: [P1], errors: null },
    { name: "someone else", step: "you-and-lease", input: { tenants: [{ personId: P1 }, { personId: P3 }] }, legal: [P1, P2], errors: { "tenants.1.personId": ["notice.errors.id"] } },
    { name: "the same tenant twice", step: "you-and-lease", input: { tenants: [{ personId: P1 }, { personId: P1 }] }, legal: [P1, P2], errors: { "tenants.1.personId": ["notice.errors.id"] } },
    { name: "a cohabitant with one legal tenant", step: "you-and-lease", input: { tenants: [{ personId: P1 }], cohabitant: cohab }, legal: [P1], errors: null },
    { name: "a cohabitant with two legal tenants", step: "you-and-lease", input: { tenants: [{ personId: P1 }], cohabitant: cohab }, legal: [P1, P2], errors: { cohabitant: ["notice.errors.invalid"] } },
    {
      name: "a new address for someone else",
      step: "new-address",
      input: { mode: "each", addresses: [{ personId: P3, address: { kind: "danish", addressId: "a", text: "b" } }] },
      legal: [P1, P2],
      errors: { "addresses.0.personId": ["notice.errors.id"] },
    },
    { name: "the same new address", step: "new-address", input: { mode: "same", address: { kind: "danish", addressId: "a", text: "b" } }, legal: [P1], errors: null },
    { name: "a step without people", step: "viewing", input: { phone: "12345678" }, legal: [P1], errors: null },
  ] as const)("$name", ({ step, input, legal, errors }) => {
    expect(checkStepPeople(step as StepId, parsed(step, input) as never, legal)).toEqual(errors);
  });
});
