/**
 * Staff: the notices inbox (issue 12 §2) — every notice of the organisation except drafts, filtered
 * by status, company, property, move-out month, inspection date, reason, submitted-from and a
 * search text, in one of four orders, paged by a keyset cursor on (sort column, id), never OFFSET.
 *
 * The filters read only Opsigelse's own columns (selskabId, ejendomId, reasonValue, searchText,
 * submittedAt, moveOutDate, inspectionDate — lib/casework/notice-index.ts fills them), so every
 * page is a range scan on an index that leads with organisationId; the rows' tenancy, people and
 * open to-dos come with the page's rows only. Reads through the organisation-bound accessor only.
 *
 * URL contract (docs: /work/wt/CONTEXT.md): status, selskab, ejendom, flyttemaaned (YYYY-MM), syn
 * (YYYY-MM-DD), aarsag, q, fra (YYYY-MM-DD, Danish day), sort (modtaget-ny | modtaget-gl |
 * flytning | flytning-sen), efter (cursor).
 */
import "server-only";
import { z } from "zod";
import type { OrgDb, OrgTx, Prisma } from "@/lib/db/scoped";
import { isRealIsoDate } from "@/lib/admin/tenancies";
import { danishDateTime, danishDayStart } from "@/lib/admin/audit-format";
import { csvStream } from "@/lib/text/csv";
import { formatLongDate } from "@/lib/text/dates";
import { leaseNumber } from "@/lib/text/lease";

export const INBOX_PAGE_SIZE = 50;
export const INBOX_MAX_PAGE_SIZE = 1000;

export const INBOX_STATUSES = ["SUBMITTED", "CONFIRMED", "CANCELLED", "AWAITING_SIGNATURES"] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];
export const INBOX_SORTS = ["modtaget-ny", "modtaget-gl", "flytning", "flytning-sen"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export type InboxFilters = {
  status?: InboxStatus;
  selskabId?: string;
  ejendomId?: string;
  /** YYYY-MM: the move-out date falls in this month. */
  moveOutMonth?: string;
  /** YYYY-MM-DD: the inspection date. */
  inspectionDate?: string;
  /** The termination reason's code value (Kode OPSIGELSESAARSAG value). */
  reasonValue?: string;
  /** Search text: address, name, lease number (1-1-3 or 1-1-3-2). */
  q?: string;
  /** YYYY-MM-DD: submitted on or after the start of this Danish day. */
  submittedFrom?: string;
  sort: InboxSort;
};

export type InboxRow = {
  id: string;
  status: string;
  address: string;
  postalCity: string;
  names: string[];
  leaseNumber: string;
  lejerNr: number;
  submittedAt: Date | null;
  moveOutDate: string | null;
  inspectionDate: string | null;
  reasonValue: string | null;
  reasonText: string | null;
  /** The notice's open to-dos (confirm-notice, reminders …), oldest first. */
  openTodos: { id: string; kind: string }[];
};

// ------------------------------------------------------------------------------------- query

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A blank value (an empty select of a GET form) is "not set". */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());

/** Danish messages for a value that does not fit (the page shows them; the CSV route answers 400 with the field). */
export const INBOX_QUERY_MESSAGES: Record<string, string> = {
  status: "Vælg en status fra listen.",
  selskab: "Selskabet findes ikke. Vælg et fra listen.",
  ejendom: "Ejendommen findes ikke. Vælg en fra listen.",
  flyttemaaned: "Skriv flyttemåneden som ÅÅÅÅ-MM, fx 2027-02.",
  syn: "Skriv datoen for flyttesynet som ÅÅÅÅ-MM-DD, fx 2027-03-01.",
  aarsag: "Vælg en årsag fra listen.",
  q: "Søgningen må højst være 200 tegn.",
  fra: "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-01.",
  sort: "Vælg en sortering fra listen.",
  efter: "Linket til næste side er ikke gyldigt. Start forfra fra første side.",
  unknown: "Adressen indeholder et ukendt filter.",
};

