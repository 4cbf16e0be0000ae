/**
 * The client address as our own HTTP server saw it, for lib/http/meta.ts.
 *
 * Next.js gives route handlers, pages and the proxy no socket: the only address they see is the
 * `X-Forwarded-For` header, and `next start` fills it with the socket's address *only when the
 * request has none*, so a client reaching the app directly could name any address there and dodge
 * the per-address rate limits. Our server (scripts/serve.ts) therefore always appends the socket's
 * address as the last entry before Next.js reads the request. The chain then reads
 * `[client claims…, entries appended by our reverse proxies…, the socket's peer]`, and
 * lib/http/meta.ts, trusting the last `TRUSTED_PROXY_HOPS` = N hops, takes the entry N places from
 * the right: with no proxy (N = 0) the socket's peer itself, whatever the client sent.
 */
import type { IncomingMessage } from "node:http";

const MAX_HEADER = 2048;

/** `existing` with `peer` appended (the existing value cut to a sane length, from the right). */
export function appendForwardedFor(existing: string | string[] | undefined, peer: string | undefined): string {
  const prior = (Array.isArray(existing) ? existing.join(",") : (existing ?? "")).trim();
  const own = (peer ?? "").trim() || "unknown";
  if (!prior) return own;
  // Keep the right-most part: that is where the entries of our own proxies are.
  const kept = prior.length > MAX_HEADER ? prior.slice(prior.length - MAX_HEADER).replace(/^[^,]*,/, "") : prior;
  return `${kept}, ${own}`;
}

/** Rewrites the request's X-Forwarded-For in place so its last entry is the socket's peer. */
export function stampPeerAddress(req: IncomingMessage): void {
  req.headers["x-forwarded-for"] = appendForwardedFor(req.headers["x-forwarded-for"], req.socket.remoteAddress);
}
