/**
 * A rejected form, kept for the page that shows it again: Post/Redirect/Get without JavaScript.
 * A server action that refuses a form stores what the tenant typed and the errors (catalogue keys)
 * in a short-lived, encrypted, httpOnly cookie and redirects back to the page; the page reads it and
 * shows the error summary and the fields filled in again. A successful save clears it. Encrypted
 * (AES-GCM, lib/crypto.ts), so a forged cookie is ignored rather than shown.
 */
import "server-only";
import { cookies } from "next/headers";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

const NAME = "fraflyt_form";
const MAX_AGE_S = 600;
const MAX_VALUE = 1000;
const MAX_BYTES = 3000;

export type FormFlash = {
  /** Which form: e.g. "<noticeId>/<slug>". */
  form: string;
  values: Record<string, string>;
  /** Field name → catalogue keys ("" = the form as a whole). */
  errors: Record<string, string[]>;
  /** The draft changed elsewhere: nothing was saved. */
  stale?: boolean;
  /** A message for the form as a whole, already in the user's language (signed out, rate limited …). */
  message?: string;
};

/** Field names that are never kept (whole names, so "reasonCodeId" is kept, "code" and "password" are not). */
const SECRET_FIELD = /^\$ACTION|^(pass(word)?|secret|code|otp|totp|token|cpr)$/i;

/** Stores a rejected form (inside a server action or route handler). Values are capped; secrets never kept. */
export async function setFormFlash(flash: FormFlash): Promise<void> {
  const values: Record<string, string> = {};
  let size = 0;
  for (const [k, v] of Object.entries(flash.values)) {
    if (SECRET_FIELD.test(k) || typeof v !== "string") continue;
    const value = v.slice(0, MAX_VALUE);
    size += k.length + value.length;
    if (size > MAX_BYTES) break;
    values[k] = value;
  }
  const jar = await cookies();
  jar.set(NAME, encryptSecret(JSON.stringify({ ...flash, values })), { httpOnly: true, sameSite: "lax", path: "/", maxAge: MAX_AGE_S, secure: process.env.NEXTAUTH_URL?.startsWith("https:") === true });
}

export async function clearFormFlash(): Promise<void> {
  const jar = await cookies();
  if (jar.get(NAME)) jar.delete(NAME);
}

/** The rejected form for `form`, if the last one refused was this one (pages only read it). */
export async function readFormFlash(form: string): Promise<FormFlash | null> {
  const raw = (await cookies()).get(NAME)?.value;
  if (!raw) return null;
  try {
    const parsed = JSON.parse(decryptSecret(raw)) as FormFlash;
    if (parsed && parsed.form === form && typeof parsed.values === "object" && typeof parsed.errors === "object") return parsed;
  } catch {
    /* forged or from another key: ignore */
  }
  return null;
}
