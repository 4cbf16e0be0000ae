/**
 * The HTTP security headers (set by proxy.ts on every response except static files, and by
 * next.config.js for the static ones that never change):
 *  - Content-Security-Policy with a fresh nonce per request for the framework's scripts
 *    ('strict-dynamic': scripts they load are trusted, nothing else — no inline script without the
 *    nonce), styles only from our own CSS files, `frame-ancestors 'none'`;
 *  - Strict-Transport-Security when the public URL (NEXTAUTH_URL) is https;
 *  - Cache-Control: no-store on authenticated paths and whenever a session cookie is sent.
 * Pure functions, so the unit tests can check them without a server.
 */

export type CspOptions = { nonce: string; dev?: boolean; https?: boolean };

export function contentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    // 'unsafe-eval' only for `next dev` (React's dev tooling); production never evaluates strings.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A fresh, unguessable nonce (128 random bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function isHttpsUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

export const HSTS = "max-age=31536000; includeSubDomains";

/** next-auth's session cookie, plain or __Secure-, possibly split into chunks (.0, .1 …). */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Paths whose answers depend on who is signed in. */
const AUTHENTICATED_PATH = /^\/(operator(\/|$)|api\/|auth\/|[a-z0-9-]+\/(admin|beboer)(\/|$))/;

/** True when the answer to this request may carry personal data and must not be stored by any cache. */
export function isAuthenticatedRequest(pathname: string, cookieNames: Iterable<string>): boolean {
  if (AUTHENTICATED_PATH.test(pathname)) return true;
  for (const name of cookieNames) if (SESSION_COOKIE.test(name)) return true;
  return false;
}
