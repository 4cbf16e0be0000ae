"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/app/actions/locale";

export function LanguageSwitch({ className }: { className?: string } = {}) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const other = locale === "da" ? "en" : "da";
  return (
    <button
      type="button"
      lang={other}
      disabled={pending}
      className={className ?? "whitespace-nowrap rounded px-2 py-1 text-sm underline underline-offset-2 hover:no-underline"}
      onClick={() =>
        start(async () => {
          await setLocale(other);
          router.refresh();
        })
      }
    >
      {other === "en" ? t("english") : t("danish")}
    </button>
  );
}
