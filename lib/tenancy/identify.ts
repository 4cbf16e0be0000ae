/**
 * Which person in an organisation a signed-in MitID identity is. The identity provider (a MitID
 * broker) sends the CPR number as a claim; we compare keyed hashes only, and accept the person only
 * if they are a legal tenant on a tenancy of this organisation.
 */
import { orgDb } from "@/lib/db/scoped";
import { cprHash, normaliseCpr } from "@/lib/crypto";

export async function findTenantPerson(organisationId: string, cpr: unknown): Promise<{ id: string; name: string; email: string | null } | null> {
  if (typeof cpr !== "string" || !normaliseCpr(cpr)) return null;
  const db = orgDb(organisationId);
  const person = await db.person.findUnique({
    where: { organisationId_cprHash: { organisationId, cprHash: cprHash(cpr) } },
    select: {
      id: true,
      name: true,
      email: true,
      _count: { select: { asLegalTenant1: true, asLegalTenant2: true } },
    },
  });
  if (!person || person._count.asLegalTenant1 + person._count.asLegalTenant2 === 0) return null;
  return { id: person.id, name: person.name, email: person.email };
}
