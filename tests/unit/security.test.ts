/** Keys, hashes, TOTP, safe redirects and settings parsing. */
import { describe, expect, it } from "vitest";
import { cprHash, decryptSecret, encryptSecret, normaliseCpr, subjectHash } from "@/lib/crypto";
import { currentTotp, newTotpSecret, verifyTotp } from "@/lib/auth/totp";
import { safeReturnPath } from "@/lib/http/paths";
import { hasPermission, permissionsOf, AUTOMATION_ROLES } from "@/lib/auth/permissions";
import { readSettings, organisationSettingsSchema } from "@/lib/organisation/settings";

process.env.DATA_KEY ??= "unit-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

describe("CPR numbers are only ever a keyed hash", () => {
  it.each([
    ["0101851234", "0101851234"],
    ["010185-1234", "0101851234"],
    [" 010185 1234 ", "0101851234"],
    ["01018512345", null],
    ["abcdefghij", null],
    ["", null],
  ])("normaliseCpr(%j) = %j", (input, expected) => {
    expect(normaliseCpr(input)).toBe(expected);
  });

  it("hashes the same person the same way, whatever the format, and never contains the number", () => {
    const h = cprHash("010185-1234");
    expect(h).toBe(cprHash("0101851234"));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain("0101851234");
    expect(cprHash("0101851235")).not.toBe(h);
    expect(() => cprHash("12")).toThrow();
  });

  it("subject hashes depend on the issuer", () => {
    expect(subjectHash("https://a", "x")).not.toBe(subjectHash("https://b", "x"));
  });
});

describe("secrets at rest", () => {
  it("round-trip and are not readable", () => {
    const enc = encryptSecret("JBSWY3DPEHPK3PXP");
    expect(enc).not.toContain("JBSWY3DPEHPK3PXP");
    expect(decryptSecret(enc)).toBe("JBSWY3DPEHPK3PXP");
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("refuse tampered ciphertext", () => {
    const enc = encryptSecret("secret");
    const parts = enc.split(".");
    const tampered = [...parts.slice(0, 3), Buffer.from("XXXXXX").toString("base64")].join(".");
    expect(() => decryptSecret(tampered)).toThrow();
    expect(() => decryptSecret("garbage")).toThrow();
  });
});

describe("TOTP", () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);
  it.each([
    ["the current code", currentTotp(secret, now), true],
    ["the previous step (clock drift)", currentTotp(secret, now - 30_000), true],
    ["a code two steps old", currentTotp(secret, now - 60_000), false],
    ["a code from yesterday", currentTotp(secret, now - 86_400_000), false],
    ["letters", "abcdef", false],
    ["five digits", "12345", false],
    ["empty", "", false],
  ])("%s → %s", (_label, code, ok) => {
    expect(verifyTotp(secret, code, now)).toBe(ok);
  });
});

describe("safeReturnPath stops open redirects", () => {
  it.each([
    ["/nordhavn/beboer/selvbetjening/opsigelse", "/nordhavn/beboer/selvbetjening/opsigelse"],
    ["/nordhavn/beboer", "/nordhavn/beboer"],
    ["/nordhavn/beboer?x=1", "/nordhavn/beboer?x=1"],
    ["https://evil.example/nordhavn/beboer", "/fallback"],
    ["//evil.example/nordhavn/beboer", "/fallback"],
    ["/\\evil.example", "/fallback"],
    ["/solbakken/beboer", "/fallback"],
    ["/nordhavn/beboerX", "/fallback"],
    [undefined, "/fallback"],
  ])("%j → %j", (value, expected) => {
    expect(safeReturnPath(value, "/nordhavn/beboer", "/fallback")).toBe(expected);
  });
});

describe("permissions", () => {
  it("follow the role registry", () => {
    expect(hasPermission(["READ_ONLY"], "notices.read")).toBe(true);
    expect(hasPermission(["READ_ONLY"], "notices.manage")).toBe(false);
    expect(hasPermission(["COMPLETE_TODOS"], "todos.complete")).toBe(true);
    expect(hasPermission(["COMPLETE_TODOS"], "users.manage")).toBe(false);
    expect(hasPermission(["MANAGE_USERS"], "users.manage")).toBe(true);
    expect(permissionsOf(["NOT_A_ROLE"]).size).toBe(0);
    expect(AUTOMATION_ROLES).toEqual(["COMPLETE_TODOS"]);
  });
});

describe("organisation settings", () => {
  it("default to the guide's values", () => {
    const s = readSettings({});
    expect(s.closingDays).toEqual(["06-05", "12-24", "12-31"]);
    expect(s.inspectionWindowDays).toBe(14);
    expect(s.relettingRule).toBe("");
    expect(s.automation.yearlyWindow).toEqual({ from: "04-01", to: "05-15" });
    expect(s.documentFolder).toBe("Opsigelse – Fraflytning");
  });

  it("keep valid fields and drop broken ones instead of breaking a page", () => {
    const s = readSettings({ relettingRule: "42;1,15", inspectionWindowDays: -3, closingDays: ["13-40"] });
    expect(s.relettingRule).toBe("42;1,15");
    expect(s.inspectionWindowDays).toBe(14);
    expect(s.closingDays).toEqual(["06-05", "12-24", "12-31"]);
  });

  it.each([
    [{ relettingRule: "42;" }],
    [{ relettingFormula: "((Dag=1)" }],
    [{ moveOutFormula: "Dag" }],
    [{ closingDays: ["5-6"] }],
  ])("refuse %j when staff save it", (input) => {
    expect(organisationSettingsSchema.safeParse(input).success).toBe(false);
  });
});
