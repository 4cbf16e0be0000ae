/**
 * A page that sends the browser on to another site by itself — the answer to a plain form post that
 * must end at the identity provider. A redirect would not do: the Content-Security-Policy's
 * `form-action 'self'` also governs the redirects that answer a form post, and Chromium stops such a
 * redirect to another origin. So: 200, `<meta http-equiv="refresh">` (no script, works without
 * JavaScript), and a link that looks like a button for a browser that does not follow meta refresh.
 * Its styles come from /onward.css (CSP style-src 'self'); never cached, no referrer to the other site.
 */
import "server-only";
import { NextResponse } from "next/server";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function onwardPage(input: { locale: string; title: string; text: string; linkText: string; href: string }): NextResponse {
  const href = escapeHtml(input.href);
  const title = escapeHtml(input.title);
  const html =
    `<!DOCTYPE html><html lang="${escapeHtml(input.locale)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta http-equiv="refresh" content="0;url=${href}">` +
    `<title>${title}</title><link rel="stylesheet" href="/onward.css"></head>` +
    `<body><main><h1>${title}</h1><p>${escapeHtml(input.text)}</p>` +
    `<p><a class="button" href="${href}" data-testid="onward-link">${escapeHtml(input.linkText)}</a></p></main></body></html>`;
  return new NextResponse(html, {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}
