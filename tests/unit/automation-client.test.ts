import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "../../examples/automation-client";
import { wantsValidateOnly } from "../../lib/api/prefer";

const at = new Date("2026-12-02T09:00:00Z");
const t = Math.floor(at.getTime() / 1000);
const body = '{"event":"notice.submitted","id":"x"}';
const hex = (secret: string, ts = t, b = body) => createHmac("sha256", secret).update(`${ts}.${b}`).digest("hex");

describe("the example client's webhook signature check (CONTEXT: HMAC-SHA256 over `${t}.${body}`)", () => {
  it("accepts the current secret's signature, and either of two during rotation", () => {
    expect(verifyWebhookSignature(`t=${t},v1=${hex("new")}`, body, ["new"], { now: at })).toBe(true);
    expect(verifyWebhookSignature(`t=${t},v1=${hex("new")},v1=${hex("old")}`, body, ["old"], { now: at })).toBe(true);
    expect(verifyWebhookSignature(signWebhook(body, ["a", "b"], at), body, ["b"], { now: at })).toBe(true);
  });
  it("refuses another body, another secret, a stale timestamp and malformed headers", () => {
    expect(verifyWebhookSignature(`t=${t},v1=${hex("new")}`, `${body} `, ["new"], { now: at })).toBe(false);
    expect(verifyWebhookSignature(`t=${t},v1=${hex("new")}`, body, ["other"], { now: at })).toBe(false);
    expect(verifyWebhookSignature(`t=${t - 301},v1=${hex("new", t - 301)}`, body, ["new"], { now: at })).toBe(false);
    expect(verifyWebhookSignature(`v1=${hex("new")}`, body, ["new"], { now: at })).toBe(false);
    expect(verifyWebhookSignature(`t=${t}`, body, ["new"], { now: at })).toBe(false);
    expect(verifyWebhookSignature(null, body, ["new"], { now: at })).toBe(false);
  });
});

describe("validate-only preference", () => {
  it.each([
    [null, undefined, false],
    ["validate-only", undefined, true],
    ["return=minimal, Validate-Only", undefined, true],
    ["respond-async", undefined, false],
    [null, "1", true],
    [null, "true", true],
    [null, "0", false],
  ] as const)("Prefer %s, ?validateOnly=%s → %s", (prefer, q, want) => {
    expect(wantsValidateOnly(prefer, q)).toBe(want);
  });
});
