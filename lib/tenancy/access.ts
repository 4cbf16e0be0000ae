/**
 * What a signed-in tenant may reach inside their organisation — decided HERE, and only here.
 *
 * The organisation accessor (lib/db/scoped.ts) keeps every query inside one organisation; this
 * module narrows that to one person: a tenant reaches
 *   - the tenancies (Lejer) on which they are legal tenant 1 or 2,
 *   - the notices (Opsigelse) of those tenancies, and their signatures,
 *   - the documents (Document) of those tenancies or notices,
 *   - the lease units of those tenancies and their sub-leases (bi-lejemål).
 * Everything is built from one where-builder, `tenantScope(personId)` (as Documenso builds every
 * envelope query from one where-builder), and fails closed: an id that is not a UUID, or a row
 * outside the scope, gives `null` (→ 404) — never another person's row, never a 500.
 *
 * Every tenant page, server action and route handler reads and writes tenant data through the
 * functions below, never with its own `where`. The notice wizard's actions belong here too: add a
 * function that starts from `tenantScope(personId)` (see createNoticeForTenant and
 * updateNoticeForTenant: check the tenancy/notice through the scope and write with the scope in
 * the same `where`), and add its case to tests/integration/tenant-scope.test.ts, which fails for
 * an exported function it does not cover.
 *
 * Rows included from a row returned here (a tenancy's notices, lease unit, sub-leases, documents)
 * belong to that row, so they are in scope too; do not include the other direction (a lease
 * unit's other tenancies, a person's other tenancies).
 */
import "server-only";
import type { Prisma } from "@/lib/db/scoped";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";

/** The organisation accessor or a transaction of it. */
export type TenantDb = OrgDb | OrgTx;

export class TenantScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TenantScopeError";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (v: unknown): v is string => typeof v === "string" && UUID.test(v);

/**
 * The where-builders of one tenant. `personId` must be the signed-in person's id (a tenant
 * session's subject); anything else throws, because an `undefined` inside a Prisma filter would
 * match every row.
 */
export function tenantScope(personId: string) {
  if (!isId(personId)) throw new TenantScopeError("tenantScope needs the signed-in person's id");
  const tenancy = { OR: [{ legalTenant1Id: personId }, { legalTenant2Id: personId }] } satisfies Prisma.LejerWhereInput;
  const notice = { lejer: { is: tenancy } } satisfies Prisma.OpsigelseWhereInput;
  return {
    personId,
    /** Lejer: the person is legal tenant 1 or 2. */
    tenancy,
    /** Opsigelse: of one of those tenancies. */
    notice,
    /** Signature: on one of those notices. */
    signature: { opsigelse: { is: notice } } satisfies Prisma.SignatureWhereInput,
    /** Document: tied to one of those tenancies or notices, and to nothing outside them. */
    document: {
      AND: [
        { OR: [{ lejerId: { not: null } }, { opsigelseId: { not: null } }] },
        { OR: [{ lejerId: null }, { lejer: { is: tenancy } }] },
        { OR: [{ opsigelseId: null }, { opsigelse: { is: notice } }] },
      ],
    } satisfies Prisma.DocumentWhereInput,
    /** Lejemaal: the lease unit of one of those tenancies, or a sub-lease (bi-lejemål) of it. */
    leaseUnit: {
      OR: [{ lejere: { some: tenancy } }, { mainLejemaal: { is: { lejere: { some: tenancy } } } }],
    } satisfies Prisma.LejemaalWhereInput,
  } as const;
}
export type TenantScope = ReturnType<typeof tenantScope>;

const and = <W extends object>(...parts: (W | undefined)[]): { AND: W[] } => ({ AND: parts.filter((p): p is W => p !== undefined) });

// Reading options the callers may pass (never `where` of their own except as an extra filter).
type Shape<S, I> = { select?: S; include?: I };
type ListOf<W, O> = { where?: W; orderBy?: O | O[]; take?: number; skip?: number };

// --------------------------------------------------------------------------------------- tenancies

type LejerShape = Shape<Prisma.LejerSelect, Prisma.LejerInclude>;

/** The tenant's tenancies (optionally narrowed by `where`), e.g. for the overview. */
export async function listTenanciesForTenant<A extends LejerShape & ListOf<Prisma.LejerWhereInput, Prisma.LejerOrderByWithRelationInput> = object>(
  db: TenantDb,
  personId: string,
  args?: A,
): Promise<Prisma.LejerGetPayload<A>[]> {
  const s = tenantScope(personId);
  const rows = await db.lejer.findMany({ ...(args as object), where: and<Prisma.LejerWhereInput>(s.tenancy, args?.where) });
  return rows as Prisma.LejerGetPayload<A>[];
}

