/**
 * Webhook signatures (pure; no server-only, so a receiver — tests, examples/automation-client.ts —
 * can use the same code):
 *
 *   Fraflyt-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${body}`)>[,v1=<hex with the previous secret>]
 *
 * During a rotation both the new and the previous secret sign, so a receiver that still knows only
 * the previous one keeps accepting deliveries until it has switched.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Fraflyt-Signature";
/** A receiver should refuse a signature whose timestamp is further than this from its own clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The header value: the current secret's signature first, then the previous one's (if any). */
export function signatureHeader(timestamp: number, body: string, secrets: readonly string[]): string {
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new Error("signatureHeader: timestamp must be whole unix seconds");
  if (secrets.length === 0) throw new Error("signatureHeader: no secret");
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${signPayload(s, timestamp, body)}`)].join(",");
}

export function parseSignatureHeader(header: string | null | undefined): { timestamp: number; signatures: string[] } | null {
  if (!header) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === "t" && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    else if (k === "v1" && /^[0-9a-f]{64}$/.test(v)) signatures.push(v);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Whether `header` carries a valid signature of `body` by `secret`, with a timestamp within
 * `toleranceSeconds` of `now` (the receiver's clock).
 */
export function verifySignature(header: string | null | undefined, body: string, secret: string, opts: { now: Date; toleranceSeconds?: number }): boolean {
  const parsed = parseSignatureHeader(header);
  if (!parsed) return false;
  const tolerance = opts.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(Math.floor(opts.now.getTime() / 1000) - parsed.timestamp) > tolerance) return false;
  const expected = Buffer.from(signPayload(secret, parsed.timestamp, body), "hex");
  return parsed.signatures.some((s) => {
    const got = Buffer.from(s, "hex");
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
