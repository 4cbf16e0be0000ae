/**
 * The to-do list (/{org}/admin/opgaver, later the automation API's list): filters by kind, status
 * (default open) and `forfald=idag` (reminders due on or before today), keyset pages on
 * (createdAt, id) — oldest first while open (a work queue), newest first otherwise — or on
 * (dueDate, id) for the reminders due. Each row carries what the list shows: the kind, the
 * tenancy's address, the notice and its status, the due date, when it was created (and closed).
 * Reads only through the organisation-bound accessor; indexes (organisationId, status, kind,
 * createdAt, id) and (organisationId, kind, status, dueDate) serve it.
 */
import "server-only";
import { isRealIsoDate } from "@/lib/admin/tenancies";
import { z } from "zod";
import type { OrgDb, OrgTx, Prisma } from "@/lib/db/scoped";
import { isoDay, UUID_RE } from "./common";

export const TODO_PAGE_SIZE = 50;

export const TODO_TYPES = { "confirm-notice": "CONFIRM_NOTICE", "provide-tenancy-details": "PROVIDE_TENANCY_DETAILS", reminder: "REMINDER" } as const;
export type TodoTypeParam = keyof typeof TODO_TYPES;
export type TodoKindName = (typeof TODO_TYPES)[TodoTypeParam];
export const TODO_STATUS = { open: ["OPEN"], completed: ["COMPLETED"], cancelled: ["CANCELLED"], all: ["OPEN", "COMPLETED", "CANCELLED"] } as const;
export type TodoStatusParam = keyof typeof TODO_STATUS;

/** The URL's query (CONTEXT.md contract): a value that does not fit is dropped, never a 404. */
export const todoListQuerySchema = z.object({
  type: z.enum(["confirm-notice", "provide-tenancy-details", "reminder"]).optional().catch(undefined),
  status: z.enum(["open", "completed", "cancelled", "all"]).optional().default("open").catch("open"),
  forfald: z.enum(["idag"]).optional().catch(undefined),
  efter: z.string().max(200).optional().catch(undefined),
  gemt: z.enum(["confirm-notice", "provide-tenancy-details", "reminder"]).optional().catch(undefined),
});
export type TodoListQuery = z.output<typeof todoListQuerySchema>;

export type TodoFilters = { type?: TodoTypeParam | undefined; status: TodoStatusParam; dueToday?: boolean };

export type TodoRow = {
  id: string;
  kind: TodoKindName;
  status: "OPEN" | "COMPLETED" | "CANCELLED";
  address: string | null;
  postalCity: string | null;
  noticeId: string | null;
  noticeStatus: string | null;
  lejerId: string | null;
  dueDate: string | null;
  title: string | null;
  category: string | null;
  /** provide-tenancy-details: what the tenancy lacks now. */
  missing: ("noticeRule" | "renovationDays")[];
  createdAt: Date;
  completedAt: Date | null;
  version: number;
};

type Cursor = { at: string; id: string };

export function encodeTodoCursor(c: Cursor): string {
  return Buffer.from(`${c.at}|${c.id}`, "utf8").toString("base64url");
}

