/**
 * Rate limits in front of next-auth's route (app/api/auth/[...nextauth]/route.ts): which requests
 * count as a sign-in attempt, and the 429 answers — JSON for next-auth's client (it reads `url` and
 * the `error` in it), a short page in the visitor's language for a browser, always with Retry-After.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import da from "@/messages/da.json";
import en from "@/messages/en.json";
import { resolveLocale } from "@/i18n/locales";
import type { LimitName } from "@/lib/security/rate-limit";
import { paths } from "@/lib/http/paths";

export type SignInLimit = { name: LimitName; kind: "credentials" | "tenant-start" | "oidc-callback"; slug?: string };

const TENANT_PROVIDER = /^mitid-([a-z0-9-]+)$/;

/** The limit a request to /api/auth/<segments> counts against, or null (session, csrf, providers …). */
export function signInLimitFor(method: string, segments: readonly string[]): SignInLimit | null {
  const [action, provider = ""] = segments;
  const tenant = TENANT_PROVIDER.exec(provider);
  if (action === "callback" && (provider === "staff" || provider === "operator")) return method === "POST" ? { name: "signInPerIp", kind: "credentials" } : null;
  if (action === "callback" && tenant) return { name: "oidcCallbackPerIp", kind: "oidc-callback", slug: tenant[1]! };
  if (action === "signin" && tenant) return { name: "signInPerIp", kind: "tenant-start", slug: tenant[1]! };
  if (action === "signin" && (provider === "staff" || provider === "operator")) return { name: "signInPerIp", kind: "credentials" };
  return null;
}

function messages(req: NextRequest) {
  const locale = resolveLocale(req.cookies.get("NEXT_LOCALE")?.value);
  return { locale, m: (locale === "en" ? en : da).signIn };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(locale: string, title: string, text: string, back: string, opts: { href?: string; refresh?: boolean } = {}): string {
  const href = escapeHtml(opts.href ?? "/");
  const refresh = opts.refresh ? `<meta http-equiv="refresh" content="0;url=${href}">` : "";
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}<title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="${href}">${escapeHtml(back)}</a></p></main></body></html>`;
}

/**
 * The answer to the sign-out form when the browser must go on to another site (the identity
 * provider's logout): a page that goes there by itself (meta refresh, with a link as fallback)
 * instead of a redirect, because the Content-Security-Policy's `form-action 'self'` also governs
 * the redirects that answer a form post and would stop the browser at our origin.
 */
export function offSiteSignOutPage(req: NextRequest, target: string): NextResponse {
  const { locale, m } = messages(req);
  return new NextResponse(page(locale, m.signOutTitle, m.signOutText, m.signOutContinue, { href: target, refresh: true }), {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

async function wantsJson(req: NextRequest): Promise<boolean> {
  if (req.method !== "POST") return false;
  try {
    const form = await req.formData();
    return form.get("json") === "true";
  } catch {
    return false;
  }
}

export async function tooManyResponse(req: NextRequest, limit: SignInLimit & { retryAfterSeconds: number; baseUrl: string }): Promise<NextResponse> {
  const headers = { "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": "no-store" };
  if (await wantsJson(req)) {
    const url =
      limit.kind === "tenant-start" && limit.slug
        ? `${limit.baseUrl}${paths.tenantLogin(limit.slug)}?error=rate-limited`
        : `${limit.baseUrl}/auth/signin?error=RateLimited`;
    return NextResponse.json({ url }, { status: 429, headers });
  }
  const { locale, m } = messages(req);
  const html = page(locale, m.tooManyTitle, m.tooManyText.replace("{seconds}", String(limit.retryAfterSeconds)), m.tooManyBack);
  return new NextResponse(html, { status: 429, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/** The answer when sign-in fails with an unexpected error: generic, never the error's text. */
export async function unavailableResponse(req: NextRequest): Promise<NextResponse> {
  const headers = { "Cache-Control": "no-store", "Retry-After": "30" };
  if (await wantsJson(req)) {
    return NextResponse.json({ url: `${(process.env.NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/$/, "")}/auth/signin?error=Unavailable` }, { status: 503, headers });
  }
  const { locale, m } = messages(req);
  return new NextResponse(page(locale, m.unavailableTitle, m.unavailable, m.tooManyBack), { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}
