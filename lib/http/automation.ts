/**
 * Automation accounts call the JSON routes with `Authorization: Bearer <token>`. The token check
 * itself arrives with the automation issue: it registers a verifier here. Until one is registered,
 * every automation request is "signed-out" (401). A bearer token is read by the automation kind
 * only, and the automation kind reads nothing else: a staff cookie never satisfies it, and a token
 * never satisfies the tenant, staff or operator kinds.
 */
import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import type { OrganisationRecord } from "@/lib/db/platform";

/** Given the organisation of the URL, the presented token and the request's instant (lib/clock.ts): the automation user's id, or null. */
export type AutomationTokenVerifier = (args: { org: OrganisationRecord; db: OrgDb; token: string; now?: Date }) => Promise<{ userId: string } | null>;

const holder = globalThis as unknown as { __fraflytAutomationVerifier?: AutomationTokenVerifier | null };

export function registerAutomationTokenVerifier(verifier: AutomationTokenVerifier | null): void {
  holder.__fraflytAutomationVerifier = verifier;
}

export function automationTokenVerifier(): AutomationTokenVerifier | null {
  return holder.__fraflytAutomationVerifier ?? null;
}

/** The token of an `Authorization: Bearer …` header (RFC 6750 token68 characters), or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? "");
  return m && m[1]!.length <= 512 ? m[1]! : null;
}

/**
 * A refusal of the versioned API with the details its RFC 9457 problem body carries (lib/http/problem.ts):
 * thrown by the automation guard and the token exchange, answered by the route wrapper as is.
 */
export class ApiProblem extends Error {
  constructor(
    readonly code: "signed-out" | "forbidden" | "rate-limited" | "not-found",
    readonly status: number,
    readonly extra: { reason?: string; nextAllowed?: string; retryAfterSeconds?: number } = {},
  ) {
    super(`${code}${extra.reason ? ` (${extra.reason})` : ""}`);
    this.name = "ApiProblem";
  }
}

/** RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers): the limit, what is left of it, seconds until it resets. */
export type RateInfo = { limit: number; remaining: number; resetSeconds: number };

export function rateLimitHeaders(r: RateInfo): Record<string, string> {
  return { "RateLimit-Limit": String(r.limit), "RateLimit-Remaining": String(Math.max(0, r.remaining)), "RateLimit-Reset": String(Math.max(0, r.resetSeconds)) };
}