export function decodeTodoCursor(s: string | null | undefined, by: "created" | "due"): Cursor | null {
  if (!s) return null;
  const [at, id, extra] = Buffer.from(s, "base64url").toString("utf8").split("|");
  if (!at || !id || extra !== undefined || !UUID_RE.test(id)) return null;
  if (by === "due" ? !isRealIsoDate(at) : Number.isNaN(new Date(at).getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(at)) return null;
  return { at, id };
}

const ROW_SELECT = {
  id: true,
  kind: true,
  status: true,
  dueDate: true,
  title: true,
  category: true,
  createdAt: true,
  completedAt: true,
  version: true,
  lejerId: true,
  opsigelseId: true,
  lejer: { select: { noticeRuleId: true, renovationDays: true, lejemaal: { select: { address1: true, postalCode: true, city: true } } } },
  opsigelse: { select: { status: true, lejer: { select: { lejemaal: { select: { address1: true, postalCode: true, city: true } } } } } },
} as const satisfies Prisma.TodoSelect;

type Found = Prisma.TodoGetPayload<{ select: typeof ROW_SELECT }>;

function toRow(t: Found): TodoRow {
  const lm = t.lejer?.lejemaal ?? t.opsigelse?.lejer.lejemaal ?? null;
  const missing: TodoRow["missing"] = [];
  if (t.kind === "PROVIDE_TENANCY_DETAILS" && t.lejer) {
    if (t.lejer.noticeRuleId === null) missing.push("noticeRule");
    if (t.lejer.renovationDays === null) missing.push("renovationDays");
  }
  return {
    id: t.id,
    kind: t.kind,
    status: t.status,
    address: lm?.address1 ?? null,
    postalCity: lm ? `${lm.postalCode} ${lm.city}` : null,
    noticeId: t.opsigelseId,
    noticeStatus: t.opsigelse?.status ?? null,
    lejerId: t.lejerId,
    dueDate: isoDay(t.dueDate),
    title: t.title,
    category: t.category,
    missing,
    createdAt: t.createdAt,
    completedAt: t.completedAt,
    version: t.version,
  };
}

/** One page of to-dos; `next` is the cursor of the page after it (null on the last page). */
export async function listTodos(db: OrgDb | OrgTx, filters: TodoFilters, page: { after?: string | null; limit?: number; today: string }): Promise<{ rows: TodoRow[]; next: string | null }> {
  const limit = Math.min(Math.max(page.limit ?? TODO_PAGE_SIZE, 1), 200);
  const due = filters.dueToday === true;
  const and: Prisma.TodoWhereInput[] = [{ status: { in: [...TODO_STATUS[filters.status]] } }];
  if (due) and.push({ kind: "REMINDER", dueDate: { lte: new Date(`${page.today}T00:00:00Z`) } });
  if (filters.type) and.push({ kind: TODO_TYPES[filters.type] });
  const cursor = decodeTodoCursor(page.after, due ? "due" : "created");
  let orderBy: Prisma.TodoOrderByWithRelationInput[];
  if (due) {
    orderBy = [{ dueDate: "asc" }, { id: "asc" }];
    if (cursor) {
      const d = new Date(`${cursor.at}T00:00:00Z`);
      and.push({ OR: [{ dueDate: { gt: d } }, { dueDate: d, id: { gt: cursor.id } }] });
    }
  } else {
    const asc = filters.status === "open";
    orderBy = [{ createdAt: asc ? "asc" : "desc" }, { id: asc ? "asc" : "desc" }];
    if (cursor) {
      const d = new Date(cursor.at);
      and.push(asc ? { OR: [{ createdAt: { gt: d } }, { createdAt: d, id: { gt: cursor.id } }] } : { OR: [{ createdAt: { lt: d } }, { createdAt: d, id: { lt: cursor.id } }] });
    }
  }
  const found = await db.todo.findMany({ where: { AND: and }, orderBy, take: limit + 1, select: ROW_SELECT });
  const rows = found.slice(0, limit).map(toRow);
  const last = rows[rows.length - 1];
  const next = found.length > limit && last ? encodeTodoCursor({ at: due ? last.dueDate! : last.createdAt.toISOString(), id: last.id }) : null;
  return { rows, next };
}

export function filtersOf(q: TodoListQuery): TodoFilters {
  return { type: q.type, status: q.status, dueToday: q.forfald === "idag" };
}

/** The query string of the filters (without the cursor), in the URL contract's names. */
export function todoFilterParams(f: TodoFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.type) p.set("type", f.type);
  if (f.status !== "open") p.set("status", f.status);
  if (f.dueToday) p.set("forfald", "idag");
  return p;
}
