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

/** The day the demo data of the integration tests is seeded for (lib/demo/seed.ts). */
export const DEMO_SEED_DAY = "2026-11-25";

/**
 * The test database with the demo organisations (nordhavn, solbakken) in it: points DATABASE_URL
 * at it (for code that opens its own client), seeds the demo data once (seedDemo is a no-op when
 * it is there) and returns a client. Disconnect it in afterAll.
 */
export async function demoDatabase(): Promise<PrismaClient> {
  process.env.DATABASE_URL = testDatabaseUrl();
  const prisma = testPrisma();
  const { seedDemo } = await import("../../lib/demo/seed");
  await seedDemo({ db: prisma, today: DEMO_SEED_DAY, idpIssuer: "http://localhost:4999" });
  return prisma;
}
