/**
 * The two halves of a signing request (the routes under app/api/[organisation]/signering are thin):
 * start — check the notice and the slot, then send the signer to the identity provider;
 * callback — check the authentication and record the signature (lib/notice/sign.ts), then send the
 * signer back to the signing page, or to the receipt once the notice is submitted. Every refusal
 * and failure becomes `?fejl=<code>` on the signing page (signing.errors.<code>), never a 500.
 */
import "server-only";
import type { NextRequest } from "next/server";
import { getAppSession } from "@/lib/auth/session";
import { resolveNeed, type PublicContext, type TenantContext } from "@/lib/http/context";
import { orgDb } from "@/lib/db/scoped";
import { logger } from "@/lib/logger";
import { paths } from "@/lib/http/paths";
import { addDays } from "@/lib/rules/calendar";
import type { SignerRole } from "./content";
import { recordSignature, SIGNING_REFUSALS } from "./sign";
import { loadSigningState } from "./signing-content";
import { cancelSigningLink, resolveSigningLink, sendSigningLink, signingLinkPaths } from "./signing-link";
import { appBaseUrl, beginSigning, finishSigning, openPending, referenceText, SIGNING_COOKIE, SIGNING_COOKIE_TTL_SECONDS, SigningAuthError, signingPaths } from "./signing-oidc";

/** Codes the signing page explains (signing.errors.*). */
export const SIGNING_ERROR_CODES = ["cancelled", "failed", "stale", "expired", "session", "unavailable", "resign", ...SIGNING_REFUSALS] as const;
export type SigningErrorCode = (typeof SIGNING_ERROR_CODES)[number];

type CookieOptions = { path: string; maxAge: number; httpOnly: true; sameSite: "lax"; secure: boolean };

function cookieOptions(slug: string, baseUrl: string, maxAge: number): CookieOptions {
  return { path: signingPaths.callback(slug), maxAge, httpOnly: true, sameSite: "lax", secure: baseUrl.startsWith("https:") };
}

const back = (base: string, slug: string, noticeId: string, q: Record<string, string> = {}) => {
  const qs = new URLSearchParams(q).toString();
  return `${base}${signingPaths.page(slug, noticeId)}${qs ? `?${qs}` : ""}`;
};

