/**
 * Pure parts of users and website settings: the password rules of the invitation page, the TOTP
 * enrolment QR code (an SVG data URL of the otpauth URI) and the SSRF guard of "test the
 * connection" (table-driven: schemes, loopback in and out of local mode, private ranges in IPv4,
 * IPv6 and IPv4-mapped form, names resolving to private addresses).
 */
import { describe, expect, it } from "vitest";
import { Secret, TOTP, URI } from "otpauth";
import { passwordProblems } from "@/lib/admin/password-rules";
import { groupedSecret, qrSvgDataUrl, totpUri } from "@/lib/admin/totp-enrolment";
import { addressKind, checkIssuerUrl, checkResolvedHost, loopbackAllowed, testOidcDiscovery } from "@/lib/admin/discovery";
import { formatMailSender } from "@/lib/organisation/settings";

describe("password rules", () => {
  it.each([
    ["", "", {}, "required"],
    ["kort-kode", "kort-kode", {}, "too-short"],
    ["elleve-tegn", "elleve-tegn", {}, "too-short"],
    ["x".repeat(201), "x".repeat(201), {}, "too-long"],
    ["nina@brugere.example", "nina@brugere.example", {}, "is-email"],
    ["  NINA@Brugere.example ", "  NINA@Brugere.example ", {}, "is-email"],
    ["mit-nina@brugere.example-2026", "mit-nina@brugere.example-2026", {}, "is-email"],
  ] as const)("%j is refused (%s)", (password, confirm, _x, problem) => {
    expect(passwordProblems(password, confirm, "nina@brugere.example")).toEqual({ password: problem });
  });

  it("a long password typed twice alike is accepted; typed differently is a mismatch", () => {
    expect(passwordProblems("tolv-tegn-ok", "tolv-tegn-ok", "nina@brugere.example")).toEqual({});
    expect(passwordProblems("Havnefronten-2026", "Havnefronten-2027", "nina@brugere.example")).toEqual({ confirm: "mismatch" });
    // the local part alone (≥ 3 characters) is the e-mail too
    expect(passwordProblems("nina.andersen", "nina.andersen", "nina.andersen@brugere.example")).toEqual({ password: "is-email" });
    // counts characters, not UTF-16 units: 12 Danish letters are enough
    expect(passwordProblems("æøåæøåæøåæøå", "æøåæøåæøåæøå", "a@b.dk")).toEqual({});
  });
});

