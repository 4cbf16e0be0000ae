import type { OrgTx } from "@/lib/db/scoped";
import type { AuditEntry } from "./events";
import { toJsonValue } from "@/lib/json";


/** The AuditLog row for an entry; organisationId null only for platform events. */
export function auditRow(organisationId: string | null, entry: AuditEntry) {
  return {
    organisationId,
    type: entry.type,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorLabel: entry.actor.label,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
    ip: entry.meta?.ip?.slice(0, 100) ?? null,
    userAgent: entry.meta?.userAgent?.slice(0, 500) ?? null,
  };
}

/** Writes an audit row inside the caller's transaction. Errors propagate: no change without its audit row. */
export async function writeAudit(tx: OrgTx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: auditRow(tx.organisationId, entry) });
}
