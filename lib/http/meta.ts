/**
 * Where a request came from: the client's address and user agent, for the audit log and the rate
 * limits.
 *
 * The address. Next.js gives route handlers, pages and the proxy no socket: the only address is the
 * `X-Forwarded-For` header. `next start` would fill it with the socket's address only when the
 * request has none, so our production server (scripts/serve.ts, see scripts/forwarded-for.ts)
 * always appends the socket's address as the last entry before Next.js reads the request. The header
 * then reads `[client-supplied entries…, entries appended by our proxies…, the socket's peer]`. With
 * `TRUSTED_PROXY_HOPS` = N (default 0) reverse proxies of ours in front, the client is the entry N
 * places from the end:
 *   N = 0 (no proxy in front): the last entry — the socket's peer, whatever the client sent;
 *   N = 1 (one reverse proxy that appends the address it saw, e.g. nginx `$proxy_add_x_forwarded_for`):
 *         the entry before the socket's peer (which is the proxy) — the address the proxy saw.
 * Entries further left are whatever the client claimed and are never used. When the chain is
 * shorter than N + 1, the left-most entry is used. (`next dev` does not stamp: development only.)
 */
import "server-only";
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
