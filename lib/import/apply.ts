/**
 * The I/O of an import: the organisation's current state as a plan's Snapshot, and writing a
 * plan's writes inside the caller's transaction (batched createMany, then updates), so the import
 * is all or nothing.
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import { emptySnapshot, type LejemaalData, type LejerData, type PlannedWrites, type Snapshot } from "./plan";
import { syncTenancyDetailsTodos } from "@/lib/todos/tenancy-details-sync";

const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
const date = (d: string | null | undefined): Date | null | undefined => (d === undefined ? undefined : d === null ? null : new Date(`${d}T00:00:00.000Z`));

/** Everything the plan compares with: companies, properties, lease units, tenancies, persons with a CPR hash, the code tables. */
export async function loadSnapshot(db: OrgTx): Promise<Snapshot> {
  const snap = emptySnapshot();
  const [selskaber, ejendomme, lejemaal, lejere, persons, koder] = [
    await db.selskab.findMany({ select: { id: true, nr: true, name: true } }),
    await db.ejendom.findMany({ select: { id: true, nr: true, name: true, selskabId: true } }),
    await db.lejemaal.findMany({ select: { id: true, nr: true, ejendomId: true, address1: true, postalCode: true, city: true, boligtypeId: true, sumtypeId: true, endedOn: true, mainLejemaalId: true } }),
    await db.lejer.findMany({
      select: { id: true, nr: true, lejemaalId: true, moveInDate: true, noticeRuleId: true, renovationDays: true, terminatedOn: true, nonTerminableUntil: true, terminableInPeriodFrom: true, legalTenant1Id: true, legalTenant2Id: true },
    }),
    await db.person.findMany({ where: { cprHash: { not: null } }, select: { id: true, name: true, mobile: true, phone: true, email: true, cprHash: true } }),
    await db.kode.findMany({ where: { type: { in: ["OPSIGELSESVARSEL", "BOLIGTYPE", "SUMTYPE"] } }, select: { id: true, type: true, value: true } }),
  ];
  const sNr = new Map<string, number>();
  for (const s of selskaber) {
    sNr.set(s.id, s.nr);
    snap.selskaber.set(s.nr, { id: s.id, name: s.name });
  }
  const eKey = new Map<string, string>();
  for (const e of ejendomme) {
    const k = `${sNr.get(e.selskabId)}/${e.nr}`;
    eKey.set(e.id, k);
    snap.ejendomme.set(k, { id: e.id, name: e.name });
  }
  const lKey = new Map<string, string>();
  for (const l of lejemaal) {
    const k = `${eKey.get(l.ejendomId)}/${l.nr}`;
    lKey.set(l.id, k);
    snap.lejemaal.set(k, { id: l.id, address1: l.address1, postalCode: l.postalCode, city: l.city, boligtypeId: l.boligtypeId, sumtypeId: l.sumtypeId, endedOn: day(l.endedOn), mainLejemaalId: l.mainLejemaalId });
  }
  for (const t of lejere) {
    snap.lejere.set(`${lKey.get(t.lejemaalId)}/${t.nr}`, {
      id: t.id,
      moveInDate: day(t.moveInDate)!,
      noticeRuleId: t.noticeRuleId,
      renovationDays: t.renovationDays,
      terminatedOn: day(t.terminatedOn),
      nonTerminableUntil: day(t.nonTerminableUntil),
      terminableInPeriodFrom: day(t.terminableInPeriodFrom),
      legalTenant1Id: t.legalTenant1Id,
      legalTenant2Id: t.legalTenant2Id,
    });
  }
  for (const p of persons) snap.persons.set(p.cprHash!, { id: p.id, name: p.name, mobile: p.mobile, phone: p.phone, email: p.email });
  for (const k of koder) snap.codes[k.type as keyof Snapshot["codes"]].set(k.value, k.id);
  return snap;
}

const BATCH = 1000;

async function inBatches<T>(items: T[], fn: (batch: T[]) => Promise<unknown>, onRows?: (n: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = items.slice(i, i + BATCH);
    await fn(batch);
    onRows?.(batch.length);
  }
}

