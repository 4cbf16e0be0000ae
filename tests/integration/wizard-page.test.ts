/**
 * The wizard page service (lib/notice/wizard.ts saveWizardPage), on the real database with an
 * injected clock: what a page's plain form gives is checked on the server — the move-out date
 * against today and the organisation's formula, the inspection date among the allowed ones, the
 * reason among the organisation's active codes, NemKonto only when on file, a Danish address only
 * as the look-up knows it — and a refused form changes nothing; an accepted one saves the step.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { createOrganisation } from "@/lib/db/platform";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { SYSTEM_ACTOR, type Actor } from "@/lib/audit/events";
import { startNotice } from "@/lib/notice";
import { loadWizard, saveWizardPage } from "@/lib/notice/wizard";
import { searchAddresses } from "@/lib/address";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const NOW = new Date("2026-12-01T10:00:00Z");
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const tenant = (id: string): Actor => ({ type: "TENANT", id, label: "tenant" });

let prisma: Db;
let db: OrgDb;
let settings: ReturnType<typeof organisationSettingsSchema.parse>;
let ejendomId: string;
let ruleId: string;
let reasonId: string;
let otherOrgReasonId: string;
let inactiveReasonId: string;
let n = 0;

async function draftFor(opts: { nemKonto?: boolean } = {}) {
  const t = await db.$transaction(async (tx) => {
    const organisationId = db.organisationId;
    const nr = ++n;
    const lm = await tx.lejemaal.create({ data: { organisationId, ejendomId, nr, address1: `Sidevej ${nr}`, postalCode: "8000", city: "Aarhus C" } });
    const p = await tx.person.create({ data: { organisationId, name: `Tenant ${nr}`, ...(opts.nemKonto ? { regNo: "1234", accountNo: "0012345678", nemKontoConsent: true } : {}) } });
    const l = await tx.lejer.create({ data: { organisationId, lejemaalId: lm.id, nr: 1, moveInDate: d("2020-01-01"), noticeRuleId: ruleId, renovationDays: 14, legalTenant1Id: p.id } });
    return { lejerId: l.id, personId: p.id };
  });
  const r = await startNotice({ db, personId: t.personId, lejerId: t.lejerId, actor: tenant(t.personId), now: NOW });
  if (!("draft" in r)) throw new Error("no draft");
  return { ...t, noticeId: r.draft.id };
}

async function save(t: { personId: string; noticeId: string }, slug: string, values: Record<string, string>) {
  const w = await loadWizard(db, t.personId, t.noticeId, settings);
  return saveWizardPage({ db, personId: t.personId, noticeId: t.noticeId, slug, values, expectedVersion: w!.draft.version, organisationSettings: settings, actor: tenant(t.personId), now: NOW });
}

const answers = async (id: string) => ((await db.opsigelse.findFirstOrThrow({ where: { id } })).answers ?? {}) as Record<string, unknown>;

beforeAll(async () => {
  prisma = createPrismaClient(inject("databaseUrl"));
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  settings = organisationSettingsSchema.parse({ moveOutFormula: "" });
  const org = await createOrganisation(prisma, { slug: `wizard-${stamp}`, name: "Wizard", settings }, { actor: SYSTEM_ACTOR });
  const other = await createOrganisation(prisma, { slug: `wizard-other-${stamp}`, name: "Other", settings: organisationSettingsSchema.parse({}) }, { actor: SYSTEM_ACTOR });
  db = orgDb(org.id, prisma);
  const ids = await db.$transaction(async (tx) => {
    const organisationId = org.id;
    const rule = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESVARSEL", value: "3M1", codeText: "3 måneder til den 1.", rule: { months: 3, anchor: "first" } } });
    const reason = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESAARSAG", value: "01", codeText: "Flytter", tagText: "Jeg flytter" } });
    const inactive = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESAARSAG", value: "99", codeText: "Gammel", active: false } });
    const s = await tx.selskab.create({ data: { organisationId, nr: 1, name: "S" } });
    const e = await tx.ejendom.create({ data: { organisationId, selskabId: s.id, nr: 1, name: "E" } });
    return { ruleId: rule.id, reasonId: reason.id, ejendomId: e.id, inactiveReasonId: inactive.id };
  });
  ({ ruleId, reasonId, ejendomId, inactiveReasonId } = ids);
  otherOrgReasonId = await orgDb(other.id, prisma).$transaction(async (tx) => (await tx.kode.create({ data: { organisationId: other.id, type: "OPSIGELSESAARSAG", value: "01", codeText: "X" } })).id);
});

describe("saveWizardPage", () => {
  it.each([
    ["a day before today", { day: "30", month: "11", year: "2026" }, "notice.errors.beforeToday"],
    ["not a date", { day: "31", month: "2", year: "2027" }, "notice.errors.date"],
  ])("refuses a move-out date that is %s, and saves nothing", async (_what, date, key) => {
    const t = await draftFor();
    const r = await save(t, "fraflytning", { reasonCodeId: reasonId, moveOutDay: date.day, moveOutMonth: date.month, moveOutYear: date.year });
    expect(r).toMatchObject({ ok: false, fieldErrors: { moveOutDay: [key] } });
    expect(await answers(t.noticeId)).toEqual({});
  });

  it("refuses another organisation's reason code and an inactive one", async () => {
    const t = await draftFor();
    const r = await save(t, "fraflytning", { reasonCodeId: otherOrgReasonId, moveOutDay: "28", moveOutMonth: "2", moveOutYear: "2027" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { reasonCodeId: ["notice.errors.id"] } });
    const r2 = await save(t, "fraflytning", { reasonCodeId: inactiveReasonId, moveOutDay: "28", moveOutMonth: "2", moveOutYear: "2027" });
    expect(r2).toMatchObject({ ok: false, fieldErrors: { reasonCodeId: ["notice.errors.id"] } });
    expect(await answers(t.noticeId)).toEqual({});
  });

  it("saves today's date and then only an allowed inspection date", async () => {
    const t = await draftFor();
    expect(await save(t, "fraflytning", { reasonCodeId: reasonId, moveOutDay: "1", moveOutMonth: "12", moveOutYear: "2026" })).toMatchObject({ ok: true });
    // Today (the move-out day) is never an inspection day; a Saturday neither; the next weekday is.
    expect(await save(t, "flyttesyn", { inspectionDate: "2026-12-01" })).toMatchObject({ ok: false, fieldErrors: { inspectionDate: ["notice.errors.inspectionNotAllowed"] } });
    expect(await save(t, "flyttesyn", { inspectionDate: "2026-12-05" })).toMatchObject({ ok: false, fieldErrors: { inspectionDate: ["notice.errors.inspectionNotAllowed"] } });
    expect(await save(t, "flyttesyn", {})).toMatchObject({ ok: false, fieldErrors: { inspectionDate: ["notice.errors.chooseOne"] } });
    expect(await save(t, "flyttesyn", { inspectionDate: "2026-12-02" })).toMatchObject({ ok: true });
    expect((await answers(t.noticeId))["move-out"]).toEqual({ reasonCodeId: reasonId, moveOutDate: "2026-12-01", inspectionDate: "2026-12-02" });
  });

  it("applies the organisation's move-out formula", async () => {
    const strict = organisationSettingsSchema.parse({ moveOutFormula: "Dag=1" });
    const t = await draftFor();
    const w = await loadWizard(db, t.personId, t.noticeId, strict);
    const base = { db, personId: t.personId, noticeId: t.noticeId, slug: "fraflytning", expectedVersion: w!.draft.version, organisationSettings: strict, actor: tenant(t.personId), now: NOW };
    expect(await saveWizardPage({ ...base, values: { reasonCodeId: reasonId, moveOutDay: "2", moveOutMonth: "3", moveOutYear: "2027" } })).toMatchObject({ ok: false, fieldErrors: { moveOutDay: ["notice.errors.moveOutFormula"] } });
    expect(await saveWizardPage({ ...base, values: { reasonCodeId: reasonId, moveOutDay: "1", moveOutMonth: "3", moveOutYear: "2027" } })).toMatchObject({ ok: true });
  });

  it("NemKonto only when the tenant consented and an account is on file", async () => {
    const without = await draftFor();
    expect(await save(without, "konto", { accountKind: "nemkonto" })).toMatchObject({ ok: false, fieldErrors: { accountKind: ["notice.errors.invalid"] } });
    const withNem = await draftFor({ nemKonto: true });
    expect(await save(withNem, "konto", { accountKind: "nemkonto" })).toMatchObject({ ok: true });
    expect(await save(without, "konto", { accountKind: "danish", regNo: "12", accountNo: "1" })).toMatchObject({ ok: false, fieldErrors: { regNo: ["notice.errors.regNo"] } });
  });

  it("a Danish address is what the look-up says for its id; an unknown id is refused", async () => {
    const t = await draftFor();
    const found = await searchAddresses("Vestergade 1", { limit: 1 });
    if (!found.ok || !found.value[0]) throw new Error("the offline provider found nothing");
    const hit = found.value[0];
    expect(await save(t, "ny-adresse", { mode: "same", a0Kind: "danish", a0AddressId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, fieldErrors: { a0AddressQuery: ["notice.errors.chooseAddress"] } });
    expect(await save(t, "ny-adresse", { mode: "same", a0Kind: "danish", a0AddressId: hit.id, a0AddressText: "Forged text" })).toMatchObject({ ok: true });
    expect((await answers(t.noticeId))["new-address"]).toEqual({ mode: "same", address: { kind: "danish", addressId: hit.id, text: hit.text } });
  });

  it("a sole tenant must say whether a cohabitant lives there, and confirm being the only occupant", async () => {
    const t = await draftFor();
    expect(await save(t, "dig-og-lejemaalet", { tenant0Id: t.personId })).toMatchObject({ ok: false, fieldErrors: { addCohabitant: ["notice.errors.chooseOne"] } });
    expect(await save(t, "tjek-svar", {})).toMatchObject({ ok: false, fieldErrors: { onlyOccupant: ["notice.errors.mustConfirm"] } });
    expect(await save(t, "tjek-svar", { onlyOccupant: "yes" })).toMatchObject({ ok: true });
  });

  it("another tenant's notice: null (the page answers 404), nothing written", async () => {
    const mine = await draftFor();
    const other = await draftFor();
    const r = await saveWizardPage({ db, personId: other.personId, noticeId: mine.noticeId, slug: "fremvisning", values: { phone: "12345678" }, expectedVersion: 0, organisationSettings: settings, actor: tenant(other.personId), now: NOW });
    expect(r).toBeNull();
    expect(await answers(mine.noticeId)).toEqual({});
  });
});
