/**
 * The code tables (app/[organisation]/admin/koder): every server action through the request wrapper
 * and lib/admin/codes.ts against this lane's database — the happy path writes the change and its
 * audit row; another organisation's staff get not-found and read-only staff are refused, nothing
 * changed; bad input comes back as field errors (kept for the page by the flash cookie), nothing
 * changed; a code in use cannot be deleted. Plus: an edited reason's tag text is what the wizard
 * offers, and editing a notice rule never changes a submitted notice's dates.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { current, flashes, form, redirects, staffSession } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.9" }));
vi.mock("@/lib/http/form-flash", async () => (await import("../support/action-harness")).formFlashMock());
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { organisationBySlug } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const actions = await import("@/app/[organisation]/admin/koder/actions");
const { updateCode, deleteCode, listCodes } = await import("@/lib/admin/codes");
const { loadWizard } = await import("@/lib/notice/wizard");
const { recordSignature } = await import("@/lib/notice/sign");
const { signingWorld, identity, meta, tenant } = await import("../support/signing-world");
const { demoDatabase } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string; slug: string };
const sessions: Record<"caseworker" | "reader" | "otherOrg", AppSession> = {} as never;
const stamp = Date.now().toString(36).slice(-5).toUpperCase();

beforeAll(async () => {
  prisma = await demoDatabase();
  org = (await organisationBySlug(prisma, "nordhavn"))!;
  sessions.caseworker = await staffSession(prisma, "nordhavn", "sagsbehandler@nordhavn.example");
  sessions.reader = await staffSession(prisma, "nordhavn", "laeser@nordhavn.example");
  sessions.otherOrg = await staffSession(prisma, "solbakken", "admin@solbakken.example");
});

const created: string[] = [];
afterAll(async () => {
  if (created.length) await orgDb(org.id, prisma).kode.deleteMany({ where: { id: { in: created } } });
  await prisma?.$disconnect();
});
beforeEach(() => {
  current.session = sessions.caseworker;
  redirects.length = 0;
  flashes.length = 0;
});

const db = () => orgDb(org.id, prisma);
const kode = (id: string) => db().kode.findUniqueOrThrow({ where: { id } });
const auditsOf = (id: string) => db().auditLog.findMany({ where: { entityType: "Kode", entityId: id }, orderBy: { createdAt: "asc" } });
const codeByValue = (type: "OPSIGELSESAARSAG" | "OPSIGELSESVARSEL" | "BOLIGTYPE" | "SUMTYPE", value: string) => db().kode.findFirstOrThrow({ where: { type, value } });
/** The refusal reference a redirect carries (?f=…), which names the kept form. */
const refOf = (url: string) => /[?&]f=([0-9a-f]{8})/.exec(url)?.[1] ?? "none";
/** Runs an action that redirects; returns where to. */
async function redirected(p: Promise<unknown>): Promise<string> {
  await expect(p).rejects.toThrow("NEXT_REDIRECT");
  return redirects.at(-1)!;
}
async function newReason(suffix: string): Promise<string> {
  const to = await redirected(actions.saveCodeAction("nordhavn", null, form({ table: "aarsager", value: `T${stamp}${suffix}`, codeText: `Testårsag ${suffix}`, tagText: `Jeg tester ${suffix}` })));
  const id = /aarsager\/([0-9a-f-]{36})\?gemt=1$/.exec(to)![1]!;
  created.push(id);
  return id;
}

async function newSumType(suffix: string): Promise<string> {
  const to = await redirected(actions.saveCodeAction("nordhavn", null, form({ table: "sumtyper", value: `S${stamp}${suffix}`, codeText: `Testsumtype ${suffix}` })));
  const id = /sumtyper\/([0-9a-f-]{36})\?gemt=1$/.exec(to)![1]!;
  created.push(id);
  return id;
}

