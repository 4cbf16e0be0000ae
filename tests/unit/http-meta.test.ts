/** X-Forwarded-For is trusted only from the configured number of proxy hops (lib/http/meta.ts). */
import { describe, expect, it } from "vitest";
import { clientAddress, metaFromHeaders, trustedProxyHops } from "@/lib/http/meta";

describe("clientAddress(x-forwarded-for, hops)", () => {
  it.each([
    // no proxy: Next.js wrote the socket address (the header was absent) — the last entry
    ["10.0.0.7", 0, "10.0.0.7"],
    // no proxy, but the client sent its own header: only the last entry is taken, never the first
    ["6.6.6.6, 10.0.0.7", 0, "10.0.0.7"],
    // one proxy appended the address it saw; what the client claimed before it is ignored
    ["6.6.6.6, 203.0.113.9", 1, "6.6.6.6"],
    ["203.0.113.9, 192.168.1.2", 1, "203.0.113.9"],
    ["1.1.1.1, 6.6.6.6, 203.0.113.9, 192.168.1.2", 1, "203.0.113.9"],
    // two proxies
    ["1.1.1.1, 6.6.6.6, 203.0.113.9, 192.168.1.2", 2, "6.6.6.6"],
    // a chain shorter than the hops: the left-most entry (written by the outermost proxy)
    ["203.0.113.9", 3, "203.0.113.9"],
    // IPv6, IPv4-mapped IPv6, ports, brackets, spaces
    ["::1", 0, "::1"],
    ["::ffff:127.0.0.1", 0, "127.0.0.1"],
    ["[2001:db8::1]:4711", 0, "2001:db8::1"],
    ["203.0.113.9:55012", 0, "203.0.113.9"],
    ["  203.0.113.9  ", 0, "203.0.113.9"],
    // nothing usable
    ["", 0, null],
    ["unknown", 0, null],
    ["<script>", 0, null],
    ["a".repeat(200), 0, null],
    ["203.0.113.9, ", 0, null],
  ] as const)("%j with %i hop(s) → %j", (xff, hops, expected) => {
    expect(clientAddress(xff, hops)).toBe(expected);
  });

  it("is null without a header", () => {
    expect(clientAddress(null, 0)).toBeNull();
    expect(clientAddress(undefined, 1)).toBeNull();
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["0", 0],
    ["1", 1],
    ["2", 2],
    [" 1 ", 1],
    ["-1", 0],
    ["one", 0],
    ["1.5", 0],
    ["999", 0],
  ] as const)("%j → %i", (value, expected) => {
    expect(trustedProxyHops((value === undefined ? {} : { TRUSTED_PROXY_HOPS: value }) as NodeJS.ProcessEnv)).toBe(expected);
  });
});

describe("metaFromHeaders", () => {
  it("takes the address by the hop count and caps the user agent", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9", "user-agent": "x".repeat(900) });
    expect(metaFromHeaders(h, 0)).toEqual({ ip: "203.0.113.9", userAgent: "x".repeat(500) });
    expect(metaFromHeaders(h, 1).ip).toBe("6.6.6.6");
    expect(metaFromHeaders(new Headers(), 0)).toEqual({ ip: null, userAgent: null });
  });
});
