/**
 * The e-mail telling a tenant that staff cancelled their notice: plain Danish (English when asked),
 * text and HTML, with the reason staff gave and the link to give notice again. Texts: catalogue
 * namespace `adminInbox.cancelMail`. Pure: no I/O.
 */
import "server-only";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import en from "@/messages/en.json";

export type CancelMailInput = {
  locale?: "da" | "en";
  recipientName: string;
  organisationName: string;
  organisationContact: { phone: string | null; email: string | null };
  /** The lease's address, one line. */
  address: string;
  reason: string;
  /** Absolute URL where the tenant may give notice again. */
  noticeUrl: string;
};

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function cancelMail(input: CancelMailInput): { subject: string; text: string; html: string } {
  const locale = input.locale === "en" ? "en" : "da";
  const t = createTranslator({ locale, messages: locale === "en" ? en : da, namespace: "adminInbox.cancelMail" });
  const vars = { name: input.recipientName, organisation: input.organisationName, address: input.address };
  const contact = [input.organisationContact.phone, input.organisationContact.email].filter((c): c is string => !!c).join(", ");
  const subject = t("subject", vars);
  const parts = {
    greeting: t("greeting", vars),
    intro: t("intro", vars),
    reasonLabel: t("reason"),
    again: t("again", vars),
    questions: contact ? t("questionsWithContact", { ...vars, contact }) : t("questions", vars),
    closing: t("closing"),
  };
  const text = [parts.greeting, parts.intro, `${parts.reasonLabel}\n${input.reason}`, `${parts.again}\n${input.noticeUrl}`, parts.questions, `${parts.closing}\n${input.organisationName}`].join("\n\n");
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: 'IBM Plex Sans', Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">`,
    p(parts.greeting),
    p(parts.intro),
    `<p><strong>${escapeHtml(parts.reasonLabel)}</strong><br>${escapeHtml(input.reason).replace(/\r?\n/g, "<br>")}</p>`,
    `<p>${escapeHtml(parts.again)}<br><a href="${escapeHtml(input.noticeUrl)}">${escapeHtml(input.noticeUrl)}</a></p>`,
    p(parts.questions),
    `<p>${escapeHtml(parts.closing)}<br>${escapeHtml(input.organisationName)}</p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
