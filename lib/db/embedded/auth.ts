/**
 * Password authentication of the embedded server: PostgreSQL's MD5 challenge (AuthenticationMD5Password
 * with a fresh random salt per connection), which every driver speaks and which never sends the
 * password itself. The server listens on loopback only; the password keeps other local users (and
 * any process that can reach 127.0.0.1, e.g. a browser tricked into it) out of the database.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const md5 = (data: Buffer | string) => createHash("md5").update(data).digest("hex");

export function newSalt(): Buffer {
  return randomBytes(4);
}

/** What a client sends in its PasswordMessage for `password`, `user` and `salt`. */
export function md5Response(password: string, user: string, salt: Buffer): string {
  return "md5" + md5(Buffer.concat([Buffer.from(md5(password + user), "utf8"), salt]));
}

export function checkMd5Response(received: string, password: string, user: string, salt: Buffer): boolean {
  const expected = Buffer.from(md5Response(password, user, salt), "utf8");
  const got = Buffer.from(received, "utf8");
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** A new random password (URL-safe, so it can sit in a connection URL unescaped). */
export function newPassword(): string {
  return randomBytes(24).toString("base64url");
}
