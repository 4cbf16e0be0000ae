/**
 * Database helpers for integration tests. The database comes from tests/support/global-db.ts.
 */
import { inject } from "vitest";
import { createPrismaClient } from "../../lib/db/client";
import type { PrismaClient } from "../../lib/generated/prisma/client";

export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

export function testDbLane(): "embedded" | "postgres" {
  return inject("dbLane");
}

/** A Prisma client (adapter-pg, pool of DB_POOL_SIZE or 10) on the test database. Disconnect it in afterAll. */
export function testPrisma(): PrismaClient {
  return createPrismaClient(testDatabaseUrl());
}

/** Empties every app table (all of schema public except _prisma_migrations). */
export async function resetDatabase(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRaw<Array<{ tablename: string }>>`
    SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((t) => `"public"."${t.tablename.replace(/"/g, '""')}"`).join(", ");
  await prisma.$executeRawUnsafe(`TRUNCATE ${list} CASCADE`);
}
