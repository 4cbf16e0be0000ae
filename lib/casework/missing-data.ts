/**
 * The missing-data report (issue 12 §5): the guide's "Hjælp til at finde manglende data på Lejer",
 *
 *   SELECT L.SelskabNr, L.EjendomNr, L.LejemaalNr, L.LejerNr, LM.Adresse1, L.IndflytDato,
 *          L.FraflytOpsigVarsel, L.FraflytIstandPeriode, Boligtype, Sumtype
 *   FROM lejer L JOIN Selskab S … JOIN Ejendom E … JOIN Lejemaal LM …
 *   WHERE (L.FraflytOpsigVarsel IS NULL OR L.FraflytIstandPeriode IS NULL)
 *     AND S.AdmStopDato IS NULL AND E.AdmStopDato IS NULL AND LM.LejemaalSlut IS NULL
 *     AND L.FraflytFrigorDatoNy IS NULL
 *   ORDER BY L.SelskabNr, L.EjendomNr, L.LejemaalNr, L.LejerNr
 *
 * translated to our schema: active companies (Selskab.stoppedOn null) and properties
 * (Ejendom.stoppedOn null), the lease unit not ended (Lejemaal.endedOn null), the tenancy not
 * terminated (Lejer.terminatedOn null — the guide's FraflytFrigorDatoNy), and the notice rule OR the
 * renovation period missing. The guide's example also has `AND (L.LejerNr % 2) = 0`: that hides
 * every tenancy with an odd LejerNr (a leftover of someone's test), so it is deliberately NOT here.
 *
 * One Prisma query per page through the organisation-bound accessor (which offers no raw SQL): the
 * Lejer where `terminatedOn IS NULL AND (noticeRuleId IS NULL OR renovationDays IS NULL)` is the
 * predicate of the partial index "Lejer_missing_data" (organisationId, lejemaalId), so PostgreSQL
 * reads only the organisation's few incomplete tenancies from that index and joins their lease unit,
 * property and company by primary key. Pages by keyset on (SelskabNr, EjendomNr, LejemaalNr,
 * LejerNr) — unique within an organisation — never OFFSET. bench/casework.ts measures it against
 * the guide's raw SQL.
 */
import "server-only";
import { z } from "zod";
import type { OrgDb, OrgTx, Prisma } from "@/lib/db/scoped";
import { isoDay } from "@/lib/tenancy/tile";
import { csvStream } from "@/lib/text/csv";

export const MISSING_DATA_PAGE_SIZE = 50;

const uuidOrBlank = z
  .string()
  .trim()
  .max(36)
  .refine((s) => s === "" || z.uuid().safeParse(s).success)
  .transform((s) => (s === "" ? undefined : s))
  .optional();

/** The filters: a company and/or a property (ids). The CSV route uses it `.strict()`. */
export const missingDataFilterSchema = z.object({ selskab: uuidOrBlank, ejendom: uuidOrBlank });
export type MissingDataFilter = z.output<typeof missingDataFilterSchema>;

/** The page's query: a value that does not fit is dropped (the page shows the unfiltered list), not a 404. */
export const missingDataListQuerySchema = z.object({
  selskab: uuidOrBlank.catch(undefined),
  ejendom: uuidOrBlank.catch(undefined),
  efter: z.string().max(200).optional().catch(undefined),
});

export type MissingDataRow = {
  lejerId: string;
  selskabNr: number;
  ejendomNr: number;
  lejemaalNr: number;
  lejerNr: number;
  address: string;
  /** IndflytDato, ISO. */
  moveInDate: string;
  /** FraflytOpsigVarsel: the notice rule's code and text, null when missing. */
  noticeRule: { value: string; text: string } | null;
  /** FraflytIstandPeriode in days, null when missing. */
  renovationDays: number | null;
  housingType: string | null;
  sumType: string | null;
};

type Key = { s: number; e: number; l: number; n: number };

/** The where of the report: exactly the partial index's predicate on Lejer, plus the active company/property/lease unit and the filters. */
export function missingDataWhere(f: MissingDataFilter = {}): Prisma.LejerWhereInput {
  return {
    terminatedOn: null,
    OR: [{ noticeRuleId: null }, { renovationDays: null }],
    lejemaal: {
      endedOn: null,
      ...(f.ejendom ? { ejendomId: f.ejendom } : {}),
      ejendom: { stoppedOn: null, ...(f.selskab ? { selskabId: f.selskab } : {}), selskab: { stoppedOn: null } },
    },
  };
}

