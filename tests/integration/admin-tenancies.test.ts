/**
 * Staff tenancies (app/[organisation]/admin/lejemaal, lib/admin/tenancies.ts) against this lane's
 * database: the search finds a tenancy by each kind of key and pages 50 at a time in a stable
 * order; the save action writes the changed fields and one LEJER_UPDATED audit row of just those;
 * another organisation's staff get not-found, read-only staff are refused, bad input gets a field
 * message — and in each refusal nothing changes. Works on a company of its own (SelskabNr 901) so
 * no demo tenancy another test relies on is touched.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, redirects, staffSession } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.9" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { organisationBySlug } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { saveTenancyAction } = await import("@/app/[organisation]/admin/lejemaal/actions");
const { searchTenancies, tenancyDetail, tenancySearchSchema, noticeRuleOptions, TENANCY_PAGE_SIZE } = await import("@/lib/admin/tenancies");
const { demoDatabase } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const TODAY = "2026-11-25";
const COUNT = 55;
let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string; slug: string };
let other: { id: string; slug: string };
const sessions: Record<string, AppSession> = {};
const ids: string[] = []; // lejer ids of company 901, in lease order
let codes: Record<string, string> = {};
let otherCode = "";
let inactiveCode = "";

beforeAll(async () => {
  prisma = await demoDatabase();
  org = (await organisationBySlug(prisma, "nordhavn"))!;
  other = (await organisationBySlug(prisma, "solbakken"))!;
  sessions.caseworker = await staffSession(prisma, "nordhavn", "sagsbehandler@nordhavn.example");
  sessions.reader = await staffSession(prisma, "nordhavn", "laeser@nordhavn.example");
  sessions.otherOrg = await staffSession(prisma, "solbakken", "admin@solbakken.example");
  const db = orgDb(org.id, prisma);
  for (const k of await db.kode.findMany({ where: { type: "OPSIGELSESVARSEL" } })) codes[k.value] = k.id;
  otherCode = (await orgDb(other.id, prisma).kode.findFirstOrThrow({ where: { type: "OPSIGELSESVARSEL", value: "3M1" } })).id;

  await db.$transaction(
    async (tx) => {
      const o = tx.organisationId;
      const inactive = await tx.kode.create({ data: { organisationId: o, type: "OPSIGELSESVARSEL", value: "ADMT-OLD", codeText: "gammel regel", rule: { months: 1, anchor: "any" }, active: false } });
      inactiveCode = inactive.id;
      const selskab = await tx.selskab.create({ data: { organisationId: o, nr: 901, name: "Testselskabet Admin" } });
      const ejendom = await tx.ejendom.create({ data: { organisationId: o, selskabId: selskab.id, nr: 4, name: "Afd. 4 Søgehuset" } });
      // Created in reverse so that the stable order comes from the numbers, not the insertion order.
      const made: { nr: number; id: string }[] = [];
      for (let i = COUNT; i >= 1; i--) {
        const p = await tx.person.create({ data: { organisationId: o, name: `Søgeperson Nummer${String(i).padStart(2, "0")}`, email: `s${i}@example.test`, mobile: `7000${String(i).padStart(4, "0")}` } });
        const lm = await tx.lejemaal.create({ data: { organisationId: o, ejendomId: ejendom.id, nr: i, address1: `Søgevej ${i}, st.`, postalCode: "2150", city: "Nordhavn" } });
        const l = await tx.lejer.create({
          data: { organisationId: o, lejemaalId: lm.id, nr: 70 + i, moveInDate: new Date("2020-01-01T00:00:00Z"), noticeRuleId: codes["3M1"]!, renovationDays: i === 1 ? null : 14, legalTenant1Id: p.id },
        });
        made.push({ nr: i, id: l.id });
      }
      ids.push(...made.sort((a, b) => a.nr - b.nr).map((m) => m.id));
    },
    { timeout: 60_000 },
  );
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  current.session = sessions.caseworker!;
  redirects.length = 0;
});

const search = (q: Record<string, string>) => searchTenancies(orgDb(org.id, prisma), tenancySearchSchema.parse(q), TODAY);
const lejer = (id: string) => orgDb(org.id, prisma).lejer.findUniqueOrThrow({ where: { id } });
const audits = (id: string) => orgDb(org.id, prisma).auditLog.findMany({ where: { type: "LEJER_UPDATED", entityId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const valid = (id: string, over: Record<string, string> = {}) => ({ lejerId: id, noticeRuleId: codes["3M1"]!, renovationDays: "14", nonTerminableUntil: "", terminableInPeriodFrom: "", ...over });

describe("the tenancy search", () => {
  it.each([
    ["company number", { q: "901" }, COUNT],
    ["company filter", { selskab: "901" }, COUNT],
    ["company + property filter", { selskab: "901", ejendom: "4" }, COUNT],
    ["lease number SelskabNr-EjendomNr-LejemaalNr", { q: "901-4-7" }, 1],
    ["lease and tenancy number", { q: "901-4-7-77" }, 1],
    ["address", { q: "søgevej 7," }, 1],
    ["legal tenant's name", { q: "nummer07" }, 1],
  ])("finds by %s", async (_name, q, count) => {
    const r = await search(q);
    expect(r.total).toBe(count);
    if (count === 1) expect(r.rows.map((x) => x.id)).toEqual([ids[6]]);
    for (const row of r.rows) expect(row.leaseNumber).toMatch(/^901-4-\d+$/);
  });

  it("finds by a lease number alone and by a tenancy number alone among the other numbers", async () => {
    const byLease = await search({ q: "37", selskab: "901" });
    expect(byLease.rows.map((r) => r.leaseNumber)).toEqual(["901-4-37"]);
    const byLejer = await search({ q: "112", selskab: "901" }); // LejerNr 70 + 42
    expect(byLejer.rows.map((r) => r.leaseNumber)).toEqual(["901-4-42"]);
  });

  it("finds the demo tenants by name and the lease number of the demo", async () => {
    expect((await search({ q: "Vera" })).rows.map((r) => r.address)).toEqual(["Havnegade 19, 2. tv"]);
    expect((await search({ q: "1-1-1" })).rows.map((r) => r.address)).toEqual(["Havnegade 1, 1. tv"]);
  });

  it("pages 50 at a time in SelskabNr/EjendomNr/LejemaalNr/LejerNr order, without overlap", async () => {
    const one = await search({ selskab: "901" });
    const two = await search({ selskab: "901", side: "2" });
    expect(one).toMatchObject({ total: COUNT, page: 1, pages: 2 });
    expect(one.rows).toHaveLength(TENANCY_PAGE_SIZE);
    expect(two.rows).toHaveLength(COUNT - TENANCY_PAGE_SIZE);
    expect([...one.rows, ...two.rows].map((r) => r.id)).toEqual(ids);
    // A page past the end shows the last one.
    expect((await search({ selskab: "901", side: "9" })).page).toBe(2);
  });

  it("filters tenancies missing data, and shows each row's tile status", async () => {
    const r = await search({ selskab: "901", vis: "mangler" });
    expect(r.rows.map((x) => x.id)).toEqual([ids[0]]);
    expect(r.rows[0]!.tile).toMatchObject({ ok: false, reasons: ["no-renovation-period"] });
    expect(r.rows[0]).toMatchObject({ noticeRule: "3 måneder til den 1", tenants: ["Søgeperson Nummer01"] });
  });

  it("never finds another organisation's tenancies", async () => {
    expect((await search({ q: "Solbakken" })).total).toBe(0);
    expect((await searchTenancies(orgDb(other.id, prisma), tenancySearchSchema.parse({ q: "901" }), TODAY)).total).toBe(0);
  });
});

describe("the tenancy detail", () => {
  it("shows tenants' contact data (no CPR), the tile status and the notice rules to choose from", async () => {
    const d = (await tenancyDetail(orgDb(org.id, prisma), ids[0]!, TODAY))!;
    expect(d).toMatchObject({ leaseNumber: "901-4-1", lejerNr: 71, values: { noticeRuleId: codes["3M1"], renovationDays: "", nonTerminableUntil: "", terminableInPeriodFrom: "" } });
    expect(d.tenants).toEqual([{ id: expect.any(String), name: "Søgeperson Nummer01", email: "s1@example.test", mobile: "70000001", phone: null }]);
    expect(JSON.stringify(d)).not.toMatch(/cpr/i);
    expect(d.tile.reasons).toEqual(["no-renovation-period"]);
    const options = await noticeRuleOptions(orgDb(org.id, prisma));
    expect(options.map((o) => o.value)).toEqual(["3M1", "3M115", "LM3", "14D"]);
    expect(await tenancyDetail(orgDb(other.id, prisma), ids[0]!, TODAY)).toBeNull();
    expect(await tenancyDetail(orgDb(org.id, prisma), "not-a-uuid", TODAY)).toBeNull();
  });
});

describe("the save action", () => {
  it("saves the changed fields, audits only those, and the tile status follows", async () => {
    const id = ids[0]!;
    const r = saveTenancyAction("nordhavn", null, form(valid(id, { noticeRuleId: codes["14D"]!, renovationDays: "21", nonTerminableUntil: "2027-06-30", terminableInPeriodFrom: "" })));
    await expect(r).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/nordhavn/admin/lejemaal/${id}?gemt=1`]);
    const row = await lejer(id);
    expect(row).toMatchObject({ noticeRuleId: codes["14D"], renovationDays: 21, terminableInPeriodFrom: null, updatedBy: sessions.caseworker!.uid });
    expect(row.nonTerminableUntil?.toISOString().slice(0, 10)).toBe("2027-06-30");
    const rows = await audits(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorType: "STAFF",
      actorId: sessions.caseworker!.uid,
      actorLabel: "sagsbehandler@nordhavn.example",
      entityType: "Lejer",
      ip: "192.0.2.9",
      before: { noticeRule: "3M1", renovationDays: null, nonTerminableUntil: null },
      after: { noticeRule: "14D", renovationDays: 21, nonTerminableUntil: "2027-06-30" },
    });
    expect((await tenancyDetail(orgDb(org.id, prisma), id, TODAY))!.tile).toMatchObject({ ok: false, reasons: ["non-terminable"], terminableFrom: "2027-07-01" });

    // Saving the same values again changes nothing and writes no audit row.
    await expect(saveTenancyAction("nordhavn", null, form(valid(id, { noticeRuleId: codes["14D"]!, renovationDays: "21", nonTerminableUntil: "2027-06-30" })))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects[1]).toBe(`/nordhavn/admin/lejemaal/${id}?gemt=0`);
    expect(await audits(id)).toHaveLength(1);

    // Clearing a field: before/after name just that field.
    await expect(saveTenancyAction("nordhavn", null, form(valid(id, { noticeRuleId: codes["14D"]!, renovationDays: "21" })))).rejects.toThrow("NEXT_REDIRECT");
    const last = (await audits(id)).at(-1)!;
    expect([last.before, last.after]).toEqual([{ nonTerminableUntil: "2027-06-30" }, { nonTerminableUntil: null }]);
    expect((await tenancyDetail(orgDb(org.id, prisma), id, TODAY))!.tile).toMatchObject({ ok: true, reasons: [] });
  });

  it("keeps a notice rule that has been deactivated since, but does not let staff choose one", async () => {
    const id = ids[1]!;
    await orgDb(org.id, prisma).lejer.update({ where: { id }, data: { noticeRuleId: inactiveCode } });
    await expect(saveTenancyAction("nordhavn", null, form(valid(id, { noticeRuleId: inactiveCode, renovationDays: "30" })))).rejects.toThrow("NEXT_REDIRECT");
    expect(await lejer(id)).toMatchObject({ noticeRuleId: inactiveCode, renovationDays: 30 });
    const before = await lejer(ids[2]!);
    const r = await saveTenancyAction("nordhavn", null, form(valid(ids[2]!, { noticeRuleId: inactiveCode })));
    expect(r).toMatchObject({ ok: false, error: "rule", fieldErrors: { noticeRuleId: ["Opsigelsesreglen er ugyldig."] } });
    expect(await lejer(ids[2]!)).toEqual(before);
  });

  it.each([
    ["an impossible date", { nonTerminableUntil: "2026-02-30" }, "nonTerminableUntil", "Skriv en dato, der findes, som åååå-mm-dd."],
    ["a date in another form", { terminableInPeriodFrom: "30.06.2027" }, "terminableInPeriodFrom", "Skriv en dato, der findes, som åååå-mm-dd."],
    ["a negative renovation period", { renovationDays: "-1" }, "renovationDays", "Skriv et helt antal dage fra 0 til 365."],
    ["a renovation period over 365", { renovationDays: "366" }, "renovationDays", "Skriv et helt antal dage fra 0 til 365."],
    ["a fraction of days", { renovationDays: "1.5" }, "renovationDays", "Skriv et helt antal dage fra 0 til 365."],
    ["another organisation's notice rule", { noticeRuleId: "OTHER" }, "noticeRuleId", "Opsigelsesreglen er ugyldig."],
    ["a notice-rule id that is no id", { noticeRuleId: "3M1" }, "noticeRuleId", "Vælg et af organisationens aktive opsigelsesvarsler."],
    ["a reason code instead of a notice rule", { noticeRuleId: "REASON" }, "noticeRuleId", "Opsigelsesreglen er ugyldig."],
  ])("refuses %s with a field message, nothing changed", async (_name, over, field, message) => {
    const id = ids[3]!;
    const reason = (await orgDb(org.id, prisma).kode.findFirstOrThrow({ where: { type: "OPSIGELSESAARSAG" } })).id;
    const values = Object.fromEntries(Object.entries(over).map(([k, v]) => [k, v === "OTHER" ? otherCode : v === "REASON" ? reason : v]));
    const before = await lejer(id);
    const auditsBefore = (await audits(id)).length;
    const r = await saveTenancyAction("nordhavn", null, form(valid(id, { renovationDays: "10", ...values })));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors?.[field]).toEqual([message]);
      // The form is filled in again with what was typed.
      expect(r.values?.[field]).toBe(values[field]);
    }
    expect(await lejer(id)).toEqual(before);
    expect(await audits(id)).toHaveLength(auditsBefore);
    expect(redirects).toEqual([]);
  });

  it("refuses unknown fields (no organisationId or other column slips in)", async () => {
    const id = ids[3]!;
    const before = await lejer(id);
    const r = await saveTenancyAction("nordhavn", null, form({ ...valid(id), terminatedOn: "2026-01-01" }));
    expect(r).toMatchObject({ ok: false, error: "invalid-input" });
    expect(await lejer(id)).toEqual(before);
  });

  it("answers another organisation's staff not-found, by either organisation's address, nothing changed", async () => {
    current.session = sessions.otherOrg!;
    const id = ids[4]!;
    const before = await lejer(id);
    // Counted before and after: tests/integration/admin-audit.test.ts writes LEJER_UPDATED rows of its own into solbakken, maybe meanwhile.
    const otherAudits = () => orgDb(other.id, prisma).auditLog.count({ where: { type: "LEJER_UPDATED", actorLabel: "admin@solbakken.example" } });
    const otherBefore = await otherAudits();
    expect(await saveTenancyAction("nordhavn", null, form(valid(id, { renovationDays: "99" })))).toMatchObject({ ok: false, error: "not-found" });
    expect(await saveTenancyAction("solbakken", null, form(valid(id, { renovationDays: "99", noticeRuleId: otherCode })))).toMatchObject({ ok: false, error: "not-found" });
    expect(await lejer(id)).toEqual(before);
    expect(await audits(id)).toHaveLength(0);
    expect(await otherAudits()).toBe(otherBefore);
  });

  it("refuses read-only staff, nothing changed", async () => {
    current.session = sessions.reader!;
    const id = ids[4]!;
    const before = await lejer(id);
    expect(await saveTenancyAction("nordhavn", null, form(valid(id, { renovationDays: "99" })))).toMatchObject({ ok: false, error: "forbidden" });
    expect(await lejer(id)).toEqual(before);
    expect(await audits(id)).toHaveLength(0);
  });

  it("refuses a tenancy that does not exist", async () => {
    expect(await saveTenancyAction("nordhavn", null, form(valid("00000000-0000-4000-8000-000000000000")))).toMatchObject({ ok: false, error: "not-found" });
  });
});