/** Same-origin form posts only (the tenant's Lax cookie already keeps other sites out; this says so twice). */
function sameOrigin(req: NextRequest, base: string): boolean {
  const origin = req.headers.get("origin");
  if (origin) return origin === new URL(base).origin;
  const site = req.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

export async function startSigning({ ctx, noticeId, role, req, now = new Date() }: { ctx: TenantContext; noticeId: string; role: SignerRole; req: NextRequest; now?: Date }): Promise<{
  url: string;
  cookie?: { name: string; value: string; options: CookieOptions };
}> {
  const base = appBaseUrl(req.nextUrl.origin);
  const slug = ctx.org.slug;
  if (!sameOrigin(req, base)) return { url: `${base}${paths.tenantHome(slug)}` };
  const state = await ctx.db.$transaction((tx) => loadSigningState(tx, { personId: ctx.session.uid, noticeId, now, settings: ctx.org.settings }));
  if (state.notice.status === "SUBMITTED" || state.notice.status === "CONFIRMED") return { url: `${base}${signingPaths.receipt(slug, noticeId)}` };
  const fail = (fejl: SigningErrorCode) => ({ url: back(base, slug, noticeId, { fejl }) });
  if (state.notice.status === "CANCELLED") return fail("not-signable");
  if (state.incomplete || !state.contentHash || !state.dates) return fail("incomplete");
  const slot = state.slots.find((s) => s.role === role);
  if (!slot) return fail("no-slot");
  if (slot.signature) return fail("already-signed");
  if (!ctx.org.settings.oidc) return fail("unavailable");
  try {
    const { url, cookie } = await beginSigning({
      org: ctx.org,
      baseUrl: base,
      noticeId,
      role,
      personId: ctx.session.uid,
      contentHash: state.contentHash,
      reference: referenceText(state.tenancy.address1, addDays(state.dates.terminationDate, -1)),
      now,
    });
    return { url, cookie: { name: SIGNING_COOKIE, value: cookie, options: cookieOptions(slug, base, SIGNING_COOKIE_TTL_SECONDS) } };
  } catch (err) {
    logger.error({ err, org: slug }, "signing: the identity provider could not be reached");
    return fail("unavailable");
  }
}

export async function finishSigningCallback({ ctx, req, now = new Date() }: { ctx: PublicContext; req: NextRequest; now?: Date }): Promise<{
  url: string;
  clearCookie: { name: string; options: CookieOptions };
}> {
  const base = appBaseUrl(req.nextUrl.origin);
  const org = ctx.org!;
  const slug = org.slug;
  const clearCookie = { name: SIGNING_COOKIE, options: cookieOptions(slug, base, 0) };
  const pending = openPending(req.cookies.get(SIGNING_COOKIE)?.value, now);
  const q = req.nextUrl.searchParams;
  if (!pending || pending.orgId !== org.id) {
    // No signing under way in this browser (expired, used, or another organisation's): start again from the notice.
    return { url: `${base}${paths.tenantHome(slug)}`, clearCookie };
  }
  // A co-signer from a signing link goes back to the link's page (they have no tenant pages).
  const viaLink = !pending.personId && !!pending.signingLinkId && !!pending.linkToken;
  const fail = (fejl: SigningErrorCode) =>
    viaLink
      ? { url: `${base}${signingLinkPaths.page(slug, pending.linkToken!)}?fejl=${fejl}`, clearCookie }
      : { url: back(base, slug, pending.noticeId, { fejl, rolle: pending.role }), clearCookie };
  if (!pending.personId && !pending.signingLinkId) return { url: `${base}${paths.tenantHome(slug)}`, clearCookie };
  const error = q.get("error");
  if (error) return fail(error === "access_denied" || error === "login_required" || error === "interaction_required" ? "cancelled" : "failed");

  try {
    // The one-window flow: the tenant who started must still be the one signed in here.
    let personId: string | undefined;
    if (pending.personId) {
      const r = await resolveNeed({ kind: "tenant" }, { slug, credentials: { session: await getAppSession(), bearer: null }, meta: ctx.meta });
      if (!r.ok || r.ctx.session.uid !== pending.personId) return fail("session");
      personId = pending.personId;
    }
    const identity = await finishSigning({ org, baseUrl: base, search: req.nextUrl.search, pending, now });
    const db = orgDb(org.id);
    const result = await recordSignature({
      db,
      settings: org.settings,
      ...(personId ? { personId } : {}),
      noticeId: pending.noticeId,
      role: pending.role,
      identity,
      expectedContentHash: pending.contentHash,
      signingLinkId: pending.signingLinkId,
      actor: personId ? { type: "TENANT", id: personId, label: identity.name || "tenant" } : { type: "TENANT", id: null, label: identity.name || "co-signer" },
      meta: ctx.meta,
      now,
    });
    switch (result.kind) {
      case "refused":
        return fail(result.reason);
      case "resign":
        return fail("resign");
      case "submitted":
        if (!personId) return { url: `${base}${signingLinkPaths.done(slug)}?status=submitted`, clearCookie };
        return { url: `${base}${signingPaths.receipt(slug, pending.noticeId)}`, clearCookie };
      case "signed":
        if (!personId) return { url: `${base}${signingLinkPaths.done(slug)}?status=signed`, clearCookie };
        return { url: back(base, slug, pending.noticeId, { signeret: pending.role }), clearCookie };
    }
  } catch (err) {
    if (err instanceof SigningAuthError) return fail(err.code === "stale" ? "stale" : "failed");
    logger.error({ err, org: slug }, "signing callback failed");
    return fail("failed");
  }
}

/**
 * Sign later, the co-signer's start (no tenant session): the token must resolve to a live link of
 * an unsigned slot (lib/notice/signing-link.ts resolveSigningLink); then the same OIDC flow as the
 * one-window signing, with the link's id (and token, for the way back) in the sealed cookie. The
 * callback records the signature without a tenant and marks the link used in its transaction.
 */
export async function startLinkSigning({ ctx, token, req, now = new Date() }: { ctx: PublicContext; token: string; req: NextRequest; now?: Date }): Promise<{
  url: string;
  cookie?: { name: string; value: string; options: CookieOptions };
}> {
  const base = appBaseUrl(req.nextUrl.origin);
  const org = ctx.org!;
  const slug = org.slug;
  const page = `${base}${signingLinkPaths.page(slug, token)}`;
  if (!sameOrigin(req, base)) return { url: page };
  const db = orgDb(org.id);
  const r = await db.$transaction((tx) => resolveSigningLink(tx, { token, now, settings: org.settings }));
  if (!r.ok) return { url: page };
  const { state, link } = r;
  if (state.incomplete || !state.contentHash || !state.dates) return { url: `${page}?fejl=incomplete` };
  if (!org.settings.oidc) return { url: `${page}?fejl=unavailable` };
  try {
    const { url, cookie } = await beginSigning({
      org,
      baseUrl: base,
      noticeId: state.notice.id,
      role: link.role,
      personId: null,
      signingLinkId: link.id,
      linkToken: token,
      contentHash: state.contentHash,
      reference: referenceText(state.tenancy.address1, addDays(state.dates.terminationDate, -1)),
      now,
    });
    return { url, cookie: { name: SIGNING_COOKIE, value: cookie, options: cookieOptions(slug, base, SIGNING_COOKIE_TTL_SECONDS) } };
  } catch (err) {
    logger.error({ err, org: slug }, "signing link: the identity provider could not be reached");
    return { url: `${page}?fejl=unavailable` };
  }
}

/** Sign later, the tenant's side: send (again) or cancel the link of a slot; back to the signing page with the outcome. */
export async function sendOrCancelLink({
  ctx,
  noticeId,
  role,
  intent,
  req,
  now = new Date(),
}: {
  ctx: TenantContext;
  noticeId: string;
  role: SignerRole;
  intent: "send" | "cancel";
  req: NextRequest;
  now?: Date;
}): Promise<{ url: string }> {
  const base = appBaseUrl(req.nextUrl.origin);
  const slug = ctx.org.slug;
  if (!sameOrigin(req, base)) return { url: `${base}${paths.tenantHome(slug)}` };
  const common = { db: ctx.db, org: ctx.org, personId: ctx.session.uid, noticeId, role, now, actor: ctx.actor, meta: ctx.meta };
  if (intent === "cancel") {
    const done = await cancelSigningLink(common);
    return { url: back(base, slug, noticeId, done ? { link: "cancelled", rolle: role } : { linkfejl: "no-link", rolle: role }) };
  }
  const r = await sendSigningLink({ ...common, baseUrl: base });
  if (r.ok) return { url: back(base, slug, noticeId, { link: "sent", rolle: role }) };
  if (r.reason === "not-found") return { url: `${base}${paths.tenantHome(slug)}` };
  return { url: back(base, slug, noticeId, { linkfejl: r.reason, rolle: role }) };
}