const ORDER: Prisma.LejerOrderByWithRelationInput[] = [
  { lejemaal: { ejendom: { selskab: { nr: "asc" } } } },
  { lejemaal: { ejendom: { nr: "asc" } } },
  { lejemaal: { nr: "asc" } },
  { nr: "asc" },
];

/** The tenancy's own columns; the rest comes from small look-ups (below), not from Prisma's per-relation queries. */
const SELECT = { id: true, nr: true, moveInDate: true, renovationDays: true, noticeRuleId: true, lejemaalId: true } as const satisfies Prisma.LejerSelect;

/**
 * The organisation's companies, properties and codes by id: a few small tables, read once per
 * report (a page, or a whole CSV) in parallel with the first page's query. A nested Prisma select
 * would cost one sequential round trip per relation (six per page); this costs one more query per
 * page (the page's lease units), so a page is two round trips.
 */
type Lookups = { selskabNr: Map<string, number>; ejendom: Map<string, { nr: number; selskabId: string }>; kode: Map<string, { value: string; text: string }> };

async function lookups(db: OrgDb | OrgTx): Promise<Lookups> {
  const [selskaber, ejendomme, koder] = await Promise.all([
    db.selskab.findMany({ select: { id: true, nr: true } }),
    db.ejendom.findMany({ select: { id: true, nr: true, selskabId: true } }),
    db.kode.findMany({ where: { type: { in: ["OPSIGELSESVARSEL", "BOLIGTYPE", "SUMTYPE"] } }, select: { id: true, value: true, codeText: true } }),
  ]);
  return {
    selskabNr: new Map(selskaber.map((x) => [x.id, x.nr])),
    ejendom: new Map(ejendomme.map((x) => [x.id, { nr: x.nr, selskabId: x.selskabId }])),
    kode: new Map(koder.map((x) => [x.id, { value: x.value, text: x.codeText }])),
  };
}

/** Rows strictly after `k` in (SelskabNr, EjendomNr, LejemaalNr, LejerNr) order. */
function afterKey(k: Key | null): Prisma.LejerWhereInput {
  if (!k) return {};
  return {
    OR: [
      { lejemaal: { ejendom: { selskab: { nr: { gt: k.s } } } } },
      { lejemaal: { ejendom: { nr: { gt: k.e }, selskab: { nr: k.s } } } },
      { lejemaal: { nr: { gt: k.l }, ejendom: { nr: k.e, selskab: { nr: k.s } } } },
      { nr: { gt: k.n }, lejemaal: { nr: k.l, ejendom: { nr: k.e, selskab: { nr: k.s } } } },
    ],
  };
}

const keyOf = (r: MissingDataRow): Key => ({ s: r.selskabNr, e: r.ejendomNr, l: r.lejemaalNr, n: r.lejerNr });

/** The opaque cursor ("efter") of a row. */
export function encodeMissingDataCursor(r: MissingDataRow): string {
  const k = keyOf(r);
  return Buffer.from(`${k.s}.${k.e}.${k.l}.${k.n}`, "utf8").toString("base64url");
}

/** The key of a cursor, or null when it is not one of ours (the first page is shown). */
export function decodeMissingDataCursor(s: string | null | undefined): Key | null {
  if (!s) return null;
  const m = /^(\d{1,10})\.(\d{1,10})\.(\d{1,10})\.(\d{1,10})$/.exec(Buffer.from(s, "base64url").toString("utf8"));
  if (!m) return null;
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  if (![a, b, c, d].every((x) => x <= 2_147_483_647)) return null;
  return { s: a, e: b, l: c, n: d };
}

