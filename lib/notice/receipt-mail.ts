/**
 * The e-mail receipt of a submitted notice, one per signer with an e-mail address: plain Danish
 * (English when asked), text and HTML, with the key dates and a link to the tenant's documents
 * page — never the letter itself (a mail can be forwarded or read on a shared computer; the letter
 * is behind MitID). Texts: catalogue namespace `receipt.mail`.
 *
 * Pure: no I/O.
 */
import "server-only";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import en from "@/messages/en.json";
import { formatLongDate } from "@/lib/text/dates";

export type ReceiptLocale = "da" | "en";

export type ReceiptMailInput = {
  locale?: ReceiptLocale;
  recipientName: string;
  organisationName: string;
  organisationContact: { phone: string | null; email: string | null };
  /** The lease's address, one line ("Havnegade 1, 1. tv"). */
  address: string;
  terminationDate: string;
  vacatingDay: string;
  inspectionDate: string;
  /** Absolute URL of the documents page. */
  documentsUrl: string;
};

export type ReceiptMail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** "Vi har modtaget din opsigelse af Havnegade 1, 1. tv" with the dates and the documents link. */
export function receiptMail(input: ReceiptMailInput): ReceiptMail {
  const locale: ReceiptLocale = input.locale === "en" ? "en" : "da";
  const t = createTranslator({ locale, messages: locale === "en" ? en : da, namespace: "receipt.mail" });
  const date = (d: string) => formatLongDate(d, locale).replace("\u00a0", " ");
  const vars = {
    name: input.recipientName,
    organisation: input.organisationName,
    address: input.address,
    termination: date(input.terminationDate),
    vacating: date(input.vacatingDay),
    inspection: date(input.inspectionDate),
  };
  const contact = [input.organisationContact.phone, input.organisationContact.email].filter((c): c is string => !!c).join(", ");
  const subject = t("subject", vars);
  const paragraphs = {
    greeting: t("greeting", vars),
    intro: t("intro", vars),
    dates: [t("termination", vars), t("vacating", vars), t("inspection", vars)],
    documents: t("documents", vars),
    notAttached: t("notAttached", vars),
    questions: contact ? t("questionsWithContact", { ...vars, contact }) : t("questions", vars),
    closing: t("closing", vars),
  };
  const text = [
    paragraphs.greeting,
    paragraphs.intro,
    paragraphs.dates.join("\n"),
    `${paragraphs.documents}\n${input.documentsUrl}`,
    paragraphs.notAttached,
    paragraphs.questions,
    `${paragraphs.closing}\n${input.organisationName}`,
  ].join("\n\n");
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: 'IBM Plex Sans', Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">`,
    p(paragraphs.greeting),
    p(paragraphs.intro),
    `<ul>${paragraphs.dates.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>`,
    `<p>${escapeHtml(paragraphs.documents)}<br><a href="${escapeHtml(input.documentsUrl)}">${escapeHtml(t("documentsLink"))}</a></p>`,
    p(paragraphs.notAttached),
    p(paragraphs.questions),
    `<p>${escapeHtml(paragraphs.closing)}<br>${escapeHtml(input.organisationName)}</p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
