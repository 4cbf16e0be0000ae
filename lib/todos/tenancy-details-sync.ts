/**
 * provide-tenancy-details to-dos follow the data (issue 12 §4): one OPEN to-do per ACTIVE tenancy
 * that lacks its notice rule or its renovation period; when the data is complete the to-do is
 * COMPLETED with result { closedBy: "data" }, and when the tenancy is no longer active it is
 * CANCELLED with result { closedBy: "inactive" }.
 *
 * "Active" is the guide's query "Hjælp til at finde manglende data" (../shared/seeds, 05):
 *   S.AdmStopDato is null        → the company is not stopped   (Selskab.stoppedOn null)
 *   E.AdmStopDato is null        → the property is not stopped  (Ejendom.stoppedOn null)
 *   LM.LejemaalSlut is null      → the lease unit has not ended (Lejemaal.endedOn null)
 *   L.FraflytFrigorDatoNy is NULL → the tenancy is not terminated (Lejer.terminatedOn null)
 * The guide does not exclude sub-leases (a garage has its own notice rule and renovation period in
 * the back office), so neither do we. Its `(L.LejerNr % 2) = 0` is an example filter that would
 * hide every odd tenancy: deliberately NOT copied.
 *
 * Set-based, so it stays fast for an organisation's 12 000 tenancies: two updateMany to close, one
 * findMany (served by the partial index "Lejer_missing_data") and batched createMany with
 * skipDuplicates to open — the partial unique index "Todo_one_open_tenancy_details" makes the
 * insert of a racing second sync a no-op (ON CONFLICT DO NOTHING), so there are never two OPEN.
 * Runs inside the caller's transaction (the tenancy update, the import's apply, the demo seed).
 */
import "server-only";
import type { OrgTx, Prisma } from "@/lib/db/scoped";

const KIND = "PROVIDE_TENANCY_DETAILS" as const;
const CHUNK = 5000;

/** The tenancy is active: the guide's criteria (see above). */
export const ACTIVE_TENANCY_WHERE = {
  terminatedOn: null,
  lejemaal: { endedOn: null, ejendom: { stoppedOn: null, selskab: { stoppedOn: null } } },
} as const satisfies Prisma.LejerWhereInput;

/** The tenancy lacks what the wizard needs: a notice rule or a renovation period. */
export const MISSING_DATA_WHERE = { OR: [{ noticeRuleId: null }, { renovationDays: null }] } as const satisfies Prisma.LejerWhereInput;

/** Active and missing data: exactly the tenancies that should have an OPEN provide-tenancy-details to-do. */
export const NEEDS_DETAILS_WHERE: Prisma.LejerWhereInput = { AND: [ACTIVE_TENANCY_WHERE, MISSING_DATA_WHERE] };

const INACTIVE_WHERE: Prisma.LejerWhereInput = {
  OR: [
    { terminatedOn: { not: null } },
    { lejemaal: { endedOn: { not: null } } },
    { lejemaal: { ejendom: { stoppedOn: { not: null } } } },
    { lejemaal: { ejendom: { selskab: { stoppedOn: { not: null } } } } },
  ],
};

export type SyncResult = { opened: number; completed: number; cancelled: number };

function chunks(ids: readonly string[] | undefined): (readonly string[] | undefined)[] {
  if (ids === undefined) return [undefined];
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}

/**
 * Opens and closes the provide-tenancy-details to-dos of `lejerIds` (all of the organisation's
 * tenancies when omitted) inside the caller's transaction.
 */
export async function syncTenancyDetailsTodos(tx: OrgTx, lejerIds?: readonly string[], opts: { now?: Date } = {}): Promise<SyncResult> {
  const now = opts.now ?? new Date();
  const total: SyncResult = { opened: 0, completed: 0, cancelled: 0 };
  for (const ids of chunks(lejerIds)) {
    if (ids !== undefined && ids.length === 0) continue;
    const scope: Prisma.LejerWhereInput = ids ? { id: { in: [...ids] } } : {};
    const todoScope: Prisma.TodoWhereInput = { kind: KIND, status: "OPEN", ...(ids ? { lejerId: { in: [...ids] } } : {}) };

    // No longer applicable: the tenancy is terminated, its lease unit ended, or its property or company stopped.
    const cancelled = await tx.todo.updateMany({
      where: { ...todoScope, lejer: INACTIVE_WHERE },
      data: { status: "CANCELLED", completedAt: now, result: { closedBy: "inactive" }, version: { increment: 1 } },
    });
    // The data is complete (set in the tenancy page, by an import, …).
    const completed = await tx.todo.updateMany({
      where: { ...todoScope, lejer: { noticeRuleId: { not: null }, renovationDays: { not: null } } },
      data: { status: "COMPLETED", completedAt: now, result: { closedBy: "data" }, version: { increment: 1 } },
    });
    // Open one for each active tenancy missing data that has none open.
    const missing = await tx.lejer.findMany({
      where: { AND: [scope, NEEDS_DETAILS_WHERE, { todos: { none: { kind: KIND, status: "OPEN" } } }] },
      select: { id: true, noticeRuleId: true, renovationDays: true },
    });
    let opened = 0;
    for (let i = 0; i < missing.length; i += 1000) {
      const batch = missing.slice(i, i + 1000);
      const r = await tx.todo.createMany({
        data: batch.map((l) => ({
          organisationId: tx.organisationId,
          kind: KIND,
          lejerId: l.id,
          payload: { missing: [...(l.noticeRuleId === null ? ["noticeRule"] : []), ...(l.renovationDays === null ? ["renovationDays"] : [])] },
        })),
        skipDuplicates: true,
      });
      opened += r.count;
    }
    total.opened += opened;
    total.completed += completed.count;
    total.cancelled += cancelled.count;
  }
  return total;
}
