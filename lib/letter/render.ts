/**
 * Renders the confirmation letter "Bekræftelse på opsigelse" as PDF/A-2b: a pure function of the view
 * (and the creation date, which PDF/A's metadata needs). Tagged (headings, paragraphs; header, footer
 * and decorations are artifacts), Danish or English, fonts embedded from `dejavu-fonts-ttf`.
 *
 * Page 1 (and following): the letter — organisation, date, recipients, the vacating deadline, every
 * date, every answer, the people and their contact details, what happens now. Last page: the
 * signatures (each signer's name, role, time in Danish time, method, assurance level and the SHA-256
 * of the content signed) and the verification code. Every page has the organisation's name in the
 * header and "Side x af y" with the verification code in the footer.
 */
import "server-only";
import PDFDocument from "pdfkit";
import { pickText } from "@/lib/text/localized";
import { letterFonts } from "./fonts";
import { assuranceText, danishDateTime, letterTranslator, longDate, namesFor, roleText, type LetterLocale, type LetterT } from "./texts";
import { noticeLetterViewSchema, type NoticeLetterView, type NoticeLetterViewInput } from "./view";

export type RenderLetterOptions = {
  locale?: LetterLocale;
  /** The PDF's creation date (Info and XMP). Defaults to now; pass a fixed one for reproducible output. */
  creationDate?: Date;
};

type ShownText = { text: string; lang?: "da" }; // as lib/text/localized.ts picks it
type Value = string | ShownText | (string | ShownText)[];

const PAGE = { size: "A4" as const, margins: { top: 84, bottom: 68, left: 64, right: 64 } };
const COLOR = { text: "#1a1a1a", muted: "#5a5a5a", rule: "#bfbfbf", accent: "#0059b3", noteBg: "#fff4d4", noteBar: "#b38600", boxBg: "#f5f5f5" };
const LABEL_WIDTH = 185;
const GAP = 12;

/** A code with its dashes as no-break hyphens (U+2011, in DejaVu Sans), so a line never breaks inside it. */
function unbroken(code: string): string {
  return code.replace(/-/g, "\u2011");
}

/** XMP is written by pdfkit without escaping; keep Info and XMP identical by avoiding XML's specials. */
function infoText(s: string): string {
  return s.replace(/&/g, "\uff06").replace(/</g, "\u2039").replace(/>/g, "\u203a").replace(/[\u0000-\u001f]/g, " ");
}

export async function renderNoticeLetter(input: NoticeLetterViewInput, opts: RenderLetterOptions = {}): Promise<Buffer> {
  const view = noticeLetterViewSchema.parse(input);
  const locale: LetterLocale = opts.locale === "en" ? "en" : "da";
  const t = letterTranslator(locale);
  const fonts = letterFonts();
  const created = opts.creationDate ?? new Date();
  const address = view.lease.addressLines.join(", ");

  const doc = new PDFDocument({
    pdfVersion: "1.7",
    subset: "PDF/A-2b",
    tagged: true,
    lang: locale === "en" ? "en-GB" : "da-DK",
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: true,
    // The default font is the embedded one, so pdfkit never opens Helvetica (types say string; pdfkit takes bytes too).
    font: fonts.regular as unknown as string,
    size: PAGE.size,
    margins: PAGE.margins,
    info: {
      Title: infoText(`${t("title")} – ${address}`),
      Author: infoText(view.organisation.name),
      Subject: infoText(t("documentSubject", { address })),
      Creator: "Fraflyt",
      Producer: "Fraflyt (PDFKit)",
      // No ModDate: pdfkit writes no xmp:ModifyDate, and PDF/A wants every Info entry mirrored in XMP.
      CreationDate: created,
    },
  });
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  doc.registerFont("mono", fonts.mono);

  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const root = doc.struct("Document");
  doc.addStructure(root);
  const w = new Writer(doc, root, locale);

  letterPages(w, view, t, locale, address);
  doc.addPage();
  certificatePage(w, view, t, locale);

  // Header and footer on every page, now that the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    pageFurniture(doc, view, t, i - range.start + 1, range.count);
  }
  root.end();
  doc.end();
  return done;
}

