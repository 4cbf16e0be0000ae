/**
 * Which person in an organisation a signed-in MitID identity is. The identity provider (a MitID
 * broker) sends the CPR number as a claim; we compare keyed hashes only, and accept the person only
 * if they are a legal tenant on a tenancy of this organisation.
 */
import "server-only";
import { orgDb } from "@/lib/db/scoped";
import { cprHash, normaliseCpr } from "@/lib/crypto";
import { listTenanciesForTenant } from "@/lib/tenancy/access";

export async function findTenantPerson(organisationId: string, cpr: unknown): Promise<{ id: string; name: string; email: string | null } | null> {
  if (typeof cpr !== "string" || !normaliseCpr(cpr)) return null;
  const db = orgDb(organisationId);
  const person = await db.person.findUnique({
    where: { organisationId_cprHash: { organisationId, cprHash: cprHash(cpr) } },
    select: { id: true, name: true, email: true },
  });
  if (!person) return null;
  // A legal tenant of at least one tenancy, by the same rule every tenant page uses.
  const tenancies = await listTenanciesForTenant(db, person.id, { select: { id: true }, take: 1 });
  return tenancies.length > 0 ? person : null;
}