/** Another organisation's staff and read-only staff: refused, and the code table is exactly as before. */
async function refusedForOthers(call: () => Promise<unknown>) {
  redirects.length = 0;
  const before = await db().kode.findMany({ orderBy: { id: "asc" } });
  const auditBefore = await db().auditLog.count({ where: { entityType: "Kode" } });
  for (const [who, error] of [["otherOrg", "not-found"], ["reader", "forbidden"]] as const) {
    current.session = sessions[who];
    expect(await call()).toMatchObject({ ok: false, error });
  }
  expect(redirects).toEqual([]);
  expect(await db().kode.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  expect(await db().auditLog.count({ where: { entityType: "Kode" } })).toBe(auditBefore);
  current.session = sessions.caseworker;
}

describe("saveCodeAction", () => {
  it("adds a reason at the end of its table, audited, and goes to its page", async () => {
    const last = (await listCodes(db(), "OPSIGELSESAARSAG")).at(-1)!;
    const id = await newReason("A");
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/koder/aarsager/${id}?gemt=1`);
    const k = await kode(id);
    expect(k).toMatchObject({ type: "OPSIGELSESAARSAG", value: `T${stamp}A`, codeText: "Testårsag A", tagText: "Jeg tester A", codeTextEn: null, tagTextEn: null, active: true, sortOrder: last.sortOrder + 1, updatedBy: "sagsbehandler@nordhavn.example" });
    const audits = await auditsOf(id);
    expect(audits.map((a) => [a.type, a.actorType, a.actorId, a.ip])).toEqual([["KODE_CREATED", "STAFF", sessions.caseworker.uid, "192.0.2.9"]]);
    expect(audits[0]!.after).toMatchObject({ kind: "OPSIGELSESAARSAG", code: `T${stamp}A`, tag: "Jeg tester A", active: true, sortOrder: last.sortOrder + 1 });
  });

  it("edits a reason's tag text (English too): only the changed keys are audited", async () => {
    const id = await newReason("B");
    await redirected(actions.saveCodeAction("nordhavn", null, form({ table: "aarsager", id, value: `T${stamp}B`, codeText: "Testårsag B", tagText: "Ny tagtekst", tagTextEn: "New tag" })));
    expect(await kode(id)).toMatchObject({ tagText: "Ny tagtekst", tagTextEn: "New tag" });
    const last = (await auditsOf(id)).at(-1)!;
    expect([last.type, last.before, last.after]).toEqual(["KODE_UPDATED", { tag: "Jeg tester B", tagEn: null }, { tag: "Ny tagtekst", tagEn: "New tag" }]);
  });

  it("adds and edits a notice rule; the audit carries the structured rule", async () => {
    const to = await redirected(actions.saveCodeAction("nordhavn", null, form({ table: "varsler", value: `V${stamp}`, codeText: "2 måneder til den 1.", ruleMonths: "2", ruleDays: "", ruleAnchor: "first" })));
    const id = /varsler\/([0-9a-f-]{36})/.exec(to)![1]!;
    created.push(id);
    expect((await kode(id)).rule).toEqual({ months: 2, anchor: "first" });
    await redirected(actions.saveCodeAction("nordhavn", null, form({ table: "varsler", id, value: `V${stamp}`, codeText: "løbende måned + 2 måneder", ruleMonths: "2", ruleAnchor: "first", ruleRunningMonth: "on" })));
    expect((await kode(id)).rule).toEqual({ months: 2, anchor: "first", runningMonth: true });
    const last = (await auditsOf(id)).at(-1)!;
    expect(last.before).toEqual({ text: "2 måneder til den 1.", rule: { months: 2, anchor: "first" } });
    expect(last.after).toEqual({ text: "løbende måned + 2 måneder", rule: { months: 2, anchor: "first", runningMonth: true } });
  });

  it("'Vis eksempel' saves nothing: the typed values go back to the page for the preview", async () => {
    const rule = await codeByValue("OPSIGELSESVARSEL", "3M1");
    const to = await redirected(actions.saveCodeAction("nordhavn", null, form({ table: "varsler", id: rule.id, intent: "preview", value: "3M1", codeText: "1 måned", ruleMonths: "1", ruleAnchor: "any" })));
    expect(to).toBe(`/nordhavn/admin/koder/varsler/${rule.id}?eksempel=1&f=${refOf(to)}#eksempel`);
    expect(flashes.at(-1)).toMatchObject({ form: `code:varsler:${rule.id}:edit:${refOf(to)}`, values: { ruleMonths: "1", ruleAnchor: "any" }, errors: {} });
    expect(await kode(rule.id)).toEqual(rule);
  });

  it.each([
    ["no value, no text", { table: "boligtyper", value: "", codeText: " " }, { value: ["adminCodes.errors.valueRequired"], codeText: ["adminCodes.errors.codeTextRequired"] }],
    ["a value with spaces", { table: "sumtyper", value: "A B", codeText: "x" }, { value: ["adminCodes.errors.valueFormat"] }],
    ["an existing value", { table: "boligtyper", value: "FAM", codeText: "Familie igen" }, { value: ["adminCodes.errors.duplicate"] }],
    ["running month that does not end on the 1st", { table: "varsler", value: `R${stamp}`, codeText: "x", ruleMonths: "3", ruleAnchor: "any", ruleRunningMonth: "on" }, { ruleRunningMonth: ["adminCodes.errors.runningMonthNeedsFirst"] }],
    ["a rule without months", { table: "varsler", value: `R${stamp}`, codeText: "x", ruleMonths: "", ruleAnchor: "" }, { ruleMonths: ["adminCodes.errors.monthsRequired"], ruleAnchor: ["adminCodes.errors.anchorRequired"] }],
  ] as const)("refuses %s with field errors, kept with the typed values; nothing written", async (_name, values, errors) => {
    const count = await db().kode.count();
    const to = await redirected(actions.saveCodeAction("nordhavn", null, form(values)));
    expect(to).toBe(`/nordhavn/admin/koder/${values.table}/ny?f=${refOf(to)}`);
    expect(flashes.at(-1)).toEqual({ form: `code:${values.table}:new:edit:${refOf(to)}`, values: Object.fromEntries(Object.entries(values).filter(([k]) => k !== "table")), errors });
    expect(await db().kode.count()).toBe(count);
  });

  it("refuses changing the value of a code in use (the import matches on it)", async () => {
    const rule = await codeByValue("OPSIGELSESVARSEL", "3M1");
    await redirected(actions.saveCodeAction("nordhavn", null, form({ table: "varsler", id: rule.id, value: "3M1X", codeText: rule.codeText, ruleMonths: "3", ruleAnchor: "first" })));
    expect(flashes.at(-1)!.errors).toEqual({ value: ["adminCodes.errors.valueLocked"] });
    expect(await kode(rule.id)).toEqual(rule);
  });

  it("an unknown table or a code of another table is not found", async () => {
    expect(await actions.saveCodeAction("nordhavn", null, form({ table: "hemmelig", value: "X", codeText: "X" }))).toMatchObject({ ok: false, error: "invalid-input" });
    const fam = await codeByValue("BOLIGTYPE", "FAM");
    expect(await actions.saveCodeAction("nordhavn", null, form({ table: "sumtyper", id: fam.id, value: "FAM", codeText: "x" }))).toMatchObject({ ok: false, error: "not-found" });
    expect(await kode(fam.id)).toEqual(fam);
  });

  it("another organisation's staff get not-found, read-only staff are refused; nothing changes", async () => {
    const fam = await codeByValue("BOLIGTYPE", "FAM");
    await refusedForOthers(() => actions.saveCodeAction("nordhavn", null, form({ table: "boligtyper", value: `N${stamp}`, codeText: "Ny" })));
    await refusedForOthers(() => actions.saveCodeAction("nordhavn", null, form({ table: "boligtyper", id: fam.id, value: "FAM", codeText: "Ændret" })));
    // Solbakken's staff cannot reach nordhavn's code through their own organisation either.
    current.session = sessions.otherOrg;
    expect(await actions.saveCodeAction("solbakken", null, form({ table: "boligtyper", id: fam.id, value: "FAM", codeText: "Ændret" }))).toMatchObject({ ok: false, error: "not-found" });
    expect(await kode(fam.id)).toEqual(fam);
  });
});

describe("setCodeActiveAction", () => {
  it("deactivates and reactivates, each audited; the wizard offers only active reasons", async () => {
    const id = await newReason("C");
    await redirected(actions.setCodeActiveAction("nordhavn", null, form({ table: "aarsager", id, active: "false", from: "list" })));
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/koder/aarsager?deaktiveret=${id}`);
    expect((await kode(id)).active).toBe(false);
    await redirected(actions.setCodeActiveAction("nordhavn", null, form({ table: "aarsager", id, active: "true" })));
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/koder/aarsager/${id}?aktiveret=1`);
    expect((await kode(id)).active).toBe(true);
    expect((await auditsOf(id)).slice(1).map((a) => [a.type, a.before, a.after])).toEqual([
      ["KODE_UPDATED", { active: true }, { active: false }],
      ["KODE_UPDATED", { active: false }, { active: true }],
    ]);
  });

  it("bad input is a field error; others are refused; nothing changes", async () => {
    const id = await newReason("D");
    expect(await actions.setCodeActiveAction("nordhavn", null, form({ table: "aarsager", id, active: "maybe" }))).toMatchObject({ ok: false, error: "invalid-input", fieldErrors: { active: [expect.any(String)] } });
    await refusedForOthers(() => actions.setCodeActiveAction("nordhavn", null, form({ table: "aarsager", id, active: "false" })));
    expect((await kode(id)).active).toBe(true);
  });
});

