/** Validation messages come from the catalogues in the user's language; zod's English never reaches a user. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors, issueKey, problemMessage, translator } from "@/lib/http/messages";

const schema = z
  .object({
    name: z.string().min(1),
    title: z.string().min(3).max(5),
    email: z.email(),
    id: z.uuid(),
    date: z.iso.date(),
    count: z.number().int().min(2).max(9),
    step: z.number().multipleOf(5),
    kind: z.enum(["a", "b"]),
    tags: z.array(z.string()).min(1).max(2),
    code: z.string().regex(/^\d{6}$/),
    flag: z.boolean(),
  })
  .strict();

const bad = {
  name: "",
  title: "abcdefg",
  email: "nope",
  id: "123",
  date: "2026-02-30",
  count: 1,
  step: 7,
  kind: "c",
  tags: [],
  code: "12",
  flag: "yes",
  extra: 1,
};

describe("issueKey", () => {
  it("maps each kind of zod issue to a catalogue key", () => {
    const r = schema.safeParse(bad, { reportInput: true });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path.join(".") || (i.code === "unrecognized_keys" ? "(keys)" : ""), issueKey(i).key]));
    expect(byField).toEqual({
      name: "required",
      title: "tooLong",
      email: "email",
      id: "uuid",
      date: "date",
      count: "tooSmall",
      step: "notMultipleOf",
      kind: "oneOf",
      tags: "tooFew",
      code: "format",
      flag: "invalidType",
      "(keys)": "unknownField",
    });
  });

  it("calls a missing value required, whatever the type (with or without the input in the issue)", () => {
    const s = z.object({ a: z.string(), b: z.number(), c: z.enum(["x"]), d: z.string().min(1) });
    expect(s.safeParse({ d: "" }, { reportInput: true }).error!.issues.map((i) => issueKey(i).key)).toEqual(["required", "required", "required", "required"]);
    expect(s.safeParse({ d: "" }).error!.issues.map((i) => issueKey(i).key)).toEqual(["required", "required", "oneOf", "required"]);
    expect(s.safeParse({ a: 1, b: "x", c: "y", d: "z" }, { reportInput: true }).error!.issues.map((i) => issueKey(i).key)).toEqual(["invalidType", "invalidType", "oneOf"]);
  });
});

describe("fieldErrors", () => {
  it.each([
    ["da", { name: "Udfyld feltet.", title: "Skriv højst 5 tegn.", email: "Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.", count: "Værdien skal være mindst 2.", extra: "Feltet kendes ikke." }],
    ["en", { name: "Fill in this field.", title: "Enter at most 5 characters.", email: "Enter a valid e-mail address, e.g. name@example.com.", count: "The value must be at least 2.", extra: "This field is not known." }],
  ] as const)("speaks %s", (locale, expected) => {
    const fe = fieldErrors(schema.safeParse(bad, { reportInput: true }).error!, translator(locale));
    for (const [field, message] of Object.entries(expected)) expect(fe[field]).toEqual([message]);
  });

  it("never shows zod's own English", () => {
    for (const locale of ["da", "en"]) {
      const text = JSON.stringify(fieldErrors(schema.safeParse(bad).error!, translator(locale)));
      expect(text).not.toMatch(/Invalid|Expected|Too (small|big)|received|Unrecognized/);
    }
  });

  it("takes per-field overrides: for every issue of a field, or per kind of issue", () => {
    const s = z.object({ code: z.string().regex(/^\d{6}$/), email: z.email() });
    const t = translator("da");
    expect(fieldErrors(s.safeParse({ code: "1", email: "x" }).error!, t, { code: "staffLogin.codeFormat", email: { email: "staffLogin.failed" } })).toEqual({
      code: ["Engangskoden er 6 cifre."],
      email: ["E-mail, adgangskode eller engangskode er forkert. Tjek dem, og prøv igen."],
    });
    // an override for another issue kind leaves the default in place
    expect(fieldErrors(s.safeParse({ code: "123456", email: "x" }).error!, t, { email: { required: "staffLogin.failed" } })).toEqual({ email: ["Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."] });
  });

  it("falls back to Danish for an unknown language", () => {
    expect(fieldErrors(z.object({ a: z.string() }).safeParse({}).error!, translator("xx"))).toEqual({ a: ["Udfyld feltet."] });
  });
});

describe("problemMessage", () => {
  it.each([
    ["da", { code: "rate-limited", retryAfterSeconds: 12 }, "Du har prøvet for mange gange på kort tid. Vent 12 sekunder, og prøv igen."],
    ["en", { code: "rule", ruleCode: "invalid-date" }, "The date is not valid."],
    ["da", { code: "failed" }, "Der skete en fejl hos os. Prøv igen om lidt. Dine oplysninger er ikke gået tabt."],
    ["en", { code: "too-large" }, "What you sent is too large."],
  ] as const)("%s %j", (locale, problem, expected) => {
    expect(problemMessage(problem, translator(locale))).toBe(expected);
  });
});
