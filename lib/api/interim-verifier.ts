/**
 * INTERIM — todo-api helper, for the lead to DROP AT MERGE once api-core's token verifier (and its
 * per-request guard) is registered. Until then the to-do routes need some verifier to answer
 * anything but 401: this one accepts a day token whose hash is an ApiToken row of the URL's
 * organisation, not revoked and not expired at the request's instant (lib/clock.ts). It registers
 * itself only when no verifier is registered, so api-core's real one wins whenever it is loaded.
 * No hours, rate limit or request log here: those are api-core's guard.
 */
import "server-only";
import { headers } from "next/headers";
import { tokenHash } from "@/lib/crypto";
import { requestNow } from "@/lib/clock";
import { automationTokenVerifier, registerAutomationTokenVerifier } from "@/lib/http/automation";

export function ensureInterimVerifier(): void {
  if (automationTokenVerifier()) return;
  registerAutomationTokenVerifier(async ({ db, token }) => {
    let now: Date;
    try {
      now = requestNow(await headers());
    } catch {
      now = new Date();
    }
    const row = await db.apiToken.findFirst({ where: { tokenHash: tokenHash(token), revokedAt: null, expiresAt: { gt: now } }, select: { userId: true } });
    return row ? { userId: row.userId } : null;
  });
}
