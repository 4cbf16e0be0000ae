/**
 * Organisation isolation, for every organisation-owned model and every relation, both derived from
 * the schema (ORG_MODELS and the client's runtime data model), so that a new model or relation is
 * covered without editing this file:
 *  - through organisation A's accessor, organisation B's rows are invisible (find, count,
 *    aggregate, relation filters, include with nested where) and unchangeable (update, delete,
 *    upsert, create-for-B);
 *  - every nested write on every relation (connect, connectOrCreate, set, disconnect, create,
 *    createMany, update, updateMany, upsert, delete, deleteMany) that names B's row or B's
 *    organisation is refused by the accessor, and nothing changes in either organisation; the
 *    same write naming A's own row works (so the refusal is not a malformed query);
 *  - the schema keeps every relation between organisation rows a composite foreign key over
 *    organisationId, so the database refuses a row of A pointing at B's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { delegateName, ORG_MODELS, organisationSchema, orgDb, ScopeViolation, type OrgDb, type OrgModel, type RelationField } from "@/lib/db/scoped";
import { Prisma } from "@/lib/generated/prisma/client";
import { inject } from "vitest";
import { CHANGE, snapshotOrganisation, twoPopulatedOrganisations, type Ids } from "../support/org-fixtures";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDelegate = any;
const delegate = (db: OrgDb | object, model: string): AnyDelegate => (db as unknown as Record<string, unknown>)[delegateName(model as OrgModel)];

let prisma: Db;
let dbA: OrgDb;
let dbB: OrgDb;
let a: Ids;
let b: Ids;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  prisma = createPrismaClient(inject("databaseUrl"));
  ({ dbA, dbB, a, b, orgA, orgB } = await twoPopulatedOrganisations(prisma, "iso"));
});

afterAll(async () => {
  await prisma?.$disconnect();
});

/** The refusals we expect from the accessor: its own ScopeViolation, or Prisma's "no such record" after the where was narrowed to A. */
const NOT_FOUND_CODES = new Set(["P2025", "P2018", "P2017", "P2016", "P2015"]);
async function expectRefused(p: Promise<unknown>, what = "the write"): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `${what} went through`).toBeDefined();
  const ok = err instanceof ScopeViolation || (err instanceof Prisma.PrismaClientKnownRequestError && NOT_FOUND_CODES.has(err.code));
  // In particular not the database trigger (organisation_id_immutable) or a foreign-key error: the accessor must stop it first.
  expect(ok, `expected a refusal by the accessor, got: ${String((err as Error)?.message ?? err)}`).toBe(true);
}

