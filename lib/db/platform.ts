/**
 * Platform data: organisations (looked up by slug) and operators. The only other module besides
 * lib/db/scoped.ts that touches the Prisma client. Organisation-owned rows are never read here —
 * except as counts per organisation for the operator's overview (organisationFigures).
 *
 * Every function takes the client or transaction as its first argument, never a default: inside a
 * transaction, forgetting `tx` would deadlock on the embedded server (a second connection waits for
 * the one that holds the transaction) and silently run outside the transaction on PostgreSQL.
 * Outside a transaction, pass `platformClient()`.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { prisma, type Db } from "./client";
import { orgTransactionWithPlatform, type OrgTx } from "./scoped";

export type { Db };

/** The process-wide client, for callers outside a transaction (request handlers, scripts). */
export function platformClient(): Db {
  return prisma();
}
import { readSettings, type OrganisationSettings } from "@/lib/organisation/settings";
import type { Actor, AuditEntry, RequestMeta } from "@/lib/audit/events";
import { auditRow } from "@/lib/audit/write";
import { toJsonValue } from "@/lib/json";

export type OrganisationRecord = {
  id: string;
  slug: string;
  name: string;
  settings: OrganisationSettings;
  /** Suspended by the operator (lib/operator/organisations.ts): the request resolver refuses its staff and tenants with "suspended". */
  suspendedAt: Date | null;
  suspendedReason: string | null;
};

const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

export function isValidSlug(slug: string): boolean {
  return SLUG_RE.test(slug);
}

function toRecord(o: { id: string; slug: string; name: string; settings: unknown; suspendedAt?: Date | null; suspendedReason?: string | null }): OrganisationRecord {
  return { id: o.id, slug: o.slug, name: o.name, settings: readSettings(o.settings), suspendedAt: o.suspendedAt ?? null, suspendedReason: o.suspendedReason ?? null };
}

export async function organisationBySlug(db: Db, slug: string): Promise<OrganisationRecord | null> {
  if (!isValidSlug(slug)) return null;
  const o = await db.organisation.findUnique({ where: { slug } });
  return o ? toRecord(o) : null;
}

export async function listOrganisations(db: Db): Promise<OrganisationRecord[]> {
  const rows = await db.organisation.findMany({ orderBy: { name: "asc" } });
  return rows.map(toRecord);
}

export async function createOrganisation(
  db: Db,
  input: { slug: string; name: string; settings: OrganisationSettings },
  audit: { actor: Actor; meta?: RequestMeta },
): Promise<OrganisationRecord> {
  return db.$transaction(async (tx) => insertOrganisation(tx as unknown as Db, input, audit));
}

/** The organisation row and its ORGANISATION_CREATED audit row, inside the caller's transaction. */
async function insertOrganisation(
  tx: Db,
  input: { slug: string; name: string; settings: OrganisationSettings },
  audit: { actor: Actor; meta?: RequestMeta },
): Promise<OrganisationRecord> {
  if (!isValidSlug(input.slug)) throw new Error(`Invalid organisation slug "${input.slug}"`);
  const o = await tx.organisation.create({ data: { slug: input.slug, name: input.name, settings: toJsonValue(input.settings) ?? {} } });
  await tx.auditLog.create({
    data: auditRow(o.id, { ...audit, type: "ORGANISATION_CREATED", entityType: "Organisation", entityId: o.id, after: { slug: o.slug, name: o.name } }),
  });
  return toRecord(o);
}

/**
 * Creates an organisation and, in the SAME transaction, its first rows through the organisation-
 * bound accessor (`fill`: default codes, the invited administrator, …): if `fill` throws, the
 * organisation never existed.
 */
export async function createOrganisationWith<T>(
  db: Db,
  input: { slug: string; name: string; settings: OrganisationSettings },
  audit: { actor: Actor; meta?: RequestMeta },
  fill: (tx: OrgTx, org: OrganisationRecord) => Promise<T>,
): Promise<{ org: OrganisationRecord; result: T }> {
  if (!isValidSlug(input.slug)) throw new Error(`Invalid organisation slug "${input.slug}"`);
  const id = randomUUID();
  return orgTransactionWithPlatform(id, db, async (platformTx, tx) => {
    const o = await platformTx.organisation.create({ data: { id, slug: input.slug, name: input.name, settings: toJsonValue(input.settings) ?? {} } });
    await tx.auditLog.create({
      data: auditRow(o.id, { ...audit, type: "ORGANISATION_CREATED", entityType: "Organisation", entityId: o.id, after: { slug: o.slug, name: o.name } }),
    });
    const org = toRecord(o);
    return { org, result: await fill(tx, org) };
  });
}

