/**
 * Signing by a fresh authentication at the organisation's OpenID Connect provider, beside
 * next-auth (the tenant's own session is never touched): openid-client 6 with authorization code,
 * PKCE S256, state and nonce, `prompt=login` and `max_age=0`, and the short reference text the
 * broker shows the signer (settings.oidc.signingTextParam).
 *
 * What the callback needs to finish (state, nonce, PKCE verifier, notice, slot, who started it,
 * when, and the content hash the signer was shown) travels in one AES-GCM encrypted, httpOnly,
 * SameSite=Lax cookie scoped to the callback path, valid 10 minutes, cleared by the callback.
 */
import "server-only";
import * as oidc from "openid-client";
import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import type { OrganisationRecord } from "@/lib/db/platform";

export const SIGNING_COOKIE = "fraflyt_signing";
export const SIGNING_COOKIE_TTL_SECONDS = 600;
/** How long after the authorization request the authentication may have happened, at most (auth_time). */
export const FRESH_SECONDS = 120;

export const signingPaths = {
  page: (slug: string, noticeId: string) => `/${slug}/beboer/selvbetjening/opsigelse/${noticeId}/underskriv`,
  receipt: (slug: string, noticeId: string) => `/${slug}/beboer/selvbetjening/opsigelse/${noticeId}/kvittering`,
  start: (slug: string) => `/api/${slug}/signering/start`,
  callback: (slug: string) => `/api/${slug}/signering/callback`,
  /** Sign later: the co-signer's start (public; the token authorises) and the tenant's send/cancel. */
  linkStart: (slug: string) => `/api/${slug}/signering/link-start`,
  link: (slug: string) => `/api/${slug}/signering/link`,
};

/** The app's public base URL (what the identity provider redirects back to). */
export function appBaseUrl(fallbackOrigin: string): string {
  return (process.env.NEXTAUTH_URL ?? fallbackOrigin).replace(/\/+$/, "");
}

const pending = z.object({
  v: z.literal(1),
  orgId: z.string(),
  noticeId: z.string(),
  role: z.enum(["tenant1", "tenant2", "cohabitant"]),
  /** The signed-in tenant who started (one window), or null (a signing link). */
  personId: z.string().nullable(),
  signingLinkId: z.string().nullable(),
  /** A signing link's token (sign later), so that the callback can send the co-signer back to its page. */
  linkToken: z.string().max(100).optional(),
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  contentHash: z.string(),
  /** Milliseconds since the epoch. */
  startedAt: z.number(),
});
export type PendingSigning = z.infer<typeof pending>;

export function sealPending(p: PendingSigning): string {
  return encryptSecret(JSON.stringify(p));
}

/** The pending signing of a cookie value, or null (missing, tampered with, or older than 10 minutes). */
export function openPending(value: string | undefined, now: Date): PendingSigning | null {
  if (!value) return null;
  try {
    const p = pending.parse(JSON.parse(decryptSecret(value)));
    if (now.getTime() - p.startedAt > SIGNING_COOKIE_TTL_SECONDS * 1000 || p.startedAt - now.getTime() > 60_000) return null;
    return p;
  } catch {
    return null;
  }
}

const configs = new Map<string, { at: number; config: oidc.Configuration }>();

/** The organisation's provider (discovery cached for a minute). */
export async function signingConfig(org: OrganisationRecord): Promise<oidc.Configuration> {
  const s = org.settings.oidc;
  if (!s) throw new Error(`organisation ${org.slug} has no OIDC provider`);
  const key = `${org.id}|${s.issuer}|${s.clientId}`;
  const hit = configs.get(key);
  if (hit && Date.now() - hit.at < 60_000) return hit.config;
  const issuer = new URL(s.issuer);
  const config = await oidc.discovery(
    issuer,
    s.clientId,
    decryptSecret(s.clientSecretEnc),
    oidc.ClientSecretBasic(decryptSecret(s.clientSecretEnc)),
    issuer.protocol === "http:" ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
  );
  configs.set(key, { at: Date.now(), config });
  return config;
}

/** "Opsigelse af Havnegade 1, 1. tv pr. 28.02.2027": at most 130 characters. */
export function referenceText(address: string, lastDay: string): string {
  const [y, m, d] = lastDay.split("-");
  const tail = ` pr. ${d}.${m}.${y}`;
  const head = `Opsigelse af ${address}`;
  const room = 130 - tail.length;
  return (head.length > room ? `${head.slice(0, room - 1)}…` : head) + tail;
}

