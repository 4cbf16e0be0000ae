/**
 * The answer to a signing form post: back to our own pages a 303; on to the identity provider a
 * page that goes there by itself (meta refresh, a link as fallback), because CSP `form-action
 * 'self'` also governs the redirects that answer a form post and would stop the browser at our origin.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { translator } from "@/lib/http/messages";
import { appBaseUrl } from "./signing-oidc";

const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function signingRedirect(to: { url: string; cookie?: { name: string; value: string; options: Parameters<NextResponse["cookies"]["set"]>[2] } }, req: NextRequest): NextResponse {
  const ours = new URL(to.url).origin === new URL(appBaseUrl(req.nextUrl.origin)).origin;
  let res: NextResponse;
  if (ours) res = NextResponse.redirect(to.url, 303);
  else {
    const locale = req.cookies.get("NEXT_LOCALE")?.value === "en" ? "en" : "da";
    const t = translator(locale);
    const href = escapeHtml(to.url);
    const title = escapeHtml(t("signing.redirectTitle"));
    res = new NextResponse(
      `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="0;url=${href}"><title>${title}</title></head><body><main><h1>${title}</h1><p><a href="${href}">${escapeHtml(t("signing.redirectContinue"))}</a></p></main></body></html>`,
      { status: 200, headers: { "content-type": "text/html; charset=utf-8", "Referrer-Policy": "no-referrer" } },
    );
  }
  if (to.cookie) res.cookies.set(to.cookie.name, to.cookie.value, to.cookie.options);
  return res;
}
