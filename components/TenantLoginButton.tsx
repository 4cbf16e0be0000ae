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
      className="button button-primary"
    >
      {label}
    </button>
  );
}
