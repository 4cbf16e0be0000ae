import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { translator } from "@/lib/http/messages";
import { appBaseUrl } from "@/lib/notice/signing-oidc";
import { startSigning } from "@/lib/notice/signing-flow";

const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * POST /api/{organisation}/signering/start — a plain HTML form ("Underskriv med MitID som …") posts
 * here. Back to our own pages: a 303. On to the organisation's identity provider (a fresh
 * authentication; the tenant's own session is not touched): a page that goes there by itself (meta
 * refresh, a link as fallback), because CSP `form-action 'self'` also governs the redirects that
 * answer a form post and would stop the browser at our origin.
 */
export const POST = defineRoute(
  {
    kind: "tenant",
    name: "startSigning",
    path: "/api/{organisation}/signering/start",
    summary: "Start signing a notice: on to the identity provider (prompt=login, max_age=0)",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    bodyType: "form",
    body: z.object({ noticeId: z.uuid(), role: z.enum(["tenant1", "tenant2", "cohabitant"]) }),
    rateLimit: "signInPerIp",
    maxBodyBytes: 4 * 1024,
  },
  async (ctx, { body }, req) => {
    const to = await startSigning({ ctx, noticeId: body.noticeId, role: body.role, req });
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
  },
);
