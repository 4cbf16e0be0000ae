/**
 * Bank accounts for the refund when NemKonto is not used (docs/rules.md: "Bank account").
 * A Danish account (reg. no. + account no.) is checked for its form only — Danish account numbers
 * have no universal checksum — and gets its IBAN; a foreign account is an IBAN checked by its
 * ISO 13616 / ISO 7064 MOD 97-10 check digits and its country's length and format (ibantools).
 */
import { ValidationErrorsIBAN, electronicFormatIBAN, friendlyFormatIBAN, validateIBAN } from "ibantools";
import { RuleError } from "./errors";

const SEPARATORS = /[\s.\-]/g;

/** ISO 7064 MOD 97-10 remainder of a string of digits and capital letters (A = 10 … Z = 35). */
function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const v = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest;
}

/** The two IBAN check digits of a country code and BBAN (ISO 13616). */
function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, "0");
}

/**
 * Checks and normalises a Danish account: spaces, dots and hyphens are removed; the registration
 * number must then be exactly 4 digits and the account number 1–10 digits, left-padded with zeros
 * to 10. Returns both and the account's IBAN (`DK` + check digits + reg. no. + account no.).
 * Example: ("1234", "123456") → { regNo: "1234", accountNo: "0000123456", iban: "DK3912340000123456" }.
 * Anything else throws RuleError('invalid-bank-account').
 */
export function danishBankAccount(regNo: string, accountNo: string): { regNo: string; accountNo: string; iban: string } {
  if (typeof regNo !== "string" || typeof accountNo !== "string") {
    throw new RuleError("invalid-bank-account", "The registration number and the account number must both be given.");
  }
  const reg = regNo.replace(SEPARATORS, "");
  const acc = accountNo.replace(SEPARATORS, "");
  if (!/^\d{4}$/.test(reg)) {
    throw new RuleError("invalid-bank-account", `The registration number "${regNo.trim()}" is not valid: it must be exactly 4 digits (e.g. 1234).`);
  }
  if (!/^\d{1,10}$/.test(acc)) {
    throw new RuleError("invalid-bank-account", `The account number "${accountNo.trim()}" is not valid: it must be 1 to 10 digits.`);
  }
  const bban = reg + acc.padStart(10, "0");
  return { regNo: reg, accountNo: bban.slice(4), iban: `DK${ibanCheckDigits("DK", bban)}${bban}` };
}

/**
 * Checks an IBAN (a foreign account, or a Danish one written as an IBAN): spaces and hyphens are
 * removed and letters capitalised; the country must use IBANs, the length and format must be that
 * country's, and the MOD-97 check digits must agree. Returns the IBAN in electronic form, its
 * country code and the printed form in groups of four. Throws RuleError('invalid-iban').
 * Example: "de89 3704 0044 0532 0130 00" → { iban: "DE89370400440532013000", country: "DE", … }.
 */
export function parseIban(text: string): { iban: string; country: string; printed: string } {
  if (typeof text !== "string" || text.trim() === "") throw new RuleError("invalid-iban", "The IBAN is missing: write the account's IBAN, e.g. DE89 3704 0044 0532 0130 00.");
  const iban = (electronicFormatIBAN(text.replace(/\./g, "")) ?? "").toUpperCase();
  const shown = text.trim();
  const result = validateIBAN(iban);
  if (!result.valid) {
    const codes = result.errorCodes;
    const why = codes.includes(ValidationErrorsIBAN.NoIBANCountry)
      ? "it does not start with the code of a country that uses IBANs (e.g. DE, SE, NO)"
      : codes.includes(ValidationErrorsIBAN.WrongBBANLength)
        ? "it has the wrong number of characters for its country"
        : codes.includes(ValidationErrorsIBAN.WrongBBANFormat) || codes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)
          ? "the account part is not in its country's format"
          : codes.includes(ValidationErrorsIBAN.ChecksumNotNumber) || codes.includes(ValidationErrorsIBAN.WrongIBANChecksum)
            ? "the check digits do not match — check for a typing mistake"
            : "it is not an IBAN";
    throw new RuleError("invalid-iban", `The IBAN "${shown}" is not valid: ${why}.`);
  }
  return { iban, country: iban.slice(0, 2), printed: friendlyFormatIBAN(iban) ?? iban };
}
