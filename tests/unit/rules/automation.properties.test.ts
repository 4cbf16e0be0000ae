import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { automationAllowed, apiTokenExpiry, type AutomationPolicy } from "@/lib/rules";

const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2029, 0, 1) - 1;
const HOUR = 3_600_000;
const RUNS = 300;

/** Uniform instants in 2026–2028, plus instants within a few ms of a whole hour (08:00, 18:00, midnight …). */
const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(fc.integer({ min: FROM / HOUR, max: Math.floor(TO / HOUR) }), fc.integer({ min: -2, max: 2 }))
    .map(([h, delta]) => h * HOUR + delta),
);

/** Writes an instant with `Z` or with an offset (in minutes), as a client might. */
function write(ms: number, offsetMinutes: number | null): string {
  if (offsetMinutes === null) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const offset = fc.oneof(fc.constant(null), fc.constantFrom(0, 60, 120, -300, 330, 540, -720, 840));

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDay = fc
  .integer({ min: 1, max: 12 })
  .chain((m) => fc.integer({ min: 1, max: DAYS[m - 1] as number }).map((d) => `${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`));

const policy: fc.Arbitrary<AutomationPolicy | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.constant({ yearlyWindow: null }),
  fc.record({ yearlyWindow: fc.record({ from: monthDay, to: monthDay }) }),
);

function mmdd(ms: number): string {
  return new Date(ms).toISOString().slice(5, 10);
}

/** An instant together with a policy whose window starts or ends within a few days of it (the tricky cases). */
const instantAndPolicy: fc.Arbitrary<[number, AutomationPolicy | undefined]> = fc.oneof(
  fc.tuple(instant, policy),
  fc
    .tuple(instant, fc.integer({ min: -3, max: 4 }), fc.integer({ min: 0, max: 40 }), fc.boolean())
    .map(([ms, k, len, startNear]): [number, AutomationPolicy] => {
      const near = ms + k * 86_400_000;
      const far = startNear ? near + len * 86_400_000 : near - len * 86_400_000;
      return [ms, { yearlyWindow: startNear ? { from: mmdd(near), to: mmdd(far) } : { from: mmdd(far), to: mmdd(near) } }];
    }),
);

function allowedAt(ms: number, p: AutomationPolicy | undefined): boolean {
  const now = new Date(ms).toISOString();
  return automationAllowed(p === undefined ? { now } : { now, policy: p }).allowed;
}

describe("automationAllowed properties", () => {
  it("nextAllowed is after now, allowed, and the earliest such instant", () => {
    fc.assert(
      fc.property(instantAndPolicy, offset, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }), ([ms, p], off, samples) => {
        const now = write(ms, off);
        const r = automationAllowed(p === undefined ? { now } : { now, policy: p });
        if (r.allowed) return;
        const next = Date.parse(r.nextAllowed);
        expect(new Date(next).toISOString()).toBe(r.nextAllowed);
        expect(next).toBeGreaterThan(ms);
        expect(allowedAt(next, p)).toBe(true);
        if (next - 1 > ms) expect(allowedAt(next - 1, p)).toBe(false);
        for (const s of samples) {
          const between = ms + Math.floor((next - ms) * s);
          if (between > ms && between < next) expect(allowedAt(between, p)).toBe(false);
        }
        // the same instant asked about later gives the same answer
        expect(automationAllowed(p === undefined ? { now: new Date(ms + 1).toISOString() } : { now: new Date(ms + 1).toISOString(), policy: p })).toMatchObject(
          ms + 1 < next ? { allowed: false, nextAllowed: r.nextAllowed } : { allowed: true },
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("the way an instant is written (Z or any offset) does not change the answer", () => {
    fc.assert(
      fc.property(instantAndPolicy, offset, offset, ([ms, p], a, b) => {
        const ask = (now: string) => automationAllowed(p === undefined ? { now } : { now, policy: p });
        expect(ask(write(ms, a))).toEqual(ask(write(ms, b)));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("apiTokenExpiry properties", () => {
  it("expires after the issue time, within 25 hours, at a local midnight", () => {
    fc.assert(
      fc.property(instant, offset, (ms, off) => {
        const expiry = apiTokenExpiry(write(ms, off));
        const t = Date.parse(expiry);
        expect(new Date(t).toISOString()).toBe(expiry);
        expect(t).toBeGreaterThan(ms);
        expect(t - ms).toBeLessThanOrEqual(25 * HOUR);
        // a token issued in the last millisecond of that day expires at the same midnight …
        expect(apiTokenExpiry(new Date(t - 1).toISOString())).toBe(expiry);
        // … and the next day is 23, 24 or 25 hours long
        const following = Date.parse(apiTokenExpiry(expiry)) - t;
        expect([23 * HOUR, 24 * HOUR, 25 * HOUR]).toContain(following);
      }),
      { numRuns: RUNS },
    );
  });
});
