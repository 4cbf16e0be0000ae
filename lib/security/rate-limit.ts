/**
 * Request rate limits shared by every app instance: rate-limiter-flexible on PostgreSQL (the table
 * `rate_limits`, see lib/db/rate-limit-store.ts). Each named limit allows `points` requests per
 * `duration` seconds per key (an IP address, an account, a session); a request over the limit is
 * refused with the seconds until the next one is allowed (the caller answers 429 + Retry-After).
 *
 * If the database cannot be reached, an in-process limiter with the same numbers stands in
 * (rate-limiter-flexible's insurance limiter), so an outage neither opens the gates nor locks
 * everyone out.
 */
import "server-only";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimitPool, RATE_LIMIT_TABLE } from "@/lib/db/rate-limit-store";

/** The limits, per key. Tests and benchmarks read them from here rather than repeating numbers. */
export const LIMITS = {
  /** Sign-in attempts (staff and operator credentials, tenant "Log ind med MitID") per client address. */
  signInPerIp: { points: 30, duration: 60 },
  /** The identity provider's callback (/api/auth/callback/…) per client address. */
  oidcCallbackPerIp: { points: 30, duration: 60 },
  /** Tenant server actions per signed-in tenant session. */
  tenantActionPerSession: { points: 60, duration: 60 },
  /** Staff server actions (admin pages) per signed-in staff session. */
  staffActionPerSession: { points: 120, duration: 60 },
  /** Operator server actions per operator session. */
  operatorActionPerSession: { points: 60, duration: 60 },
  /** Sign later: a co-signer's link page and its MitID start, per client address (tokens cannot be tried in bulk). */
  signingLinkPerIp: { points: 30, duration: 60 },
  /** Staff invitations: the public invitation page and its two steps, per client address (tokens and codes cannot be tried in bulk). */
  staffInvitePerIp: { points: 30, duration: 60 },
  /** JSON route handlers under /api per client address. */
  jsonRoutePerIp: { points: 120, duration: 60 },
  /** The no-op server action (app/actions/noop.ts, the benchmark's baseline) per client address. */
  noopActionPerIp: { points: 120, duration: 60 },
  /** The address autocomplete (GET /api/{organisation}/adresser) per client address: one request per pause in typing. */
  addressSearchPerIp: { points: 300, duration: 60 },
  /**
   * Failed sign-ins (counters for lib/auth/throttle.ts), per account and per address; forgotten a day
   * after the first failure. The points are never reached: the throttle reads the count.
   */
  signInFailures: { points: 1_000_000, duration: 24 * 60 * 60 },
  /** The sign-in throttle itself (lib/auth/throttle.ts): a key is blocked for the delay it earned. */
  signInThrottle: { points: 1, duration: 15 * 60 },
  /**
   * One sign-in attempt per account looked at at a time (lib/auth/throttle.ts), so parallel attempts
   * cannot all pass the throttle before the first failure is recorded. Released when the attempt
   * ends; the duration only bounds how long a crashed attempt holds it.
   */
  signInInFlight: { points: 1, duration: 10 },
  // ---- automation (api-core): the token exchange and the per-account request count
  /** POST /api/v1/{organisation}/token per client address (API keys and codes cannot be tried in bulk). */
  automationTokenPerIp: { points: 20, duration: 60 },
  /** POST /api/v1/{organisation}/token per API key presented (hashed). */
  automationTokenPerKey: { points: 10, duration: 60 },
  /**
   * Requests of one automation account per minute. The points are never reached: the guard
   * (lib/automation/guard.ts) compares the count with AutomationPolicy.maxRequestsPerMinute, which
   * the operator sets.
   */
  automationPerAccount: { points: 1_000_000, duration: 60 },
  /**
   * Every automation route per client address, counted before the token is known (so an answer
   * without a valid token carries RateLimit-* headers too). Well above two accounts' allowed rate
   * behind one address; an account's own limit is the guard's.
   */
  automationApiPerIp: { points: 600, duration: 60 },
} as const satisfies Record<string, { points: number; duration: number }>;

export type LimitName = keyof typeof LIMITS;

export type LimitResult = { ok: true; remaining: number; consumed?: number; msBeforeNext?: number } | { ok: false; retryAfterSeconds: number; msBeforeNext?: number };

const globalForLimiters = globalThis as unknown as { __fraflytLimiters?: Map<string, RateLimiterPostgres> };

function limiter(name: LimitName): RateLimiterPostgres {
  globalForLimiters.__fraflytLimiters ??= new Map();
  const cache = globalForLimiters.__fraflytLimiters;
  let l = cache.get(name);
  if (!l) {
    const { points, duration } = LIMITS[name];
    l = new RateLimiterPostgres({
      storeClient: rateLimitPool(),
      storeType: "pool",
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: true,
      keyPrefix: name,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
    });
    cache.set(name, l);
  }
  return l;
}

/** Counts one request for `key` against the limit `name`. */
export async function consume(name: LimitName, key: string, points = 1): Promise<LimitResult> {
  try {
    const r = await limiter(name).consume(key.slice(0, 200), points);
    return { ok: true, remaining: r.remainingPoints, consumed: r.consumedPoints, msBeforeNext: r.msBeforeNext };
  } catch (e) {
    if (e instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)), msBeforeNext: e.msBeforeNext };
    throw e;
  }
}

/** How many points `key` has used in its current window, and the milliseconds until the window ends. */
export async function peek(name: LimitName, key: string): Promise<{ consumed: number; msBeforeNext: number }> {
  const r = await limiter(name).get(key.slice(0, 200));
  return r ? { consumed: r.consumedPoints, msBeforeNext: r.msBeforeNext } : { consumed: 0, msBeforeNext: 0 };
}

/** Blocks `key` under the limit `name` for `seconds` (every consume is refused until then). */
export async function block(name: LimitName, key: string, seconds: number): Promise<void> {
  await limiter(name).block(key.slice(0, 200), seconds);
}

/** Forgets the counts of `key` (tests; a successful sign-in may reset a per-account limit). */
export async function reset(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key.slice(0, 200));
}