/** Writes tagged blocks, breaking pages before a block that does not fit (so a row never splits). */
class Writer {
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly root: PDFKit.PDFStructureElement,
    readonly locale: LetterLocale,
  ) {}

  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  space(points: number) {
    this.doc.y += points;
  }

  heading(level: "H1" | "H2", text: string) {
    const size = level === "H1" ? 18 : 12.5;
    const { doc } = this;
    doc.font("bold").fontSize(size);
    const h = doc.heightOfString(text, { width: this.width });
    // A heading keeps the start of what follows on its page (a contact block is up to four lines).
    this.ensure(h + (level === "H2" ? 80 : 40));
    if (level === "H2") this.space(6);
    const y = doc.y;
    this.root.add(
      doc.struct(level, {}, () => {
        doc.font("bold").fontSize(size).fillColor(COLOR.text).text(text, this.left, y, { width: this.width });
      }),
    );
    doc.y = y + h + (level === "H1" ? 10 : 6);
  }

  paragraph(text: string, opts: { size?: number; color?: string; bold?: boolean } = {}) {
    const { doc } = this;
    const size = opts.size ?? 10;
    doc.font(opts.bold ? "bold" : "regular").fontSize(size);
    const h = doc.heightOfString(text, { width: this.width, lineGap: 2 });
    this.ensure(h);
    const y = doc.y;
    this.root.add(
      doc.struct("P", {}, () => {
        doc
          .font(opts.bold ? "bold" : "regular")
          .fontSize(size)
          .fillColor(opts.color ?? COLOR.text)
          .text(text, this.left, y, { width: this.width, lineGap: 2 });
      }),
    );
    doc.y = y + h + 8;
  }

  /** A highlighted note (the vacating deadline): a tinted box with a bar on the left. */
  note(text: string) {
    const { doc } = this;
    const pad = 10;
    doc.font("bold").fontSize(12);
    const inner = this.width - 2 * pad - 4;
    const h = doc.heightOfString(text, { width: inner }) + 2 * pad;
    this.ensure(h);
    const y = doc.y;
    doc.markContent("Artifact", { type: "Layout" });
    doc.save().rect(this.left, y, this.width, h).fill(COLOR.noteBg).rect(this.left, y, 4, h).fill(COLOR.noteBar).restore();
    doc.endMarkedContent();
    this.root.add(
      doc.struct("P", {}, () => {
        doc.font("bold").fontSize(12).fillColor(COLOR.text).text(text, this.left + 4 + pad, y + pad, { width: inner });
      }),
    );
    doc.y = y + h + 12;
  }

  /** A label and its value side by side (one or more value lines); Danish text in an English letter is tagged as Danish. */
  row(label: string, value: Value, opts: { mono?: boolean; labelWidth?: number } = {}) {
    const { doc } = this;
    const lw = opts.labelWidth ?? LABEL_WIDTH;
    const vw = this.width - lw - GAP;
    const parts = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === "string" ? { text: v } : v));
    const valueFont = opts.mono ? "mono" : "regular";
    const valueSize = opts.mono ? 9 : 10;
    doc.font("bold").fontSize(10);
    const lh = doc.heightOfString(label, { width: lw, lineGap: 2 });
    doc.font(valueFont).fontSize(valueSize);
    const vh = parts.reduce((sum, p) => sum + doc.heightOfString(p.text, { width: vw, lineGap: 2 }), 0);
    const h = Math.max(lh, vh);
    this.ensure(h);
    const y = doc.y;
    const children: (PDFKit.PDFStructureElement | (() => void))[] = [
      () => {
        doc.font("bold").fontSize(10).fillColor(COLOR.text).text(label, this.left, y, { width: lw, lineGap: 2 });
      },
    ];
    let vy = y;
    for (const p of parts) {
      const at = vy;
      const draw = () => {
        doc.font(valueFont).fontSize(valueSize).fillColor(COLOR.text).text(p.text, this.left + lw + GAP, at, { width: vw, lineGap: 2 });
      };
      children.push(p.lang && this.locale !== p.lang ? doc.struct("Span", { lang: "da-DK" }, draw) : draw);
      doc.font(valueFont).fontSize(valueSize);
      vy += doc.heightOfString(p.text, { width: vw, lineGap: 2 });
    }
    this.root.add(doc.struct("P", {}, children));
    doc.y = y + h + 4;
  }

  rule() {
    const { doc } = this;
    this.ensure(12);
    const y = doc.y + 2;
    doc.markContent("Artifact", { type: "Layout" });
    doc.save().moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
    doc.endMarkedContent();
    doc.y = y + 10;
  }
}

