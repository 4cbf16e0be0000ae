/**
 * What the invitation page shows to enrol a second factor: the otpauth:// URI of a TOTP secret (the
 * same parameters lib/auth/totp.ts verifies: SHA-1, 6 digits, 30 s) and that URI as a QR code — an
 * SVG data URL rendered on the server, so the page needs no JavaScript and no image request — and
 * the secret grouped in fours for typing it in by hand.
 */
import "server-only";
import QRCode from "qrcode";
import { Secret, TOTP } from "otpauth";
import { TOTP_PERIOD_SECONDS } from "@/lib/auth/totp";

/** otpauth://totp/… for an authenticator app: issuer "Fraflyt (organisation)", label the user's e-mail. */
export function totpUri(secretBase32: string, account: { email: string; organisationName: string }): string {
  return new TOTP({
    issuer: `Fraflyt (${account.organisationName})`,
    label: account.email,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  }).toString();
}

/** The QR code of `text` as `data:image/svg+xml;base64,…` (error correction M, a quiet zone of 2). */
export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/** "ABCD EFGH IJKL …": the secret as people type it from the screen. */
export function groupedSecret(secretBase32: string): string {
  return secretBase32.replace(/=+$/, "").replace(/(.{4})(?=.)/g, "$1 ");
}
