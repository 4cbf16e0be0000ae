"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("common");
  return (
    <button type="button" className="whitespace-nowrap rounded px-2 py-1 text-sm underline underline-offset-2 hover:no-underline" onClick={() => signOut({ callbackUrl })}>
      {t("signOut")}
    </button>
  );
}
