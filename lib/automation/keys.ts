/**
 * The secrets of automation: an account's API key (long-lived, shown once, rotated by a manager) and
 * the day token it is exchanged for (with the day's TOTP code). Both are 32 random bytes in
 * base64url with a recognisable prefix (so a leaked one is easy to find in logs and repositories);
 * only their SHA-256 (lib/crypto tokenHash) is stored: User.apiKeyHash, ApiToken.tokenHash.
 */
import { randomBytes } from "node:crypto";
import { tokenHash } from "@/lib/crypto";

export const API_KEY_PREFIX = "ffk_";
export const API_TOKEN_PREFIX = "fft_";

export function newApiKey(): { key: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, hash: tokenHash(key) };
}

export function newApiToken(): { token: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: tokenHash(token) };
}

/** The shape of a key or token (checked before any database read). */
export function looksLikeSecret(value: unknown, prefix: string): value is string {
  return typeof value === "string" && value.length === prefix.length + 43 && value.startsWith(prefix) && /^[A-Za-z0-9_-]+$/.test(value.slice(prefix.length));
}
