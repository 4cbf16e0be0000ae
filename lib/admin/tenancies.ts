/**
 * Staff: the organisation's tenancies (issue 11 §4). Search (one field: numbers, lease number
 * SelskabNr-EjendomNr-LejemaalNr[-LejerNr], address or a legal tenant's name; plus filters), one
 * tenancy with its tile status, legal tenants, notices and sub-leases, and the one service that
 * saves what staff may edit: the notice rule, the renovation period, non-terminable-until and
 * can-be-terminated-in-period-from — in its own transaction with a LEJER_UPDATED audit row naming
 * only the fields that changed. Every read and write goes through the organisation-bound accessor.
 */
import "server-only";
import { z } from "zod";
import type { OrgDb, OrgTx, Prisma } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { NotFound, RuleFieldError } from "@/lib/http/errors";
import { RuleError } from "@/lib/rules/errors";
import { leaseNumber } from "@/lib/text/lease";
import { isoDay, tenancyTile, type TenancyTile } from "@/lib/tenancy/tile";
import { syncTenancyDetailsTodos } from "@/lib/todos/tenancy-details-sync";

export const TENANCY_PAGE_SIZE = 50;
export const RENOVATION_MAX_DAYS = 365;

// ------------------------------------------------------------------------------------- search

/** The search page's query; a value that does not fit is dropped (a typo shows the search, not a 404). */
export const tenancySearchSchema = z.object({
  q: z.string().trim().max(200).optional().default("").catch(""),
  /** SelskabNr / EjendomNr filters (empty: any). */
  selskab: z.union([z.literal(""), z.coerce.number().int().min(0).max(2_147_483_647)]).optional().catch(undefined),
  ejendom: z.union([z.literal(""), z.coerce.number().int().min(0).max(2_147_483_647)]).optional().catch(undefined),
  /** "mangler": lacks a notice rule or a renovation period; "aktive": not terminated. */
  vis: z.enum(["", "alle", "aktive", "mangler"]).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(100_000).optional().default(1).catch(1),
});
export type TenancySearch = z.output<typeof tenancySearchSchema>;

const SEARCH_INCLUDE = {
  noticeRule: { select: { id: true, value: true, codeText: true, rule: true } },
  legalTenant1: { select: { id: true, name: true } },
  legalTenant2: { select: { id: true, name: true } },
  lejemaal: { include: { ejendom: { include: { selskab: true } } } },
  opsigelser: { where: { status: { in: ["SUBMITTED", "CONFIRMED"] } }, select: { id: true, status: true, noticeDate: true, vacatingDay: true } },
} as const satisfies Prisma.LejerInclude;

export type TenancyRow = {
  id: string;
  leaseNumber: string;
  lejerNr: number;
  address: string;
  postalCity: string;
  tenants: string[];
  noticeRule: string | null;
  renovationDays: number | null;
  tile: TenancyTile;
  subLease: boolean;
};

const INT_MAX = 2_147_483_647;
const asInt = (s: string) => {
  const n = Number(s);
  return Number.isSafeInteger(n) && n <= INT_MAX ? n : null;
};

/** The where of the search text: numbers match any number; a dashed number the lease (and tenancy) number; text the address, city or a legal tenant's name. */
export function searchWhere(q: string): Prisma.LejerWhereInput {
  const text = q.trim();
  if (!text) return {};
  const dashed = /^(\d{1,9})(?:\s*-\s*(\d{1,9}))(?:\s*-\s*(\d{1,9}))?(?:\s*-\s*(\d{1,9}))?$/.exec(text);
  if (dashed) {
    const [s, e, l, t] = dashed.slice(1).map((x) => (x === undefined ? null : asInt(x)));
    return {
      lejemaal: { ejendom: { nr: e!, selskab: { nr: s! } }, ...(l !== null && l !== undefined ? { nr: l } : {}) },
      ...(t !== null && t !== undefined ? { nr: t } : {}),
    };
  }
  const contains = { contains: text, mode: "insensitive" as const };
  const or: Prisma.LejerWhereInput[] = [
    { lejemaal: { address1: contains } },
    { lejemaal: { city: contains } },
    { legalTenant1: { name: contains } },
    { legalTenant2: { name: contains } },
  ];
  if (/^\d{1,9}$/.test(text)) {
    const n = asInt(text)!;
    or.push({ nr: n }, { lejemaal: { nr: n } }, { lejemaal: { ejendom: { nr: n } } }, { lejemaal: { ejendom: { selskab: { nr: n } } } }, { lejemaal: { postalCode: text } });
  }
  return { OR: or };
}

