/** TOTP second factor (RFC 6238, 6 digits, 30 s) through the otpauth library. */
import { Secret, TOTP } from "otpauth";

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string): TOTP {
  return new TOTP({ issuer: "Fraflyt", label: "Fraflyt", algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

/** True when `code` is the current code (or the one just before/after, for clock drift). */
export function verifyTotp(secretBase32: string, code: string, at = Date.now()): boolean {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return false;
  return totp(secretBase32).validate({ token, timestamp: at, window: 1 }) !== null;
}

export function currentTotp(secretBase32: string, at = Date.now()): string {
  return totp(secretBase32).generate({ timestamp: at });
}
