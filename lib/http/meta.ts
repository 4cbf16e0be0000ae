/**
 * Where a request came from: the client's address and user agent, for the audit log and the rate
 * limits.
 *
 * The address. Next.js gives route handlers, pages and the proxy no socket: the only address is the
 * `X-Forwarded-For` header, which `next start` fills with the socket's address *only when the
 * request has none* (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in Next's
 * base-server). So the header reads `[client-supplied entries…, entries appended by our proxies…]`,
 * or just the socket address when nobody sent one. With `TRUSTED_PROXY_HOPS` = N (default 0) we
 * trust the last N entries to have been written by our own reverse proxies, and the client is the
 * entry just before them, counted from the right:
 *   N = 0 (no proxy in front; `next start` reached directly): the last entry — the socket address
 *         Next wrote. A client that itself sends `X-Forwarded-For` to a directly exposed app can
 *         still name an address there, which Next cannot tell apart: run N = 0 only on loopback
 *         (the default) or behind nothing but trusted clients.
 *   N = 1 (one reverse proxy that appends the peer address, e.g. nginx `$proxy_add_x_forwarded_for`):
 *         the entry before the proxy's own — which is the address the proxy saw.
 * Entries further left are whatever the client claimed and are never used. When the chain is
 * shorter than N + 1, the left-most entry is used (it was written by the outermost proxy).
 */
import { cache } from "react";
import { headers } from "next/headers";
import type { RequestMeta } from "@/lib/audit/events";

/** The configured number of trusted reverse-proxy hops (env TRUSTED_PROXY_HOPS; 0 when unset or invalid). */
export function trustedProxyHops(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw || !/^\d{1,2}$/.test(raw)) return 0;
  return Number(raw);
}

const MAX_ADDRESS = 64;

/** One X-Forwarded-For entry as an address: trims, drops an IPv6 zone-less bracket form and a port. */
function cleanEntry(entry: string): string | null {
  let e = entry.trim();
  if (!e || e.toLowerCase() === "unknown") return null;
  const bracket = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(e);
  if (bracket) e = bracket[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(e)) e = e.slice(0, e.lastIndexOf(":"));
  if (e.toLowerCase().startsWith("::ffff:") && /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(e)) e = e.slice(7);
  if (e.length > MAX_ADDRESS || !/^[0-9a-fA-F:.]+$/.test(e)) return null;
  return e;
}

/**
 * The client's address from an X-Forwarded-For value and the number of trusted hops (see the top
 * of this file). Null when there is no usable entry.
 */
export function clientAddress(xForwardedFor: string | null | undefined, hops: number): string | null {
  if (!xForwardedFor) return null;
  const chain = xForwardedFor.split(",");
  const index = Math.max(0, chain.length - 1 - Math.max(0, Math.floor(hops)));
  return cleanEntry(chain[index] ?? "");
}

type HeaderSource = { get(name: string): string | null };

/** Request meta from any header source (a NextRequest's headers, `headers()`, a plain Headers). */
export function metaFromHeaders(h: HeaderSource, hops = trustedProxyHops()): RequestMeta {
  return { ip: clientAddress(h.get("x-forwarded-for"), hops), userAgent: h.get("user-agent")?.slice(0, 500) ?? null };
}

/** IP and user agent of the current request (once per request); empty outside a request. */
export const requestMeta = cache(async (): Promise<RequestMeta> => {
  try {
    return metaFromHeaders(await headers());
  } catch {
    return {}; // outside a request (scripts, tests)
  }
});
