/**
 * A cursor is a unique where too: Prisma finds the cursor row with its own sub-select, outside the
 * query's `where`. Through organisation A's accessor, a cursor naming B's row must not position the
 * page (that would tell whether B's id exists, and — with orderBy on a field — where B's value lies,
 * one bisection step per query). Every organisation model, from the schema.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { delegateName, ORG_MODELS, type OrgDb, type OrgModel } from "@/lib/db/scoped";
import { twoPopulatedOrganisations, type Ids } from "../support/org-fixtures";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const delegate = (db: OrgDb, model: OrgModel): any => (db as unknown as Record<string, unknown>)[delegateName(model)];

let prisma: Db;
let dbA: OrgDb;
let a: Ids;
let b: Ids;

beforeAll(async () => {
  prisma = createPrismaClient(inject("databaseUrl"));
  ({ dbA, a, b } = await twoPopulatedOrganisations(prisma, "cur"));
});

afterAll(async () => {
  await prisma?.$disconnect();
});

// Both directions: if B's row positioned the page, A's row lies after it in one of them.
const DIRECTIONS = ["asc", "desc"] as const;

describe("a cursor stays inside the organisation", () => {
  it.each([...ORG_MODELS])("%s: A's own cursor pages A's rows; B's row as cursor finds nothing", async (model) => {
    for (const dir of DIRECTIONS) {
      const own = await delegate(dbA, model).findMany({ cursor: { id: a[model] }, orderBy: { id: dir }, select: { id: true } });
      expect(own.map((r: { id: string }) => r.id)).toContain(a[model]);
      const foreign = await delegate(dbA, model).findMany({ cursor: { id: b[model] }, orderBy: { id: dir }, select: { id: true } });
      expect(foreign, `findMany ${dir}`).toEqual([]);
      const first = await delegate(dbA, model).findFirst({ cursor: { id: b[model] }, orderBy: { id: dir }, select: { id: true } });
      expect(first, `findFirst ${dir}`).toBeNull();
      expect(await delegate(dbA, model).count({ cursor: { id: b[model] }, orderBy: { id: dir } }), `count ${dir}`).toBe(0);
    }
  });

  it("in a nested relation list (include and select) too", async () => {
    for (const dir of DIRECTIONS) {
      const nested = { cursor: { id: b.Lejer }, orderBy: { id: dir }, select: { id: true } } as const;
      const viaInclude = await dbA.lejemaal.findUniqueOrThrow({ where: { id: a.Lejemaal }, include: { lejere: nested } });
      expect(viaInclude.lejere, `include ${dir}`).toEqual([]);
      const viaSelect = await dbA.ejendom.findUniqueOrThrow({ where: { id: a.Ejendom }, select: { lejemaal: { select: { lejere: nested } } } });
      expect(viaSelect.lejemaal.flatMap((l) => l.lejere), `select ${dir}`).toEqual([]);
      // A's own cursor still works there.
      const own = await dbA.lejemaal.findUniqueOrThrow({ where: { id: a.Lejemaal }, include: { lejere: { ...nested, cursor: { id: a.Lejer } } } });
      expect(own.lejere.map((l) => l.id)).toEqual([a.Lejer]);
    }
  });
});
