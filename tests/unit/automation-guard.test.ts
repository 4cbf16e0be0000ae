/** Pure parts of the automation guard: the switch-off mail, validate-only detection, RateLimit-* headers. */
import { describe, expect, it } from "vitest";
import { switchedOffMail } from "@/lib/automation/guard";
import { isValidateOnly, isVersionedApiPath } from "@/lib/http/wrappers";
import { rateLimitHeaders } from "@/lib/http/automation";

describe("switchedOffMail", () => {
  it.each(["rate", "errors"] as const)("names the account, the organisation and the link, in Danish then English (%s)", (reason) => {
    const m = switchedOffMail({ account: "Havn Automation 1", organisation: "Havn", reason, url: "https://x/havn/admin/automatisering" });
    expect(m.subject).toContain("Havn Automation 1");
    expect(m.text.indexOf("slået fra automatisk")).toBeLessThan(m.text.indexOf("switched off automatically"));
    expect(m.text.match(/https:\/\/x\/havn\/admin\/automatisering/g)).toHaveLength(2);
  });
});

describe("isValidateOnly", () => {
  it.each([
    [{ prefer: "validate-only" }, "", true],
    [{ prefer: "return=minimal, validate-only" }, "", true],
    [{}, "?validateOnly=1", true],
    [{}, "?validateOnly=0", false],
    [{ prefer: "return=minimal" }, "", false],
    [{ prefer: "not-validate-only-x" }, "", false],
  ])("%j %s → %s", (headers, q, expected) => {
    expect(isValidateOnly(new Request(`http://x/api/v1/o/todos/1/completion${q}`, { headers }))).toBe(expected);
  });
});

describe("the versioned API's paths and headers", () => {
  it("recognises /api/v1 only", () => {
    expect(isVersionedApiPath("/api/v1/o/ping")).toBe(true);
    expect(isVersionedApiPath("/api/v1")).toBe(true);
    expect(isVersionedApiPath("/api/v10/x")).toBe(false);
    expect(isVersionedApiPath("/api/o/session")).toBe(false);
  });
  it("writes RateLimit-* headers, never negative", () => {
    expect(rateLimitHeaders({ limit: 60, remaining: -3, resetSeconds: 12 })).toEqual({ "RateLimit-Limit": "60", "RateLimit-Remaining": "0", "RateLimit-Reset": "12" });
  });
});
