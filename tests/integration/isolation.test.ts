/**
 * Organisation isolation, for every organisation-owned model: through organisation A's accessor,
 * organisation B's rows are invisible (find, count, aggregate, include) and unchangeable (update,
 * delete, upsert, create-for-B), and the database itself refuses a row of A pointing at B's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { ORG_MODELS, orgDb, ScopeViolation, type OrgDb, type OrgTx } from "@/lib/db/scoped";
import { createOrganisation } from "@/lib/db/platform";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { inject } from "vitest";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

type Ids = Record<(typeof ORG_MODELS)[number], string>;

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function populate(tx: OrgTx, tag: string): Promise<Ids> {
  const organisationId = tx.organisationId;
  const kode = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESVARSEL", value: "3M1", codeText: `3 måneder ${tag}`, rule: { months: 3, anchor: "first" } } });
  const selskab = await tx.selskab.create({ data: { organisationId, nr: 1, name: `Selskab ${tag}` } });
  const ejendom = await tx.ejendom.create({ data: { organisationId, selskabId: selskab.id, nr: 1, name: `Ejendom ${tag}` } });
  const lejemaal = await tx.lejemaal.create({ data: { organisationId, ejendomId: ejendom.id, nr: 1, address1: `Vej ${tag}`, postalCode: "1000", city: "By" } });
  const person = await tx.person.create({ data: { organisationId, name: `Person ${tag}`, cprHash: `hash-${tag}` } });
  const lejer = await tx.lejer.create({
    data: { organisationId, lejemaalId: lejemaal.id, nr: 2, moveInDate: d("2020-01-01"), noticeRuleId: kode.id, renovationDays: 14, legalTenant1Id: person.id },
  });
  const opsigelse = await tx.opsigelse.create({ data: { organisationId, lejerId: lejer.id, idempotencyKey: `key-${tag}` } });
  const signature = await tx.signature.create({
    data: { organisationId, opsigelseId: opsigelse.id, personId: person.id, signerRole: "LEGAL_TENANT_1", signingOrder: 1, name: person.name, subjectHash: `sub-${tag}` },
  });
  const document = await tx.document.create({
    data: { organisationId, lejerId: lejer.id, opsigelseId: opsigelse.id, folder: "Opsigelse – Fraflytning", title: `Bekræftelse ${tag}`, kind: "confirmation", contentType: "application/pdf" },
  });
  const user = await tx.user.create({ data: { organisationId, email: `staff@${tag}.example`, name: `Staff ${tag}`, passwordHash: "x", totpSecretEnc: "x", roles: ["CASEWORKER"] } });
  const todo = await tx.todo.create({ data: { organisationId, kind: "CONFIRM_NOTICE", opsigelseId: opsigelse.id, lejerId: lejer.id, completedById: user.id } });
  const auditLog = await tx.auditLog.create({ data: { organisationId, type: "SETTINGS_UPDATED", actorType: "SYSTEM", actorLabel: "test" } });
  return {
    Selskab: selskab.id,
    Ejendom: ejendom.id,
    Lejemaal: lejemaal.id,
    Lejer: lejer.id,
    Person: person.id,
    Kode: kode.id,
    Opsigelse: opsigelse.id,
    Signature: signature.id,
    Document: document.id,
    Todo: todo.id,
    User: user.id,
    AuditLog: auditLog.id,
  };
}

/** A harmless change per model, to try against the other organisation's row. */
const CHANGE: Record<(typeof ORG_MODELS)[number], Record<string, unknown>> = {
  Selskab: { name: "hacked" },
  Ejendom: { name: "hacked" },
  Lejemaal: { address1: "hacked" },
  Lejer: { renovationDays: 99 },
  Person: { name: "hacked" },
  Kode: { codeText: "hacked" },
  Opsigelse: { status: "CANCELLED" },
  Signature: { name: "hacked" },
  Document: { title: "hacked" },
  Todo: { status: "CANCELLED" },
  User: { name: "hacked" },
  AuditLog: { actorLabel: "hacked" },
};

const delegateName = (model: string) => model.charAt(0).toLowerCase() + model.slice(1);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const delegate = (db: OrgDb, model: string): any => (db as unknown as Record<string, unknown>)[delegateName(model)];

let prisma: Db;
let dbA: OrgDb;
let dbB: OrgDb;
let a: Ids;
let b: Ids;
let orgB: string;

beforeAll(async () => {
  prisma = createPrismaClient(inject("databaseUrl"));
  const settings = organisationSettingsSchema.parse({});
  const stamp = Date.now().toString(36);
  const A = await createOrganisation(prisma, { slug: `iso-a-${stamp}`, name: "A", settings }, { actor: SYSTEM_ACTOR });
  const B = await createOrganisation(prisma, { slug: `iso-b-${stamp}`, name: "B", settings }, { actor: SYSTEM_ACTOR });
  orgB = B.id;
  dbA = orgDb(A.id, prisma);
  dbB = orgDb(B.id, prisma);
  a = await dbA.$transaction((tx) => populate(tx, "a"));
  b = await dbB.$transaction((tx) => populate(tx, "b"));
});

afterAll(async () => {
  await prisma?.$disconnect();
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
    await expect(delegate(dbA, model).update({ where: { id: a[model] }, data: { organisationId: orgB } })).rejects.toBeInstanceOf(ScopeViolation);
    await expect(delegate(dbA, model).updateMany({ where: {}, data: { organisationId: orgB } })).rejects.toBeInstanceOf(ScopeViolation);
  });
});

describe("relations never cross organisations", () => {
  it("the database refuses a row of A pointing at B's rows (composite foreign keys)", async () => {
    await expect(
      dbA.lejer.create({
        data: { organisationId: dbA.organisationId, lejemaalId: b.Lejemaal, nr: 9, moveInDate: d("2020-01-01"), legalTenant1Id: a.Person },
      }),
    ).rejects.toThrow();
    await expect(
      dbA.lejer.update({ where: { id: a.Lejer }, data: { legalTenant2Id: b.Person } }),
    ).rejects.toThrow();
    await expect(dbA.signature.create({ data: { organisationId: dbA.organisationId, opsigelseId: b.Opsigelse, signerRole: "X", signingOrder: 5, name: "x", subjectHash: "y" } })).rejects.toThrow();
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
    expect(raw.$queryRaw).toBeUndefined();
    expect(raw.$executeRaw).toBeUndefined();
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
  });
});
