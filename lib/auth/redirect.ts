/**
 * Where next-auth may send the browser after signing in or out (`callbackUrl` from the query, the
 * body or its callback-url cookie): a URL on the app's own origin, else the app's front page. Any
 * value that does not parse (`http://[`, a stray `%`) or names another scheme (`javascript:`) or host
 * gives the front page — never an exception (a 500) and never another site.
 */
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
