/** The per-request security headers of proxy.ts (lib/http/security-headers.ts). */
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isAuthenticatedRequest, isHttpsUrl, newNonce } from "@/lib/http/security-headers";

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)] as const));
}

describe("contentSecurityPolicy", () => {
  it("allows scripts only with the request's nonce, forbids framing and inline styles", () => {
    const d = directives(contentSecurityPolicy({ nonce: "abc123" }));
    expect(d.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("style-src")).toBe("'self'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'self'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.has("upgrade-insecure-requests")).toBe(false);
    expect(contentSecurityPolicy({ nonce: "x" })).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("adds unsafe-eval only in development and upgrade-insecure-requests only on https", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy({ nonce: "n", https: true })).has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("isHttpsUrl (HSTS)", () => {
  it.each([
    ["https://fraflyt.dk", true],
    ["HTTPS://fraflyt.dk/", true],
    ["http://localhost:3000", false],
    ["", false],
    [undefined, false],
    ["not a url", false],
  ] as const)("%j → %s", (url, expected) => expect(isHttpsUrl(url)).toBe(expected));
});

describe("isAuthenticatedRequest (Cache-Control: no-store)", () => {
  it.each([
    ["/nordhavn/admin", [], true],
    ["/nordhavn/admin/users", [], true],
    ["/nordhavn/beboer/selvbetjening/opsigelse", [], true],
    ["/operator", [], true],
    ["/operator/login", [], true],
    ["/api/nordhavn/session", [], true],
    ["/api/auth/session", [], true],
    ["/", [], false],
    ["/", ["next-auth.session-token"], true],
    ["/", ["__Secure-next-auth.session-token.0"], true],
    ["/", ["NEXT_LOCALE", "next-auth.csrf-token"], false],
    ["/administration", [], false],
  ] as const)("%s with cookies %j → %s", (path, cookies, expected) => expect(isAuthenticatedRequest(path, cookies)).toBe(expected));
});
