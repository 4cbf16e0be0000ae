/**
 * The signing tests' world (tests/integration/signing*.test.ts): an organisation with the notice
 * rules "3 måneder til den 1." and "løbende måned + 3 måneder", a reason code and a property, and
 * `fixture`, which makes a tenancy (one or two legal tenants, optionally sub-leases and a
 * cohabitant) with a notice whose every step is saved at a given instant, ready to sign.
 */
import { createPrismaClient } from "@/lib/db/client";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { createOrganisation } from "@/lib/db/platform";
import { organisationSettingsSchema, type OrganisationSettings } from "@/lib/organisation/settings";
import { SYSTEM_ACTOR, type Actor } from "@/lib/audit/events";
import { cprHash } from "@/lib/crypto";
import { saveStep, startNotice } from "@/lib/notice";
import { allowedInspectionDates } from "@/lib/notice/dates";
import type { SignIdentity } from "@/lib/notice/sign";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

export const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
export const meta = { ip: "127.0.0.1", userAgent: "vitest" };
export const tenant = (id: string): Actor => ({ type: "TENANT", id, label: "tenant" });
export const ISSUER = "http://localhost:4999";

let cprCounter = 0;
/** A fresh fictitious CPR number (unique in this process). */
export const newCpr = () => `0101${String(70 + (cprCounter % 30)).padStart(2, "0")}${String(1000 + ++cprCounter).slice(-4)}`;
export const identity = (cpr: string | null, sub: string, name = "Signer"): SignIdentity => ({ issuer: ISSUER, sub, name, cpr, assuranceLevel: "substantial" });

export type SigningWorld = Awaited<ReturnType<typeof signingWorld>>;
export type Fixture = Awaited<ReturnType<SigningWorld["fixture"]>>;

export async function signingWorld(databaseUrl: string, org: { slug: string; name: string }) {
  const prisma = createPrismaClient(databaseUrl);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const settings: OrganisationSettings = organisationSettingsSchema.parse({});
  const created = await createOrganisation(prisma, { slug: `${org.slug}-${stamp}`, name: org.name, settings }, { actor: SYSTEM_ACTOR });
  const db: OrgDb = orgDb(created.id, prisma);
  const organisationId = created.id;
  const { kodeId, runningKodeId, reasonId, ejendomId } = await db.$transaction(async (tx) => {
    const kode = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESVARSEL", value: "3M1", codeText: "3 måneder til den 1.", rule: { months: 3, anchor: "first" } } });
    const running = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESVARSEL", value: "LM3", codeText: "løbende måned + 3 måneder", rule: { months: 3, anchor: "first", runningMonth: true } } });
    const reason = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESAARSAG", value: "FLYT", codeText: "Flytning", tagText: "Jeg flytter" } });
    const selskab = await tx.selskab.create({ data: { organisationId, nr: 7, name: "Selskab" } });
    const ejendom = await tx.ejendom.create({ data: { organisationId, selskabId: selskab.id, nr: 3, name: "Ejendom" } });
    return { kodeId: kode.id, runningKodeId: running.id, reasonId: reason.id, ejendomId: ejendom.id };
  });
  let unitNr = 0;

  /** A tenancy (one or two legal tenants, optionally sub-leases) with a notice whose every step is saved at `at`. */
  async function fixture(opts: { tenants: 1 | 2; runningMonth?: boolean; cohabitant?: boolean; subLeases?: number; terminateAll?: boolean; moveOut: string; at: Date }) {
    const t = await db.$transaction(async (tx) => {
      const organisationId = db.organisationId;
      const n = ++unitNr;
      const lm = await tx.lejemaal.create({ data: { organisationId, ejendomId, nr: n * 10, address1: `Signevej ${n}, 1. tv`, postalCode: "8000", city: "Aarhus C" } });
      const subs = [];
      for (let i = 0; i < (opts.subLeases ?? 0); i++) {
        subs.push(await tx.lejemaal.create({ data: { organisationId, ejendomId, nr: n * 10 + i + 1, address1: `Signevej ${n}, garage ${i}`, postalCode: "8000", city: "Aarhus C", mainLejemaalId: lm.id } }));
      }
      const c1 = newCpr();
      const c2 = newCpr();
      const p1 = await tx.person.create({ data: { organisationId, name: `Anna ${n}`, cprHash: cprHash(c1), mobile: "+4511111111" } });
      const p2 = opts.tenants === 2 ? await tx.person.create({ data: { organisationId, name: `Bo ${n}`, cprHash: cprHash(c2) } }) : null;
      const l = await tx.lejer.create({
        data: { organisationId, lejemaalId: lm.id, nr: 1, moveInDate: d("2020-01-01"), noticeRuleId: opts.runningMonth ? runningKodeId : kodeId, renovationDays: 14, legalTenant1Id: p1.id, legalTenant2Id: p2?.id ?? null },
      });
      const subTenancies = [];
      for (const s of subs) {
        subTenancies.push(await tx.lejer.create({ data: { organisationId, lejemaalId: s.id, nr: 1, moveInDate: d("2020-01-01"), legalTenant1Id: p1.id, legalTenant2Id: p2?.id ?? null } }));
      }
      return { lejerId: l.id, p1: p1.id, p2: p2?.id ?? null, c1, c2, subTenancyIds: subTenancies.map((s) => s.id) };
    });
    const started = await startNotice({ db, personId: t.p1, lejerId: t.lejerId, actor: tenant(t.p1), meta, now: opts.at });
    if (!("draft" in started)) throw new Error(JSON.stringify(started));
    const noticeId = started.draft.id;
    let version = 0;
    const save = async (step: string, answers: unknown) => {
      const r = await saveStep({ db, personId: t.p1, noticeId, step, answers, expectedVersion: version, actor: tenant(t.p1), meta, now: opts.at });
      if (!r.ok) throw new Error(`${step}: ${JSON.stringify(r.fieldErrors)}`);
      version = r.draft.version;
    };
    const today = opts.at.toISOString().slice(0, 10);
    const inspection = allowedInspectionDates({ today, moveOut: opts.moveOut, settings }).default!;
    await save("general", {});
    await save("you-and-lease", {
      tenants: [{ personId: t.p1, mobile: "22 33 44 55", phone: null, email: "anna@example.dk" }, ...(t.p2 ? [{ personId: t.p2, mobile: "66 77 88 99", phone: "33 33 33 33", email: "bo@example.dk" }] : [])],
      cohabitant: opts.cohabitant ? { name: "Cille Samlever", email: "cille@example.dk", mobile: "44 44 44 44" } : null,
    });
    if (opts.subLeases) await save("sub-leases", { terminateAll: opts.terminateAll ?? true });
    await save("move-out", { reasonCodeId: reasonId, moveOutDate: opts.moveOut, inspectionDate: inspection });
    await save("viewing", { phone: "22334455" });
    await save("new-address", { mode: "same", address: { kind: "foreign", text: "Storgatan 1, Malmö", country: "SE" } });
    await save("account", { account: { kind: "nemkonto" } });
    await save("check-answers", opts.tenants === 1 && !opts.cohabitant ? { onlyOccupant: true } : {});
    return { ...t, noticeId, version: () => version, save, inspection };
  }

  return { prisma, db, settings, fixture };
}
