/**
 * Outgoing e-mail. Code never sends a mail directly: it enqueues the `send-mail` job
 * (lib/jobs/send-mail.ts) in its transaction, and the worker sends it through a MailTransport.
 *
 * The transport: SMTP (nodemailer) to SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit
 * TLS), sender MAIL_FROM (later per organisation). In development, demo and tests `npm start`
 * points SMTP_URL at the local catcher (lib/mail/catcher.ts).
 */
import "server-only";
import nodemailer from "nodemailer";

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Message-ID (without <>): stable per job, so a mail sent twice after a crash is recognisable as one. */
  messageId?: string;
  from?: string;
}

export interface MailTransport {
  send(mail: Mail): Promise<void>;
}

export class MailNotConfigured extends Error {
  constructor() {
    super("SMTP_URL is not set: mails wait in the job queue until it is");
    this.name = "MailNotConfigured";
  }
}

/** SMTP through nodemailer. Timeouts are short: a slow server fails the attempt, and the job retries. */
export function smtpTransport(url: string, defaultFrom: string): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: mail.from ?? defaultFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.messageId ? { messageId: `<${mail.messageId}>` } : {}),
      });
    },
    close: () => transporter.close(),
  };
}

/** The transport the environment configures: SMTP_URL and MAIL_FROM; without SMTP_URL every send fails (and is retried). */
export function mailTransportFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): MailTransport {
  const url = env.SMTP_URL;
  const from = env.MAIL_FROM ?? "Fraflyt <no-reply@fraflyt.localhost>";
  if (!url) {
    return {
      send: async () => {
        throw new MailNotConfigured();
      },
    };
  }
  return smtpTransport(url, from);
}