function letterPages(w: Writer, view: NoticeLetterView, t: LetterT, locale: LetterLocale, address: string) {
  const { doc } = w;
  const org = view.organisation;
  const d = (iso: string) => longDate(iso, locale);

  // Sender block (right) and recipients (left), as in a printed letter.
  const top = doc.y;
  const senderLines = [org.name, ...org.addressLines, org.phone, org.email, org.website].filter((s): s is string => !!s);
  const senderWidth = 190;
  const senderX = w.left + w.width - senderWidth;
  w.root.add(
    doc.struct("P", {}, () => {
      doc.font("bold").fontSize(9.5).fillColor(COLOR.text).text(senderLines[0]!, senderX, top, { width: senderWidth, align: "right" });
      doc.font("regular").fontSize(9.5).fillColor(COLOR.muted).text(senderLines.slice(1).join("\n"), { width: senderWidth, align: "right", lineGap: 1 });
    }),
  );
  const senderBottom = doc.y;
  const recipientLines = [...view.people.map((p) => p.name), ...view.lease.addressLines];
  w.root.add(
    doc.struct("P", {}, () => {
      doc.font("regular").fontSize(10.5).fillColor(COLOR.text).text(recipientLines.join("\n"), w.left, top, { width: w.width - senderWidth - GAP, lineGap: 2 });
    }),
  );
  doc.y = Math.max(senderBottom, doc.y) + 14;
  const submitted = danishDateTime(view.submittedAt, locale);
  w.paragraph(`${t("dateLine", { date: submitted.date })}\n${t("leaseNumber", { number: view.lease.leaseNumber })}`, { color: COLOR.muted });
  w.space(6);

  w.heading("H1", t("title"));
  w.paragraph(t("intro", { organisation: org.name, address, date: d(view.dates.noticeDate) }));
  w.note(t("deadline", { date: d(view.dates.vacatingDay) }));

  w.heading("H2", t("datesHeading"));
  w.row(t("dateNotice"), d(view.dates.noticeDate));
  w.row(t("dateTermination"), d(view.dates.terminationDate));
  w.row(t("dateLiability"), t("liabilityRange", { from: d(view.dates.liabilityFrom), to: d(view.dates.liabilityTo) }));
  w.row(t("dateVacating"), t("vacatingValue", { date: d(view.dates.vacatingDay) }));
  w.row(t("dateInspection"), d(view.dates.inspectionDate));
  w.row(t("dateReLetting"), d(view.dates.reLettingDate));
  if (view.answers.noticeRule) {
    // The rule's text sits inside a sentence of ours; Danish inside English is rare enough not to tag.
    const rule = pickText(view.answers.noticeRule, locale);
    // The message ends the sentence; Danish ordinals ("til den 1.") end with the same full stop.
    w.paragraph(t("noticeRule", { rule: rule.text.replace(/\.\s*$/, "") }), { color: COLOR.muted, size: 9.5 });
  }

  w.heading("H2", t("answersHeading"));
  const a = view.answers;
  w.row(t("answerReason"), pickText(a.reason, locale));
  w.row(t("answerMoveOut"), d(a.moveOutDate));
  if (a.subLeasesTerminated !== null) {
    w.row(
      t("answerSubLeases"),
      a.subLeasesTerminated.length === 0
        ? t("subLeasesNone")
        : a.subLeasesTerminated.map((s) => t("subLeaseItem", { description: s.description, number: s.leaseNumber })),
    );
  }
  w.row(t("answerViewing"), a.viewingPhone || t("notGiven"));
  if (a.newAddresses.length === 0) {
    w.row(t("answerNewAddress"), t("notGiven"));
  }
  for (const na of a.newAddresses) {
    const label = view.people.length > 1 ? t("answerNewAddressFor", { names: namesFor(view, na.roles, locale) }) : t("answerNewAddress");
    w.row(label, na.lines.join("\n"));
  }
  const refund =
    a.refund.kind === "nemkonto"
      ? t("refundNemkonto", { masked: a.refund.masked })
      : a.refund.kind === "danish"
        ? t("refundDanish", { masked: a.refund.masked })
        : t("refundIban", { masked: a.refund.masked });
  w.row(t("answerRefund"), refund);
  if (a.onlyOccupantConfirmed !== null) {
    w.row(t("answerOnlyOccupant"), a.onlyOccupantConfirmed ? t("onlyOccupantYes") : t("notGiven"));
  }

  w.heading("H2", t("peopleHeading"));
  for (const p of view.people) {
    const contact = [
      p.mobile ? t("contactMobile", { value: p.mobile }) : null,
      p.phone ? t("contactPhone", { value: p.phone }) : null,
      p.email ? t("contactEmail", { value: p.email }) : null,
    ].filter((s): s is string => !!s);
    w.row(p.name, [roleText(t, p.role), ...(contact.length ? contact : [t("notGiven")])]);
  }

  w.heading("H2", t("nextHeading"));
  // In running text the code never breaks at its dash (a no-break hyphen).
  w.paragraph(t("nextText", { organisation: org.name, code: unbroken(view.verificationCode) }));
}