async function page(db: OrgDb | OrgTx, where: Prisma.LejerWhereInput, after: Key | null, limit: number, known: Promise<Lookups>): Promise<{ rows: MissingDataRow[]; next: Key | null }> {
  const [found, look] = await Promise.all([db.lejer.findMany({ where: after ? { AND: [where, afterKey(after)] } : where, orderBy: ORDER, take: limit + 1, select: SELECT }), known]);
  const tenancies = found.slice(0, limit);
  const leases = tenancies.length
    ? await db.lejemaal.findMany({ where: { id: { in: tenancies.map((t) => t.lejemaalId) } }, select: { id: true, nr: true, address1: true, ejendomId: true, boligtypeId: true, sumtypeId: true } })
    : [];
  const lease = new Map(leases.map((l) => [l.id, l]));
  const rows = tenancies.map((t): MissingDataRow => {
    const lm = lease.get(t.lejemaalId)!;
    const ej = look.ejendom.get(lm.ejendomId)!;
    const rule = t.noticeRuleId ? look.kode.get(t.noticeRuleId) : undefined;
    return {
      lejerId: t.id,
      selskabNr: look.selskabNr.get(ej.selskabId)!,
      ejendomNr: ej.nr,
      lejemaalNr: lm.nr,
      lejerNr: t.nr,
      address: lm.address1,
      moveInDate: isoDay(t.moveInDate)!,
      noticeRule: rule ? { value: rule.value, text: rule.text } : null,
      renovationDays: t.renovationDays,
      housingType: (lm.boligtypeId && look.kode.get(lm.boligtypeId)?.text) || null,
      sumType: (lm.sumtypeId && look.kode.get(lm.sumtypeId)?.text) || null,
    };
  });
  return { rows, next: found.length > limit ? keyOf(rows[rows.length - 1]!) : null };
}

/** One page of the report (default 50 rows); `next` is the cursor of the page after it, null on the last. */
export async function listMissingData(db: OrgDb | OrgTx, filter: MissingDataFilter, opts: { after?: string | null; limit?: number } = {}): Promise<{ rows: MissingDataRow[]; next: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? MISSING_DATA_PAGE_SIZE, 1), 1000);
  const r = await page(db, missingDataWhere(filter), decodeMissingDataCursor(opts.after), limit, lookups(db));
  return { rows: r.rows, next: r.next ? encodeMissingDataCursor(r.rows[r.rows.length - 1]!) : null };
}

/** How many tenancies the report lists with these filters (one count on the same partial index). */
export function countMissingData(db: OrgDb | OrgTx, filter: MissingDataFilter = {}): Promise<number> {
  return db.lejer.count({ where: missingDataWhere(filter) });
}

/** The companies and properties (ids, numbers, names) for the filter selects. */
export async function missingDataFilterOptions(db: OrgDb | OrgTx): Promise<{ selskaber: { id: string; nr: number; name: string }[]; ejendomme: { id: string; nr: number; name: string; selskabNr: number }[] }> {
  const [selskaber, ejendomme] = await Promise.all([
    db.selskab.findMany({ where: { stoppedOn: null }, orderBy: { nr: "asc" }, select: { id: true, nr: true, name: true } }),
    db.ejendom.findMany({ where: { stoppedOn: null, selskab: { stoppedOn: null } }, orderBy: [{ selskab: { nr: "asc" } }, { nr: "asc" }], select: { id: true, nr: true, name: true, selskab: { select: { nr: true } } } }),
  ]);
  return { selskaber, ejendomme: ejendomme.map((e) => ({ id: e.id, nr: e.nr, name: e.name, selskabNr: e.selskab.nr })) };
}

/** The guide's columns, in its order, named as the back office names them. */
export const MISSING_DATA_CSV_HEADER = ["SelskabNr", "EjendomNr", "LejemaalNr", "LejerNr", "Adresse1", "IndflytDato", "FraflytOpsigVarsel", "FraflytIstandPeriode", "Boligtype", "Sumtype"] as const;

/** One CSV line's cells (dates as dd-mm-yyyy, as the back office's own export). */
export function missingDataCsvCells(r: MissingDataRow): unknown[] {
  const [y, m, d] = r.moveInDate.split("-");
  return [r.selskabNr, r.ejendomNr, r.lejemaalNr, r.lejerNr, r.address, `${d}-${m}-${y}`, r.noticeRule?.value ?? "", r.renovationDays ?? "", r.housingType ?? "", r.sumType ?? ""];
}

/** The whole report as CSV (BOM, `;`, CRLF, formula-safe), streamed in keyset pages of `batch` rows. */
export function missingDataCsvStream(db: OrgDb | OrgTx, filter: MissingDataFilter, batch = 1000): ReadableStream<Uint8Array> {
  const where = missingDataWhere(filter);
  let known: Promise<Lookups> | null = null;
  return csvStream<MissingDataRow, Key>({
    header: MISSING_DATA_CSV_HEADER,
    page: (cursor) => page(db, where, cursor, batch, (known ??= lookups(db))),
    line: missingDataCsvCells,
  });
}
