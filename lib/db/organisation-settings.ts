/**
 * Changing an organisation's settings JSON: read under a row lock (SELECT … FOR UPDATE, so two
 * admin pages saving different keys at once do not overwrite each other's change), let the caller
 * compute the new JSON and its audit entry, then write both in the same transaction. Used by the
 * admin's settings pages (lib/admin/*); Organisation is a platform model, so this lives in lib/db.
 */
import "server-only";
import type { Db } from "./client";
import type { AuditEntry } from "@/lib/audit/events";
import { auditRow } from "@/lib/audit/write";
import { toJsonValue } from "@/lib/json";

export type SettingsChange = { next: Record<string, unknown>; audit: AuditEntry } | null;

/** Applies `change` to the stored settings of `organisationId`; null from `change` writes nothing. Returns whether it wrote. */
export async function updateOrganisationSettings(db: Db, organisationId: string, change: (current: Record<string, unknown>) => SettingsChange | Promise<SettingsChange>): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ settings: unknown }>>`SELECT settings FROM "Organisation" WHERE id = ${organisationId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row) throw Object.assign(new Error("organisation not found"), { name: "NotFound" });
    const current = row.settings && typeof row.settings === "object" && !Array.isArray(row.settings) ? (row.settings as Record<string, unknown>) : {};
    const c = await change(current);
    if (!c) return false;
    await tx.organisation.update({ where: { id: organisationId }, data: { settings: toJsonValue(c.next) ?? {} } });
    await tx.auditLog.create({ data: auditRow(organisationId, c.audit) });
    return true;
  });
}
