/**
 * The confirmation letter: a PDF/A-2b file that parses, declares its conformance in XMP, embeds every
 * font (no standard 14), is tagged, and shows every date, name, the signatures and the content hash.
 * Text and structure are read back with pdfjs-dist, the bytes checked directly.
 */
import { describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { ZodError } from "zod";
import { renderNoticeLetter } from "@/lib/letter";
import { HASH, letterView } from "../support/letter-view";

const CREATED = new Date("2026-12-01T13:05:00Z");

type Node = { role?: string; lang?: string; children?: Node[]; type?: string };

async function read(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  const roles: string[] = [];
  const langs: string[] = [];
  const walk = (n: Node | null | undefined) => {
    if (!n) return;
    if (n.role) roles.push(n.role);
    if (n.lang) langs.push(n.lang);
    n.children?.forEach(walk);
  };
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ("str" in it ? it.str + (it.hasEOL ? "\n" : " ") : "")).join(""));
    walk((await page.getStructTree()) as Node);
  }
  const meta = await doc.getMetadata();
  const markInfo = await doc.getMarkInfo();
  await doc.destroy();
  return { pages, roles, langs, info: meta.info as Record<string, unknown>, markInfo };
}

const flat = (s: string) => s.replace(/\s+/g, " ");

describe("renderNoticeLetter", { timeout: 60_000 }, async () => {
  const da = await renderNoticeLetter(letterView(), { creationDate: CREATED });
  const en = await renderNoticeLetter(letterView(), { locale: "en", creationDate: CREATED });
  const daRead = await read(da);
  const enRead = await read(en);
  const raw = da.toString("latin1");

  it("is a PDF 1.7 that parses, not encrypted, with the organisation as author", () => {
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
    expect(raw).not.toMatch(/\/Encrypt\b/);
    expect(daRead.pages.length).toBeGreaterThanOrEqual(2);
    expect(daRead.info.Title).toBe("Bekræftelse på opsigelse – Havnegade 1, 1. tv, 5000 Odense C");
    expect(daRead.info.Author).toBe("Boligselskabet Havnely");
    expect(daRead.info.Language).toBe("da-DK");
    expect(enRead.info.Language).toBe("en-GB");
  });

  it("declares PDF/A-2b in its XMP metadata, with the sRGB output intent", () => {
    expect(raw).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(raw).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(raw).toContain("<xmp:CreateDate>2026-12-01T13:05:00Z</xmp:CreateDate>");
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw).toMatch(/\/OutputIntents/);
    // Every Info entry is mirrored in XMP (PDF/A-2 6.6.3); pdfkit writes no xmp:ModifyDate, so no ModDate either.
    expect(raw).toContain("<xmp:CreatorTool>Fraflyt</xmp:CreatorTool>");
    expect(raw).toContain("<pdf:Producer>Fraflyt (PDFKit)</pdf:Producer>");
    const utf8 = da.toString("utf8");
    expect(utf8).toContain(`<rdf:li xml:lang="x-default">${daRead.info.Title}</rdf:li>`);
    expect(utf8).toContain(`<rdf:li xml:lang="x-default">${daRead.info.Subject}</rdf:li>`);
    expect(raw).not.toMatch(/\/ModDate/);
  });

  it("embeds every font it uses and references none of the standard 14", () => {
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
    const descriptors = raw.match(/\/Type \/FontDescriptor[\s\S]*?>>/g) ?? [];
    expect(descriptors.length).toBe(3); // DejaVu Sans, Sans Bold, Sans Mono
    for (const d of descriptors) expect(d).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw.match(/\/BaseFont \/[A-Z]{6}\+DejaVuSans(-Bold|Mono)?\b/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it("is tagged: marked, with headings and paragraphs in a structure tree", () => {
    expect(daRead.markInfo?.Marked).toBe(true);
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(daRead.roles).toEqual(expect.arrayContaining(["Document", "H1", "H2", "P"]));
    expect(daRead.roles.filter((r) => r === "H1")).toHaveLength(2); // the letter and the signature page
  });

  it("shows in Danish the organisation, tenants, lease, every date and every answer", () => {
    const text = flat(daRead.pages.join("\n"));
    for (const s of [
      "Boligselskabet Havnely",
      "Havnegade 10",
      "Bent Hansen",
      "Birgit Sørensen",
      "Havnegade 1, 1. tv",
      "Lejemål nr. 1042-0001-01",
      "Bekræftelse på opsigelse",
      "Du skal være fraflyttet senest kl. 12.00 den 26. februar 2027.",
      "Opsigelsen er givet 1. december 2026",
      "Lejemålet ophører 1. marts 2027",
      "fra 1. december 2026 til og med 28. februar 2027",
      "Flyttesyn 1. marts 2027",
      "15. marts 2027",
      "Køb af egen bolig",
      "Ønsket fraflytningsdato 28. februar 2027",
      "Garage 3 (lejemål nr. 1042-0901-01)",
      "+45 20 12 34 56",
      "Åboulevarden 7, 3. th",
      "Rue de Rivoli 12",
      "Frankrig",
      "Konto 1234 ••••••7890",
      "birgit@example.dk",
      "3 måneder til den 1.",
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain("Eneste beboer"); // not asked with two legal tenants
  });

  it("has a signature page listing each signer, role, Danish time, method, assurance and the content hash", () => {
    const last = flat(daRead.pages[daRead.pages.length - 1]!);
    expect(last).toContain("Underskrifter");
    expect(last).toContain("Bent Hansen");
    expect(last).toContain("Birgit Sørensen");
    expect(last).toContain("Lejer");
    expect(last).toContain("Medlejer");
    // 12:58:10Z and 13:03:22Z are 13.58.10 and 14.03.22 in Copenhagen in December (CET).
    expect(last).toContain("1. december 2026 kl. 13.58.10 (dansk tid)");
    expect(last).toContain("1. december 2026 kl. 14.03.22 (dansk tid)");
    expect(last.match(/MitID via Signaturgruppen/g)).toHaveLength(2);
    expect(last).toContain("Betydelig");
    expect(last).toContain("Høj");
    expect(last.replace(/\s/g, "").split(HASH).length - 1).toBe(2);
    expect(last).toContain("K7Q4-9XPM");
  });

  it("numbers its pages and carries the organisation's name and verification code on every page", () => {
    const n = daRead.pages.length;
    daRead.pages.forEach((p, i) => {
      expect(p).toContain(`Side ${i + 1} af ${n}`);
      expect(p).toContain("Boligselskabet Havnely");
      expect(p).toContain("Kontrolkode K7Q4-9XPM");
    });
  });

  it("in English uses the English texts and dates, and tags the organisation's Danish reason as Danish", async () => {
    const text = flat(enRead.pages.join("\n"));
    for (const s of [
      "Confirmation of notice of termination",
      "You must have moved out by 12:00 noon on 26 February 2027.",
      "from 1 December 2026 up to and including 28 February 2027",
      "1 December 2026 at 13:58:10 (Danish time)",
      "Page 1 of",
      "Signatures",
      "Køb af egen bolig",
      "3 months to the 1st",
    ]) {
      expect(text).toContain(s);
    }
    expect(enRead.langs).toContain("da-DK");
    expect(daRead.langs).not.toContain("da-DK"); // Danish text in a Danish letter needs no mark
    const withEnglishReason = await read(
      await renderNoticeLetter(letterView({ answers: { ...letterView().answers, reason: { da: "Køb af egen bolig", en: "Buying a home" } } }), { locale: "en", creationDate: CREATED }),
    );
    expect(withEnglishReason.langs).not.toContain("da-DK");
  });

  it("is byte-for-byte the same for the same input and creation date", async () => {
    const again = await renderNoticeLetter(letterView(), { creationDate: CREATED });
    expect(again.equals(da)).toBe(true);
    const later = await renderNoticeLetter(letterView(), { creationDate: new Date("2026-12-02T08:00:00Z") });
    expect(later.equals(da)).toBe(false);
  });

  it.each([
    ["a sole tenant who confirmed being the only occupant", { onlyOccupantConfirmed: true, subLeasesTerminated: null, newAddresses: [] }, ["Eneste beboer", "Ja, jeg har bekræftet"], ["Tilknyttede lejemål"]],
    ["sub-leases kept", { subLeasesTerminated: [] }, ["Ingen – de tilknyttede lejemål er ikke opsagt"], []],
    ["NemKonto", { refund: { kind: "nemkonto" as const, masked: "•••• ••••••4321" } }, ["NemKonto (•••• ••••••4321)"], []],
    ["a foreign IBAN", { refund: { kind: "iban" as const, masked: "FR76 •••• •••• 0189" } }, ["Udenlandsk konto (IBAN FR76 •••• •••• 0189)"], []],
  ])("shows the answers of %s", async (_name, answers, present, absent) => {
    const view = letterView({ answers: { ...letterView().answers, ...answers } });
    const text = flat((await read(await renderNoticeLetter(view, { creationDate: CREATED }))).pages.join("\n"));
    for (const s of present) expect(text).toContain(s);
    for (const s of absent) expect(text).not.toContain(s);
  });

  it("shows a sole tenant's cohabitant as a signer, with a signature after midnight in Danish summer time", async () => {
    const base = letterView();
    const view = letterView({
      people: [base.people[0]!, { name: "Carla Cohab", role: "cohabitant", email: "carla@example.dk", mobile: "+45 40 00 00 01" }],
      signatures: [
        { ...base.signatures[0]!, signedAt: "2027-06-30T21:59:59Z" },
        // 22:30 UTC on 30 June is 00:30 on 1 July in Copenhagen (CEST, UTC+2): another day.
        { ...base.signatures[1]!, name: "Carla Cohab", role: "cohabitant", signedAt: "2027-06-30T22:30:00Z", assuranceLevel: null },
      ],
      answers: { ...base.answers, newAddresses: [{ roles: ["tenant1", "cohabitant"], lines: ["Strandvejen 12", "2900 Hellerup"] }] },
    });
    const pages = (await read(await renderNoticeLetter(view, { creationDate: CREATED }))).pages;
    const text = flat(pages.join("\n"));
    const last = flat(pages[pages.length - 1]!);
    expect(text).toContain("Ny adresse for Bent Hansen og Carla Cohab");
    expect(text).toContain("Samlever");
    expect(last).toContain("30. juni 2027 kl. 23.59.59 (dansk tid)");
    expect(last).toContain("1. juli 2027 kl. 00.30.00 (dansk tid)");
    expect(last.match(/Sikringsniveau/g)).toHaveLength(1); // no claim, no line
  });

  it("keeps Info and XMP well-formed and equal when the organisation's name has XML specials", async () => {
    const pdf = await renderNoticeLetter(letterView({ organisation: { ...letterView().organisation, name: "Bo & Byg <A/S>" } }), { creationDate: CREATED });
    const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(pdf.toString("utf8"))![0];
    expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(xmp).not.toContain("<A/S>");
    const info = (await read(pdf)).info;
    expect(info.Author).toBe("Bo ＆ Byg ‹A/S›");
    expect(xmp).toContain("<rdf:li>Bo ＆ Byg ‹A/S›</rdf:li>");
  });

  it.each([
    ["a hash that is not SHA-256 hex", { signatures: [{ ...letterView().signatures[0]!, contentSha256: "abc" }] }],
    ["a date that is not a calendar date", { dates: { ...letterView().dates, vacatingDay: "2027-02-30" } }],
    ["no signature", { signatures: [] }],
    ["a lower-case verification code", { verificationCode: "k7q4" }],
    ["a signer who is not among the people", { signatures: [{ ...letterView().signatures[0]!, role: "cohabitant" }] }],
    ["two people with one role", { people: [letterView().people[0]!, { ...letterView().people[1]!, role: "tenant1" }] }],
    ["a new address for someone not in the notice", { answers: { ...letterView().answers, newAddresses: [{ roles: ["cohabitant"], lines: ["X"] }] } }],
  ])("refuses %s", async (_name, over) => {
    await expect(renderNoticeLetter(letterView(over as never), { creationDate: CREATED })).rejects.toBeInstanceOf(ZodError);
  });
});
