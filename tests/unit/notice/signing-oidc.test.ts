import { describe, expect, it } from "vitest";
import { openPending, referenceParams, referenceText, sealPending, type PendingSigning } from "@/lib/notice/signing-oidc";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

describe("signing request", () => {
  it("reference text: address and last day, at most 130 characters", () => {
    expect(referenceText("Havnegade 1, 1. tv", "2027-02-28")).toBe("Opsigelse af Havnegade 1, 1. tv pr. 28.02.2027");
    const long = referenceText("x".repeat(300), "2027-02-28");
    expect(long).toHaveLength(130);
    expect(long.endsWith("… pr. 28.02.2027")).toBe(true);
  });

  it.each([
    ["reference_text", { reference_text: "Opsigelse æ" }],
    ["login_hint_message", { login_hint: `message:${Buffer.from("Opsigelse æ", "utf8").toString("base64url")}` }],
    ["none", {}],
  ] as const)("passes the text as the broker expects: %s", (mode, expected) => {
    expect(referenceParams(mode, "Opsigelse æ")).toEqual(expected);
  });

  it("the sealed cookie opens for 10 minutes only, and not when tampered with", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const p: PendingSigning = { v: 1, orgId: "o", noticeId: "n", role: "tenant2", personId: "p", signingLinkId: null, state: "s", nonce: "n", verifier: "v", contentHash: "h", startedAt: now.getTime() };
    const sealed = sealPending(p);
    expect(sealed).not.toContain("verifier");
    expect(openPending(sealed, new Date(now.getTime() + 9 * 60_000))).toEqual(p);
    expect(openPending(sealed, new Date(now.getTime() + 11 * 60_000))).toBeNull();
    expect(openPending(`${sealed.slice(0, -4)}AAAA`, now)).toBeNull();
    expect(openPending(undefined, now)).toBeNull();
  });
});
