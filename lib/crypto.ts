/**
 * Keys and hashes. Passwords use scrypt (memory-hard, node:crypto); secrets at rest (TOTP seeds,
 * OIDC client secrets) use AES-256-GCM; CPR numbers and identity subjects are stored only as keyed
 * HMAC-SHA256 hashes. Keys derive from DATA_KEY with HKDF, so one secret per installation.
 */
import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

function dataKey(): string {
  const k = process.env.DATA_KEY;
  if (!k || k.length < 32) throw new Error("DATA_KEY must be set (at least 32 characters); `npm start` creates one in .data/secrets.json.");
  return k;
}

function derive(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", dataKey(), "fraflyt", purpose, 32));
}

// ---------------------------------------------------------------- passwords (scrypt)
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 64 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, keylen, { N, r, p, maxmem: SCRYPT_MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** A stored hash to verify against when the user does not exist, so timing does not reveal it. */
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + Buffer.alloc(64).toString("base64");

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? DUMMY_HASH).split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, "base64");
  const key = await scryptAsync(password, Buffer.from(saltB64, "base64"), Number(n), Number(r), Number(p), expected.length);
  return stored != null && key.length === expected.length && timingSafeEqual(key, expected);
}

// ---------------------------------------------------------------- secrets at rest (AES-256-GCM)
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive("secrets-v1"), iv);
  const enc = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), enc.toString("base64")].join(".");
}

export function decryptSecret(stored: string): string {
  const [v, ivB64, tagB64, encB64] = stored.split(".");
  if (v !== "v1" || !ivB64 || !tagB64 || encB64 === undefined) throw new Error("Unreadable encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", derive("secrets-v1"), Buffer.from(ivB64, "base64"));
  decipher.setAuthTag(Buffer.from(tagB64, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(encB64, "base64")), decipher.final()]).toString("utf8");
}

// ---------------------------------------------------------------- keyed hashes
/** Normalises a CPR number to its 10 digits (accepts "010185-1234"); null when it is not one. */
export function normaliseCpr(cpr: string): string | null {
  const digits = cpr.replace(/[\s-]/g, "");
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** The only form in which a CPR number is ever stored or compared. */
export function cprHash(cpr: string): string {
  const n = normaliseCpr(cpr);
  if (!n) throw new Error("Not a CPR number");
  return createHmac("sha256", derive("cpr-v1")).update(n).digest("hex");
}

/** Keyed hash of an identity provider subject (issuer + sub) for signatures. */
export function subjectHash(issuer: string, sub: string): string {
  return createHmac("sha256", derive("subject-v1")).update(`${issuer}\n${sub}`).digest("hex");
}

// ---------------------------------------------------------------- verification codes
/** Crockford's base32: digits and capitals without I, L, O and U, so a code read out on the phone cannot be misheard as another. */
const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The verification code printed on a notice's confirmation letter: the first 10 base32 characters
 * (Crockford's alphabet, 50 bits) of a keyed hash of the notice id and its content hash, as
 * "XXXXX-XXXXX". The same notice always gets the same code; nobody without DATA_KEY can make one.
 */
export function verificationCode(noticeId: string, contentHash: string): string {
  const mac = createHmac("sha256", derive("verification-v1")).update(`${noticeId}\n${contentHash}`).digest();
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of mac) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 10) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 10) break;
    value &= (1 << bits) - 1;
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

// ---------------------------------------------------------------- signing links
/**
 * The token of a signing link: 32 bytes, HMAC-SHA256 under a key derived from DATA_KEY over the
 * link's random id (a v4 UUID made by the caller), base64url. Deriving it (instead of storing it)
 * lets a reminder repeat the same link; the database holds only `tokenHash(token)`, and
 * neither a database copy without DATA_KEY nor the id alone yields a token.
 */
export function signingLinkToken(linkId: string): string {
  return createHmac("sha256", derive("signing-link-v1")).update(linkId).digest("base64url");
}

/**
 * SHA-256 (hex) of a bearer secret — a signing link's token, an invitation token, a session id:
 * the only form the database stores (SigningLink.tokenHash, UserInvite.tokenHash, AuthSession.id).
 * The secrets are 32 random (or HMAC-derived) bytes, so a fast hash suffices; no salt is needed.
 */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