/** Suspends (reason) or resumes (null) an organisation, with its audit row; nothing else changes. */
export async function setOrganisationSuspension(
  db: Db,
  slug: string,
  reason: string | null,
  audit: { actor: Actor; meta?: RequestMeta },
): Promise<OrganisationRecord | null> {
  return db.$transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const before = await tx.organisation.findUnique({ where: { slug } });
    if (!before) return null;
    const o = await tx.organisation.update({ where: { id: before.id }, data: reason === null ? { suspendedAt: null, suspendedReason: null } : { suspendedAt: new Date(), suspendedReason: reason } });
    const b = { suspended: before.suspendedAt !== null, reason: before.suspendedReason };
    const a = { suspended: o.suspendedAt !== null, reason: o.suspendedReason };
    const entry =
      reason === null
        ? ({ ...audit, type: "ORGANISATION_RESUMED", entityType: "Organisation", entityId: o.id, before: b, after: a } as const)
        : ({ ...audit, type: "ORGANISATION_SUSPENDED", entityType: "Organisation", entityId: o.id, before: b, after: a } as const);
    await tx.auditLog.create({ data: auditRow(o.id, entry) });
    return toRecord(o);
  });
}

/**
 * Per organisation: tenancies (Lejer rows), notices submitted since `since`, and staff users (not
 * automation accounts) — three grouped counts over every organisation, not one query per organisation.
 */
export async function organisationFigures(db: Db, since: Date): Promise<Map<string, { tenancies: number; noticesThisMonth: number; staff: number }>> {
  const [tenancies, notices, staff] = await Promise.all([
    db.lejer.groupBy({ by: ["organisationId"], _count: { _all: true } }),
    db.opsigelse.groupBy({ by: ["organisationId"], where: { submittedAt: { gte: since } }, _count: { _all: true } }),
    db.user.groupBy({ by: ["organisationId"], where: { automation: false }, _count: { _all: true } }),
  ]);
  const out = new Map<string, { tenancies: number; noticesThisMonth: number; staff: number }>();
  const row = (id: string) => {
    let r = out.get(id);
    if (!r) out.set(id, (r = { tenancies: 0, noticesThisMonth: 0, staff: 0 }));
    return r;
  };
  for (const g of tenancies) row(g.organisationId).tenancies = g._count._all;
  for (const g of notices) row(g.organisationId).noticesThisMonth = g._count._all;
  for (const g of staff) row(g.organisationId).staff = g._count._all;
  return out;
}

export async function operatorByEmail(db: Db, email: string) {
  return db.operator.findUnique({ where: { email: email.trim().toLowerCase() } });
}

/** An operator by id (the request resolver re-reads `active` on every request), or null. */
export async function operatorById(db: Db, id: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return db.operator.findUnique({ where: { id }, select: { id: true, email: true, name: true, active: true } });
}

export async function createOperator(db: Db, input: { email: string; name: string; passwordHash: string; totpSecretEnc: string }) {
  return db.operator.create({ data: { ...input, email: input.email.trim().toLowerCase() } });
}

/** Platform events (operator sign-in) are audited without an organisation. */
export async function writePlatformAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: auditRow(null, entry) });
}

export async function recordOperatorSignIn(db: Db, id: string, entry: AuditEntry): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.operator.update({ where: { id }, data: { lastSignInAt: new Date() } });
    await writePlatformAudit(tx as unknown as Db, entry);
  });
}

/**
 * Claims a TOTP time step for an operator: true only if `step` is later than the last step used, and
 * then it is the last step used. One conditional UPDATE, so two concurrent uses of one code cannot
 * both win.
 */
export async function claimOperatorTotpStep(db: Db, operatorId: string, step: number): Promise<boolean> {
  const r = await db.operator.updateMany({
    where: { id: operatorId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return r.count === 1;
}

// ---------------------------------------------------------------- sessions (lib/auth/session-store.ts)

export type AuthSessionRow = {
  id: string;
  kind: string;
  subjectId: string;
  orgSlug: string | null;
  idTokenEnc: string | null;
  expiresAt: Date;
  endedAt: Date | null;
};

export async function createAuthSession(
  db: Db,
  row: { id: string; kind: string; subjectId: string; orgSlug: string | null; idTokenEnc: string | null; expiresAt: Date },
): Promise<void> {
  await db.authSession.create({ data: row });
}

/** The session row by id (the hash of the cookie's session id), or null. One primary-key look-up. */
export async function authSessionById(db: Db, id: string): Promise<AuthSessionRow | null> {
  return db.authSession.findUnique({
    where: { id },
    select: { id: true, kind: true, subjectId: true, orgSlug: true, idTokenEnc: true, expiresAt: true, endedAt: true },
  });
}

/** Ends a session (idempotent: the first end time stays). Returns the row (`endedNow`: this call ended it), or null if there is none. */
export async function endAuthSession(db: Db, id: string, at: Date): Promise<(AuthSessionRow & { endedNow: boolean }) | null> {
  const r = await db.authSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: at } });
  const row = await authSessionById(db, id);
  return row ? { ...row, endedNow: r.count === 1 } : null;
}

