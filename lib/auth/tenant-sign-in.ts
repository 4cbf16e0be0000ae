/**
 * The start of a tenant's "Log ind med MitID" without JavaScript (POST /api/{organisation}/login):
 * next-auth's own OAuth start, run in-process, so the browser gets exactly what next-auth's client
 * would have got — the identity provider's authorization URL and the state, PKCE and nonce cookies
 * (and the callback-url cookie) — without the browser having to fetch a CSRF token with a script.
 *
 * Two calls into next-auth's handler, the way its client makes them: GET /api/auth/csrf (a token and
 * its signed cookie), then POST /api/auth/signin/<provider> with that token, the callbackUrl and
 * `json=true` (the answer is `{ url }` instead of a 302). Nothing of next-auth is reimplemented: the
 * token format, the cookie names (plain or __Secure-/__Host-) and the checks are its own.
 */
import "server-only";
import NextAuth, { type NextAuthOptions } from "next-auth";
import { authOptions } from "./options";
import { tenantProviderId } from "./provider-id";
import { safeRedirect } from "./redirect";

export type TenantSignInStart =
  /** On to the identity provider, with next-auth's Set-Cookie headers (serialised, as next-auth wrote them). */
  | { kind: "idp"; url: string; setCookies: string[] }
  /** The organisation has no (usable) MitID sign-in configured. */
  | { kind: "not-configured" }
  /** next-auth could not start (the identity provider's discovery failed …): it answered with one of our own pages. */
  | { kind: "failed" };

type InternalAnswer = { status: number; setCookies: string[]; body: unknown; location: string | null };

/** One request to next-auth's handler in-process (its pages-router form: plain request and response objects). */
async function callNextAuth(
  options: NextAuthOptions,
  req: { method: "GET" | "POST"; segments: string[]; body?: Record<string, string>; cookies: Record<string, string>; headers: Record<string, string> },
): Promise<InternalAnswer> {
  const out: InternalAnswer = { status: 200, setCookies: [], body: undefined, location: null };
  const headers = new Map<string, string | string[]>();
  const res = {
    status(code: number) {
      out.status = code;
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader(name: string, value: string | string[]) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    json(body: unknown) {
      out.body = body;
      return res;
    },
    send(body: unknown) {
      out.body = body;
      return res;
    },
    end() {
      return res;
    },
  };
  const fakeReq = { method: req.method, query: { nextauth: req.segments }, body: req.body ?? {}, cookies: req.cookies, headers: req.headers };
  await (NextAuth as unknown as (rq: unknown, rs: unknown, o: NextAuthOptions) => Promise<unknown>)(fakeReq, res, options);
  const set = headers.get("set-cookie");
  out.setCookies = set === undefined ? [] : Array.isArray(set) ? set : [set];
  const location = headers.get("location");
  out.location = typeof location === "string" ? location : null;
  return out;
}

/** name → value of serialised Set-Cookie headers (values decoded, as a browser would send them back). */
function cookieValues(setCookies: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of setCookies) {
    const pair = header.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    try {
      out[pair.slice(0, eq).trim()] = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      // not ours to read
    }
  }
  return out;
}

/**
 * Starts next-auth's sign-in for the organisation's tenant provider. `callbackUrl` must already be a
 * safe path of ours (the route checks it with safeReturnPath); `baseUrl` is the app's public URL;
 * `headers` the incoming request's host headers (next-auth derives its URL from them when
 * NEXTAUTH_URL is unset).
 */
export async function startTenantSignIn(input: { slug: string; callbackUrl: string; baseUrl: string; headers: Headers }): Promise<TenantSignInStart> {
  const options = await authOptions();
  const providerId = tenantProviderId(input.slug);
  if (!options.providers.some((p) => p.id === providerId)) return { kind: "not-configured" };

  const headers: Record<string, string> = {};
  for (const name of ["host", "x-forwarded-host", "x-forwarded-proto"]) {
    const v = input.headers.get(name);
    if (v) headers[name] = v;
  }
  const csrf = await callNextAuth(options, { method: "GET", segments: ["csrf"], cookies: {}, headers });
  const csrfToken = (csrf.body as { csrfToken?: unknown } | undefined)?.csrfToken;
  if (typeof csrfToken !== "string" || csrf.setCookies.length === 0) return { kind: "failed" };

  const callbackUrl = safeRedirect(input.callbackUrl, input.baseUrl);
  const signin = await callNextAuth(options, {
    method: "POST",
    segments: ["signin", providerId],
    body: { csrfToken, callbackUrl, json: "true" },
    cookies: cookieValues(csrf.setCookies),
    headers,
  });
  const url = (signin.body as { url?: unknown } | undefined)?.url;
  if (typeof url !== "string") return { kind: "failed" };
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { kind: "failed" };
  }
  // next-auth answers its own pages (…/signin?csrf=true, …/error?error=OAuthSignin) when it cannot start.
  if ((target.protocol !== "https:" && target.protocol !== "http:") || target.origin === new URL(input.baseUrl).origin) return { kind: "failed" };
  return { kind: "idp", url: target.href, setCookies: signin.setCookies };
}
