/**
 * The one error type the rules throw. `code` is stable for programs; `message` is written for a
 * staff member (English; the UI translates by code). A rule never returns a wrong date: bad input throws.
 */
export type RuleErrorCode =
  | "invalid-date"
  | "invalid-instant"
  | "invalid-month-day"
  | "invalid-number"
  | "invalid-rule"
  | "invalid-formula"
  | "invalid-reletting-rule"
  | "invalid-date-formula"
  | "invalid-bank-account"
  | "invalid-iban";

export class RuleError extends Error {
  readonly code: RuleErrorCode;
  /** For formula errors: the 0-based character position where parsing failed. */
  readonly position?: number;

  constructor(code: RuleErrorCode, message: string, position?: number) {
    super(message);
    this.name = "RuleError";
    this.code = code;
    if (position !== undefined) this.position = position;
  }
}
