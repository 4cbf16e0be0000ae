/**
 * The store behind lib/security/rate-limit.ts: a small pg pool on DATABASE_URL, shared by every
 * limiter of this process. The counters live in the table `rate_limits` (model RateLimit in
 * schema.prisma, created by the migrations), so every app instance behind a load balancer shares
 * them.
 */
import "server-only";
import pg from "pg";

const globalForStore = globalThis as unknown as { __fraflytRateLimitPool?: pg.Pool };

export const RATE_LIMIT_TABLE = "rate_limits";

export function rateLimitPool(connectionString = process.env.DATABASE_URL): pg.Pool {
  if (!connectionString) throw new Error("DATABASE_URL is not set: rate limits live in the database.");
  if (!globalForStore.__fraflytRateLimitPool) {
    const pool = new pg.Pool({ connectionString, max: Number(process.env.RATE_LIMIT_POOL_SIZE ?? 2), idleTimeoutMillis: 30_000 });
    // An idle client whose server went away emits "error"; without a listener that ends the process.
    // The limiter's next query reconnects (and its in-memory insurance limiter covers the gap).
    pool.on("error", (err) => console.warn(`rate-limit store: idle connection lost (${err.message})`));
    globalForStore.__fraflytRateLimitPool = pool;
  }
  return globalForStore.__fraflytRateLimitPool;
}
