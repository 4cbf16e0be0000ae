/**
 * "Test the connection" of the website settings: reads {issuer}/.well-known/openid-configuration
 * and reports the issuer and the endpoints it names, or a plain reason why not.
 *
 * The server makes this request on a staff member's behalf, to an address they type, so it is
 * guarded against server-side request forgery:
 *   - only https; plain http only to a loopback host (localhost, 127.0.0.0/8, ::1) and only when the
 *     installation runs locally (development, tests, the demo on http://localhost) — `allowLoopback`;
 *   - no user name or password in the URL;
 *   - the host — a literal address, or every address its name resolves to — must be a public
 *     address: private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — the cloud
 *     metadata service —, fe80::/10), shared (100.64/10), loopback outside local mode, unspecified,
 *     multicast, reserved, documentation ranges and IPv4 mapped into IPv6 are refused;
 *   - no redirects are followed, the answer is read up to 256 KiB, everything within 5 seconds.
 * (A name that resolves differently between the check and the request — DNS rebinding — is not
 * fully covered; the short, redirect-free, read-only request limits what it could reach.)
 */
import "server-only";
import { readStreamCapped } from "@/lib/http/body";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";

export type TargetRefusal = "invalid-url" | "scheme" | "credentials" | "private-host";
export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: TargetRefusal };

export type DiscoveryFailure = TargetRefusal | "dns" | "timeout" | "network" | "redirect" | "http-status" | "too-large" | "not-json" | "missing-fields" | "issuer-mismatch";
export type DiscoveryResult =
  | { ok: true; issuer: string; authorizationEndpoint: string; tokenEndpoint: string; userinfoEndpoint: string | null; endSessionEndpoint: string | null; scopes: string[] }
  | { ok: false; reason: DiscoveryFailure; status?: number; found?: string };

export const DISCOVERY_TIMEOUT_MS = 5000;
const MAX_BYTES = 256 * 1024;

/** Whether this installation runs locally, so that an identity provider on localhost may be tested (and saved). */
export function loopbackAllowed(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (env.NODE_ENV === "development" || env.NODE_ENV === "test") return true;
  const url = env.NEXTAUTH_URL;
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === "http:" && isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}

function ipv4Parts(ip: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n >= 0 && n <= 255) ? parts : null;
}

function ipv4Kind(ip: string): "loopback" | "private" | "public" {
  const p = ipv4Parts(ip);
  if (!p) return "private";
  const [a, b, c] = p as [number, number, number, number];
  if (a === 127) return "loopback";
  if (a === 0 || a === 10 || a >= 224) return "private"; // this network, private, multicast, reserved, broadcast
  if (a === 100 && b >= 64 && b <= 127) return "private"; // shared address space (CGNAT)
  if (a === 169 && b === 254) return "private"; // link-local (cloud metadata)
  if (a === 172 && b >= 16 && b <= 31) return "private";
  if (a === 192 && b === 168) return "private";
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return "private"; // IETF protocol assignments, TEST-NET-1
  if (a === 198 && (b === 18 || b === 19)) return "private"; // benchmarking
  if (a === 198 && b === 51 && c === 100) return "private"; // TEST-NET-2
  if (a === 203 && b === 0 && c === 113) return "private"; // TEST-NET-3
  return "public";
}