function certificatePage(w: Writer, view: NoticeLetterView, t: LetterT, locale: LetterLocale) {
  const { doc } = w;
  w.heading("H1", t("certificateHeading"));
  w.paragraph(t("certificateIntro"));
  for (const s of view.signatures) {
    const at = danishDateTime(s.signedAt, locale);
    const assurance = assuranceText(t, s.assuranceLevel);
    // Keep one signer's block on one page.
    w.ensure(6 * 22 + 20);
    w.rule();
    w.row(t("signerName"), s.name, { labelWidth: 140 });
    w.row(t("signerRole"), roleText(t, s.role), { labelWidth: 140 });
    w.row(t("signerTime"), t("signerTimeValue", at), { labelWidth: 140 });
    w.row(t("signerMethod"), t("signerMethodValue", { broker: s.broker }), { labelWidth: 140 });
    if (assurance) w.row(t("signerAssurance"), assurance, { labelWidth: 140 });
    // Two lines of 32 hex digits, split on purpose rather than wherever the line happens to end.
    w.row(t("signerHash"), [s.contentSha256.slice(0, 32), s.contentSha256.slice(32)], { mono: true, labelWidth: 140 });
  }
  w.rule();
  w.space(8);
  w.heading("H2", t("verificationHeading"));
  // The code large and plain, so it can be read out on the phone.
  doc.font("mono").fontSize(16);
  w.ensure(30);
  const y = doc.y;
  w.root.add(
    doc.struct("P", {}, () => {
      doc.font("mono").fontSize(16).fillColor(COLOR.text).text(view.verificationCode, w.left, y, { width: w.width });
    }),
  );
  doc.y = y + 28;
  w.paragraph(t("verificationText", { code: unbroken(view.verificationCode), organisation: view.organisation.name, noticeId: view.noticeId }), {
    color: COLOR.muted,
    size: 9.5,
  });
}

/** The organisation's name and the title in the header; page number and verification code in the footer. Artifacts, not content. */
function pageFurniture(doc: PDFKit.PDFDocument, view: NoticeLetterView, t: LetterT, page: number, pages: number) {
  const left = PAGE.margins.left;
  const width = doc.page.width - PAGE.margins.left - PAGE.margins.right;
  const savedBottom = doc.page.margins.bottom;
  // Writing below the bottom margin would make pdfkit open a new page.
  doc.page.margins.bottom = 0;
  doc.markContent("Artifact", { type: "Pagination" });
  doc.font("bold").fontSize(11).fillColor(COLOR.accent).text(view.organisation.name, left, 40, { width: width * 0.6, lineBreak: false, ellipsis: true });
  doc.font("regular").fontSize(9).fillColor(COLOR.muted).text(t("title"), left + width * 0.6, 42, { width: width * 0.4, align: "right", lineBreak: false });
  doc.save().moveTo(left, 62).lineTo(left + width, 62).lineWidth(0.75).strokeColor(COLOR.accent).stroke().restore();
  const fy = doc.page.height - 48;
  doc.save().moveTo(left, fy - 8).lineTo(left + width, fy - 8).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
  doc.font("regular").fontSize(8.5).fillColor(COLOR.muted).text(t("footerCode", { code: view.verificationCode }), left, fy, { width: width / 2, lineBreak: false });
  doc.text(t("footerPage", { page, pages }), left + width / 2, fy, { width: width / 2, align: "right", lineBreak: false });
  doc.endMarkedContent();
  doc.page.margins.bottom = savedBottom;
}
