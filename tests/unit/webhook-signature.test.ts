/**
 * Webhook signatures (lib/webhooks/signature.ts): HMAC-SHA256 over `${t}.${body}`, the header with
 * one v1 per secret (current first, previous during a rotation), parsing, and verification with a
 * timestamp tolerance — checked against an independently computed HMAC.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSignatureHeader, signatureHeader, signPayload, verifySignature } from "@/lib/webhooks/signature";

const body = JSON.stringify({ id: "d1", type: "notice.submitted", data: { noticeId: "n1" } });
const t = 1_796_000_000;
const at = new Date(t * 1000);

describe("webhook signatures", () => {
  it("signs HMAC-SHA256 over timestamp.body, hex", () => {
    expect(signPayload("whsec_a", t, body)).toBe(createHmac("sha256", "whsec_a").update(`${t}.${body}`).digest("hex"));
  });

  it("the header carries t and one v1 per secret, current first", () => {
    const h = signatureHeader(t, body, ["whsec_new", "whsec_old"]);
    expect(h).toBe(`t=${t},v1=${signPayload("whsec_new", t, body)},v1=${signPayload("whsec_old", t, body)}`);
    expect(parseSignatureHeader(h)).toEqual({ timestamp: t, signatures: [signPayload("whsec_new", t, body), signPayload("whsec_old", t, body)] });
    expect(() => signatureHeader(t, body, [])).toThrow();
    expect(() => signatureHeader(1.5, body, ["x"])).toThrow();
  });

  it.each([
    ["the current secret", "whsec_new", body, at, true],
    ["the previous secret", "whsec_old", body, at, true],
    ["another secret", "whsec_other", body, at, false],
    ["a changed body", "whsec_new", `${body} `, at, false],
    ["5 minutes late (inside the tolerance)", "whsec_new", body, new Date(at.getTime() + 300_000), true],
    ["a little over 5 minutes late", "whsec_new", body, new Date(at.getTime() + 301_000), false],
    ["too early", "whsec_new", body, new Date(at.getTime() - 301_000), false],
  ] as const)("verifies with %s: %s", (_label, secret, b, now, ok) => {
    expect(verifySignature(signatureHeader(t, body, ["whsec_new", "whsec_old"]), b, secret, { now })).toBe(ok);
  });

  it.each([[null], [""], ["v1=abc"], [`t=${t}`], [`t=abc,v1=${"0".repeat(64)}`], [`t=${t},v1=xyz`]])("refuses a malformed header %j", (h) => {
    expect(verifySignature(h, body, "whsec_new", { now: at })).toBe(false);
  });
});
