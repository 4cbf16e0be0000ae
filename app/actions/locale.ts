"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALES } from "@/i18n/locales";
import { defineAction } from "@/lib/http/wrappers";

/** Remembers the visitor's language for a year. Needs no sign-in (public kind): it changes nothing but the cookie. */
export const setLocale = defineAction({ kind: "public", name: "setLocale", input: z.enum(LOCALES), rateLimit: false }, async (_ctx, locale) => {
  (await cookies()).set("NEXT_LOCALE", locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  return { locale };
});