/** The query string's schema (strict: an unknown parameter is refused). Used by the page and the CSV route. */
export const inboxQuerySchema = z
  .object({
    status: opt(z.enum(INBOX_STATUSES)),
    selskab: opt(z.string().regex(UUID_RE)),
    ejendom: opt(z.string().regex(UUID_RE)),
    flyttemaaned: opt(z.string().refine((s) => /^\d{4}-\d{2}$/.test(s) && isRealIsoDate(`${s}-01`))),
    syn: opt(z.string().refine(isRealIsoDate)),
    aarsag: opt(z.string().max(50).regex(/^[\p{L}\p{N}_.\-/ ]+$/u)),
    q: opt(z.string().max(200)),
    fra: opt(z.string().refine(isRealIsoDate)),
    sort: opt(z.enum(INBOX_SORTS)),
    efter: opt(z.string().max(300).refine((s) => decodeCursor(s) !== null)),
  })
  .strict();
export type InboxQuery = z.output<typeof inboxQuerySchema>;

/** The CSV route's query: the filters without the cursor. */
export const inboxCsvQuerySchema = inboxQuerySchema.omit({ efter: true }).strict();

/** The filters of a parsed query. */
export function inboxFiltersOf(q: Omit<InboxQuery, "efter">): InboxFilters {
  const f: InboxFilters = { sort: q.sort ?? "modtaget-ny" };
  if (q.status) f.status = q.status;
  if (q.selskab) f.selskabId = q.selskab.toLowerCase();
  if (q.ejendom) f.ejendomId = q.ejendom.toLowerCase();
  if (q.flyttemaaned) f.moveOutMonth = q.flyttemaaned;
  if (q.syn) f.inspectionDate = q.syn;
  if (q.aarsag) f.reasonValue = q.aarsag;
  if (q.q) f.q = q.q;
  if (q.fra) f.submittedFrom = q.fra;
  return f;
}

/** A query that does not fit: per URL parameter, the Danish message (INBOX_QUERY_MESSAGES). */
export class InboxQueryError extends Error {
  constructor(readonly fields: string[]) {
    super(fields.map((f) => INBOX_QUERY_MESSAGES[f] ?? INBOX_QUERY_MESSAGES.unknown).join(" "));
    this.name = "InboxQueryError";
  }
}

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function plain(sp: SearchParamsLike): Record<string, string> {
  const out: Record<string, string> = {};
  if (sp instanceof URLSearchParams) {
    for (const [k, v] of sp) if (!(k in out)) out[k] = v;
    return out;
  }
  for (const [k, v] of Object.entries(sp)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === "string") out[k] = s;
  }
  return out;
}

/** Parses the query; on a bad value, `ok: false` with the URL parameters at fault (never throws). */
export function safeParseInboxQuery(sp: SearchParamsLike): { ok: true; filters: InboxFilters; after: string | null } | { ok: false; fields: string[]; message: string } {
  const r = inboxQuerySchema.safeParse(plain(sp));
  if (!r.success) {
    const fields = [
      ...new Set(
        r.error.issues.flatMap((i) => (i.code === "unrecognized_keys" ? ["unknown"] : [String(i.path[0] ?? "unknown")])),
      ),
    ];
    return { ok: false, fields, message: new InboxQueryError(fields).message };
  }
  const filters = inboxFiltersOf(r.data);
  const after = r.data.efter ?? null;
  if (after && decodeCursor(after)?.sort !== filters.sort) return { ok: false, fields: ["efter"], message: INBOX_QUERY_MESSAGES.efter! };
  return { ok: true, filters, after };
}

/** Parses the query (the URL contract); throws InboxQueryError with a clear Danish message for a bad value. */
export function parseInboxQuery(sp: SearchParamsLike): { filters: InboxFilters; after: string | null } {
  const r = safeParseInboxQuery(sp);
  if (!r.ok) throw new InboxQueryError(r.fields);
  return { filters: r.filters, after: r.after };
}

