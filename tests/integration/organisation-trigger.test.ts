/**
 * The database itself refuses moving a row to another organisation: SQL that bypasses the
 * accessor (raw SQL on the base client) cannot change organisationId of an existing row, on every
 * organisation table (derived from the schema: every model with organisationId). And every such
 * table has the trigger `organisation_id_immutable`, so a new model's migration must add it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { ORG_MODELS, organisationSchema, type OrgModel } from "@/lib/db/scoped";
import { inject } from "vitest";
import { snapshotOrganisation, twoPopulatedOrganisations, type TwoOrganisations } from "../support/org-fixtures";

let prisma: Db;
let orgs: TwoOrganisations;
const lane = inject("dbLane");

const table = (model: OrgModel) => organisationSchema(prisma).tables.get(model)!;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

beforeAll(async () => {
  prisma = createPrismaClient(inject("databaseUrl"));
  orgs = await twoPopulatedOrganisations(prisma, "trg");
});

afterAll(async () => {
  await prisma?.$disconnect();
});

describe(`organisationId of an existing row cannot change (${lane} lane)`, () => {
  it("every organisation table has the trigger organisation_id_immutable, enabled, before update of organisationId, for each row", async () => {
    const rows = await prisma.$queryRaw<{ tbl: string; def: string; enabled: string }[]>`
      SELECT c.relname::text AS tbl, pg_get_triggerdef(t.oid) AS def, t.tgenabled::text AS enabled
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND t.tgname = 'organisation_id_immutable' AND NOT t.tgisinternal`;
    const byTable = new Map(rows.map((r) => [r.tbl, r]));
    const missing = ORG_MODELS.filter((m) => !byTable.has(table(m)));
    expect(missing, "these organisation tables lack the trigger: add it in the model's migration (see prisma/migrations/20261201090625_…)").toEqual([]);
    for (const model of ORG_MODELS) {
      const t = byTable.get(table(model))!;
      expect(t.enabled, `${model}: trigger disabled`).toBe("O");
      expect(t.def).toMatch(/BEFORE UPDATE OF "organisationId" ON .* FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change\(\)/);
    }
  });

  it.each(ORG_MODELS.map((m) => [m]))("%s: raw SQL moving a row to another organisation is refused, and the row stays", async (model) => {
    const id = orgs.a[model];
    const before = await snapshotOrganisation(prisma, orgs.orgA);
    // The statements a bypassing writer would try: plain, via a subquery, and together with another column.
    const attempts = [
      `UPDATE ${quote(table(model))} SET "organisationId" = '${orgs.orgB}' WHERE id = '${id}'`,
      `UPDATE ${quote(table(model))} SET "organisationId" = (SELECT id FROM "Organisation" WHERE id = '${orgs.orgB}') WHERE id = '${id}'`,
      `UPDATE ${quote(table(model))} SET "organisationId" = '${orgs.orgB}', id = id WHERE "organisationId" = '${orgs.orgA}'`,
    ];
    for (const sql of attempts) {
      await expect(prisma.$executeRawUnsafe(sql), sql).rejects.toThrow(/organisationId of an existing .* row cannot change/);
    }
    // Setting it to the value it already has is not a change.
    await expect(prisma.$executeRawUnsafe(`UPDATE ${quote(table(model))} SET "organisationId" = "organisationId" WHERE id = '${id}'`)).resolves.toBe(1);
    expect(await snapshotOrganisation(prisma, orgs.orgA)).toEqual(before);
  });

  it("AuditLog: a platform event (organisationId null) cannot be moved into an organisation either", async () => {
    const id = crypto.randomUUID();
    await prisma.$executeRawUnsafe(`INSERT INTO ${quote(table("AuditLog"))} (id, type, "actorType", "actorLabel") VALUES ('${id}', 'OPERATOR_SIGNED_IN', 'OPERATOR', 'test')`);
    await expect(prisma.$executeRawUnsafe(`UPDATE ${quote(table("AuditLog"))} SET "organisationId" = '${orgs.orgA}' WHERE id = '${id}'`)).rejects.toThrow(
      /organisationId of an existing .* row cannot change/,
    );
    await prisma.$executeRawUnsafe(`DELETE FROM ${quote(table("AuditLog"))} WHERE id = '${id}'`);
  });
});
