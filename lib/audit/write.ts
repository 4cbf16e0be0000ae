import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import { checkAuditEntry, type AuditEntry } from "./events";
import { toJsonValue } from "@/lib/json";

/**
 * The AuditLog row for an entry; organisationId null only for platform events. The entry is checked
 * against its event's schema first (lib/audit/events.ts): data that does not fit throws, so the
 * transaction — and the change it audits — fails.
 */
export function auditRow(organisationId: string | null, entry: AuditEntry) {
  const { before, after } = checkAuditEntry(entry);
  return {
    organisationId,
    type: entry.type,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorLabel: entry.actor.label.slice(0, 200),
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: toJsonValue(before),
    after: toJsonValue(after),
    ip: entry.meta?.ip?.slice(0, 100) ?? null,
    userAgent: entry.meta?.userAgent?.slice(0, 500) ?? null,
  };
}

/** Writes an audit row inside the caller's transaction. Errors propagate: no change without its audit row. */
export async function writeAudit(tx: OrgTx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: auditRow(tx.organisationId, entry) });
}
