"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While an import runs: with JavaScript, re-render the page's server components every `seconds`
 * (router.refresh keeps the scroll position and focus); without it, the page's
 * <noscript><meta http-equiv="refresh"></noscript> reloads it.
 */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(id);
  }, [router, seconds]);
  return null;
}