function filterWhere(s: TenancySearch): Prisma.LejerWhereInput[] {
  const and: Prisma.LejerWhereInput[] = [searchWhere(s.q)];
  if (typeof s.selskab === "number") and.push({ lejemaal: { ejendom: { selskab: { nr: s.selskab } } } });
  if (typeof s.ejendom === "number") and.push({ lejemaal: { ejendom: { nr: s.ejendom } } });
  if (s.vis === "aktive") and.push({ terminatedOn: null });
  if (s.vis === "mangler") and.push({ terminatedOn: null, OR: [{ noticeRuleId: null }, { renovationDays: null }] });
  return and;
}

/** Stable order: SelskabNr, EjendomNr, LejemaalNr, LejerNr (and the id, should two ever tie). */
const ORDER: Prisma.LejerOrderByWithRelationInput[] = [
  { lejemaal: { ejendom: { selskab: { nr: "asc" } } } },
  { lejemaal: { ejendom: { nr: "asc" } } },
  { lejemaal: { nr: "asc" } },
  { nr: "asc" },
  { id: "asc" },
];

/** One page (50 rows, ?side=) of the search, with the total. */
export async function searchTenancies(db: OrgDb, search: TenancySearch, today: string): Promise<{ rows: TenancyRow[]; total: number; page: number; pages: number }> {
  const where: Prisma.LejerWhereInput = { AND: filterWhere(search) };
  const total = await db.lejer.count({ where });
  const pages = Math.max(1, Math.ceil(total / TENANCY_PAGE_SIZE));
  const page = Math.min(search.side, pages);
  const found = await db.lejer.findMany({ where, orderBy: ORDER, skip: (page - 1) * TENANCY_PAGE_SIZE, take: TENANCY_PAGE_SIZE, include: SEARCH_INCLUDE });
  const rows = found.map((t) => ({
    id: t.id,
    leaseNumber: leaseNumber(t.lejemaal),
    lejerNr: t.nr,
    address: t.lejemaal.address1,
    postalCity: `${t.lejemaal.postalCode} ${t.lejemaal.city}`,
    tenants: [t.legalTenant1.name, t.legalTenant2?.name].filter((n): n is string => !!n),
    noticeRule: t.noticeRule?.codeText ?? null,
    renovationDays: t.renovationDays,
    tile: tenancyTile(t, today),
    subLease: t.lejemaal.mainLejemaalId !== null,
  }));
  return { rows, total, page, pages };
}

/** The companies and properties, for the filter selects. */
export async function tenancyFilterOptions(db: OrgDb): Promise<{ selskaber: { nr: number; name: string }[]; ejendomme: { nr: number; name: string; selskabNr: number }[] }> {
  const [selskaber, ejendomme] = await Promise.all([
    db.selskab.findMany({ orderBy: { nr: "asc" }, select: { nr: true, name: true } }),
    db.ejendom.findMany({ orderBy: [{ selskab: { nr: "asc" } }, { nr: "asc" }], select: { nr: true, name: true, selskab: { select: { nr: true } } } }),
  ]);
  return { selskaber, ejendomme: ejendomme.map((e) => ({ nr: e.nr, name: e.name, selskabNr: e.selskab.nr })) };
}

// ------------------------------------------------------------------------------------- detail