/** One tenancy of the tenant, or null (not theirs, not found, not an id). */
export async function tenancyForTenant<A extends LejerShape = object>(db: TenantDb, personId: string, lejerId: unknown, args?: A): Promise<Prisma.LejerGetPayload<A> | null> {
  const s = tenantScope(personId);
  if (!isId(lejerId)) return null;
  const row = await db.lejer.findFirst({ ...(args as object), where: and<Prisma.LejerWhereInput>({ id: lejerId }, s.tenancy) });
  return row as Prisma.LejerGetPayload<A> | null;
}

/** The sub-leases (bi-lejemål) of one of the tenant's tenancies' lease unit; empty when the tenancy is not theirs. */
export async function subLeasesForTenant<A extends Shape<Prisma.LejemaalSelect, Prisma.LejemaalInclude> = object>(
  db: TenantDb,
  personId: string,
  lejerId: unknown,
  args?: A & { where?: Prisma.LejemaalWhereInput },
): Promise<Prisma.LejemaalGetPayload<A>[]> {
  const s = tenantScope(personId);
  if (!isId(lejerId)) return [];
  const rows = await db.lejemaal.findMany({
    ...(args as object),
    where: and<Prisma.LejemaalWhereInput>({ mainLejemaal: { is: { lejere: { some: { AND: [{ id: lejerId }, s.tenancy] } } } } }, s.leaseUnit, args?.where),
    orderBy: { nr: "asc" },
  });
  return rows as Prisma.LejemaalGetPayload<A>[];
}

// ----------------------------------------------------------------------------------------- notices

type NoticeShape = Shape<Prisma.OpsigelseSelect, Prisma.OpsigelseInclude>;

/** The tenant's notices (optionally narrowed, e.g. `{ where: { lejerId } }`). */
export async function listNoticesForTenant<A extends NoticeShape & ListOf<Prisma.OpsigelseWhereInput, Prisma.OpsigelseOrderByWithRelationInput> = object>(
  db: TenantDb,
  personId: string,
  args?: A,
): Promise<Prisma.OpsigelseGetPayload<A>[]> {
  const s = tenantScope(personId);
  const rows = await db.opsigelse.findMany({ ...(args as object), where: and<Prisma.OpsigelseWhereInput>(s.notice, args?.where) });
  return rows as Prisma.OpsigelseGetPayload<A>[];
}

/** One notice of the tenant, or null. */
export async function noticeForTenant<A extends NoticeShape = object>(db: TenantDb, personId: string, noticeId: unknown, args?: A): Promise<Prisma.OpsigelseGetPayload<A> | null> {
  const s = tenantScope(personId);
  if (!isId(noticeId)) return null;
  const row = await db.opsigelse.findFirst({ ...(args as object), where: and<Prisma.OpsigelseWhereInput>({ id: noticeId }, s.notice) });
  return row as Prisma.OpsigelseGetPayload<A> | null;
}

/** Scalar fields a tenant action may write on a notice (never its tenancy, organisation or id). */
export type TenantNoticeData = Omit<Prisma.OpsigelseUncheckedUpdateManyInput, "id" | "organisationId" | "lejerId" | "createdAt">;

/**
 * Changes one notice of the tenant; `expect` narrows further (e.g. `{ status: "DRAFT" }`, so that
 * two tabs cannot both change it: the second gets null). Returns the changed notice, or null when
 * it is not theirs or no longer matches. One statement: the scope is in the UPDATE's own where.
 */
export async function updateNoticeForTenant(
  db: TenantDb,
  personId: string,
  noticeId: unknown,
  data: TenantNoticeData,
  expect?: Prisma.OpsigelseWhereInput,
): Promise<Prisma.OpsigelseGetPayload<object> | null> {
  const s = tenantScope(personId);
  if (!isId(noticeId)) return null;
  const clean = { ...data } as Record<string, unknown>;
  for (const k of ["id", "organisationId", "lejerId", "createdAt"]) delete clean[k];
  const where = and<Prisma.OpsigelseWhereInput>({ id: noticeId }, s.notice, expect);
  const { count } = await db.opsigelse.updateMany({ where, data: clean });
  if (count === 0) return null;
  return db.opsigelse.findFirst({ where: and<Prisma.OpsigelseWhereInput>({ id: noticeId }, s.notice) });
}

/** Fields of a new notice a tenant action may set. */
export type TenantNewNoticeData = Omit<Prisma.OpsigelseUncheckedCreateInput, "id" | "organisationId" | "lejerId" | "startedByPersonId" | "signatures" | "dokumenter" | "todos">;