describe("moveCodeAction", () => {
  it("swaps a code with its neighbour, renumbering the table, each moved code audited", async () => {
    // Sum types: no other test file writes nordhavn's (reasons are added in parallel by tests/support/submitted-notice.ts).
    const a = await newSumType("E");
    const b = await newSumType("F");
    await redirected(actions.moveCodeAction("nordhavn", null, form({ table: "sumtyper", id: b, direction: "up" })));
    const order = (await listCodes(db(), "SUMTYPE")).map((c) => c.id);
    expect(order.indexOf(b)).toBe(order.indexOf(a) - 1);
    expect((await listCodes(db(), "SUMTYPE")).map((c) => c.sortOrder)).toEqual(order.map((_, i) => i));
    expect((await auditsOf(b)).at(-1)).toMatchObject({ type: "KODE_UPDATED", before: { sortOrder: order.indexOf(b) + 1 }, after: { sortOrder: order.indexOf(b) } });
    expect((await auditsOf(a)).at(-1)).toMatchObject({ type: "KODE_UPDATED", before: { sortOrder: order.indexOf(a) - 1 }, after: { sortOrder: order.indexOf(a) } });
    // The first code cannot move further up: nothing changes.
    const before = await db().kode.findMany({ where: { type: "SUMTYPE" }, orderBy: { id: "asc" } });
    await redirected(actions.moveCodeAction("nordhavn", null, form({ table: "sumtyper", id: order[0]!, direction: "up" })));
    expect(await db().kode.findMany({ where: { type: "SUMTYPE" }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("bad input is a field error; others are refused; nothing changes", async () => {
    const id = await newReason("G");
    expect(await actions.moveCodeAction("nordhavn", null, form({ table: "aarsager", id, direction: "sideways" }))).toMatchObject({ ok: false, error: "invalid-input", fieldErrors: { direction: [expect.any(String)] } });
    await refusedForOthers(() => actions.moveCodeAction("nordhavn", null, form({ table: "aarsager", id, direction: "up" })));
  });
});

describe("deleteCodeAction", () => {
  it("deletes an unused code, audited with what it was", async () => {
    const id = await newReason("H");
    await redirected(actions.deleteCodeAction("nordhavn", null, form({ table: "aarsager", id })));
    expect(redirects.at(-1)).toBe("/nordhavn/admin/koder/aarsager?slettet=1");
    expect(await db().kode.findUnique({ where: { id } })).toBeNull();
    const last = (await auditsOf(id)).at(-1)!;
    expect([last.type, last.after]).toEqual(["KODE_DELETED", null]);
    expect(last.before).toMatchObject({ kind: "OPSIGELSESAARSAG", code: `T${stamp}H`, tag: "Jeg tester H" });
  });

  it.each([
    ["a notice rule tenancies have", "OPSIGELSESVARSEL", "3M1", "varsler"],
    ["a housing type lease units have", "BOLIGTYPE", "FAM", "boligtyper"],
    ["a sum type lease units have", "SUMTYPE", "STD", "sumtyper"],
  ] as const)("refuses deleting %s, with a clear message; nothing changes", async (_name, type, value, table) => {
    const k = await codeByValue(type, value);
    const to = await redirected(actions.deleteCodeAction("nordhavn", null, form({ table, id: k.id })));
    expect(to).toBe(`/nordhavn/admin/koder/${table}/${k.id}?f=${refOf(to)}#slet`);
    expect(flashes.at(-1)).toEqual({ form: `code:${table}:${k.id}:delete:${refOf(to)}`, values: {}, errors: { "": ["adminCodes.errors.inUse"] } });
    expect(await kode(k.id)).toEqual(k);
  });

  it("bad input is a field error; others are refused; nothing changes", async () => {
    const id = await newReason("I");
    expect(await actions.deleteCodeAction("nordhavn", null, form({ table: "aarsager", id: "not-a-uuid" }))).toMatchObject({ ok: false, error: "invalid-input", fieldErrors: { id: [expect.any(String)] } });
    await refusedForOthers(() => actions.deleteCodeAction("nordhavn", null, form({ table: "aarsager", id })));
    expect(await db().kode.findUnique({ where: { id } })).not.toBeNull();
  });
});

describe("codes and notices", () => {
  it("a reason named in a notice's answers cannot be deleted; its edited tag text is what the wizard offers", async () => {
    const world = await signingWorld(inject("databaseUrl"), { slug: "codes", name: "Codes" });
    const at = new Date("2026-12-02T10:00:00Z");
    const f = await world.fixture({ tenants: 1, moveOut: "2027-03-20", at });
    const reasonId = ((await world.db.opsigelse.findUniqueOrThrow({ where: { id: f.noticeId } })).answers as { "move-out": { reasonCodeId: string } })["move-out"].reasonCodeId;
    const actor = { type: "STAFF" as const, id: null, label: "Test" };
    expect(await deleteCode({ db: world.db, type: "OPSIGELSESAARSAG", id: reasonId, actor })).toEqual({ ok: false, errors: { "": ["adminCodes.errors.inUse"] } });
    expect(await world.db.kode.findUnique({ where: { id: reasonId } })).not.toBeNull();

    const r = await updateCode({ db: world.db, type: "OPSIGELSESAARSAG", id: reasonId, values: { value: "FLYT", codeText: "Flytning", tagText: "Jeg flytter til udlandet", tagTextEn: "I am moving abroad" }, actor });
    expect(r).toEqual({ ok: true, id: reasonId });
    const w = await loadWizard(world.db, f.p1, f.noticeId, world.settings);
    expect(w!.reasons).toContainEqual({ id: reasonId, text: "Jeg flytter til udlandet", textEn: "I am moving abroad" });
    await world.prisma.$disconnect();
  });

  it("editing a notice rule never changes a submitted notice: its dates, rule snapshot and signed content stay", async () => {
    const world = await signingWorld(inject("databaseUrl"), { slug: "codes-snap", name: "Codes" });
    const at = new Date("2026-12-02T10:00:00Z");
    const f = await world.fixture({ tenants: 1, moveOut: "2027-03-20", at });
    const signed = await recordSignature({ db: world.db, settings: world.settings, personId: f.p1, noticeId: f.noticeId, role: "tenant1", identity: identity(f.c1, "codes-s1"), actor: tenant(f.p1), meta, now: at });
    expect(signed).toMatchObject({ kind: "submitted" });
    const before = await world.db.opsigelse.findUniqueOrThrow({ where: { id: f.noticeId } });
    expect(before).toMatchObject({ status: "SUBMITTED", terminationDate: new Date("2027-04-01T00:00:00Z"), ruleSnapshot: { codeText: "3 måneder til den 1.", rule: { months: 3, anchor: "first" } } });
    const lejer = await world.db.lejer.findUniqueOrThrow({ where: { id: f.lejerId } });

    const r = await updateCode({
      db: world.db,
      type: "OPSIGELSESVARSEL",
      id: lejer.noticeRuleId!,
      values: { value: "3M1", codeText: "1 måned til en hvilken som helst dag", ruleMonths: "1", ruleAnchor: "any" },
      actor: { type: "STAFF", id: null, label: "Test" },
    });
    expect(r.ok).toBe(true);
    expect((await world.db.kode.findUniqueOrThrow({ where: { id: lejer.noticeRuleId! } })).rule).toEqual({ months: 1, anchor: "any" });

    const after = await world.db.opsigelse.findUniqueOrThrow({ where: { id: f.noticeId } });
    expect(after).toEqual(before);
    await world.prisma.$disconnect();
  });
});