/** Expands an IPv6 address to its 8 groups (null when it is not one). */
function ipv6Groups(ip: string): number[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  // a trailing dotted IPv4 part (::ffff:1.2.3.4)
  const v4 = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(s);
  if (v4) {
    const p = ipv4Parts(v4[1]!);
    if (!p) return null;
    s = s.slice(0, -v4[1]!.length) + `${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function ipv6Kind(ip: string): "loopback" | "private" | "public" {
  const g = ipv6Groups(ip);
  if (!g) return "private";
  const [a, b] = g as [number, number];
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return "loopback"; // ::1
  if (g.every((x) => x === 0)) return "private"; // ::
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    // IPv4-mapped: judged as the IPv4 address it carries
    return ipv4Kind(`${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`);
  }
  if (g.slice(0, 6).every((x) => x === 0)) return "private"; // IPv4-compatible (deprecated)
  if ((a & 0xfe00) === 0xfc00) return "private"; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return "private"; // link-local fe80::/10
  if ((a & 0xffc0) === 0xfec0) return "private"; // site-local (deprecated)
  if ((a & 0xff00) === 0xff00) return "private"; // multicast
  if (a === 0x2001 && b === 0x0db8) return "private"; // documentation
  if (a === 0x0064 && b === 0xff9b) return "private"; // NAT64 (reaches IPv4 space)
  if (a === 0x2002) return "private"; // 6to4 (reaches IPv4 space)
  if (a === 0x2001 && b < 0x0200) return "private"; // Teredo, ORCHID, benchmarking …
  return "public";
}

/** "loopback", "private" (refused) or "public" for an IP address literal (v4 or v6). */
export function addressKind(ip: string): "loopback" | "private" | "public" {
  const bare = ip.replace(/^\[|\]$/g, "");
  const v = isIP(bare.split("%")[0]!);
  if (v === 4) return ipv4Kind(bare);
  if (v === 6) return ipv6Kind(bare);
  return "private";
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  return isIP(h) !== 0 && addressKind(h) === "loopback";
}

/**
 * The static check of an issuer URL (no DNS): https, or http to a loopback host in local mode; no
 * credentials; a literal address must be public (or loopback in local mode); names ending in
 * .localhost count as loopback, .local / .internal / .lan / .home.arpa as private.
 */
export function checkIssuerUrl(raw: string, opts: { allowLoopback: boolean }): TargetCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "invalid-url" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "scheme" };
  if (url.username || url.password) return { ok: false, reason: "credentials" };
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (!host) return { ok: false, reason: "invalid-url" };
  const loopback = isLoopbackHost(host);
  if (loopback) return opts.allowLoopback ? { ok: true, url } : { ok: false, reason: "private-host" };
  if (url.protocol === "http:") return { ok: false, reason: "scheme" };
  if (isIP(host) !== 0) return addressKind(host) === "public" ? { ok: true, url } : { ok: false, reason: "private-host" };
  if (/\.(local|internal|lan|intranet|corp|home\.arpa)$/.test(host) || !host.includes(".")) return { ok: false, reason: "private-host" };
  return { ok: true, url };
}

export type Lookup = (hostname: string) => Promise<Array<{ address: string }>>;

const defaultLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Every address `hostname` resolves to must be public (or loopback in local mode). */
export async function checkResolvedHost(hostname: string, opts: { allowLoopback: boolean; lookup?: Lookup }): Promise<{ ok: true } | { ok: false; reason: "dns" | "private-host" }> {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) {
    const k = addressKind(host);
    return k === "public" || (k === "loopback" && opts.allowLoopback) ? { ok: true } : { ok: false, reason: "private-host" };
  }
  let addresses: Array<{ address: string }>;
  try {
    addresses = await (opts.lookup ?? defaultLookup)(host);
  } catch {
    return { ok: false, reason: "dns" };
  }
  if (addresses.length === 0) return { ok: false, reason: "dns" };
  for (const { address } of addresses) {
    const k = addressKind(address);
    if (!(k === "public" || (k === "loopback" && opts.allowLoopback))) return { ok: false, reason: "private-host" };
  }
  return { ok: true };
}

const stripSlash = (s: string) => s.replace(/\/+$/, "");

function httpUrl(v: unknown): string | null {
  if (typeof v !== "string") return null;
  try {
    const u = new URL(v);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

/** Reads and checks the discovery document of `issuer` (see the module comment for the guards). */
export async function testOidcDiscovery(
  issuer: string,
  opts: { allowLoopback?: boolean; timeoutMs?: number; fetch?: typeof fetch; lookup?: Lookup } = {},
): Promise<DiscoveryResult> {
  const allowLoopback = opts.allowLoopback ?? loopbackAllowed();
  const target = checkIssuerUrl(issuer, { allowLoopback });
  if (!target.ok) return target;
  const resolved = await checkResolvedHost(target.url.hostname, { allowLoopback, ...(opts.lookup ? { lookup: opts.lookup } : {}) });
  if (!resolved.ok) return resolved;
  const url = `${stripSlash(target.url.href)}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, { redirect: "manual", signal: AbortSignal.timeout(opts.timeoutMs ?? DISCOVERY_TIMEOUT_MS), headers: { accept: "application/json" } });
  } catch (e) {
    const name = (e as { name?: string } | null)?.name;
    return { ok: false, reason: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network" };
  }
  if (res.status >= 300 && res.status < 400) return { ok: false, reason: "redirect", status: res.status };
  if (res.status !== 200) return { ok: false, reason: "http-status", status: res.status };
  let text: string | null;
  try {
    text = await readStreamCapped(res.body, MAX_BYTES);
  } catch (e) {
    const name = (e as { name?: string } | null)?.name;
    return { ok: false, reason: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network" };
  }
  if (text === null) return { ok: false, reason: "too-large" };
  let doc: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, reason: "not-json" };
    doc = parsed as Record<string, unknown>;
  } catch {
    return { ok: false, reason: "not-json" };
  }
  const found = typeof doc.issuer === "string" ? doc.issuer : null;
  const authorizationEndpoint = httpUrl(doc.authorization_endpoint);
  const tokenEndpoint = httpUrl(doc.token_endpoint);
  if (!found || !authorizationEndpoint || !tokenEndpoint) return { ok: false, reason: "missing-fields" };
  if (stripSlash(found) !== stripSlash(issuer.trim())) return { ok: false, reason: "issuer-mismatch", found: found.slice(0, 300) };
  const scopes = Array.isArray(doc.scopes_supported) ? doc.scopes_supported.filter((s): s is string => typeof s === "string").slice(0, 50) : [];
  return { ok: true, issuer: found, authorizationEndpoint, tokenEndpoint, userinfoEndpoint: httpUrl(doc.userinfo_endpoint), endSessionEndpoint: httpUrl(doc.end_session_endpoint), scopes };
}