class Rollback extends Error {}
/** Runs `fn` in a transaction through A's accessor and rolls it back; returns what fn returned. */
async function inRolledBackTx<T>(fn: (tx: OrgDb) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await dbA
    .$transaction(async (tx) => {
      result = await fn(tx as OrgDb);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result as T;
}

describe("the organisation models and relations come from the schema", () => {
  it("ORG_MODELS is every model with an organisationId field, and every table with an organisationId column", async () => {
    const dm = (prisma as unknown as { _runtimeDataModel: { models: Record<string, { fields: { name: string }[]; dbName: string | null }> } })._runtimeDataModel;
    const withOrgId = Object.keys(dm.models).filter((m) => dm.models[m]!.fields.some((f) => f.name === "organisationId"));
    expect([...ORG_MODELS]).toEqual(withOrgId);
    const tables = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT c.table_name::text AS table_name FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = current_schema() AND c.column_name = 'organisationId' ORDER BY 1`;
    const schema = organisationSchema(prisma);
    expect(tables.map((t) => t.table_name)).toEqual([...schema.tables.values()].sort());
  });

  it("every organisation model is reachable through the accessor, and nothing else is", () => {
    const keys = Object.keys(dbA).filter((k) => k !== "organisationId" && k !== "$transaction").sort();
    expect(keys).toEqual(ORG_MODELS.map((m) => delegateName(m)).sort());
  });

  it("the fixture has a row of every organisation model, on both sides", () => {
    for (const model of ORG_MODELS) {
      expect(a[model], model).toMatch(/^[0-9a-f-]{36}$/);
      expect(b[model], model).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("every foreign key between organisation tables is composite over organisationId (the database refuses cross-organisation links)", async () => {
    const schema = organisationSchema(prisma);
    const orgTables = new Set(schema.tables.values());
    const fks = await prisma.$queryRaw<{ tbl: string; ref: string; conname: string; cols: string[]; refcols: string[] }>`
      SELECT c.relname::text AS tbl, r.relname::text AS ref, con.conname::text AS conname,
             (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS cols,
             (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) AS refcols
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE con.contype = 'f' AND n.nspname = current_schema()`;
    const between = (fks as unknown as { tbl: string; ref: string; conname: string; cols: string[]; refcols: string[] }[]).filter((f) => orgTables.has(f.tbl) && orgTables.has(f.ref));
    // Each relation between organisation models in the data model has its foreign key.
    const orgRelations = schema.allRelations.filter((r) => ORG_MODELS.includes(r.target as OrgModel));
    expect(between.length).toBeGreaterThanOrEqual(orgRelations.length / 2);
    for (const fk of between) {
      expect(fk.cols, `${fk.conname} (${fk.tbl} → ${fk.ref}) must include organisationId`).toContain("organisationId");
      const i = fk.cols.indexOf("organisationId");
      expect(fk.refcols[i], `${fk.conname} must map organisationId to organisationId`).toBe("organisationId");
    }
  });
});

describe.each(ORG_MODELS.map((m) => [m]))("%s: organisation B is invisible and unchangeable through A", (model) => {
  it("find and count see only A's rows", async () => {
    const rows: { id: string; organisationId: string | null }[] = await delegate(dbA, model).findMany({});
    expect(rows.map((r) => r.id)).toContain(a[model]);
    expect(rows.map((r) => r.id)).not.toContain(b[model]);
    expect(rows.every((r) => r.organisationId === dbA.organisationId)).toBe(true);
    expect(await delegate(dbA, model).findUnique({ where: { id: b[model] } })).toBeNull();
    expect(await delegate(dbA, model).findFirst({ where: { id: b[model] } })).toBeNull();
    expect(await delegate(dbA, model).count({ where: { id: b[model] } })).toBe(0);
    // Asking for B's organisation explicitly still yields nothing.
    expect(await delegate(dbA, model).count({ where: { organisationId: orgB } })).toBe(0);
    expect(await delegate(dbA, model).findMany({ where: { OR: [{ organisationId: orgB }, { id: b[model] }] } })).toEqual([]);
    await expect(delegate(dbA, model).findUnique({ where: { id: b[model], organisationId: orgB } })).rejects.toBeInstanceOf(ScopeViolation);
  });

  it("update, delete and upsert cannot touch B's row", async () => {
    const before = await delegate(dbB, model).findUnique({ where: { id: b[model] } });
    await expect(delegate(dbA, model).update({ where: { id: b[model] }, data: CHANGE[model] })).rejects.toThrow();
    expect((await delegate(dbA, model).updateMany({ where: { id: b[model] }, data: CHANGE[model] })).count).toBe(0);
    await expect(delegate(dbA, model).delete({ where: { id: b[model] } })).rejects.toThrow();
    expect((await delegate(dbA, model).deleteMany({ where: { id: b[model] } })).count).toBe(0);
    expect(await delegate(dbB, model).findUnique({ where: { id: b[model] } })).toEqual(before);
  });

  it("cannot create a row for B or move a row to B", async () => {
    await expect(delegate(dbA, model).create({ data: { organisationId: orgB } })).rejects.toBeInstanceOf(ScopeViolation);
    await expect(delegate(dbA, model).createMany({ data: [{ organisationId: orgB }] })).rejects.toBeInstanceOf(ScopeViolation);
    await expect(delegate(dbA, model).update({ where: { id: a[model] }, data: { organisationId: orgB } })).rejects.toBeInstanceOf(ScopeViolation);
    await expect(delegate(dbA, model).update({ where: { id: a[model] }, data: { organisation: { connect: { id: orgB } } } })).rejects.toBeInstanceOf(ScopeViolation);
    await expect(delegate(dbA, model).updateMany({ where: {}, data: { organisationId: orgB } })).rejects.toBeInstanceOf(ScopeViolation);
    await expect(delegate(dbA, model).upsert({ where: { id: b[model] }, create: { organisationId: orgB }, update: {} })).rejects.toBeInstanceOf(ScopeViolation);
    await expect(delegate(dbA, model).upsert({ where: { id: a[model] }, create: {}, update: { organisationId: orgB } })).rejects.toBeInstanceOf(ScopeViolation);
  });
});

// ------------------------------------------------------------------------------- nested writes

/**
 * refused: the accessor refuses it (ScopeViolation, or "not found" once narrowed to A), nothing changes;
 * no-effect: it may succeed, matching nothing (updateMany/deleteMany filters), nothing changes;
 * a-only: it narrows to A's rows and may act on them (set, disconnect, delete), B never changes.
 */
type Outcome = "refused" | "no-effect" | "a-only";
type Attack = { name: string; outcome?: Outcome; data: (rel: RelationField, isList: boolean) => Record<string, unknown> | null };

/** Nested writes that name B's row (rewritten so they cannot match it) or B's organisation (refused outright). */
const ATTACKS: Attack[] = [
  { name: "connect B's row", data: (r) => ({ connect: { id: b[r.target as OrgModel] } }) },
  { name: "connect B's row naming B", data: (r) => ({ connect: { id: b[r.target as OrgModel], organisationId: orgB } }) },
  { name: "connect B's row by its compound key", data: (r) => ({ connect: { organisationId_id: { organisationId: orgB, id: b[r.target as OrgModel] } } }) },
  { name: "connect B's row (list form)", data: (r, list) => (list ? { connect: [{ id: b[r.target as OrgModel] }] } : null) },
  { name: "set to B's row", outcome: "a-only", data: (r, list) => (list ? { set: [{ id: b[r.target as OrgModel] }] } : null) },
  { name: "connectOrCreate with B's row", data: (r) => ({ connectOrCreate: { where: { id: b[r.target as OrgModel] }, create: { organisationId: orgB } } }) },
  { name: "create a row in B", data: () => ({ create: { organisationId: orgB } }) },
  { name: "create a row connected to B's organisation", data: () => ({ create: { organisation: { connect: { id: orgB } } } }) },
  { name: "createMany rows in B", data: (_r, list) => (list ? { createMany: { data: [{ organisationId: orgB }] } } : null) },
  {
    name: "upsert creating in B",
    data: (r, list) => (list ? { upsert: { where: { id: b[r.target as OrgModel] }, create: { organisationId: orgB }, update: {} } } : { upsert: { create: { organisationId: orgB }, update: {} } }),
  },
  {
    name: "update B's row",
    data: (r) => ({ update: { where: { id: b[r.target as OrgModel] }, data: CHANGE[r.target as OrgModel] } }),
  },
  {
    name: "update the related row into B",
    data: (r, list) => (list ? { update: { where: { id: a[r.target as OrgModel] }, data: { organisationId: orgB } } } : { update: { organisationId: orgB } }),
  },
  { name: "update the related row's organisation", data: (_r, list) => (list ? null : { update: { organisation: { connect: { id: orgB } } } }) },
  { name: "updateMany B's rows", outcome: "no-effect", data: (r, list) => (list ? { updateMany: { where: { id: b[r.target as OrgModel] }, data: CHANGE[r.target as OrgModel] } } : null) },
  { name: "updateMany into B", data: (_r, list) => (list ? { updateMany: { where: {}, data: { organisationId: orgB } } } : null) },
  { name: "delete B's row", outcome: "a-only", data: (r) => ({ delete: { id: b[r.target as OrgModel] } }) },
  { name: "deleteMany B's rows", outcome: "no-effect", data: (r, list) => (list ? { deleteMany: { id: b[r.target as OrgModel] } } : null) },
  { name: "disconnect B's row", outcome: "a-only", data: (r, list) => (list ? { disconnect: [{ id: b[r.target as OrgModel] }] } : { disconnect: { id: b[r.target as OrgModel] } }) },
  { name: "an unknown nested operation", data: () => ({ frobnicate: { id: b.Lejer } }) },
];


const ORG_RELATIONS = () => organisationSchema(prisma).allRelations.filter((r) => ORG_MODELS.includes(r.target as OrgModel));
const PLATFORM_RELATIONS = () => organisationSchema(prisma).allRelations.filter((r) => !ORG_MODELS.includes(r.target as OrgModel));

/** Whether `rel` is a list (to-many), as Prisma itself returns it. */
async function relatedOf(rel: RelationField): Promise<{ isList: boolean; ids: string[] }> {
  const row = await delegate(dbA, rel.model).findUnique({ where: { id: a[rel.model] }, include: { [rel.field]: { select: { id: true } } } });
  const v = row[rel.field] as { id: string } | { id: string }[] | null;
  return Array.isArray(v) ? { isList: true, ids: v.map((x) => x.id) } : { isList: false, ids: v ? [v.id] : [] };
}

describe("nested writes never cross organisations (every relation of every organisation model)", () => {
  it("the schema has the relations this suite iterates", () => {
    // Sanity: the metadata is read (not an empty list that would make the suite pass vacuously).
    expect(ORG_RELATIONS().length).toBeGreaterThanOrEqual(30);
    expect(PLATFORM_RELATIONS().map((r) => `${r.model}.${r.field}`).sort()).toEqual(ORG_MODELS.map((m) => `${m}.organisation`).sort());
  });

  it("the issue's example: todo.update connecting B's tenancy is refused and moves nothing", async () => {
    const beforeB = await snapshotOrganisation(prisma, orgB);
    const beforeA = await snapshotOrganisation(prisma, orgA);
    await expectRefused(dbA.todo.update({ where: { id: a.Todo }, data: { lejer: { connect: { id: b.Lejer } } } }));
    await expectRefused(dbA.lejer.update({ where: { id: a.Lejer }, data: { todos: { connect: { id: b.Todo } } } }));
    await expectRefused(dbA.opsigelse.update({ where: { id: a.Opsigelse }, data: { lejer: { connectOrCreate: { where: { id: b.Lejer }, create: { organisationId: orgB } as never } } } }));
    expect(await snapshotOrganisation(prisma, orgB)).toEqual(beforeB);
    expect(await snapshotOrganisation(prisma, orgA)).toEqual(beforeA);
  });

  it("a top-level create cannot connect B's rows, in checked or unchecked form", async () => {
    const beforeB = await snapshotOrganisation(prisma, orgB);
    await expectRefused(
      dbA.todo.create({ data: { kind: "CONFIRM_NOTICE", organisation: { connect: { id: orgA } }, lejer: { connect: { id: b.Lejer } } } }),
    );
    await expectRefused(dbA.todo.create({ data: { kind: "CONFIRM_NOTICE", organisation: { connect: { id: orgB } } } }));
    await expectRefused(
      dbA.opsigelse.create({ data: { lejerId: a.Lejer, organisationId: orgA, signatures: { create: { signerRole: "X", signingOrder: 9, name: "x", subjectHash: "z", contentHash: "0".repeat(64), personId: null, organisationId: orgB } as never } } }),
    );
    expect(await snapshotOrganisation(prisma, orgB)).toEqual(beforeB);
  });

  it("connectOrCreate with B's row and valid data creates a new row in A, never connects B's row", async () => {
    const created = await inRolledBackTx(async (tx) => {
      const todo = await tx.todo.update({
        where: { id: a.Todo },
        data: { completedBy: { connectOrCreate: { where: { id: b.User }, create: { organisation: { connect: { id: orgA } }, email: "new@a.example", name: "New", passwordHash: "x", totpSecretEnc: "x" } } } },
        include: { completedBy: true },
      });
      return todo.completedBy;
    });
    expect(created?.id).not.toBe(b.User);
    expect(created?.organisationId).toBe(orgA);
  });

  it.each(ORG_MODELS.map((m) => [m]))("%s: every nested write naming B is refused, and the same write naming A works", async (model) => {
    const relations = ORG_RELATIONS().filter((r) => r.model === model);
    const beforeB = await snapshotOrganisation(prisma, orgB);
    let tried = 0;
    for (const rel of relations) {
      const { isList, ids } = await relatedOf(rel);
      const where = { id: a[rel.model] };

      // Controls: the shapes are valid Prisma and work for A's own rows (rolled back).
      const control = await inRolledBackTx(async (tx) => {
        const t = rel.target as OrgModel;
        await delegate(tx, rel.model).update({ where, data: { [rel.field]: { connect: { id: a[t] } } } });
        if (ids[0]) {
          await delegate(tx, rel.model).update({ where, data: { [rel.field]: { update: { where: { id: ids[0] }, data: CHANGE[t] } } } });
        }
        const after = await delegate(tx, rel.model).findUnique({ where, include: { [rel.field]: { select: { id: true } } } });
        const v = after[rel.field];
        return Array.isArray(v) ? v.map((x: { id: string }) => x.id) : v ? [v.id] : [];
      });
      expect(control, `${rel.model}.${rel.field}: connect A's own row`).toContain(a[rel.target as OrgModel]);

      for (const attack of ATTACKS) {
        const data = attack.data(rel, isList);
        if (!data) continue;
        tried++;
        const outcome = attack.outcome ?? "refused";
        const label = `${rel.model}.${rel.field}: ${attack.name}`;
        const beforeA = outcome === "a-only" ? null : await snapshotOrganisation(prisma, orgA);
        const p = delegate(dbA, rel.model).update({ where, data: { [rel.field]: data } });
        if (outcome === "refused") await expectRefused(p, label);
        else await p.catch(() => undefined);
        if (beforeA) expect(await snapshotOrganisation(prisma, orgA), `${label} changed A`).toEqual(beforeA);
        const related = await relatedOf(rel);
        expect(related.ids, `${label} linked B's row`).not.toContain(b[rel.target as OrgModel]);
        expect(await snapshotOrganisation(prisma, orgB), `${label} changed B`).toEqual(beforeB);
        if (outcome === "a-only") {
          // Put A back as it was for the next attack (re-link the rows that were related).
          for (const id of ids) {
            if (!related.ids.includes(id)) await delegate(dbA, rel.model).update({ where, data: { [rel.field]: { connect: { id } } } });
          }
        }
      }
    }
    expect(await snapshotOrganisation(prisma, orgB), `${model}: B changed`).toEqual(beforeB);
    if (relations.length > 0) expect(tried).toBeGreaterThan(relations.length * 8);
  });

  it.each(ORG_MODELS.map((m) => [m]))("%s: the organisation relation accepts only this organisation", async (model) => {
    const before = await snapshotOrganisation(prisma, orgA);
    const beforeB = await snapshotOrganisation(prisma, orgB);
    const where = { id: a[model] };
    for (const data of [
      { connect: { id: orgB } },
      { connect: { slug: "anything" } },
      { connect: { id: orgA }, update: { name: "hacked" } },
      { update: { name: "hacked" } },
      { upsert: { create: { slug: "x", name: "x" }, update: { name: "hacked" } } },
      { create: { slug: "evil", name: "Evil" } },
      { connectOrCreate: { where: { id: orgB }, create: { slug: "evil", name: "Evil" } } },
      { disconnect: true },
      { delete: true },
    ]) {
      await expect(delegate(dbA, model).update({ where, data: { organisation: data } }), JSON.stringify(data)).rejects.toBeInstanceOf(ScopeViolation);
    }
    expect(await snapshotOrganisation(prisma, orgA)).toEqual(before);
    expect(await snapshotOrganisation(prisma, orgB)).toEqual(beforeB);
    const ok: { organisationId: string } = await inRolledBackTx((tx) => delegate(tx, model).update({ where, data: { organisation: { connect: { id: orgA } } } }));
    expect(ok.organisationId).toBe(orgA);
  });
});

// ----------------------------------------------------------------------------- reading relations

describe("relation filters and nested reads stay inside the organisation (composite keys)", () => {
  it.each(ORG_MODELS.map((m) => [m]))("%s: some/every/none/is and include with a nested where never see B", async (model) => {
    const relations = ORG_RELATIONS().filter((r) => r.model === model);
    for (const rel of relations) {
      const t = rel.target as OrgModel;
      const { isList, ids } = await relatedOf(rel);
      const find = (where: object) => delegate(dbA, model).findMany({ where, select: { id: true } });
      if (isList) {
        expect(await find({ [rel.field]: { some: { id: b[t] } } })).toEqual([]);
        expect(await find({ [rel.field]: { some: { organisationId: orgB } } })).toEqual([]);
        // `every`/`none` over B's ids: A's related rows are never B's, so a[model] passes both.
        expect((await find({ id: a[model], [rel.field]: { none: { id: b[t] } } })).map((r: { id: string }) => r.id)).toEqual([a[model]]);
        expect((await find({ id: a[model], [rel.field]: { every: { organisationId: orgA } } })).map((r: { id: string }) => r.id)).toEqual([a[model]]);
        if (ids[0]) expect((await find({ id: a[model], [rel.field]: { some: { id: ids[0] } } })).map((r: { id: string }) => r.id)).toEqual([a[model]]);
      } else {
        expect(await find({ [rel.field]: { is: { id: b[t] } } })).toEqual([]);
        expect(await find({ [rel.field]: { is: { organisationId: orgB } } })).toEqual([]);
        if (ids[0]) expect((await find({ id: a[model], [rel.field]: { is: { id: ids[0] } } })).map((r: { id: string }) => r.id)).toEqual([a[model]]);
      }
      const withNested = await delegate(dbA, model).findUnique({
        where: { id: a[model] },
        include: { [rel.field]: isList ? { where: { OR: [{ id: b[t] }, { organisationId: orgB }] } } : true },
      });
      const v = withNested[rel.field];
      if (isList) expect(v).toEqual([]);
      else if (v) expect(v.organisationId).toBe(orgA);
      const counted = isList ? await delegate(dbA, model).findUnique({ where: { id: a[model] }, select: { _count: { select: { [rel.field]: { where: { organisationId: orgB } } } } } }) : null;
      if (counted) expect(counted._count[rel.field]).toBe(0);
    }
  });
});

describe("relations never cross organisations", () => {
  it("the database refuses a row of A pointing at B's rows (composite foreign keys)", async () => {
    await expect(
      dbA.lejer.create({
        data: { organisationId: dbA.organisationId, lejemaalId: b.Lejemaal, nr: 9, moveInDate: d("2020-01-01"), legalTenant1Id: a.Person },
      }),
    ).rejects.toThrow();
    await expect(dbA.lejer.update({ where: { id: a.Lejer }, data: { legalTenant2Id: b.Person } })).rejects.toThrow();
    await expect(dbA.signature.create({ data: { organisationId: dbA.organisationId, opsigelseId: b.Opsigelse, signerRole: "X", signingOrder: 5, name: "x", subjectHash: "y", contentHash: "0".repeat(64) } })).rejects.toThrow();
  });

  it("include follows relations inside A only", async () => {
    const lejer = await dbA.lejer.findUnique({ where: { id: a.Lejer }, include: { lejemaal: { include: { ejendom: { include: { selskab: true } } } }, legalTenant1: true, noticeRule: true } });
    expect(lejer?.lejemaal.ejendom.selskab.organisationId).toBe(dbA.organisationId);
    expect(lejer?.legalTenant1.organisationId).toBe(dbA.organisationId);
    expect(lejer?.noticeRule?.organisationId).toBe(dbA.organisationId);
  });

  it("platform models are not reachable through the accessor", async () => {
    const raw = dbA as unknown as Record<string, unknown>;
    expect(raw.organisation).toBeUndefined();
    expect(raw.operator).toBeUndefined();
    expect(raw.authSession).toBeUndefined();
    expect(raw.$queryRaw).toBeUndefined();
    expect(raw.$executeRaw).toBeUndefined();
    expect(() => orgDb("not-an-id", prisma)).toThrow(ScopeViolation);
  });

  it("a transaction through A's accessor is scoped too", async () => {
    const seen = await dbA.$transaction(async (tx) => ({
      own: await tx.person.findUnique({ where: { id: a.Person } }),
      other: await tx.person.findUnique({ where: { id: b.Person } }),
      count: await tx.person.count({ where: { id: { in: [a.Person, b.Person] } } }),
    }));
    expect(seen.own?.id).toBe(a.Person);
    expect(seen.other).toBeNull();
    expect(seen.count).toBe(1);
    const beforeB = await snapshotOrganisation(prisma, orgB);
    await expectRefused(dbA.$transaction((tx) => tx.todo.update({ where: { id: a.Todo }, data: { lejer: { connect: { id: b.Lejer } } } })));
    expect(await snapshotOrganisation(prisma, orgB)).toEqual(beforeB);
  });
});
