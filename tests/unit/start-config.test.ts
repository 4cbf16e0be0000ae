/** scripts/start-config.ts: when demo data and the test identity provider may run; where the app listens. */
import { describe, expect, it } from "vitest";
import { appListenHost, demoGate, publicUrl } from "../../scripts/start-config";

describe("demoGate", () => {
  const cases: Array<[url: string, demo: string | undefined, idp: string | undefined, seed: boolean, idpOn: boolean]> = [
    ["http://localhost:3000", undefined, undefined, true, true],
    ["http://127.0.0.1:3000", undefined, undefined, true, true],
    ["http://[::1]:3000", undefined, undefined, true, true],
    ["http://localhost:3000", "0", undefined, false, true],
    ["http://localhost:3000", undefined, "off", true, false],
    ["http://localhost:3000", "0", "off", false, false],
    ["http://fraflyt.test:8080", undefined, undefined, false, false],
    ["http://192.168.1.5:3000", undefined, undefined, false, false],
    ["http://fraflyt.test:8080", "1", undefined, true, false],
    ["http://fraflyt.test:8080", undefined, "on", false, true],
    ["http://fraflyt.test:8080", "1", "on", true, true],
    ["http://localhost.evil.example", undefined, undefined, false, false],
    ["https://fraflyt.dk", undefined, undefined, false, false],
    ["https://fraflyt.dk", "1", "on", false, false],
    ["https://localhost:3000", "1", "on", false, false],
    ["HTTPS://FRAFLYT.DK", "1", "on", false, false],
    ["ftp://localhost", "1", "on", false, false],
    ["not a url", "1", "on", false, false],
  ];
  it.each(cases)("%s FRAFLYT_DEMO=%s FRAFLYT_IDP=%s → seed %s, idp %s", (url, demo, idp, seed, idpOn) => {
    const g = demoGate({ publicUrl: url, FRAFLYT_DEMO: demo, FRAFLYT_IDP: idp });
    expect({ seed: g.seed, idp: g.idp }).toEqual({ seed, idp: idpOn });
    expect(g.reason.length).toBeGreaterThan(10);
  });

  it("says why in the log line, also that flags are ignored for https", () => {
    expect(demoGate({ publicUrl: "https://fraflyt.dk", FRAFLYT_DEMO: "1" }).reason).toBe(
      "the public URL https://fraflyt.dk is https: no demo data, no test identity provider (FRAFLYT_DEMO/FRAFLYT_IDP are ignored for an https URL)",
    );
  });

  it.each([["FRAFLYT_DEMO", { FRAFLYT_DEMO: "yes please" }], ["FRAFLYT_IDP", { FRAFLYT_IDP: "maybe" }]])("refuses an unknown %s value", (name, flags) => {
    expect(() => demoGate({ publicUrl: "http://localhost:3000", ...flags })).toThrow(new RegExp(`${name} must be one of`));
  });
});

describe("appListenHost / publicUrl", () => {
  it.each([
    [undefined, "127.0.0.1"],
    ["", "127.0.0.1"],
    ["0.0.0.0", "0.0.0.0"],
    ["::", "::"],
  ])("HOST=%s → %s", (host, expected) => expect(appListenHost({ HOST: host })).toBe(expected));

  it("defaults the public URL to http://localhost:PORT and drops a trailing slash", () => {
    expect(publicUrl({}, 3001)).toBe("http://localhost:3001");
    expect(publicUrl({ NEXTAUTH_URL: "https://fraflyt.dk/" }, 3001)).toBe("https://fraflyt.dk");
  });
});