const leaseRow = (organisationId: string) => (l: LejemaalData) => ({ ...l, organisationId, endedOn: date(l.endedOn) ?? null });
const lejerRow = (organisationId: string) => (t: LejerData) => ({
  ...t,
  organisationId,
  moveInDate: date(t.moveInDate)!,
  terminatedOn: date(t.terminatedOn) ?? null,
  nonTerminableUntil: date(t.nonTerminableUntil) ?? null,
  terminableInPeriodFrom: date(t.terminableInPeriodFrom) ?? null,
});
function lejerUpdate(d: Partial<LejerData>) {
  const { moveInDate, terminatedOn, nonTerminableUntil, terminableInPeriodFrom, ...rest } = d;
  return {
    ...rest,
    ...(moveInDate !== undefined ? { moveInDate: date(moveInDate)! } : {}),
    ...(terminatedOn !== undefined ? { terminatedOn: date(terminatedOn) } : {}),
    ...(nonTerminableUntil !== undefined ? { nonTerminableUntil: date(nonTerminableUntil) } : {}),
    ...(terminableInPeriodFrom !== undefined ? { terminableInPeriodFrom: date(terminableInPeriodFrom) } : {}),
  };
}

/** Writes a plan inside the caller's transaction: creates in batches (parents first), then the updates. `onRows` counts rows written. */
export async function writePlan(tx: OrgTx, w: PlannedWrites, opts: { updatedBy: string; onRows?: (n: number) => void }): Promise<void> {
  const org = tx.organisationId;
  const on = opts.onRows;
  await inBatches(w.selskaber.create, (b) => tx.selskab.createMany({ data: b.map((s) => ({ ...s, organisationId: org })) }), on);
  for (const u of w.selskaber.update) await tx.selskab.update({ where: { id: u.id }, data: { name: u.name } });
  await inBatches(w.ejendomme.create, (b) => tx.ejendom.createMany({ data: b.map((e) => ({ ...e, organisationId: org })) }), on);
  for (const u of w.ejendomme.update) await tx.ejendom.update({ where: { id: u.id }, data: { name: u.name } });
  await inBatches(w.lejemaal.create, (b) => tx.lejemaal.createMany({ data: b.map(leaseRow(org)) }), on);
  await inBatches(w.lejemaal.createSub, (b) => tx.lejemaal.createMany({ data: b.map(leaseRow(org)) }), on);
  for (const u of w.lejemaal.update) {
    const { endedOn, ...rest } = u.data;
    await tx.lejemaal.update({ where: { id: u.id }, data: { ...rest, ...(endedOn !== undefined ? { endedOn: date(endedOn) } : {}) } });
  }
  await inBatches(w.persons.create, (b) => tx.person.createMany({ data: b.map((p) => ({ ...p, organisationId: org })) }), on);
  for (const u of w.persons.update) await tx.person.update({ where: { id: u.id }, data: u.data });
  await inBatches(w.lejere.create, (b) => tx.lejer.createMany({ data: b.map(lejerRow(org)).map((r) => ({ ...r, updatedBy: opts.updatedBy })) }), on);
  for (const u of w.lejere.update) await tx.lejer.update({ where: { id: u.id }, data: { ...lejerUpdate(u.data), updatedBy: opts.updatedBy } });
  // provide-tenancy-details to-dos for every tenancy the import left missing data, closed for those it completed or ended (set-based, all tenancies).
  await syncTenancyDetailsTodos(tx);
}

export function writeCount(w: PlannedWrites): number {
  return (
    w.selskaber.create.length +
    w.selskaber.update.length +
    w.ejendomme.create.length +
    w.ejendomme.update.length +
    w.lejemaal.create.length +
    w.lejemaal.createSub.length +
    w.lejemaal.update.length +
    w.persons.create.length +
    w.persons.update.length +
    w.lejere.create.length +
    w.lejere.update.length
  );
}
