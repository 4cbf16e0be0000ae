/**
 * The pure parts around the confirmation letter: the receipt e-mail's texts, the verification code,
 * the document id, file names for downloads, masking, the broker's name and address lines.
 */
import { describe, expect, it } from "vitest";
import { receiptMail } from "@/lib/notice/receipt-mail";
import { addressLines, brokerName, maskAccount, maskIban } from "@/lib/notice/letter-view";
import { noticeDocumentId } from "@/lib/jobs/notice-letter";
import { verificationCode } from "@/lib/crypto";
import { contentDisposition, safeFileName } from "@/lib/http/files";
import { formatWeekdayDate } from "@/lib/text/dates";
import { organisationSettingsSchema } from "@/lib/organisation/settings";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const input = {
  recipientName: "Anna Jensen",
  organisationName: "Nordhavn <Bolig> & Co",
  organisationContact: { phone: "33 12 34 56", email: null },
  address: "Havnegade 1, 1. tv, 8000 Aarhus C",
  terminationDate: "2027-03-01",
  vacatingDay: "2027-02-26",
  inspectionDate: "2027-03-01",
  documentsUrl: "https://fraflyt.example/nordhavn/beboer/dokumenter",
};

describe("receiptMail", () => {
  it("says in plain Danish what was received, the key dates and where the letter is — without the letter", () => {
    const m = receiptMail(input);
    expect(m.subject).toBe("Vi har modtaget din opsigelse af Havnegade 1, 1. tv, 8000 Aarhus C");
    expect(m.text.split("\n")[0]).toBe("Kære Anna Jensen");
    for (const s of [
      "Lejemålet ophører: 1. marts 2027",
      "Du skal være fraflyttet senest kl. 12.00 den 26. februar 2027.",
      "Flyttesyn: 1. marts 2027",
      "https://fraflyt.example/nordhavn/beboer/dokumenter",
      "33 12 34 56",
    ]) {
      expect(m.text).toContain(s);
    }
    expect(m.text).not.toContain("\u00a0");
    expect(m.html).toContain('<a href="https://fraflyt.example/nordhavn/beboer/dokumenter">Gå til Mine dokumenter</a>');
    // The organisation's name is escaped in HTML.
    expect(m.html).toContain("Nordhavn &lt;Bolig&gt; &amp; Co");
    expect(m.html).not.toContain("<Bolig>");
  });

  it("has an English version", () => {
    const m = receiptMail({ ...input, locale: "en" });
    expect(m.subject).toBe("We have received your notice of termination of Havnegade 1, 1. tv, 8000 Aarhus C");
    expect(m.text).toContain("You must have moved out by 12:00 noon on 26 February 2027.");
  });
});

describe("verification code and document id", () => {
  it("is XXXXX-XXXXX in Crockford base32, stable per notice and content, different otherwise", () => {
    const a = verificationCode("n1", "h1");
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(verificationCode("n1", "h1")).toBe(a);
    expect(verificationCode("n1", "h2")).not.toBe(a);
    expect(verificationCode("n2", "h1")).not.toBe(a);
  });

  it("the letter's Document id is a UUID derived from the notice id", () => {
    const id = noticeDocumentId("C1A2B3D4-0000-4000-8000-000000000042");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(noticeDocumentId("c1a2b3d4-0000-4000-8000-000000000042")).toBe(id);
    expect(noticeDocumentId("c1a2b3d4-0000-4000-8000-000000000043")).not.toBe(id);
    expect(noticeDocumentId("c1a2b3d4-0000-4000-8000-000000000042", "other")).not.toBe(id);
  });
});

describe("file names", () => {
  it.each([
    ["Bekræftelse på opsigelse", "Bekraeftelse-paa-opsigelse-2026-12-01.pdf"],
    ['a"b\r\nContent-Type: x/../..', "a-b-Content-Type-x-2026-12-01.pdf"],
    ["Øst ÅØÆ é", "Oest-AaOeAe-e-2026-12-01.pdf"],
    ["«»", "dokument-2026-12-01.pdf"],
  ])("%j → %s", (title, expected) => {
    expect(safeFileName(title, new Date("2026-12-01T13:00:00Z"), "pdf")).toBe(expected);
  });

  it("Content-Disposition: an ASCII name and the UTF-8 one, no quotes or line breaks from the title", () => {
    const h = contentDisposition("inline", 'Bekræftelse "på"\r\nX', new Date("2026-12-01T13:00:00Z"), "pdf");
    expect(h).toMatch(/^inline; filename="Bekraeftelse-paa-X-2026-12-01\.pdf"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(h).not.toMatch(/[\r\n]/);
  });
});

describe("letter view helpers", () => {
  it("masks accounts and IBANs to their last four", () => {
    expect(maskAccount("1234", "0001234567")).toBe("1234 ••••••4567");
    expect(maskAccount(null, "4567")).toBe("•••• ••••••4567");
    expect(maskIban("DE89 3704 0044 0532 0130 00")).toBe("DE89 •••• •••• 3000");
  });

  it("names the broker from the issuer", () => {
    const s = (issuer: string | null) =>
      organisationSettingsSchema.parse({ oidc: issuer ? { issuer, clientId: "c", clientSecretEnc: "x" } : null });
    expect(brokerName(s(null))).toBe("Fraflyt test-IdP");
    expect(brokerName(s("http://localhost:4100/oidc"))).toBe("Fraflyt test-IdP");
    expect(brokerName(s("https://pp.netseidbroker.dk/op"))).toBe("Signaturgruppen");
    expect(brokerName(s("https://nordhavn.idura.broker"))).toBe("Idura");
    expect(brokerName(s("https://x.sandbox.signicat.com/auth"))).toBe("Signicat");
    expect(brokerName(s("https://login.example.dk"))).toBe("login.example.dk");
  });

  it("splits a Danish address text into street and postal lines", () => {
    expect(addressLines("Åboulevarden 7, 3. th, 8000 Aarhus C")).toEqual(["Åboulevarden 7, 3. th", "8000 Aarhus C"]);
    expect(addressLines("Strandvejen 12")).toEqual(["Strandvejen 12"]);
  });

  it("writes a date with its weekday", () => {
    expect(formatWeekdayDate("2027-03-01", "da")).toBe("mandag den 1.\u00a0marts 2027");
    expect(formatWeekdayDate("2027-03-01", "en")).toBe("Monday 1\u00a0March 2027");
  });
});
