/**
 * Concurrent work through Prisma (adapter-pg, pool of 10) gives exact results on both lanes:
 * the embedded PGlite server (transactions serialised by connection ownership) and PostgreSQL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { resetDatabase, testDbLane, testPrisma } from "../support/db";

let prisma: PrismaClient;

beforeAll(() => {
  process.env.DB_POOL_SIZE ??= "10";
  prisma = testPrisma();
});

afterAll(async () => {
  await prisma?.$disconnect();
});

beforeEach(async () => {
  await resetDatabase(prisma);
});

class Intentional extends Error {}

async function counterOf(id: string): Promise<number> {
  const org = await prisma.organisation.findUniqueOrThrow({ where: { id } });
  return (org.settings as { counter?: number }).counter ?? 0;
}

describe(`concurrency (${testDbLane()} lane)`, () => {
  it("20 parallel operations: creates, reads, locked read-modify-write transactions and a rollback", async () => {
    for (let round = 0; round < 3; round++) {
      const org = await prisma.organisation.create({
        data: { slug: `conc-${round}`, name: `Concurrency ${round}`, settings: { counter: 0 } },
      });
      const ops: Array<Promise<unknown>> = [];

      // 8 plain creates
      for (let i = 1; i <= 8; i++) {
        ops.push(prisma.selskab.create({ data: { organisationId: org.id, nr: i, name: `Selskab ${i}` } }));
      }
      // 4 reads
      for (let i = 0; i < 4; i++) {
        ops.push(prisma.selskab.findMany({ where: { organisationId: org.id } }));
      }
      // 7 interactive transactions: locked read-modify-write of the counter + a row
      for (let i = 0; i < 7; i++) {
        ops.push(
          prisma.$transaction(async (tx) => {
            const rows = await tx.$queryRaw<Array<{ settings: { counter: number } }>>`
              SELECT settings FROM "Organisation" WHERE id = ${org.id}::uuid FOR UPDATE`;
            const current = rows[0]!.settings.counter;
            await tx.selskab.create({ data: { organisationId: org.id, nr: 100 + i, name: `Tx ${i}` } });
            await tx.organisation.update({ where: { id: org.id }, data: { settings: { counter: current + 1 } } });
          }),
        );
      }
      // 1 transaction that writes, then throws: nothing of it may remain
      ops.push(
        prisma.$transaction(async (tx) => {
          const rows = await tx.$queryRaw<Array<{ settings: { counter: number } }>>`
            SELECT settings FROM "Organisation" WHERE id = ${org.id}::uuid FOR UPDATE`;
          await tx.selskab.create({ data: { organisationId: org.id, nr: 999, name: "Rolled back" } });
          await tx.organisation.update({
            where: { id: org.id },
            data: { settings: { counter: rows[0]!.settings.counter + 1000 } },
          });
          throw new Intentional("roll me back");
        }),
      );
      expect(ops).toHaveLength(20);

      const results = await Promise.allSettled(ops);
      const rejected = results.flatMap((r, i) => (r.status === "rejected" ? [{ i, reason: r.reason as unknown }] : []));
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.i).toBe(19);
      expect(rejected[0]!.reason).toBeInstanceOf(Intentional);

      expect(await counterOf(org.id)).toBe(7);
      const selskaber = await prisma.selskab.findMany({ where: { organisationId: org.id }, orderBy: { nr: "asc" } });
      expect(selskaber.map((s) => s.nr)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 100, 101, 102, 103, 104, 105, 106]);
      expect(await prisma.selskab.count({ where: { nr: 999 } })).toBe(0);
    }
    expect(await prisma.organisation.count()).toBe(3);
  });

  it("atomic increments from 20 parallel transactions are all counted", async () => {
    const org = await prisma.organisation.create({ data: { slug: "atomic", name: "Atomic", settings: { counter: 0 } } });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        prisma.$transaction(async (tx) => {
          await tx.$executeRaw`
            UPDATE "Organisation"
               SET settings = jsonb_set(settings, '{counter}', to_jsonb((settings->>'counter')::int + 1))
             WHERE id = ${org.id}::uuid`;
          await tx.selskab.create({ data: { organisationId: org.id, nr: i + 1, name: `S${i}` } });
        }),
      ),
    );
    expect(await counterOf(org.id)).toBe(20);
    expect(await prisma.selskab.count({ where: { organisationId: org.id } })).toBe(20);
  });

  it("a unique violation inside one of many parallel transactions is P2002 and rolls back only that one", async () => {
    const org = await prisma.organisation.create({ data: { slug: "uniq", name: "Uniq" } });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        prisma.$transaction(async (tx) => {
          await tx.selskab.create({ data: { organisationId: org.id, nr: 1000 + i, name: `first ${i}` } });
          // Two transactions (i = 0 and i = 1) both want nr 1: exactly one of them fails.
          await tx.selskab.create({ data: { organisationId: org.id, nr: i < 2 ? 1 : 2 + i, name: `second ${i}` } });
        }),
      ),
    );
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed).toHaveLength(1);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ code: "P2002" });
    expect(await prisma.selskab.count({ where: { organisationId: org.id } })).toBe(18);
  });
});
