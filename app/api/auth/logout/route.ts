import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieNames, signOutTarget } from "@/lib/auth/logout";
import { offSiteSignOutPage } from "@/lib/auth/limits";
import { logger } from "@/lib/logger";

/**
 * Sign-out (the "Log ud" form posts here): ends the session on the server, clears the cookie and
 * redirects — a tenant through the identity provider's logout (lib/auth/logout.ts), by a page that
 * goes on by itself, since CSP `form-action 'self'` stops a form post's redirect to another site. Same-origin
 * posts only, so another site cannot sign people out.
 */
export async function POST(req: NextRequest) {
  const base = (process.env.NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/$/, "");
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  const sameOrigin = origin ? origin === new URL(base).origin : site === "same-origin" || site === "none";
  if (!sameOrigin) return new NextResponse("Forbidden", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });

  let target = `${base}/`;
  try {
    target = await signOutTarget(req, base);
  } catch (err) {
    // The session row could not be ended (database down): still clear the cookie; the row expires.
    logger.error({ err }, "sign-out could not end the session row");
  }
  const res = new URL(target).origin === new URL(base).origin ? NextResponse.redirect(target, 303) : offSiteSignOutPage(req, target);
  res.headers.set("Cache-Control", "no-store");
  for (const name of sessionCookieNames(req)) {
    res.cookies.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
  return res;
}

export function GET() {
  return new NextResponse("Method Not Allowed", { status: 405, headers: { Allow: "POST", "content-type": "text/plain; charset=utf-8" } });
}
