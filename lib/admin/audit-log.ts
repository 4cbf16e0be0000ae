/**
 * Staff: the organisation's audit log (issue 11 §9) — a filterable list, newest first, paged by a
 * keyset cursor (createdAt, id), the rows of one record, and the same filters streamed as CSV.
 * Reads through the organisation-bound accessor only: another organisation's rows never match.
 */
import "server-only";
import { z } from "zod";
import type { OrgDb, Prisma } from "@/lib/db/scoped";
import { isRealIsoDate } from "./tenancies";
import { auditDiff, danishDateTime, danishDayStart, type DiffRow } from "./audit-format";
import { csvStream } from "@/lib/text/csv";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_TRAIL_LIMIT = 50;

const day = z
  .string()
  .trim()
  .refine((s) => s === "" || isRealIsoDate(s))
  .optional();

/** The filters (query string of the list and of the CSV route). Unknown parameters are refused by the route's own strict schema. */
export const auditFilterSchema = z.object({
  type: z.string().trim().max(80).regex(/^[A-Z0-9_]*$/).optional(),
  actor: z.string().trim().max(200).optional(),
  entityType: z.string().trim().max(60).regex(/^[A-Za-z]*$/).optional(),
  entityId: z.string().trim().max(100).optional(),
  from: day,
  to: day,
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

/** The list page's query: a value that does not fit is dropped (the page shows the rest), rather than a 404 for a typo. */
export const auditListQuerySchema = z.object({
  type: auditFilterSchema.shape.type.catch(undefined),
  actor: auditFilterSchema.shape.actor.catch(undefined),
  entityType: auditFilterSchema.shape.entityType.catch(undefined),
  entityId: auditFilterSchema.shape.entityId.catch(undefined),
  from: auditFilterSchema.shape.from.catch(undefined),
  to: auditFilterSchema.shape.to.catch(undefined),
  efter: z.string().max(200).optional().catch(undefined),
});

export type AuditRow = {
  id: string;
  type: string;
  actorType: string;
  actorLabel: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: Date;
  diff: DiffRow[];
};

function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function auditWhere(f: AuditFilter): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (f.type) and.push({ type: f.type });
  if (f.actor) and.push({ actorLabel: { contains: f.actor, mode: "insensitive" } });
  if (f.entityType) and.push({ entityType: f.entityType });
  if (f.entityId) and.push({ entityId: f.entityId });
  if (f.from) and.push({ createdAt: { gte: danishDayStart(f.from) } });
  if (f.to) and.push({ createdAt: { lt: danishDayStart(addDaysIso(f.to, 1)) } });
  return { AND: and };
}

/** The cursor of a row: its time and id, for the next page ("efter"). */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(s: string | undefined): { createdAt: Date; id: string } | null {
  if (!s) return null;
  const [at, id] = Buffer.from(s, "base64url").toString("utf8").split("|");
  if (!at || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const createdAt = new Date(at);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
}

const ORDER: Prisma.AuditLogOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
const SELECT = { id: true, type: true, actorType: true, actorLabel: true, entityType: true, entityId: true, createdAt: true, before: true, after: true } as const;

function afterCursor(c: { createdAt: Date; id: string } | null): Prisma.AuditLogWhereInput {
  return c ? { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] } : {};
}

function toRow(r: { id: string; type: string; actorType: string; actorLabel: string; entityType: string | null; entityId: string | null; createdAt: Date; before: unknown; after: unknown }): AuditRow {
  return { id: r.id, type: r.type, actorType: r.actorType, actorLabel: r.actorLabel, entityType: r.entityType, entityId: r.entityId, createdAt: r.createdAt, diff: auditDiff(r.before, r.after) };
}

/** One page of the list, newest first; `next` is the cursor of the page after it (null on the last page). */
export async function listAudit(db: OrgDb, filter: AuditFilter, cursor?: string, size = AUDIT_PAGE_SIZE): Promise<{ rows: AuditRow[]; next: string | null }> {
  const found = await db.auditLog.findMany({
    where: { AND: [auditWhere(filter), afterCursor(decodeCursor(cursor))] },
    orderBy: ORDER,
    take: size + 1,
    select: SELECT,
  });
  const rows = found.slice(0, size).map(toRow);
  return { rows, next: found.length > size ? encodeCursor(rows[rows.length - 1]!) : null };
}

/** The audit rows of one record, newest first (the latest AUDIT_TRAIL_LIMIT). */
export async function auditTrail(db: OrgDb, entityType: string, entityId: string): Promise<AuditRow[]> {
  const found = await db.auditLog.findMany({ where: { entityType, entityId }, orderBy: ORDER, take: AUDIT_TRAIL_LIMIT, select: SELECT });
  return found.map(toRow);
}

/** The event types that occur in this organisation's log (for the filter's select). */
export async function auditTypes(db: OrgDb): Promise<string[]> {
  const groups = await db.auditLog.groupBy({ by: ["type"], orderBy: { type: "asc" } });
  return groups.map((g) => g.type);
}

export const AUDIT_CSV_HEADER = ["Tidspunkt (dansk tid)", "Hændelse", "Hændelseskode", "Udført af", "Aktørtype", "Objekttype", "Objekt-id", "Ændringer"];

/**
 * The filtered log as CSV (BOM, `;`, CRLF), streamed in pages of `batch` rows, newest first.
 * `label` turns an event code into its Danish text.
 */
export function auditCsvStream(db: OrgDb, filter: AuditFilter, label: (type: string) => string, batch = 500): ReadableStream<Uint8Array> {
  const where = auditWhere(filter);
  return csvStream<ReturnType<typeof toRow>, { createdAt: Date; id: string }>({
    header: AUDIT_CSV_HEADER,
    page: async (cursor) => {
      const found = await db.auditLog.findMany({ where: { AND: [where, afterCursor(cursor)] }, orderBy: ORDER, take: batch, select: SELECT });
      return { rows: found.map(toRow), next: found.length < batch ? null : found[found.length - 1]! };
    },
    line: (r) => [danishDateTime(r.createdAt), label(r.type), r.type, r.actorLabel, r.actorType, r.entityType, r.entityId, r.diff.map((d) => `${d.key}: ${d.before} → ${d.after}`).join(", ")],
  });
}
