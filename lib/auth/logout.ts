/**
 * Signing out (POST /api/auth/logout): ends the session row (every app instance refuses the cookie
 * from then on), clears the cookie, and sends the browser on:
 *  - a tenant to the identity provider's end_session_endpoint (RP-initiated logout, OpenID Connect
 *    RP-Initiated Logout 1.0) with client_id and the organisation's tenant sign-in page as
 *    post_logout_redirect_uri (the ID token as id_token_hint only where the organisation's broker
 *    requires it: it carries the CPR number, and the URL stays in the browser's history), so the
 *    identity provider's session ends too and the next "Log ind med MitID" asks for the user again;
 *  - staff to their organisation's sign-in page, an operator to the operator sign-in page.
 */
import "server-only";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { organisationBySlug, platformClient } from "@/lib/db/platform";
import { paths } from "@/lib/http/paths";
import { logger } from "@/lib/logger";
import { closeSession } from "./session-store";
import type { AppSession } from "./types";

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Names of the request's next-auth session cookies (the token may be split into chunks). */
export function sessionCookieNames(req: NextRequest): string[] {
  return req.cookies
    .getAll()
    .map((c) => c.name)
    .filter((n) => SESSION_COOKIE.test(n));
}

const discoveryCache = new Map<string, { at: number; endSession: string | null }>();

/** The identity provider's end_session_endpoint from its discovery document (cached 5 minutes), or null. */
export async function endSessionEndpoint(issuer: string): Promise<string | null> {
  const cached = discoveryCache.get(issuer);
  if (cached && Date.now() - cached.at < 5 * 60_000) return cached.endSession;
  let endSession: string | null = null;
  try {
    const res = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3000), redirect: "error" });
    if (res.ok) {
      const doc = (await res.json()) as { end_session_endpoint?: unknown };
      if (typeof doc.end_session_endpoint === "string") {
        const u = new URL(doc.end_session_endpoint);
        if (u.protocol === "https:" || u.protocol === "http:") endSession = u.href;
      }
    }
  } catch (err) {
    logger.warn({ err, issuer }, "identity provider discovery failed at sign-out");
    return null; // not cached: try again next time
  }
  discoveryCache.set(issuer, { at: Date.now(), endSession });
  return endSession;
}

/** Ends the request's session and answers where the browser goes next (an absolute URL). */
export async function signOutTarget(req: NextRequest, baseUrl: string): Promise<string> {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  let app: AppSession | undefined;
  try {
    const token = await getToken({ req, secret });
    app = (token as { app?: AppSession } | null)?.app;
  } catch {
    app = undefined; // an unreadable cookie: nothing to end
  }
  if (!app) return `${baseUrl}/`;
  const { idToken } = await closeSession(app.sid);
  if (app.kind === "operator") return `${baseUrl}${paths.operatorLogin()}`;
  const slug = app.orgSlug;
  if (!slug) return `${baseUrl}/`;
  if (app.kind === "staff") return `${baseUrl}${paths.staffLogin(slug)}`;

  const back = `${baseUrl}${paths.tenantLogin(slug)}`;
  const org = await organisationBySlug(platformClient(), slug);
  const oidc = org?.settings.oidc;
  if (!oidc) return back;
  const endSession = await endSessionEndpoint(oidc.issuer);
  if (!endSession) return back;
  const url = new URL(endSession);
  // The ID token carries the CPR number: only for a broker that insists (see settings.oidc).
  if (oidc.logoutIdTokenHint && idToken) url.searchParams.set("id_token_hint", idToken);
  url.searchParams.set("post_logout_redirect_uri", back);
  url.searchParams.set("client_id", oidc.clientId);
  return url.href;
}
