/**
 * Where a webhook may go: the guards of lib/admin/discovery.ts (server-side request forgery) —
 * https only (plain http only to a loopback host, and loopback only when the installation runs
 * locally: loopbackAllowed), no credentials in the URL, and every address the host resolves to
 * public. Checked when an endpoint is registered or changed, and again before every delivery (a
 * name may resolve elsewhere later).
 */
import "server-only";
import { checkIssuerUrl, checkResolvedHost, loopbackAllowed, type Lookup } from "@/lib/admin/discovery";

export const WEBHOOK_URL_MAX = 500;

export type WebhookUrlRefusal = "invalid-url" | "scheme" | "credentials" | "private-host" | "dns" | "too-long";
export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: WebhookUrlRefusal };

export type UrlCheckOptions = { allowLoopback?: boolean; lookup?: Lookup };

/** The static part (no DNS). */
export function checkWebhookUrlStatic(raw: string, opts: UrlCheckOptions = {}): WebhookUrlCheck {
  if (raw.trim().length > WEBHOOK_URL_MAX) return { ok: false, reason: "too-long" };
  const allowLoopback = opts.allowLoopback ?? loopbackAllowed();
  const r = checkIssuerUrl(raw, { allowLoopback });
  if (!r.ok) return r;
  if (r.url.hash) return { ok: false, reason: "invalid-url" };
  return r;
}

/** The static check and the resolved addresses. */
export async function checkWebhookUrl(raw: string, opts: UrlCheckOptions = {}): Promise<WebhookUrlCheck> {
  const allowLoopback = opts.allowLoopback ?? loopbackAllowed();
  const s = checkWebhookUrlStatic(raw, { allowLoopback });
  if (!s.ok) return s;
  const resolved = await checkResolvedHost(s.url.hostname, { allowLoopback, ...(opts.lookup ? { lookup: opts.lookup } : {}) });
  return resolved.ok ? s : resolved;
}
