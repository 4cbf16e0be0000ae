import { NextResponse } from "next/server";
import { z } from "zod";
import { defineRoute } from "@/lib/http/wrappers";
import { translator } from "@/lib/http/messages";
import { onwardPage } from "@/lib/http/onward-page";
import { paths, safeReturnPath } from "@/lib/http/paths";
import { consume } from "@/lib/security/rate-limit";
import { resolveLocale } from "@/i18n/locales";
import { startTenantSignIn } from "@/lib/auth/tenant-sign-in";
import { logger } from "@/lib/logger";

const NO_STORE = { "Cache-Control": "no-store" } as const;

/**
 * POST /api/{organisation}/login — the tenant's "Log ind med MitID" form (a plain form: it works
 * with and without JavaScript). Starts next-auth's OAuth flow for the organisation's provider
 * (state, PKCE and nonce cookies; lib/auth/tenant-sign-in.ts) and answers a page that goes on to
 * the identity provider by itself (lib/http/onward-page.ts), since CSP `form-action 'self'` stops
 * a form post's redirect to another site. After sign-in next-auth sends the tenant to `callbackUrl`
 * — a path under /{organisation}/beboer, else the tenant's home.
 *
 * Back to the sign-in page by 303 (our own origin) when the post comes from another site, when
 * there were too many sign-in starts from this address (?error=rate-limited, Retry-After),
 * or when the sign-in could not start (no usable MitID settings, the identity provider unreachable: ?error=failed).
 */
export const POST = defineRoute(
  {
    kind: "public",
    name: "startTenantSignIn",
    path: "/api/{organisation}/login",
    summary: "Start a tenant's MitID sign-in from a plain form: a page that goes on to the identity provider",
    params: z.object({ organisation: z.string().min(1).max(50) }),
    bodyType: "form",
    // Anything that is not a safe return path falls back to the tenant's home, never a 400.
    body: z.object({ callbackUrl: z.string().max(2000).optional().catch(undefined) }),
    // The wrapper's broad limit first; the sign-in limit (shared with next-auth's own start) below, answered on the sign-in page.
    rateLimit: "jsonRoutePerIp",
    maxBodyBytes: 4 * 1024,
  },
  async (ctx, { body }, req) => {
    const org = ctx.org!;
    const base = (process.env.NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/+$/, "");
    const callbackUrl = safeReturnPath(body.callbackUrl, `/${org.slug}/beboer`, paths.tenantHome(org.slug));
    const back = (error?: string, extra: Record<string, string> = {}) => {
      const q = new URLSearchParams({ ...(error ? { error } : {}), callbackUrl });
      return NextResponse.redirect(new URL(`${paths.tenantLogin(org.slug)}?${q}`, base), { status: 303, headers: { ...NO_STORE, ...extra } });
    };

    // Only our own sign-in page starts a sign-in (another site's form goes to that page instead).
    const origin = req.headers.get("origin");
    if (origin !== new URL(base).origin && req.headers.get("sec-fetch-site") !== "same-origin") return back();

    const limit = await consume("signInPerIp", ctx.meta.ip ?? "unknown");
    if (!limit.ok) return back("rate-limited", { "Retry-After": String(limit.retryAfterSeconds) });

    let start: Awaited<ReturnType<typeof startTenantSignIn>>;
    try {
      start = await startTenantSignIn({ slug: org.slug, callbackUrl, baseUrl: base, headers: req.headers });
    } catch (err) {
      // Never the error's text; the sign-in page says to try again.
      logger.error({ err, organisation: org.slug }, "tenant sign-in start failed");
      start = { kind: "failed" };
    }
    // Not configured: the sign-in page says so by itself when the organisation has no MitID settings.
    if (start.kind !== "idp") return back("failed");

    const locale = resolveLocale(req.cookies.get("NEXT_LOCALE")?.value);
    const t = translator(locale);
    const res = onwardPage({ locale, title: t("tenantLogin.redirectTitle"), text: t("tenantLogin.redirectText"), linkText: t("tenantLogin.redirectContinue"), href: start.url });
    for (const cookie of start.setCookies) res.headers.append("Set-Cookie", cookie);
    return res;
  },
);
