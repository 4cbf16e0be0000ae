/**
 * Throttling of failed sign-ins (staff and operators), per account and per client address, with
 * growing delays instead of a hard lock: after `free` failures, each further failure makes the key
 * wait 1 s, 2 s, 4 s … up to 15 minutes before the next attempt is even looked at. An attempt while
 * a key waits is refused without checking the password and does not extend the wait, so nobody can
 * keep an account locked by hammering it; the owner only has to wait out the current delay.
 *
 * The account key is the e-mail address as typed (with the organisation), not a user id, so an
 * unknown address is throttled exactly like a known one and the answer tells nothing about whether
 * it exists. A successful sign-in forgets the account's failures (not the address's: one attacker
 * with one valid account must not reset the throttle of the address it guesses from).
 *
 * Concurrency: the delays are earned per failure, so attempts looked at in parallel would all pass
 * the check before any failure is recorded (a burst of N requests = N guesses each time the delay
 * ends). `throttleCheck` therefore also takes the account's in-flight gate (`signInInFlight`, an
 * atomic consume in the shared table): an attempt while another of the same account is being looked
 * at is refused like a throttled one; `throttleFailure` / `throttleSuccess` release the gate.
 *
 * State: two named limits of lib/security/rate-limit.ts (rate-limiter-flexible on PostgreSQL, the
 * table every instance shares): `signInFailures` counts failures (forgotten a day after the first),
 * `signInThrottle` holds the current block. Time is rate-limiter-flexible's clock (Date.now).
 */
import "server-only";
import { block, consume, LIMITS, peek, reset } from "@/lib/security/rate-limit";

const LIMIT_POINTS = LIMITS.signInFailures.points;

export const SIGN_IN_THROTTLE = {
  /** Failures per account before delays start (the next failure earns 1 s). */
  accountFree: 3,
  /** Failures per address before delays start: higher, since an office shares one address. */
  addressFree: 10,
  maxDelaySeconds: 15 * 60,
} as const;

export type ThrottleKeys = { account: string; address: string | null | undefined };

/** The delay earned by the `failures`-th failure (1-based) when `free` failures are free. */
export function throttleDelaySeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free), SIGN_IN_THROTTLE.maxDelaySeconds);
}

function keysOf(k: ThrottleKeys): { key: string; free: number }[] {
  const out: { key: string; free: number }[] = [{ key: `account:${k.account.toLowerCase()}`, free: SIGN_IN_THROTTLE.accountFree }];
  if (k.address) out.push({ key: `address:${k.address}`, free: SIGN_IN_THROTTLE.addressFree });
  return out;
}

const accountKey = (k: ThrottleKeys) => `account:${k.account.toLowerCase()}`;

/**
 * Whether an attempt may be looked at now; if not, the seconds to wait. When it may, the attempt
 * holds the account's in-flight gate until throttleFailure / throttleSuccess.
 */
export async function throttleCheck(k: ThrottleKeys): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  let waitMs = 0;
  for (const { key } of keysOf(k)) {
    const b = await peek("signInThrottle", key);
    if (b.consumed > 0 && b.msBeforeNext > 0) waitMs = Math.max(waitMs, b.msBeforeNext);
  }
  if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  const gate = await consume("signInInFlight", accountKey(k));
  return gate.ok ? { ok: true } : { ok: false, retryAfterSeconds: 1 };
}

/** Counts a failed attempt (one that was looked at) and sets the delay it earned. */
export async function throttleFailure(k: ThrottleKeys): Promise<void> {
  for (const { key, free } of keysOf(k)) {
    const r = await consume("signInFailures", key);
    const failures = r.ok ? LIMIT_POINTS - r.remaining : LIMIT_POINTS;
    const delay = throttleDelaySeconds(failures, free);
    if (delay > 0) await block("signInThrottle", key, delay);
  }
  await reset("signInInFlight", accountKey(k));
}

/** A successful sign-in forgets the account's failures and delay. */
export async function throttleSuccess(k: ThrottleKeys): Promise<void> {
  const account = accountKey(k);
  await reset("signInFailures", account);
  await reset("signInThrottle", account);
  await reset("signInInFlight", account);
}
