/**
 * What a tenant reads beside the rules: code texts in the page's language (English where the
 * organisation gave one, else Danish marked lang="da"), dates in running text, the organisation's
 * contact and legal-page settings, and its plain-text documents.
 */
import { describe, expect, it } from "vitest";
import { codeText, pickText, tagText } from "@/lib/text/localized";
import { formatLongDate } from "@/lib/text/dates";
import { legalHref, textBlocks } from "@/lib/organisation/legal";
import { organisationSettingsSchema, readSettings } from "@/lib/organisation/settings";
import da from "@/messages/da.json";
import en from "@/messages/en.json";

describe("code texts in the page's language", () => {
  it.each([
    ["Danish page, English given", "da", { codeText: "3 måneder til den 1.", codeTextEn: "3 months, ending on the 1st" }, { text: "3 måneder til den 1." }],
    ["English page, English given", "en", { codeText: "3 måneder til den 1.", codeTextEn: "3 months, ending on the 1st" }, { text: "3 months, ending on the 1st" }],
    ["English page, no English", "en", { codeText: "løbende måned + 3 måneder", codeTextEn: null }, { text: "løbende måned + 3 måneder", lang: "da" }],
    ["English page, blank English", "en", { codeText: "14 dage", codeTextEn: "  " }, { text: "14 dage", lang: "da" }],
    ["Danish page, no English", "da", { codeText: "14 dage" }, { text: "14 dage" }],
  ])("%s", (_label, locale, kode, expected) => {
    expect(codeText(kode, locale)).toEqual(expected);
  });

  it.each([
    ["English tag text", "en", { codeText: "Flytter til større bolig", codeTextEn: "Moving", tagText: "Jeg flytter til en større bolig", tagTextEn: "I am moving to a larger home" }, { text: "I am moving to a larger home" }],
    ["tag text in Danish only: Danish, marked", "en", { codeText: "Plejebolig", codeTextEn: "Care home", tagText: "Jeg flytter i plejebolig", tagTextEn: null }, { text: "Jeg flytter i plejebolig", lang: "da" }],
    ["no tag text: the code text", "en", { codeText: "Andet", codeTextEn: "Other", tagText: null }, { text: "Other" }],
    ["Danish page", "da", { codeText: "Dødsfald", tagText: "Dødsfald", tagTextEn: "Death" }, { text: "Dødsfald" }],
  ])("reason: %s", (_label, locale, kode, expected) => {
    expect(tagText(kode, locale)).toEqual(expected);
  });

  it("opening hours use the same choice", () => {
    expect(pickText({ da: "Hverdage kl. 10–14" }, "en")).toEqual({ text: "Hverdage kl. 10–14", lang: "da" });
  });
});

describe("dates in running text", () => {
  it.each([
    ["2027-03-01", "1. marts 2027", "1 March 2027"],
    ["2026-12-24", "24. december 2026", "24 December 2026"],
    ["2028-02-29", "29. februar 2028", "29 February 2028"],
    ["2027-01-01", "1. januar 2027", "1 January 2027"],
  ])("%s", (iso, daText, enText) => {
    const nbsp = (t: string) => t.replace(" ", "\u00a0"); // day and month stay on one line
    expect(formatLongDate(iso, "da")).toBe(nbsp(daText));
    expect(formatLongDate(iso, "en")).toBe(nbsp(enText));
  });

  it.each(["2027-02-30", "2027-3-1", "", "1. marts 2027"])("refuses %j", (bad) => {
    expect(() => formatLongDate(bad, "da")).toThrow();
  });
});

describe("contact and legal-page settings", () => {
  it("default to nothing: no contact details, our own default pages", () => {
    const s = organisationSettingsSchema.parse({});
    expect(s.contact).toEqual({ phone: null, email: null, openingHours: null });
    expect(s.privacyNotice).toEqual({ url: null, text: null });
    expect(s.accessibilityStatement).toEqual({ url: null, text: null });
  });

  it.each([
    ["a phone number with letters", { contact: { phone: "ring 3312" } }],
    ["a malformed e-mail", { contact: { email: "udlejning(at)nordhavn.dk" } }],
    ["a javascript: link", { privacyNotice: { url: "javascript:alert(1)" } }],
    ["a data: link", { accessibilityStatement: { url: "data:text/html,hi" } }],
    ["a link without a host name", { privacyNotice: { url: "https://localhost/x" } }],
    ["empty opening hours", { contact: { openingHours: { da: " " } } }],
    ["English-only opening hours", { contact: { openingHours: { en: "9–15" } } }],
  ])("refuse %s", (_label, raw) => {
    expect(organisationSettingsSchema.safeParse(raw).success).toBe(false);
  });

  it.each(["33 12 34 56", "+45 33 12 34 56", "70203040"])("accept the phone number %j", (phone) => {
    expect(organisationSettingsSchema.parse({ contact: { phone } }).contact.phone).toBe(phone);
  });

  it("a broken contact setting falls back to none without breaking the other settings", () => {
    const s = readSettings({ contact: { email: "not an e-mail" }, relettingRule: "42;D" });
    expect(s.contact.email).toBeNull();
    expect(s.relettingRule).toBe("42;D");
  });

  it("the footer links to the organisation's own page when it gives a URL, else to ours", () => {
    const org = { slug: "nordhavn", settings: organisationSettingsSchema.parse({ accessibilityStatement: { url: "https://nordhavn.example/was" } }) };
    expect(legalHref(org, "accessibility")).toEqual({ href: "https://nordhavn.example/was", external: true });
    expect(legalHref(org, "privacy")).toEqual({ href: "/nordhavn/privatlivspolitik", external: false });
  });
});

describe("plain-text documents", () => {
  it("headings, lists and paragraphs, separated by blank lines", () => {
    expect(textBlocks("Første afsnit\nfortsætter.\n\n## Overskrift\n\n- et\n- to\r\n\r\nSidste.")).toEqual([
      { kind: "paragraph", text: "Første afsnit fortsætter." },
      { kind: "heading", text: "Overskrift" },
      { kind: "list", items: ["et", "to"] },
      { kind: "paragraph", text: "Sidste." },
    ]);
  });

  it("a heading may be followed directly by its text", () => {
    expect(textBlocks("## Dine rettigheder\nDu har ret til indsigt.\n\n## Hvad\n- navn\n- adresse")).toEqual([
      { kind: "heading", text: "Dine rettigheder" },
      { kind: "paragraph", text: "Du har ret til indsigt." },
      { kind: "heading", text: "Hvad" },
      { kind: "list", items: ["navn", "adresse"] },
    ]);
  });

  it("markup is text: nothing becomes HTML", () => {
    expect(textBlocks("<script>alert(1)</script>")).toEqual([{ kind: "paragraph", text: "<script>alert(1)</script>" }]);
  });

  it.each([
    ["da", da.legal.privacyDefault],
    ["en", en.legal.privacyDefault],
    ["da", da.legal.accessibilityDefault],
    ["en", en.legal.accessibilityDefault],
  ])("the default %s texts name the organisation and have headings", (_locale, text) => {
    expect(text).toContain("{organisation}");
    const blocks = textBlocks(text);
    const headings = blocks.filter((b) => b.kind === "heading");
    expect(headings.length).toBeGreaterThanOrEqual(3);
    for (const h of headings) expect(h.text.length, h.text).toBeLessThan(60);
    expect(blocks[0]?.kind).toBe("paragraph");
    expect(blocks.some((b) => b.kind === "list")).toBe(text.includes("\n- "));
  });
});
