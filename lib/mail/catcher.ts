/**
 * A local SMTP catcher for development, demo and tests (never production: `npm start` starts it
 * only when scripts/start-config.ts's demoGate allows demo services). It accepts every mail on
 * loopback (no TLS, no auth), keeps the last `max` in memory, and serves them on loopback:
 *
 *   GET  /               a page listing the mails (newest first), each readable as text
 *   GET  /messages       JSON: [{ id, from, to, subject, text, html, messageId, date }]
 *   GET  /messages/:id   JSON of one mail
 *   DELETE /messages     forget all
 *
 * The mail's HTML is never rendered on the page (it is shown as text), so a mail cannot run script
 * in the catcher's origin.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CaughtMail = { id: number; from: string; to: string[]; subject: string; text: string; html: string | null; messageId: string | null; date: string };

export interface MailCatcher {
  smtpPort: number;
  httpPort: number;
  messages(): CaughtMail[];
  clear(): void;
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(mails: CaughtMail[]): string {
  const items = mails
    .map(
      (m) => `<article><h2>${esc(m.subject)}</h2><p><b>Fra:</b> ${esc(m.from)} · <b>Til:</b> ${esc(m.to.join(", "))} · ${esc(m.date)}</p><pre>${esc(m.text)}</pre>${
        m.html ? `<details><summary>HTML</summary><pre>${esc(m.html)}</pre></details>` : ""
      }</article>`,
    )
    .join("\n");
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Fraflyt – opsamlede e-mails</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding:1rem 0}pre{white-space:pre-wrap}</style></head>
<body><h1>Opsamlede e-mails (${mails.length})</h1><p>Lokal SMTP-opsamler til udvikling og test. Intet sendes videre.</p>${items || "<p>Ingen e-mails endnu.</p>"}</body></html>`;
}

export async function startMailCatcher(options: { smtpPort?: number; httpPort?: number; host?: string; max?: number } = {}): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const max = options.max ?? 500;
  let mails: CaughtMail[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          mails.push({
            id: nextId++,
            from,
            to,
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : null,
            messageId: parsed.messageId ?? null,
            date: new Date().toISOString(),
          });
          if (mails.length > max) mails = mails.slice(-max);
          callback();
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  smtp.on("error", () => undefined); // a client's broken connection must not stop the catcher

  const http: Server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://catcher");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'", "cache-control": "no-store" });
      res.end(page([...mails].reverse()));
    } else if (req.method === "GET" && url.pathname === "/messages") json(200, mails);
    else if (req.method === "DELETE" && url.pathname === "/messages") {
      mails = [];
      json(200, { ok: true });
    } else if (req.method === "GET" && /^\/messages\/\d+$/.test(url.pathname)) {
      const m = mails.find((x) => x.id === Number(url.pathname.split("/")[2]));
      if (m) json(200, m);
      else json(404, { error: "not found" });
    } else json(404, { error: "not found" });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.httpPort ?? 0, host, () => resolve());
  });

  const smtpAddress = (smtp as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    smtpPort: smtpAddress.port,
    httpPort: (http.address() as AddressInfo).port,
    messages: () => [...mails],
    clear: () => {
      mails = [];
    },
    close: () =>
      Promise.all([new Promise<void>((r) => smtp.close(() => r())), new Promise<void>((r) => http.close(() => r()))]).then(() => undefined),
  };
}