/**
 * Starts a notice on one of the tenant's tenancies (startedByPersonId = the tenant), or null when
 * the tenancy is not theirs. Pass a transaction (`db.$transaction(tx => createNoticeForTenant(tx, …))`)
 * when the check and the insert must see the same state.
 */
export async function createNoticeForTenant(db: TenantDb, personId: string, lejerId: unknown, data: TenantNewNoticeData): Promise<Prisma.OpsigelseGetPayload<object> | null> {
  const s = tenantScope(personId);
  const tenancy = await tenancyForTenant(db, personId, lejerId, { select: { id: true } });
  if (!tenancy) return null;
  const clean = { ...data } as Record<string, unknown>;
  for (const k of ["id", "organisationId", "lejerId", "startedByPersonId", "signatures", "dokumenter", "todos"]) delete clean[k];
  return db.opsigelse.create({
    data: { ...(clean as TenantNewNoticeData), organisationId: db.organisationId, lejerId: tenancy.id, startedByPersonId: s.personId },
  });
}

// -------------------------------------------------------------------------------------- signatures

/** The signatures on one of the tenant's notices; empty when the notice is not theirs. */
export async function signaturesForTenant(db: TenantDb, personId: string, noticeId: unknown): Promise<Prisma.SignatureGetPayload<object>[]> {
  const s = tenantScope(personId);
  if (!isId(noticeId)) return [];
  return db.signature.findMany({ where: and<Prisma.SignatureWhereInput>({ opsigelseId: noticeId }, s.signature), orderBy: { signingOrder: "asc" } });
}

// --------------------------------------------------------------------------------------- documents

type DocumentShape = Shape<Prisma.DocumentSelect, Prisma.DocumentInclude>;

/** The tenant's documents (optionally narrowed, e.g. `{ where: { lejerId } }`). */
export async function listDocumentsForTenant<A extends DocumentShape & ListOf<Prisma.DocumentWhereInput, Prisma.DocumentOrderByWithRelationInput> = object>(
  db: TenantDb,
  personId: string,
  args?: A,
): Promise<Prisma.DocumentGetPayload<A>[]> {
  const s = tenantScope(personId);
  const rows = await db.document.findMany({ ...(args as object), where: and<Prisma.DocumentWhereInput>(s.document, args?.where) });
  return rows as Prisma.DocumentGetPayload<A>[];
}

/** One document of the tenant, or null. */
export async function documentForTenant<A extends DocumentShape = object>(db: TenantDb, personId: string, documentId: unknown, args?: A): Promise<Prisma.DocumentGetPayload<A> | null> {
  const s = tenantScope(personId);
  if (!isId(documentId)) return null;
  const row = await db.document.findFirst({ ...(args as object), where: and<Prisma.DocumentWhereInput>({ id: documentId }, s.document) });
  return row as Prisma.DocumentGetPayload<A> | null;
}

// ---------------------------------------------------------------------------------- the person

/** What the tenant's own settings page shows of their person row (never the CPR hash). */
const OWN_PERSON_SELECT = { id: true, name: true, regNo: true, accountNo: true, nemKontoConsent: true } as const satisfies Prisma.PersonSelect;
export type TenantOwnPerson = Prisma.PersonGetPayload<{ select: typeof OWN_PERSON_SELECT }>;

/** The signed-in person's own row ("Mine indstillinger"), or null when it is gone. Only ever their own. */
export async function ownPersonForTenant(db: TenantDb, personId: string): Promise<TenantOwnPerson | null> {
  const s = tenantScope(personId);
  return db.person.findFirst({ where: { id: s.personId }, select: OWN_PERSON_SELECT });
}

/**
 * Gives (`true`) or withdraws (`false`) the signed-in person's NemKonto consent; nothing else of the
 * row is written. Returns the consent before and after, or null when the person is gone. One
 * statement with the person's id in the UPDATE's where; pass the service's transaction.
 */
export async function setNemKontoConsentForTenant(db: TenantDb, personId: string, consent: boolean): Promise<{ before: boolean; after: boolean } | null> {
  const s = tenantScope(personId);
  if (typeof consent !== "boolean") throw new TenantScopeError("setNemKontoConsentForTenant needs true or false");
  const current = await db.person.findFirst({ where: { id: s.personId }, select: { nemKontoConsent: true } });
  if (!current) return null;
  const { count } = await db.person.updateMany({ where: { id: s.personId }, data: { nemKontoConsent: consent } });
  return count === 0 ? null : { before: current.nemKontoConsent, after: consent };
}
