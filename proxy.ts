/**
 * Runs before every request except static files (Next.js 16 "proxy", formerly middleware; Node.js
 * runtime). It gives each request a fresh CSP nonce: the policy goes on the request, where Next.js
 * reads the nonce and puts it on its own scripts, and on the response. It also sets HSTS when the
 * public URL is https and `Cache-Control: no-store` on authenticated paths and requests that carry
 * a session cookie. See lib/http/security-headers.ts.
 */
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS, isAuthenticatedRequest, isHttpsUrl, newNonce } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  // ---- automation (api-core): a bearer token (an automation account's day token) reaches the
  // versioned API only; every other page, server action and route answers 403 (checked again in the wrapper).
  if (/^Bearer\s/i.test(request.headers.get("authorization") ?? "") && !/^\/api\/v1(\/|$)/.test(request.nextUrl.pathname)) {
    return new NextResponse(JSON.stringify({ error: "forbidden", message: "An automation token gives access to /api/v1 only." }), {
      status: 403,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
    });
  }
  const nonce = newNonce();
  const https = isHttpsUrl(process.env.NEXTAUTH_URL);
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // The path, for the organisation's own texts on its tenant pages (i18n/request.ts); never the client's value.
  requestHeaders.set("x-fraflyt-path", request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });

  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  if (isAuthenticatedRequest(request.nextUrl.pathname, request.cookies.getAll().map((c) => c.name))) {
    response.headers.set("Cache-Control", "no-store");
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|robots.txt).*)" }],
};