describe("TOTP enrolment", () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  it("the URI carries the secret, the issuer with the organisation and the e-mail as label", () => {
    const uri = totpUri(secret, { email: "nina@brugere.example", organisationName: "Nordhavn Boligadministration" });
    expect(uri.startsWith("otpauth://totp/")).toBe(true);
    const parsed = URI.parse(uri) as TOTP;
    expect(parsed.secret.base32).toBe(Secret.fromBase32(secret).base32);
    expect(parsed.issuer).toBe("Fraflyt (Nordhavn Boligadministration)");
    expect(parsed.label).toBe("nina@brugere.example");
    expect([parsed.digits, parsed.period, parsed.algorithm]).toEqual([6, 30, "SHA1"]);
  });

  it("renders the QR code as an SVG data URL", async () => {
    const url = await qrSvgDataUrl(totpUri(secret, { email: "nina@brugere.example", organisationName: "Nordhavn" }));
    expect(url.startsWith("data:image/svg+xml;base64,")).toBe(true);
    const svg = Buffer.from(url.slice("data:image/svg+xml;base64,".length), "base64").toString("utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("<path");
    expect(svg).not.toContain(secret); // the secret is in the pixels only
  });

  it("groups the secret in fours for typing", () => {
    expect(groupedSecret(secret)).toBe("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
  });
});

describe("the SSRF guard", () => {
  const local = { allowLoopback: true };
  const prod = { allowLoopback: false };

  it.each([
    // [url, local mode?, expected]
    ["https://pp.netseidbroker.dk/op", prod, "ok"],
    ["https://idura.broker.example/", prod, "ok"],
    ["https://93.184.216.34/", prod, "ok"],
    ["https://[2606:4700::1111]/", prod, "ok"],
    ["http://pp.netseidbroker.dk/op", prod, "scheme"],
    ["ftp://example.com/", prod, "scheme"],
    ["javascript:alert(1)", prod, "scheme"],
    ["not a url", prod, "invalid-url"],
    ["https://user:pw@example.com/", prod, "credentials"],
    ["http://localhost:4700", local, "ok"],
    ["http://127.0.0.1:4700", local, "ok"],
    ["http://[::1]:4700", local, "ok"],
    ["http://idp.localhost:4700", local, "ok"],
    ["http://localhost:4700", prod, "private-host"],
    ["https://127.0.0.1/", prod, "private-host"],
    ["http://10.0.0.5/", local, "scheme"],
    ["https://10.0.0.5/", local, "private-host"],
    ["https://172.16.0.1/", prod, "private-host"],
    ["https://172.31.255.255/", prod, "private-host"],
    ["https://172.32.0.1/", prod, "ok"],
    ["https://192.168.1.1/", prod, "private-host"],
    ["https://169.254.169.254/latest/meta-data", local, "private-host"],
    ["https://100.64.0.1/", prod, "private-host"],
    ["https://0.0.0.0/", prod, "private-host"],
    ["https://224.0.0.1/", prod, "private-host"],
    ["https://[fd00::1]/", prod, "private-host"],
    ["https://[fe80::1]/", prod, "private-host"],
    ["https://[::ffff:10.0.0.1]/", prod, "private-host"],
    ["https://[::ffff:169.254.169.254]/", local, "private-host"],
    ["https://[::]/", prod, "private-host"],
    ["https://intranet/", prod, "private-host"],
    ["https://idp.corp/", prod, "private-host"],
    ["https://printer.local/", prod, "private-host"],
    ["https://2130706433/", prod, "private-host"], // 127.0.0.1 as one number (WHATWG URL normalises it)
    ["https://0x7f.1/", prod, "private-host"],
  ] as const)("%s (%j) → %s", (url, opts, expected) => {
    const r = checkIssuerUrl(url, opts);
    expect(r.ok ? "ok" : r.reason).toBe(expected);
  });

  it.each([
    ["8.8.8.8", "public"],
    ["127.0.0.53", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["198.18.0.1", "private"],
    ["2001:db8::1", "private"],
    ["64:ff9b::a00:1", "private"],
    ["2a00:1450:4001::200e", "public"],
    ["not-an-ip", "private"],
  ] as const)("address %s is %s", (ip, kind) => {
    expect(addressKind(ip)).toBe(kind);
  });

  it("a name that resolves to a private address is refused; to public ones, accepted", async () => {
    const lookup = (map: Record<string, string[]>) => async (h: string) => (map[h] ?? []).map((address) => ({ address }));
    const dns = lookup({ "rebind.example": ["93.184.216.34", "10.0.0.1"], "ok.example": ["93.184.216.34", "2606:4700::1111"], "meta.example": ["169.254.169.254"] });
    expect(await checkResolvedHost("rebind.example", { ...prod, lookup: dns })).toEqual({ ok: false, reason: "private-host" });
    expect(await checkResolvedHost("meta.example", { ...local, lookup: dns })).toEqual({ ok: false, reason: "private-host" });
    expect(await checkResolvedHost("ok.example", { ...prod, lookup: dns })).toEqual({ ok: true });
    expect(await checkResolvedHost("missing.example", { ...prod, lookup: dns })).toEqual({ ok: false, reason: "dns" });
    expect(await checkResolvedHost("boom.example", { ...prod, lookup: async () => Promise.reject(new Error("ENOTFOUND")) })).toEqual({ ok: false, reason: "dns" });
  });

  it("never fetches a refused target, follows no redirect, and reads the document's endpoints", async () => {
    const calls: Array<{ url: string; redirect: RequestRedirect | undefined }> = [];
    const fake = (res: () => Response) => (async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), redirect: init?.redirect });
      return res();
    }) as typeof fetch;
    const publicDns = async () => [{ address: "93.184.216.34" }];

    expect(await testOidcDiscovery("https://10.0.0.1", { allowLoopback: false, fetch: fake(() => new Response("{}")) })).toEqual({ ok: false, reason: "private-host" });
    expect(calls).toEqual([]);

    const redirect = await testOidcDiscovery("https://idp.example", { allowLoopback: false, lookup: publicDns, fetch: fake(() => new Response(null, { status: 302, headers: { location: "http://169.254.169.254/" } })) });
    expect(redirect).toEqual({ ok: false, reason: "redirect", status: 302 });
    expect(calls).toEqual([{ url: "https://idp.example/.well-known/openid-configuration", redirect: "manual" }]);

    const doc = { issuer: "https://idp.example", authorization_endpoint: "https://idp.example/auth", token_endpoint: "https://idp.example/token", scopes_supported: ["openid", "ssn"] };
    expect(await testOidcDiscovery("https://idp.example/", { allowLoopback: false, lookup: publicDns, fetch: fake(() => Response.json(doc)) })).toEqual({
      ok: true,
      issuer: "https://idp.example",
      authorizationEndpoint: "https://idp.example/auth",
      tokenEndpoint: "https://idp.example/token",
      userinfoEndpoint: null,
      endSessionEndpoint: null,
      scopes: ["openid", "ssn"],
    });
    expect(await testOidcDiscovery("https://other.example", { allowLoopback: false, lookup: publicDns, fetch: fake(() => Response.json(doc)) })).toEqual({ ok: false, reason: "issuer-mismatch", found: "https://idp.example" });
    expect(await testOidcDiscovery("https://idp.example", { allowLoopback: false, lookup: publicDns, fetch: fake(() => new Response("<html>")) })).toEqual({ ok: false, reason: "not-json" });
    expect(await testOidcDiscovery("https://idp.example", { allowLoopback: false, lookup: publicDns, fetch: fake(() => new Response("nope", { status: 404 })) })).toEqual({ ok: false, reason: "http-status", status: 404 });
    expect(await testOidcDiscovery("https://idp.example", { allowLoopback: false, lookup: publicDns, fetch: fake(() => new Response("x".repeat(300 * 1024))) })).toEqual({ ok: false, reason: "too-large" });
    const timeout = (async () => Promise.reject(Object.assign(new Error("t"), { name: "TimeoutError" }))) as unknown as typeof fetch;
    expect(await testOidcDiscovery("https://idp.example", { allowLoopback: false, lookup: publicDns, fetch: timeout })).toEqual({ ok: false, reason: "timeout" });
  });

  it("local mode: development and tests, or an app served on http://localhost", () => {
    expect(loopbackAllowed({ NODE_ENV: "production", NEXTAUTH_URL: "http://localhost:3700" })).toBe(true);
    expect(loopbackAllowed({ NODE_ENV: "production", NEXTAUTH_URL: "http://127.0.0.1:3000" })).toBe(true);
    expect(loopbackAllowed({ NODE_ENV: "production", NEXTAUTH_URL: "https://fraflyt.example" })).toBe(false);
    expect(loopbackAllowed({ NODE_ENV: "production" })).toBe(false);
    expect(loopbackAllowed({ NODE_ENV: "development" })).toBe(true);
  });
});

describe("the e-mail sender", () => {
  it("formats a From header without header injection", () => {
    expect(formatMailSender({ name: "Nordhavn Bolig", address: "udlejning@nordhavn.example" })).toBe('"Nordhavn Bolig" <udlejning@nordhavn.example>');
    expect(formatMailSender({ name: 'Evil"\r\nBcc: x@y', address: "a@b.dk" })).toBe('"EvilBcc: x@y" <a@b.dk>');
  });
});
