import { describe, it, expect } from "vitest";
import { isValidIBAN } from "ibantools";
import { danishBankAccount, parseIban } from "@/lib/rules";
import { errorOf, expectRuleError } from "../../support/rule-error";

describe("danishBankAccount", () => {
  it.each<[string, string, string, { regNo: string; accountNo: string; iban: string }]>([
    ["spec: reg 1234, account 123456", "1234", "123456", { regNo: "1234", accountNo: "0000123456", iban: "DK3912340000123456" }],
    ["spaces are removed", " 12 34 ", "12 34 56", { regNo: "1234", accountNo: "0000123456", iban: "DK3912340000123456" }],
    ["dots and hyphens are removed", "1.234", "0000-123.456", { regNo: "1234", accountNo: "0000123456", iban: "DK3912340000123456" }],
    ["a full 10-digit account", "5301", "0244805", { regNo: "5301", accountNo: "0000244805", iban: "DK3153010000244805" }],
    ["ten digits stay", "2000", "1234567890", { regNo: "2000", accountNo: "1234567890", iban: "DK2720001234567890" }],
    ["a one-digit account", "9999", "1", { regNo: "9999", accountNo: "0000000001", iban: "DK7799990000000001" }],
    ["all zeros", "0000", "0", { regNo: "0000", accountNo: "0000000000", iban: "DK1800000000000000" }],
    ["a tab and a non-breaking space", "1234\t", "123\u00a0456", { regNo: "1234", accountNo: "0000123456", iban: "DK3912340000123456" }],
  ])("%s", (_name, reg, account, expected) => {
    const result = danishBankAccount(reg, account);
    expect(result).toEqual(expected);
    // an independent check of the check digits
    expect(isValidIBAN(result.iban)).toBe(true);
  });

  it.each<[string, string, string, RegExp]>([
    ["a 3-digit reg. no.", "123", "123456", /registration number "123".*exactly 4 digits/],
    ["a 5-digit reg. no.", "12345", "123456", /registration number/],
    ["letters in the reg. no.", "12a4", "123456", /registration number/],
    ["an empty reg. no.", "", "123456", /registration number/],
    ["an 11-digit account", "1234", "12345678901", /account number "12345678901".*1 to 10 digits/],
    ["an empty account", "1234", " ", /account number/],
    ["letters in the account", "1234", "12345O", /account number/],
    ["a plus sign in the account", "1234", "+123456", /account number/],
    ["other punctuation", "1234", "123/456", /account number/],
  ])("refuses %s", (_name, reg, account, message) => {
    expectRuleError(() => danishBankAccount(reg, account), "invalid-bank-account");
    expect(errorOf(() => danishBankAccount(reg, account)).message).toMatch(message);
  });

  it("refuses values that are not text", () => {
    expectRuleError(() => danishBankAccount(1234 as unknown as string, "123456"), "invalid-bank-account");
    expectRuleError(() => danishBankAccount("1234", undefined as unknown as string), "invalid-bank-account");
  });
});

describe("parseIban", () => {
  it.each<[string, string, { iban: string; country: string; printed: string }]>([
    ["a German IBAN in groups", "DE89 3704 0044 0532 0130 00", { iban: "DE89370400440532013000", country: "DE", printed: "DE89 3704 0044 0532 0130 00" }],
    ["lower case", "de89370400440532013000", { iban: "DE89370400440532013000", country: "DE", printed: "DE89 3704 0044 0532 0130 00" }],
    ["a Swedish IBAN", "SE45 5000 0000 0583 9825 7466", { iban: "SE4550000000058398257466", country: "SE", printed: "SE45 5000 0000 0583 9825 7466" }],
    ["a Norwegian IBAN with hyphens", "NO93-8601-1117-947", { iban: "NO9386011117947", country: "NO", printed: "NO93 8601 1117 947" }],
    ["a British IBAN", "GB29 NWBK 6016 1331 9268 19", { iban: "GB29NWBK60161331926819", country: "GB", printed: "GB29 NWBK 6016 1331 9268 19" }],
    ["a Danish IBAN", "DK39 1234 0000 1234 56", { iban: "DK3912340000123456", country: "DK", printed: "DK39 1234 0000 1234 56" }],
  ])("%s", (_name, text, expected) => {
    expect(parseIban(text)).toEqual(expected);
  });

  it.each<[string, string, RegExp]>([
    ["one wrong digit", "DE89 3704 0044 0532 0130 01", /check digits/],
    ["two swapped digits", "DE89 3704 0044 0532 0103 00", /check digits/],
    ["a country without IBAN", "US64 SVBK US6S 3300 9673 86", /country/],
    ["no country", "89370400440532013000", /country/],
    ["too short for Germany", "DE89 3704 0044 0532 0130 0", /number of characters/],
    ["letters where Germany has digits", "DE89 3704 0044 0532 0130 0A", /format/],
    ["empty", "   ", /missing/],
  ])("refuses %s", (_name, text, message) => {
    expectRuleError(() => parseIban(text), "invalid-iban");
    expect(errorOf(() => parseIban(text)).message).toMatch(message);
  });
});
