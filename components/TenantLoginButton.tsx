"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function TenantLoginButton({ providerId, callbackUrl, label }: { providerId: string; callbackUrl: string; label: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      aria-busy={busy}
      onClick={() => {
        setBusy(true);
        void signIn(providerId, { callbackUrl });
      }}
      className="inline-flex min-h-12 items-center rounded bg-brand px-6 py-3 text-lg font-semibold text-white hover:bg-brand-dark disabled:opacity-70"
    >
      {label}
    </button>
  );
}
