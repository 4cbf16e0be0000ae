/** fast-check arbitraries shared by the rules' property tests. */
import fc from "fast-check";
import type { NoticeRule } from "@/lib/rules";
import { addDays } from "@/lib/rules/calendar";

export const EPOCH = "2000-01-01";
/** A valid ISO date between 2000-01-01 and about 2060. */
export const isoDate = fc.integer({ min: 0, max: 60 * 365 }).map((n) => addDays(EPOCH, n));

/** Every shape of notice rule the spec allows. */
export const noticeRule: fc.Arbitrary<NoticeRule> = fc.oneof(
  fc.record(
    { months: fc.integer({ min: 0, max: 24 }), days: fc.integer({ min: 0, max: 60 }), anchor: fc.constantFrom("first" as const, "first-or-fifteenth" as const, "any" as const) },
    { requiredKeys: ["months", "anchor"] },
  ),
  fc.record(
    { months: fc.integer({ min: 0, max: 24 }), days: fc.integer({ min: 0, max: 60 }), anchor: fc.constant("first" as const), runningMonth: fc.boolean() },
    { requiredKeys: ["months", "anchor", "runningMonth"] },
  ),
);
