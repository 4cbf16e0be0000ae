import type { OrgTx } from "@/lib/db/scoped";
import type { AuditEntry } from "./events";

function json(value: unknown) {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as object);
}

/** Writes an audit row inside the caller's transaction. Errors propagate: no change without its audit row. */
export async function writeAudit(tx: OrgTx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      organisationId: tx.organisationId,
      type: entry.type,
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      actorLabel: entry.actor.label,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      ip: entry.meta?.ip?.slice(0, 100) ?? null,
      userAgent: entry.meta?.userAgent?.slice(0, 500) ?? null,
    },
  });
}

export { json as auditJson };
