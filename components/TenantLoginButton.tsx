"use client";

import { useEffect, useState } from "react";

/**
 * "Log ind med MitID": a plain form post to POST /api/{organisation}/login, which starts the
 * sign-in and answers a page that goes on to the identity provider by itself — the same path with
 * and without JavaScript. With JavaScript, a second click while the first is under way is ignored.
 */
export function TenantLoginButton({ organisation, callbackUrl, label }: { organisation: string; callbackUrl: string; label: string }) {
  const [busy, setBusy] = useState(false);
  // Back from the identity provider through the browser's history: the button works again.
  useEffect(() => {
    const reset = () => setBusy(false);
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);
  return (
    <form
      method="post"
      action={`/api/${encodeURIComponent(organisation)}/login`}
      onSubmit={(e) => {
        if (busy) e.preventDefault();
        else setBusy(true);
      }}
    >
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button type="submit" aria-busy={busy} className="button button-primary">
        {label}
      </button>
    </form>
  );
}
