/**
 * The shared request limits (lib/security/rate-limit.ts) on the real database of this lane: the
 * counters live in PostgreSQL, so two separate pools (two app instances) count together.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { consume, LIMITS, reset } from "@/lib/security/rate-limit";
import { testDatabaseUrl } from "../support/db";

describe("rate limits on PostgreSQL", () => {
  process.env.DATABASE_URL ??= testDatabaseUrl();
  const url = process.env.DATABASE_URL;
  const other = new pg.Pool({ connectionString: url, max: 1 });
  afterAll(() => other.end());

  it("allows `points` requests per key, then refuses with the seconds to wait", async () => {
    const key = `test-${randomUUID()}`;
    const { points, duration } = LIMITS.signInPerIp;
    for (let i = 0; i < points; i++) expect((await consume("signInPerIp", key)).ok).toBe(true);
    const refused = await consume("signInPerIp", key);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(duration);
    }
    // Another key is not affected.
    expect((await consume("signInPerIp", `${key}-other`)).ok).toBe(true);
  });

  it("keeps the count in the database, where every instance sees it", async () => {
    const key = `test-${randomUUID()}`;
    await consume("jsonRoutePerIp", key);
    await consume("jsonRoutePerIp", key);
    const row = await other.query<{ points: number }>("SELECT points FROM rate_limits WHERE key = $1", [`jsonRoutePerIp:${key}`]);
    expect(row.rows[0]?.points).toBe(2);
    await reset("jsonRoutePerIp", key);
    const gone = await other.query("SELECT 1 FROM rate_limits WHERE key = $1", [`jsonRoutePerIp:${key}`]);
    expect(gone.rowCount).toBe(0);
  });
});