/** Ends every open session of one subject (a staff user, an operator, a person). Returns how many. */
export async function endAuthSessionsOf(db: Db, kind: string, subjectId: string, at: Date): Promise<number> {
  const r = await db.authSession.updateMany({ where: { kind, subjectId, endedAt: null }, data: { endedAt: at } });
  return r.count;
}

/** Deletes sessions that expired before `before` (ended ones are kept until they expire, for the record). */
export async function sweepAuthSessions(db: Db, before: Date): Promise<number> {
  const r = await db.authSession.deleteMany({ where: { expiresAt: { lt: before } } });
  return r.count;
}

/** True when the database answers within 2 seconds (health checks). */
export async function databaseReachable(db: Db): Promise<boolean> {
  try {
    await Promise.race([db.organisation.count({ take: 1 }), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000))]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Changes an organisation's settings JSON in one transaction with its audit row: reads the stored
 * JSON (row locked, so two saves never lose each other's keys), lets `change` return the keys to
 * replace and the audit entry (or null: nothing changed, nothing written), and writes the stored
 * JSON with only those keys replaced — keys other pages own are left exactly as stored.
 */
export async function updateOrganisationSettings(
  db: Db,
  organisationId: string,
  change: (current: OrganisationSettings) => { set: Partial<OrganisationSettings>; audit: AuditEntry } | null,
): Promise<{ changed: boolean; settings: OrganisationSettings }> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${organisationId}::uuid FOR UPDATE`;
    const o = await tx.organisation.findUnique({ where: { id: organisationId }, select: { settings: true } });
    if (!o) throw new Error(`updateOrganisationSettings: no organisation ${organisationId}`);
    const current = readSettings(o.settings);
    const r = change(current);
    if (!r) return { changed: false, settings: current };
    const stored = o.settings && typeof o.settings === "object" && !Array.isArray(o.settings) ? (o.settings as Record<string, unknown>) : {};
    const next = { ...stored, ...r.set };
    await tx.organisation.update({ where: { id: organisationId }, data: { settings: toJsonValue(next) ?? {} } });
    await tx.auditLog.create({ data: auditRow(organisationId, r.audit) });
    return { changed: true, settings: readSettings(next) };
  });
}

// ---------------------------------------------------------------- automation policy (api-core: lib/automation/guard.ts)

export type AutomationPolicyRecord = { maxRequestsPerMinute: number; errorWindow: number; maxErrorsInWindow: number };
export const DEFAULT_AUTOMATION_POLICY: AutomationPolicyRecord = Object.freeze({ maxRequestsPerMinute: 60, errorWindow: 20, maxErrorsInWindow: 10 });

/** The operator's automation thresholds (the one AutomationPolicy row), or the defaults when none is stored. */
export async function readAutomationPolicy(db: Db): Promise<AutomationPolicyRecord> {
  const p = await db.automationPolicy.findUnique({ where: { id: 1 }, select: { maxRequestsPerMinute: true, errorWindow: true, maxErrorsInWindow: true } });
  return p ?? DEFAULT_AUTOMATION_POLICY;
}

// ---------------------------------------------------------------- automation Updates (issue 13, lib/automation/updates.ts)

export type AutomationUpdateRow = { id: string; title: string; body: string; effectiveOn: Date; publishedAt: Date; publishedById: string; publishedByName: string };

/** Writes an Update and its platform audit row in one transaction. */
export async function insertAutomationUpdate(
  db: Db,
  row: Omit<AutomationUpdateRow, "id">,
  audit: (id: string) => AuditEntry,
): Promise<AutomationUpdateRow> {
  return db.$transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const u = await tx.automationUpdate.create({ data: row });
    await writePlatformAudit(tx, audit(u.id));
    return u;
  });
}

/** Every Update, newest publication first (at most `take`). */
export async function listAutomationUpdates(db: Db, take = 200): Promise<AutomationUpdateRow[]> {
  return db.automationUpdate.findMany({ orderBy: [{ publishedAt: "desc" }, { id: "desc" }], take });
}
