/** lib/jobs: the backoff and the schedule clocks (Danish time, summer time included). */
import { describe, expect, it } from "vitest";
import { backoffMs, defineJob } from "@/lib/jobs/define";
import { dailyAt, every } from "@/lib/jobs/schedule";
import { z } from "zod";

describe("backoffMs", () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [50, 3_600_000],
  ])("after %i failed attempts waits %i ms", (attempt, ms) => {
    expect(backoffMs(attempt)).toBe(ms);
  });
});

describe("dailyAt", () => {
  it.each([
    ["winter, before the time", "2026-12-01T01:00:00.000Z", 3, 15, "2026-12-01T02:15:00.000Z"],
    ["winter, after the time", "2026-12-01T02:15:00.000Z", 3, 15, "2026-12-02T02:15:00.000Z"],
    ["summer", "2027-06-10T00:00:00.000Z", 3, 15, "2027-06-10T01:15:00.000Z"],
    ["into summer time (28 March 2027)", "2027-03-27T12:00:00.000Z", 8, 0, "2027-03-28T06:00:00.000Z"],
    ["out of summer time (31 October 2027)", "2027-10-30T12:00:00.000Z", 8, 0, "2027-10-31T07:00:00.000Z"],
    ["midnight in Denmark is the day before in UTC", "2026-12-31T22:59:00.000Z", 0, 0, "2026-12-31T23:00:00.000Z"],
  ])("%s", (_label, after, h, m, expected) => {
    expect(dailyAt(h, m)(new Date(after)).toISOString()).toBe(expected);
  });

  it.each([[24, 0], [-1, 0], [3, 60], [1.5, 0]])("refuses %s:%s", (h, m) => {
    expect(() => dailyAt(h, m)).toThrow(/bad time of day/);
  });
});

describe("every", () => {
  it("aligns to multiples of its period and is strictly after", () => {
    expect(every(3_600_000)(new Date("2026-12-01T10:00:00.000Z")).toISOString()).toBe("2026-12-01T11:00:00.000Z");
    expect(every(3_600_000)(new Date("2026-12-01T10:59:59.999Z")).toISOString()).toBe("2026-12-01T11:00:00.000Z");
  });
});

describe("defineJob", () => {
  const payload = z.object({});
  const run = async () => undefined;
  it.each([
    ["a name that is not kebab-case", { name: "SendMail", version: 1 }, /kebab-case/],
    ["version 0", { name: "send-mail", version: 0 }, /version/],
    ["maxAttempts 0", { name: "send-mail", version: 1, maxAttempts: 0 }, /maxAttempts/],
  ])("refuses %s", (_label, def, message) => {
    expect(() => defineJob({ payload, run, ...def })).toThrow(message);
  });
});
