"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALES } from "@/i18n/locales";

const input = z.enum(LOCALES);

/** Remembers the visitor's language for a year. Needs no sign-in: it changes nothing but the cookie. */
export async function setLocale(raw: unknown): Promise<{ ok: boolean }> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false };
  (await cookies()).set("NEXT_LOCALE", parsed.data, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  return { ok: true };
}
