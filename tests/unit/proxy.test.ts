/** proxy.ts, called as Next.js calls it: the nonce reaches the request (for Next's scripts) and the response. */
import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

const saved = process.env.NEXTAUTH_URL;
afterEach(() => {
  process.env.NEXTAUTH_URL = saved;
});

function run(path: string, cookie?: string) {
  return proxy(new NextRequest(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} }));
}

describe("proxy", () => {
  it("puts one fresh nonce on the request (x-nonce and the CSP Next.js reads) and the same policy on the response", () => {
    const res = run("/");
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    // NextResponse.next({ request: { headers } }) hands the request headers to Next.js as x-middleware-request-*
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(/'nonce-([^']+)'/.exec(run("/").headers.get("content-security-policy")!)![1]).not.toBe(nonce);
  });

  it.each([
    ["https://fraflyt.example", "max-age=31536000; includeSubDomains", true],
    ["http://localhost:3000", null, false],
    [undefined, null, false],
  ] as const)("NEXTAUTH_URL=%s → HSTS %s", (url, hsts, upgrade) => {
    if (url === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = url;
    const res = run("/");
    expect(res.headers.get("strict-transport-security")).toBe(hsts);
    expect(res.headers.get("content-security-policy")!.includes("upgrade-insecure-requests")).toBe(upgrade);
  });

  it.each([
    ["/nordhavn/admin", undefined, "no-store"],
    ["/operator", undefined, "no-store"],
    ["/api/nordhavn/session", undefined, "no-store"],
    ["/", "next-auth.session-token=abc", "no-store"],
    ["/", "NEXT_LOCALE=en", null],
  ] as const)("%s (cookie %s) → Cache-Control %s", (path, cookie, expected) => {
    expect(run(path, cookie).headers.get("cache-control")).toBe(expected);
  });
});
