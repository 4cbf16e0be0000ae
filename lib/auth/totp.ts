/**
 * TOTP second factor (RFC 6238, 6 digits, 30 s) through the otpauth library. A code is accepted
 * once: sign-in matches it to its time step (`matchTotpStep`) and claims that step for the account
 * (User.totpLastStep / Operator.totpLastStep, a conditional update); only a later step is accepted
 * after that, so a code seen over someone's shoulder or replayed from a log is useless.
 */
import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string): TOTP {
  return new TOTP({ issuer: "Fraflyt", label: "Fraflyt", algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** The time step (counter) of a time, in epoch milliseconds. */
export function totpStep(at = Date.now()): number {
  return Math.floor(at / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The time step `code` belongs to, if it is the current code or the one just before/after (clock
 * drift), else null.
 */
export function matchTotpStep(secretBase32: string, code: string, at = Date.now()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: at, window: 1 });
  return delta === null ? null : totpStep(at) + delta;
}

/** True when `code` is the current code (or the one just before/after, for clock drift). */
export function verifyTotp(secretBase32: string, code: string, at = Date.now()): boolean {
  return matchTotpStep(secretBase32, code, at) !== null;
}

export function currentTotp(secretBase32: string, at = Date.now()): string {
  return totp(secretBase32).generate({ timestamp: at });
}
