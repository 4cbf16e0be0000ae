import { expect } from "vitest";
import { RuleError } from "@/lib/rules";

/** Runs `fn`, expects it to throw a RuleError, and returns it. */
export function errorOf(fn: () => unknown): RuleError {
  try {
    fn();
  } catch (e) {
    expect(e, "expected a RuleError to be thrown").toBeInstanceOf(RuleError);
    return e as RuleError;
  }
  throw new Error("expected a RuleError, nothing was thrown");
}

/** Expects a RuleError with `code` and a message a staff member can read. */
export function expectRuleError(fn: () => unknown, code: string): void {
  const err = errorOf(fn);
  expect(err.code).toBe(code);
  expect(err.message.length).toBeGreaterThan(20);
  expect(err.message).not.toMatch(/undefined|NaN|\[object/);
}
