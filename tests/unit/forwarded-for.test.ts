/**
 * The address the app uses for rate limits and the audit log cannot be chosen by the client:
 * scripts/serve.ts stamps the socket's peer as the last X-Forwarded-For entry, and lib/http/meta.ts
 * counts the trusted proxy hops from there.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendForwardedFor, stampPeerAddress } from "../../scripts/forwarded-for";
import { clientAddress } from "@/lib/http/meta";

describe("appendForwardedFor", () => {
  it.each([
    [undefined, "127.0.0.1", "127.0.0.1"],
    ["", "127.0.0.1", "127.0.0.1"],
    ["203.0.113.9", "127.0.0.1", "203.0.113.9, 127.0.0.1"],
    ["1.1.1.1, 2.2.2.2", "10.0.0.5", "1.1.1.1, 2.2.2.2, 10.0.0.5"],
    [["1.1.1.1", "2.2.2.2"], "::1", "1.1.1.1,2.2.2.2, ::1"],
    ["9.9.9.9", undefined, "9.9.9.9, unknown"],
  ] as const)("%j + %j → %j", (existing, peer, expected) => {
    expect(appendForwardedFor(existing as string | string[] | undefined, peer)).toBe(expected);
  });

  it("keeps the right-most entries of an overlong header, whole", () => {
    const long = Array.from({ length: 400 }, (_, i) => `198.51.100.${i % 250}`).join(", ");
    const out = appendForwardedFor(long, "127.0.0.1");
    expect(out.length).toBeLessThan(2100);
    expect(out.endsWith("198.51.100.149, 127.0.0.1")).toBe(true);
    expect(out.split(",").every((e) => /^\s*[0-9.]+$/.test(e))).toBe(true);
  });
});

describe("a client that forges X-Forwarded-For against the server directly", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      stampPeerAddress(req);
      res.end(String(req.headers["x-forwarded-for"]));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function get(headers: Record<string, string>): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve(body));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it.each(["203.0.113.7", "203.0.113.7, 198.51.100.1", "unknown", "::1"])("is seen as its socket address with no trusted hop (%s)", async (forged) => {
    const header = await get({ "X-Forwarded-For": forged });
    expect(clientAddress(header, 0)).toBe("127.0.0.1");
  });

  it("behind one trusted proxy, is the address that proxy appended", async () => {
    // What nginx sends with $proxy_add_x_forwarded_for: the client's own claim, then the peer it saw.
    const header = await get({ "X-Forwarded-For": "203.0.113.7, 192.0.2.44" });
    expect(clientAddress(header, 1)).toBe("192.0.2.44");
  });

  it("without any header, is the socket address", async () => {
    expect(clientAddress(await get({}), 0)).toBe("127.0.0.1");
  });
});
