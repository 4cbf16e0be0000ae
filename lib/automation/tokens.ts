/**
 * Day tokens of automation accounts (landlord-portal policy): the account's software exchanges its
 * API key plus the day's TOTP code — which a person gives it each day — for a bearer token that
 * expires at the next Danish midnight (apiTokenExpiry). The key is looked up by its hash only; the
 * code's time step is claimed on the account (User.totpLastStep, one conditional update), so a code
 * is used once. Times come from the request (lib/clock.ts requestNow), never from here.
 *
 * The verifier (registered with lib/http/automation.ts at import) checks a presented token: issued
 * by this organisation, not revoked (a switch-off revokes), not expired at the request's instant.
 */
import "server-only";
import { tokenHash, decryptSecret } from "@/lib/crypto";
import { matchTotpStep } from "@/lib/auth/totp";
import { apiTokenExpiry } from "@/lib/rules/automation";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { consume } from "@/lib/security/rate-limit";
import { RateLimited } from "@/lib/http/errors";
import type { OrganisationRecord } from "@/lib/db/platform";
import type { RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { ApiProblem, registerAutomationTokenVerifier } from "@/lib/http/automation";
import { API_KEY_PREFIX, API_TOKEN_PREFIX, looksLikeSecret, newApiToken } from "./keys";
import { automationAccessState } from "./access";

export type IssuedToken = { token: string; tokenType: "Bearer"; expiresAt: string };

const signedOut = (reason: string) => new ApiProblem("signed-out", 401, { reason });
const forbidden = (reason: string) => new ApiProblem("forbidden", 403, { reason });

/**
 * API key + code → a day token. Refusals (ApiProblem): 401 for an unknown key, a wrong, old or
 * already used code (one reason for all, so a caller cannot tell which part was wrong);
 * 403 when the account is paused or switched off, or the organisation may not use automation.
 */
export async function exchangeApiKey(input: { org: OrganisationRecord; db?: OrgDb; apiKey: string; code: string; now: Date; meta?: RequestMeta }): Promise<IssuedToken> {
  const a = { ...input, db: input.db ?? orgDb(input.org.id) };
  // Throttled per key presented (the route counts per client address), before any database read.
  const limited = await consume("automationTokenPerKey", `${a.org.id}:${tokenHash(String(a.apiKey))}`);
  if (!limited.ok) throw new RateLimited(limited.retryAfterSeconds);
  if (!looksLikeSecret(a.apiKey, API_KEY_PREFIX)) throw signedOut("invalid-credentials");
  const user = await a.db.user.findFirst({ where: { apiKeyHash: tokenHash(a.apiKey), automation: true } });
  if (!user || !user.active || !user.totpSecretEnc || !user.totpEnrolledAt) throw signedOut("invalid-credentials");
  const step = matchTotpStep(decryptSecret(user.totpSecretEnc), a.code, a.now.getTime());
  if (step === null) throw signedOut("invalid-credentials");
  if (user.switchedOffAt) throw forbidden("switched-off");
  if (user.pausedAt) throw forbidden("paused");
  if (!(await automationAccessState(a.db)).enabled) throw forbidden("not-enabled");

  const issuedAt = a.now;
  const expiresAt = new Date(apiTokenExpiry(issuedAt.toISOString()));
  const { token, hash } = newApiToken();
  const claimed = await a.db.$transaction(async (tx) => {
    // The code's step, once: only a later step is accepted after this (two racing uses: one wins).
    const r = await tx.user.updateMany({ where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
    if (r.count !== 1) return false;
    const row = await tx.apiToken.create({
      data: { organisationId: tx.organisationId, userId: user.id, tokenHash: hash, issuedAt, expiresAt, ip: a.meta?.ip ?? null },
    });
    await writeAudit(tx, {
      type: "AUTOMATION_TOKEN_ISSUED",
      actor: { type: "AUTOMATION", id: user.id, label: user.name },
      entityType: "User",
      entityId: user.id,
      after: { tokenId: row.id, expiresAt: expiresAt.toISOString() },
      meta: a.meta,
    });
    return true;
  });
  if (!claimed) throw signedOut("invalid-credentials");
  return { token, tokenType: "Bearer", expiresAt: expiresAt.toISOString() };
}

/** The account and token row of a presented day token valid at `now`, or null. */
export async function verifyDayToken(db: OrgDb, token: string, now: Date): Promise<{ userId: string; tokenId: string } | null> {
  if (!looksLikeSecret(token, API_TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findFirst({ where: { tokenHash: tokenHash(token) }, select: { id: true, userId: true, expiresAt: true, revokedAt: true } });
  if (!row || row.revokedAt) return null;
  if (now.getTime() >= row.expiresAt.getTime()) return null;
  return { userId: row.userId, tokenId: row.id };
}

registerAutomationTokenVerifier(async ({ db, token, now }) => {
  const v = await verifyDayToken(db, token, now ?? new Date());
  return v ? { userId: v.userId } : null;
});