/** The authorization request's extra parameter(s) carrying the reference text, the way the broker expects. */
export function referenceParams(mode: "reference_text" | "login_hint_message" | "none", text: string): Record<string, string> {
  if (mode === "reference_text") return { reference_text: text };
  if (mode === "login_hint_message") return { login_hint: `message:${Buffer.from(text, "utf8").toString("base64url")}` };
  return {};
}

/** Starts a signing: the provider's authorization URL and the sealed cookie value. */
export async function beginSigning(a: {
  org: OrganisationRecord;
  baseUrl: string;
  noticeId: string;
  role: PendingSigning["role"];
  personId: string | null;
  signingLinkId?: string | null;
  linkToken?: string;
  contentHash: string;
  reference: string;
  now: Date;
}): Promise<{ url: string; cookie: string }> {
  const s = a.org.settings.oidc!;
  const config = await signingConfig(a.org);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${a.baseUrl}${signingPaths.callback(a.org.slug)}`,
    scope: s.scope,
    response_type: "code",
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    prompt: "login",
    max_age: "0",
    ...referenceParams(s.signingTextParam, a.reference),
  });
  const cookie = sealPending({
    v: 1,
    orgId: a.org.id,
    noticeId: a.noticeId,
    role: a.role,
    personId: a.personId,
    signingLinkId: a.signingLinkId ?? null,
    ...(a.linkToken ? { linkToken: a.linkToken } : {}),
    state,
    nonce,
    verifier,
    contentHash: a.contentHash,
    startedAt: a.now.getTime(),
  });
  return { url: url.href, cookie };
}

export type SignedIdentity = { issuer: string; sub: string; name: string; cpr: string | null; assuranceLevel: string | null; authTime: number };

export class SigningAuthError extends Error {
  constructor(readonly code: "failed" | "stale" | "issuer") {
    super(`signing authentication: ${code}`);
    this.name = "SigningAuthError";
  }
}

/**
 * Finishes the authentication at the callback: the code exchanged with the PKCE verifier, state and
 * nonce checked (by openid-client), the issuer, and auth_time after the request and at most
 * FRESH_SECONDS ago.
 */
export async function finishSigning(a: { org: OrganisationRecord; baseUrl: string; search: string; pending: PendingSigning; now: Date }): Promise<SignedIdentity> {
  const s = a.org.settings.oidc!;
  const config = await signingConfig(a.org);
  const current = new URL(`${a.baseUrl}${signingPaths.callback(a.org.slug)}${a.search}`);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: a.pending.verifier,
      expectedState: a.pending.state,
      expectedNonce: a.pending.nonce,
      idTokenExpected: true,
    });
  } catch {
    throw new SigningAuthError("failed");
  }
  const claims = tokens.claims();
  if (!claims) throw new SigningAuthError("failed");
  if (claims.iss.replace(/\/+$/, "") !== s.issuer.replace(/\/+$/, "")) throw new SigningAuthError("issuer");
  const authTime = typeof claims.auth_time === "number" ? claims.auth_time : null;
  if (authTime === null) throw new SigningAuthError("stale");
  const authMs = authTime * 1000;
  // Fresh: after the request was made (a little clock skew allowed) and not long ago.
  if (authMs < a.pending.startedAt - 30_000 || a.now.getTime() - authMs > FRESH_SECONDS * 1000) throw new SigningAuthError("stale");

  let cpr = stringClaim(claims, s.cprClaim);
  let name = stringClaim(claims, "name");
  if (cpr === null || name === null) {
    try {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      cpr ??= stringClaim(info, s.cprClaim);
      name ??= stringClaim(info, "name");
    } catch {
      /* the ID token's claims are what we have */
    }
  }
  return {
    issuer: claims.iss,
    sub: claims.sub,
    name: name ?? "",
    cpr,
    assuranceLevel: stringClaim(claims, "loa") ?? stringClaim(claims, "acr"),
    authTime,
  };
}

/** A claim by name, also a dotted path ("mitid.cpr_number") or a literal dotted key ("dk.cpr"). */
function stringClaim(claims: Record<string, unknown>, name: string): string | null {
  const direct = claims[name];
  if (typeof direct === "string" && direct) return direct;
  let v: unknown = claims;
  for (const part of name.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
  return typeof v === "string" && v ? v : null;
}