const DETAIL_INCLUDE = {
  noticeRule: true,
  legalTenant1: { select: { id: true, name: true, email: true, mobile: true, phone: true } },
  legalTenant2: { select: { id: true, name: true, email: true, mobile: true, phone: true } },
  lejemaal: {
    include: {
      ejendom: { include: { selskab: true } },
      boligtype: { select: { codeText: true } },
      mainLejemaal: { include: { ejendom: { include: { selskab: true } }, lejere: { select: { id: true, nr: true }, orderBy: { nr: "asc" } } } },
      biLejemaal: {
        include: { ejendom: { include: { selskab: true } }, boligtype: { select: { codeText: true } }, lejere: { select: { id: true, nr: true, terminatedOn: true }, orderBy: { nr: "asc" } } },
        orderBy: { nr: "asc" },
      },
    },
  },
  opsigelser: {
    select: { id: true, status: true, noticeDate: true, moveOutDate: true, terminationDate: true, vacatingDay: true, submittedAt: true, cancelledAt: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  },
} as const satisfies Prisma.LejerInclude;

export type TenancyDetail = {
  id: string;
  leaseNumber: string;
  lejerNr: number;
  address: string;
  postalCity: string;
  housingType: string | null;
  moveInDate: string;
  terminatedOn: string | null;
  values: TenancyValues;
  /** The current notice rule's text (it may be a deactivated code). */
  noticeRuleText: string | null;
  tile: TenancyTile;
  /** For the live preview: what the tile reads besides the editable fields. */
  fixed: { terminated: boolean; stopped: boolean };
  tenants: { id: string; name: string; email: string | null; mobile: string | null; phone: string | null }[];
  notices: { id: string; status: string; noticeDate: string | null; moveOutDate: string | null; terminationDate: string | null; vacatingDay: string | null; submittedAt: Date | null; cancelledAt: Date | null; createdAt: Date }[];
  mainLease: { leaseNumber: string; address: string; lejerId: string | null } | null;
  subLeases: { leaseNumber: string; address: string; kind: string | null; endedOn: string | null; lejerId: string | null }[];
};

/** The editable fields as the form shows them ("" = not set). */
export type TenancyValues = { noticeRuleId: string; renovationDays: string; nonTerminableUntil: string; terminableInPeriodFrom: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One tenancy of this organisation, or null (→ 404). */
export async function tenancyDetail(db: OrgDb, lejerId: string, today: string): Promise<TenancyDetail | null> {
  if (!UUID_RE.test(lejerId)) return null;
  const t = await db.lejer.findUnique({ where: { id: lejerId }, include: DETAIL_INCLUDE });
  if (!t) return null;
  const lm = t.lejemaal;
  const tile = tenancyTile(t, today);
  return {
    id: t.id,
    leaseNumber: leaseNumber(lm),
    lejerNr: t.nr,
    address: lm.address1,
    postalCity: `${lm.postalCode} ${lm.city}`,
    housingType: lm.boligtype?.codeText ?? null,
    moveInDate: isoDay(t.moveInDate)!,
    terminatedOn: isoDay(t.terminatedOn),
    values: valuesOf(t),
    noticeRuleText: t.noticeRule?.codeText ?? null,
    tile,
    fixed: { terminated: tile.reasons.includes("already-terminated"), stopped: tile.reasons.includes("stopped") },
    tenants: [t.legalTenant1, t.legalTenant2].filter((p): p is NonNullable<typeof p> => p !== null),
    notices: t.opsigelser.map((o) => ({
      id: o.id,
      status: o.status,
      noticeDate: isoDay(o.noticeDate),
      moveOutDate: isoDay(o.moveOutDate),
      terminationDate: isoDay(o.terminationDate),
      vacatingDay: isoDay(o.vacatingDay),
      submittedAt: o.submittedAt,
      cancelledAt: o.cancelledAt,
      createdAt: o.createdAt,
    })),
    mainLease: lm.mainLejemaal ? { leaseNumber: leaseNumber(lm.mainLejemaal), address: lm.mainLejemaal.address1, lejerId: lm.mainLejemaal.lejere.at(-1)?.id ?? null } : null,
    subLeases: lm.biLejemaal.map((b) => ({
      leaseNumber: leaseNumber(b),
      address: b.address1,
      kind: b.boligtype?.codeText ?? null,
      endedOn: isoDay(b.endedOn),
      lejerId: b.lejere.at(-1)?.id ?? null,
    })),
  };
}

function valuesOf(t: { noticeRuleId: string | null; renovationDays: number | null; nonTerminableUntil: Date | null; terminableInPeriodFrom: Date | null }): TenancyValues {
  return {
    noticeRuleId: t.noticeRuleId ?? "",
    renovationDays: t.renovationDays === null ? "" : String(t.renovationDays),
    nonTerminableUntil: isoDay(t.nonTerminableUntil) ?? "",
    terminableInPeriodFrom: isoDay(t.terminableInPeriodFrom) ?? "",
  };
}

/** The notice rules staff may choose: this organisation's active OPSIGELSESVARSEL codes (and the current one, even if deactivated since). */
export async function noticeRuleOptions(db: OrgDb, currentId?: string | null): Promise<{ id: string; value: string; text: string; active: boolean; rule: unknown }[]> {
  const codes = await db.kode.findMany({
    where: { type: "OPSIGELSESVARSEL", OR: [{ active: true }, ...(currentId ? [{ id: currentId }] : [])] },
    orderBy: [{ sortOrder: "asc" }, { value: "asc" }],
    select: { id: true, value: true, codeText: true, active: true, rule: true },
  });
  return codes.map((c) => ({ id: c.id, value: c.value, text: c.codeText, active: c.active, rule: c.rule }));
}

// --------------------------------------------------------------------------------------- save

/** A real calendar date YYYY-MM-DD (1900–2999), or "" for none. */
export function isRealIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const optionalDate = z
  .string()
  .trim()
  .max(10)
  .refine((s) => s === "" || isRealIsoDate(s))
  .transform((s) => (s === "" ? null : s));

/** What the edit form sends (all strings, "" = not set) and what the service is given after parsing. */
export const tenancyEditSchema = z
  .object({
    lejerId: z.string().regex(UUID_RE),
    noticeRuleId: z
      .string()
      .trim()
      .refine((s) => s === "" || UUID_RE.test(s))
      .transform((s) => (s === "" ? null : s)),
    renovationDays: z
      .string()
      .trim()
      .refine((s) => s === "" || (/^\d{1,3}$/.test(s) && Number(s) <= RENOVATION_MAX_DAYS))
      .transform((s) => (s === "" ? null : Number(s))),
    nonTerminableUntil: optionalDate,
    terminableInPeriodFrom: optionalDate,
  })
  .strict();
export type TenancyEdit = z.output<typeof tenancyEditSchema>;

/** Catalogue keys of the edit form's field messages (for defineAction's `messages`). */
export const TENANCY_EDIT_MESSAGES = {
  lejerId: "adminTenancies.errors.lejerId",
  noticeRuleId: "adminTenancies.errors.noticeRule",
  renovationDays: "adminTenancies.errors.renovationDays",
  nonTerminableUntil: "adminTenancies.errors.date",
  terminableInPeriodFrom: "adminTenancies.errors.date",
} as const;

/** A change of a tenancy's editable fields: undefined = leave as it is. */
export type TenancyChange = {
  lejerId: string;
  noticeRuleId?: string | null;
  renovationDays?: number | null;
  nonTerminableUntil?: string | null;
  terminableInPeriodFrom?: string | null;
};

/** What a change would write: the data and the changed fields before/after (the notice rule by its code value). */
export type TenancyChangePlan = {
  lejerId: string;
  data: Prisma.LejerUncheckedUpdateInput;
  before: Record<string, string | number | null>;
  after: Record<string, string | number | null>;
  changed: string[];
  /** The tenancy as it is now (for callers that check more, e.g. lib/todos/provide-tenancy-details.ts). */
  current: { noticeRuleId: string | null; noticeRuleValue: string | null; renovationDays: number | null };
};

/**
 * Plans a change inside the caller's transaction, writing nothing: the tenancy must be this
 * organisation's (else NotFound); a new notice rule one of its active notice-rule codes — or, unless
 * `activeOnly`, the one already set (else a RuleFieldError on noticeRuleId).
 */
export async function planTenancyChange(tx: OrgTx, change: TenancyChange, opts: { activeOnly?: boolean } = {}): Promise<TenancyChangePlan> {
  const current = await tx.lejer.findUnique({ where: { id: change.lejerId }, include: { noticeRule: { select: { id: true, value: true } } } });
  if (!current) throw new NotFound("tenancy");
  let newRule: { id: string; value: string } | null = current.noticeRule;
  if (change.noticeRuleId !== undefined) {
    newRule = null;
    if (change.noticeRuleId !== null) {
      const keepCurrent = !opts.activeOnly && current.noticeRuleId ? [{ id: current.noticeRuleId }] : [];
      const code = await tx.kode.findFirst({
        where: { id: change.noticeRuleId, type: "OPSIGELSESVARSEL", OR: [{ active: true }, ...keepCurrent] },
        select: { id: true, value: true },
      });
      if (!code) throw new RuleFieldError("noticeRuleId", new RuleError("invalid-rule", "not an active notice rule of this organisation"));
      newRule = code;
    }
  }

  const before: Record<string, string | number | null> = {};
  const after: Record<string, string | number | null> = {};
  const data: Prisma.LejerUncheckedUpdateInput = {};
  const diff = (key: string, was: string | number | null, now: string | number | null | undefined, set: () => void) => {
    if (now === undefined || was === now) return;
    before[key] = was;
    after[key] = now;
    set();
  };
  diff("noticeRule", current.noticeRule?.value ?? null, change.noticeRuleId === undefined ? undefined : (newRule?.value ?? null), () => (data.noticeRuleId = newRule?.id ?? null));
  diff("renovationDays", current.renovationDays, change.renovationDays, () => (data.renovationDays = change.renovationDays ?? null));
  diff("nonTerminableUntil", isoDay(current.nonTerminableUntil), change.nonTerminableUntil, () => (data.nonTerminableUntil = toDate(change.nonTerminableUntil ?? null)));
  diff("terminableInPeriodFrom", isoDay(current.terminableInPeriodFrom), change.terminableInPeriodFrom, () => (data.terminableInPeriodFrom = toDate(change.terminableInPeriodFrom ?? null)));
  return {
    lejerId: current.id,
    data,
    before,
    after,
    changed: Object.keys(after),
    current: { noticeRuleId: current.noticeRuleId, noticeRuleValue: current.noticeRule?.value ?? null, renovationDays: current.renovationDays },
  };
}

/**
 * Writes a planned change inside the caller's transaction — the one way a tenancy's editable fields
 * change: the update, its LEJER_UPDATED audit row (changed fields only), and the tenancy's
 * provide-tenancy-details to-do opened or closed to match (lib/todos/tenancy-details-sync.ts).
 */
export async function applyTenancyChange(tx: OrgTx, plan: TenancyChangePlan, who: { actor: Actor; meta?: RequestMeta; now?: Date }): Promise<void> {
  if (plan.changed.length === 0) return;
  await tx.lejer.update({ where: { id: plan.lejerId }, data: { ...plan.data, updatedBy: who.actor.id ?? who.actor.label } });
  await writeAudit(tx, { type: "LEJER_UPDATED", actor: who.actor, entityType: "Lejer", entityId: plan.lejerId, before: plan.before, after: plan.after, ...(who.meta ? { meta: who.meta } : {}) });
  await syncTenancyDetailsTodos(tx, [plan.lejerId], who.now ? { now: who.now } : {});
}

/**
 * Saves a tenancy's editable fields. The tenancy must be this organisation's (else NotFound); the
 * notice rule one of its active notice-rule codes, or the one already set (else a field error on
 * noticeRuleId). Writes only when something changed, with a LEJER_UPDATED audit row of the changed
 * fields only (the notice rule by its code value), in one transaction.
 */
export async function saveTenancy(db: OrgDb, input: TenancyEdit, who: { actor: Actor; meta?: RequestMeta }): Promise<{ changed: string[] }> {
  const parsed = tenancyEditSchema.parse({
    lejerId: input.lejerId,
    noticeRuleId: input.noticeRuleId ?? "",
    renovationDays: input.renovationDays === null ? "" : String(input.renovationDays),
    nonTerminableUntil: input.nonTerminableUntil ?? "",
    terminableInPeriodFrom: input.terminableInPeriodFrom ?? "",
  });
  return db.$transaction(async (tx) => {
    const plan = await planTenancyChange(tx, parsed);
    await applyTenancyChange(tx, plan, who);
    return { changed: plan.changed };
  });
}

function toDate(iso: string | null): Date | null {
  return iso === null ? null : new Date(`${iso}T00:00:00Z`);
}
