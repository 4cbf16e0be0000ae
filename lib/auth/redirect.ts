/**
 * Where next-auth may send the browser after signing in or out (`callbackUrl` from the query, the
 * body or its callback-url cookie): a URL on the app's own origin, else the app's front page. Any
 * value that does not parse (`http://[`, a stray `%`) or names another scheme (`javascript:`) or host
 * gives the front page — never an exception (a 500) and never another site.
 */
import "server-only";
export function safeRedirect(url: unknown, baseUrl: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return "/";
  }
  const home = base.origin;
  if (typeof url !== "string" || url.length === 0 || url.length > 2000) return home;
  // Control characters and backslashes are never part of a URL we send people to.
  if (/[\u0000-\u001f\u007f\\]/.test(url)) return home;
  let target: URL;
  try {
    target = url.startsWith("/") && !url.startsWith("//") ? new URL(url, home) : new URL(url);
  } catch {
    return home;
  }
  if ((target.protocol !== "http:" && target.protocol !== "https:") || target.origin !== home) return home;
  return target.href;
}

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"] as const;

type CookieStore = { get(name: string): { value: string } | undefined; set(name: string, value: string, options?: Record<string, unknown>): unknown };

/**
 * Makes the callbackUrl inputs of a request to next-auth's route safe before next-auth sees them.
 * next-auth answers a query parameter or callback-url cookie that does not parse as an http(s) URL
 * with a 500 ("server configuration"), before our redirect callback runs; so rewrite both to
 * `safeRedirect`'s answer here. `searchParams` is the request's (mutated in place); `cookies` the
 * route handler's cookie store (next/headers), whose changes next-auth reads and the response keeps.
 */
export function sanitizeCallbackInputs(searchParams: URLSearchParams, cookies: CookieStore, baseUrl: string): void {
  const param = searchParams.get("callbackUrl");
  if (param !== null) searchParams.set("callbackUrl", safeRedirect(param, baseUrl));
  for (const name of CALLBACK_COOKIES) {
    const value = cookies.get(name)?.value;
    if (value === undefined) continue;
    const safe = safeRedirect(value, baseUrl);
    if (safe !== value) cookies.set(name, safe, { path: "/", httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
}