/** The query string of filters (and a cursor), for links: the page's next page, the CSV link. */
export function inboxSearchParams(f: InboxFilters, after?: string | null): URLSearchParams {
  const q = new URLSearchParams();
  if (f.status) q.set("status", f.status);
  if (f.selskabId) q.set("selskab", f.selskabId);
  if (f.ejendomId) q.set("ejendom", f.ejendomId);
  if (f.moveOutMonth) q.set("flyttemaaned", f.moveOutMonth);
  if (f.inspectionDate) q.set("syn", f.inspectionDate);
  if (f.reasonValue) q.set("aarsag", f.reasonValue);
  if (f.q) q.set("q", f.q);
  if (f.submittedFrom) q.set("fra", f.submittedFrom);
  if (f.sort !== "modtaget-ny") q.set("sort", f.sort);
  if (after) q.set("efter", after);
  return q;
}

// ------------------------------------------------------------------------------------- where

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function nextMonth(ym: string): string {
  const [y, m] = ym.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** ILIKE pattern text: `\`, `%` and `_` are literal (PostgreSQL's default escape character is `\`). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The search text as stored (lower case, single spaces), so "Havnegade  21" finds "havnegade 21". */
export function normaliseSearch(q: string): string {
  return q.toLocaleLowerCase("da-DK").replace(/\s+/g, " ").trim();
}

export function inboxWhere(f: InboxFilters): Prisma.OpsigelseWhereInput {
  const and: Prisma.OpsigelseWhereInput[] = [f.status ? { status: f.status } : { status: { in: [...INBOX_STATUSES] } }];
  if (f.selskabId) and.push({ selskabId: f.selskabId });
  if (f.ejendomId) and.push({ ejendomId: f.ejendomId });
  if (f.moveOutMonth) and.push({ moveOutDate: { gte: day(`${f.moveOutMonth}-01`), lt: day(`${nextMonth(f.moveOutMonth)}-01`) } });
  if (f.inspectionDate) and.push({ inspectionDate: day(f.inspectionDate) });
  if (f.reasonValue) and.push({ reasonValue: f.reasonValue });
  if (f.submittedFrom) and.push({ submittedAt: { gte: danishDayStart(f.submittedFrom) } });
  const q = f.q ? normaliseSearch(f.q) : "";
  if (q) and.push({ searchText: { contains: escapeLike(q) } });
  return { AND: and };
}

// ------------------------------------------------------------------------------------- keyset

type SortColumn = "submittedAt" | "moveOutDate";
const SORTS: Record<InboxSort, { column: SortColumn; dir: "asc" | "desc" }> = {
  "modtaget-ny": { column: "submittedAt", dir: "desc" },
  "modtaget-gl": { column: "submittedAt", dir: "asc" },
  flytning: { column: "moveOutDate", dir: "asc" },
  "flytning-sen": { column: "moveOutDate", dir: "desc" },
};

/** The cursor: the sort, the last row's sort value (null for a notice without one) and its id. */
export type InboxCursor = { sort: InboxSort; value: Date | null; id: string };

export function encodeCursor(c: InboxCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value ? c.value.toISOString() : null, c.id]), "utf8").toString("base64url");
}

export function decodeCursor(s: string | null | undefined): InboxCursor | null {
  if (!s || !/^[A-Za-z0-9_-]+$/.test(s)) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [sort, value, id] = v as unknown[];
    if (typeof sort !== "string" || !(INBOX_SORTS as readonly string[]).includes(sort)) return null;
    if (typeof id !== "string" || !UUID_RE.test(id)) return null;
    if (value !== null && typeof value !== "string") return null;
    const at = value === null ? null : new Date(value);
    // A real date PostgreSQL can store (a crafted cursor with year -271821 would be a 500, not "no such page").
    if (at && (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1900 || at.getUTCFullYear() > 2999)) return null;
    return { sort: sort as InboxSort, value: at, id: id.toLowerCase() };
  } catch {
    return null;
  }
}

/**
 * The order: the sort column, then the id in the same direction. NULLs (a notice awaiting its
 * co-signer has no submission time yet) come where PostgreSQL's index order puts them: last when
 * ascending, first when descending — so the (organisationId, column, id) index serves both.
 */
function orderBy(sort: InboxSort): Prisma.OpsigelseOrderByWithRelationInput[] {
  const { column, dir } = SORTS[sort];
  return [{ [column]: { sort: dir, nulls: dir === "asc" ? "last" : "first" } }, { id: dir }];
}

/** The rows after the cursor in the page's order (see orderBy for where NULLs sit). */
function afterWhere(c: InboxCursor | null): Prisma.OpsigelseWhereInput {
  if (!c) return {};
  const { column, dir } = SORTS[c.sort];
  const idAfter = dir === "asc" ? { gt: c.id } : { lt: c.id };
  if (dir === "asc") {
    // … v1, v2, …, NULL, NULL
    if (c.value === null) return { [column]: null, id: idAfter };
    return { OR: [{ [column]: { gt: c.value } }, { [column]: c.value, id: idAfter }, { [column]: null }] };
  }
  // NULL, NULL, …, v2, v1
  if (c.value === null) return { OR: [{ [column]: null, id: idAfter }, { [column]: { not: null } }] };
  // The redundant `column <= v` gives the planner the start of the index range, so a deep page does not scan from the top.
  return { AND: [{ [column]: { lte: c.value } }, { OR: [{ [column]: { lt: c.value } }, { [column]: c.value, id: idAfter }] }] };
}

const ROW_SELECT = {
  id: true,
  status: true,
  submittedAt: true,
  moveOutDate: true,
  inspectionDate: true,
  reasonValue: true,
  lejer: {
    select: {
      nr: true,
      legalTenant1: { select: { name: true } },
      legalTenant2: { select: { name: true } },
      lejemaal: { select: { nr: true, address1: true, postalCode: true, city: true, ejendom: { select: { nr: true, selskab: { select: { nr: true } } } } } },
    },
  },
  todos: { where: { status: "OPEN" }, select: { id: true, kind: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 5 },
} as const satisfies Prisma.OpsigelseSelect;

type RawRow = Prisma.OpsigelseGetPayload<{ select: typeof ROW_SELECT }>;

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

async function reasonTexts(db: OrgDb | OrgTx): Promise<Map<string, string>> {
  const codes = await db.kode.findMany({ where: { type: "OPSIGELSESAARSAG" }, select: { value: true, codeText: true } });
  return new Map(codes.map((c) => [c.value, c.codeText]));
}

function toRow(r: RawRow, reasons: Map<string, string>): InboxRow {
  const lm = r.lejer.lejemaal;
  return {
    id: r.id,
    status: r.status,
    address: lm.address1,
    postalCity: `${lm.postalCode} ${lm.city}`,
    names: [r.lejer.legalTenant1.name, r.lejer.legalTenant2?.name].filter((n): n is string => !!n),
    leaseNumber: leaseNumber(lm),
    lejerNr: r.lejer.nr,
    submittedAt: r.submittedAt,
    moveOutDate: isoDay(r.moveOutDate),
    inspectionDate: isoDay(r.inspectionDate),
    reasonValue: r.reasonValue,
    reasonText: r.reasonValue ? (reasons.get(r.reasonValue) ?? r.reasonValue) : null,
    openTodos: r.todos,
  };
}

function cursorOf(sort: InboxSort, r: { id: string; submittedAt: Date | null; moveOutDate: Date | null }): InboxCursor {
  return { sort, value: r[SORTS[sort].column], id: r.id };
}

async function page(db: OrgDb | OrgTx, filters: InboxFilters, after: InboxCursor | null, limit: number, reasons: Map<string, string>): Promise<{ rows: InboxRow[]; last: InboxCursor | null; more: boolean }> {
  const found = await db.opsigelse.findMany({
    where: { AND: [inboxWhere(filters), afterWhere(after)] },
    orderBy: orderBy(filters.sort),
    take: limit + 1,
    select: ROW_SELECT,
  });
  const shown = found.slice(0, limit);
  const last = shown.at(-1);
  return { rows: shown.map((r) => toRow(r, reasons)), last: last ? cursorOf(filters.sort, last) : null, more: found.length > limit };
}

/**
 * One page of the inbox (default 50 rows); `next` is the cursor of the page after it (null on the
 * last page). A cursor of another sort, or one that does not decode, throws InboxQueryError.
 */
export async function listInbox(db: OrgDb | OrgTx, filters: InboxFilters, opts: { after?: string | null; limit?: number } = {}): Promise<{ rows: InboxRow[]; next: string | null }> {
  const limit = Math.min(Math.max(1, Math.trunc(opts.limit ?? INBOX_PAGE_SIZE)), INBOX_MAX_PAGE_SIZE);
  const after = opts.after ? decodeCursor(opts.after) : null;
  if (opts.after && (!after || after.sort !== filters.sort)) throw new InboxQueryError(["efter"]);
  const reasons = await reasonTexts(db);
  const r = await page(db, filters, after, limit, reasons);
  return { rows: r.rows, next: r.more && r.last ? encodeCursor(r.last) : null };
}

// ------------------------------------------------------------------------------------- choices

export type InboxChoices = {
  selskaber: { id: string; nr: number; name: string }[];
  ejendomme: { id: string; nr: number; name: string; selskabNr: number }[];
  reasons: { value: string; text: string }[];
};

/** The filter form's choices, from this organisation's own code tables. */
export async function inboxChoices(db: OrgDb | OrgTx): Promise<InboxChoices> {
  const [selskaber, ejendomme, reasons] = await Promise.all([
    db.selskab.findMany({ orderBy: [{ nr: "asc" }, { id: "asc" }], select: { id: true, nr: true, name: true } }),
    db.ejendom.findMany({ orderBy: [{ selskab: { nr: "asc" } }, { nr: "asc" }, { id: "asc" }], select: { id: true, nr: true, name: true, selskab: { select: { nr: true } } } }),
    db.kode.findMany({ where: { type: "OPSIGELSESAARSAG" }, orderBy: [{ codeText: "asc" }, { value: "asc" }], select: { value: true, codeText: true } }),
  ]);
  return {
    selskaber,
    ejendomme: ejendomme.map((e) => ({ id: e.id, nr: e.nr, name: e.name, selskabNr: e.selskab.nr })),
    reasons: reasons.map((r) => ({ value: r.value, text: r.codeText })),
  };
}

// ------------------------------------------------------------------------------------- CSV

/** The statuses as the CSV (Danish) names them. */
export const INBOX_STATUS_DA: Record<string, string> = { SUBMITTED: "Modtaget", CONFIRMED: "Behandlet", CANCELLED: "Annulleret", AWAITING_SIGNATURES: "Afventer medunderskriver", DRAFT: "Kladde" };

export const INBOX_CSV_HEADER = ["Status", "Lejemålsnr.", "Lejernr.", "Adresse", "Postnr. og by", "Lejere", "Modtaget (dansk tid)", "Fraflytningsdato", "Flyttesyn", "Årsag", "Åbne opgaver", "Opsigelses-id"];

/** A date in words with a plain space (a spreadsheet shows a no-break space oddly). */
const csvDate = (iso: string) => formatLongDate(iso, "da").replace("\u00a0", " ");

/** The filtered inbox as CSV (BOM, `;`, CRLF, formula-safe), streamed in keyset pages of `batch` rows, in the chosen order. */
export function inboxCsvStream(db: OrgDb, filters: InboxFilters, batch = 500): ReadableStream<Uint8Array> {
  let reasons: Map<string, string> | null = null;
  return csvStream<InboxRow, InboxCursor>({
    header: INBOX_CSV_HEADER,
    page: async (cursor) => {
      reasons ??= await reasonTexts(db);
      const r = await page(db, filters, cursor, batch, reasons);
      return { rows: r.rows, next: r.more ? r.last : null };
    },
    line: (r) => [
      INBOX_STATUS_DA[r.status] ?? r.status,
      r.leaseNumber,
      r.lejerNr,
      r.address,
      r.postalCity,
      r.names.join(", "),
      r.submittedAt ? danishDateTime(r.submittedAt) : "",
      r.moveOutDate ? csvDate(r.moveOutDate) : "",
      r.inspectionDate ? csvDate(r.inspectionDate) : "",
      r.reasonText ?? "",
      r.openTodos.length,
      r.id,
    ],
  });
}
