/**
 * The one place a Prisma client is created. Everything goes through adapter-pg, whether
 * DATABASE_URL points at real PostgreSQL or at the embedded PGlite server (scripts/embedded-db.ts).
 *
 * Only lib/ may import this file; organisation data is reached through lib/db/scoped.ts (orgDb),
 * platform data through lib/db/platform.ts.
 */
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;

export function createPrismaClient(connectionString = process.env.DATABASE_URL): PrismaClient {
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which starts the embedded database.");
  }
  const max = Number(process.env.DB_POOL_SIZE ?? 10);
  const adapter = new PrismaPg({ connectionString, max, idleTimeoutMillis: 30_000 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { __fraflytPrisma?: PrismaClient };

/** The process-wide client (one pool per app instance). */
export function prisma(): PrismaClient {
  globalForPrisma.__fraflytPrisma ??= createPrismaClient();
  return globalForPrisma.__fraflytPrisma;
}
