/**
 * Fraflyt's date and eligibility rules (explained with examples in docs/rules.md): pure functions, no database, no clock —
 * `today` / `now` is always an argument. Dates are ISO strings 'YYYY-MM-DD' (Europe/Copenhagen
 * calendar days); bad input throws RuleError, never a wrong date.
 */
export { RuleError, type RuleErrorCode } from "./errors";
export { type ISODate, isISODate, isDanishPublicHoliday } from "./calendar";
export * from "./notice";
export * from "./moveout";
export * from "./reletting";
export * from "./tile";
export * from "./formula";
export * from "./automation";
export * from "./notice-date";
export * from "./date-formula";
export * from "./bank";
