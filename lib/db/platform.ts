/**
 * Platform data: organisations (looked up by slug) and operators. The only other module besides
 * lib/db/scoped.ts that touches the Prisma client. Organisation-owned rows are never read here.
 *
 * Every function takes the client or transaction as its first argument, never a default: inside a
 * transaction, forgetting `tx` would deadlock on the embedded server (a second connection waits for
 * the one that holds the transaction) and silently run outside the transaction on PostgreSQL.
 * Outside a transaction, pass `platformClient()`.
 */
import "server-only";
import { prisma, type Db } from "./client";

export type { Db };

/** The process-wide client, for callers outside a transaction (request handlers, scripts). */
export function platformClient(): Db {
  return prisma();
}
import { readSettings, type OrganisationSettings } from "@/lib/organisation/settings";
import type { Actor, AuditEntry, RequestMeta } from "@/lib/audit/events";
import { auditRow } from "@/lib/audit/write";
import { toJsonValue } from "@/lib/json";

export type OrganisationRecord = { id: string; slug: string; name: string; settings: OrganisationSettings };

const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

export function isValidSlug(slug: string): boolean {
  return SLUG_RE.test(slug);
}

function toRecord(o: { id: string; slug: string; name: string; settings: unknown }): OrganisationRecord {
  return { id: o.id, slug: o.slug, name: o.name, settings: readSettings(o.settings) };
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
  if (!isValidSlug(input.slug)) throw new Error(`Invalid organisation slug "${input.slug}"`);
  return db.$transaction(async (tx) => {
    const o = await tx.organisation.create({ data: { slug: input.slug, name: input.name, settings: toJsonValue(input.settings) ?? {} } });
    await tx.auditLog.create({
      data: auditRow(o.id, { ...audit, type: "ORGANISATION_CREATED", entityType: "Organisation", entityId: o.id, after: { slug: o.slug, name: o.name } }),
    });
    return toRecord(o);
  });
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
