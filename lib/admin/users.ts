/**
 * Staff users and their roles (admin section "users", /{organisation}/admin/brugere).
 *
 * One service function per use case, each owning its transaction and writing its audit row in it:
 *   - listStaffUsers / staffUserDetail: who is staff, with roles, active, second factor enrolled,
 *     a pending invitation, last sign-in; automation accounts are listed, marked, and never
 *     changed here (they are managed under the automation rules);
 *   - inviteStaffUser (lib/admin/invitations.ts);
 *   - setStaffRoles, setStaffActive, resetStaffTotp, resendStaffInvite.
 *
 * Every change bumps User.sessionVersion — lib/http/context.ts compares it on every request, so
 * the user's sessions end at once — and afterwards ends the user's AuthSession rows too.
 *
 * The last "Manage users" rule: a change that would leave the organisation without an active,
 * enrolled person holding MANAGE_USERS is refused ("last-manager"). The count is taken inside the
 * transaction after it has locked the organisation's manager rows (withManagersLocked): two
 * administrators demoting each other at the same moment run one after the other, and the second
 * sees the first's change (the embedded database serialises transactions anyway).
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import { endAuthSessionsOf, platformClient } from "@/lib/db/platform";
import { writeAudit } from "@/lib/audit/write";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { isRole, ROLES, type Role } from "@/lib/auth/permissions";
import { NotFound } from "@/lib/http/errors";
import { issueInvite, type InvitePurpose } from "./invitations";

export const MANAGE_ROLE: Role = "MANAGE_USERS";
export const USERS_PAGE_SIZE = 50;

export type StaffUserRow = {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  active: boolean;
  automation: boolean;
  paused: boolean;
  hasPassword: boolean;
  /** Password and second factor set: the user can sign in. */
  enrolled: boolean;
  /** The live invitation link, if one is out. */
  pendingInvite: { purpose: InvitePurpose; expiresAt: Date } | null;
  lastSignInAt: Date | null;
  createdAt: Date;
};

type UserRecord = {
  id: string;
  name: string;
  email: string;
  roles: string[];
  active: boolean;
  automation: boolean;
  pausedAt: Date | null;
  passwordHash: string | null;
  totpSecretEnc: string | null;
  lastSignInAt: Date | null;
  createdAt: Date;
};

function rowOf(u: UserRecord, invite: { purpose: string; expiresAt: Date } | undefined): StaffUserRow {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    roles: ROLES.filter((r) => u.roles.includes(r)),
    active: u.active,
    automation: u.automation,
    paused: !!u.pausedAt,
    hasPassword: !!u.passwordHash,
    enrolled: !!u.passwordHash && !!u.totpSecretEnc,
    pendingInvite: invite ? { purpose: invite.purpose === "reset-totp" ? "reset-totp" : "invite", expiresAt: invite.expiresAt } : null,
    lastSignInAt: u.lastSignInAt,
    createdAt: u.createdAt,
  };
}

const liveInviteWhere = (now: Date) => ({ usedAt: null, cancelledAt: null, expiresAt: { gt: now } });

/** Staff users (people first, then automation accounts; by name), searchable by name or e-mail, one page at a time. */
export async function listStaffUsers(db: OrgDb, opts: { q?: string; page?: number; now?: Date } = {}): Promise<{ rows: StaffUserRow[]; total: number; page: number; pages: number }> {
  const now = opts.now ?? new Date();
  const q = opts.q?.trim().slice(0, 100);
  const where = q ? { OR: [{ name: { contains: q, mode: "insensitive" as const } }, { email: { contains: q, mode: "insensitive" as const } }] } : {};
  const total = await db.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const users = await db.user.findMany({ where, orderBy: [{ automation: "asc" }, { name: "asc" }, { email: "asc" }], skip: (page - 1) * USERS_PAGE_SIZE, take: USERS_PAGE_SIZE });
  const invites = users.length
    ? await db.userInvite.findMany({ where: { userId: { in: users.map((u) => u.id) }, ...liveInviteWhere(now) }, orderBy: { createdAt: "desc" } })
    : [];
  const byUser = new Map<string, (typeof invites)[number]>();
  for (const i of invites) if (!byUser.has(i.userId)) byUser.set(i.userId, i);
  return { rows: users.map((u) => rowOf(u, byUser.get(u.id))), total, page, pages };
}

/** One staff user of this organisation (NotFound for any other id). */
export async function staffUserDetail(db: OrgDb, userId: string, now = new Date()): Promise<StaffUserRow> {
  const u = await db.user.findUnique({ where: { id: userId } });
  if (!u) throw new NotFound("user");
  const invite = await db.userInvite.findFirst({ where: { userId, ...liveInviteWhere(now) }, orderBy: { createdAt: "desc" } });
  return rowOf(u, invite ?? undefined);
}

// ------------------------------------------------------------------------------------------ changes

export type UserChangeRefusal = "last-manager" | "automation" | "enrolled";
export type UserChangeResult = { ok: true; changed: boolean; userId: string } | { ok: false; reason: UserChangeRefusal; self: boolean };

type ChangeArgs = { userId: string; actor: Actor; meta?: RequestMeta; now?: Date };

/** An active, enrolled person holding MANAGE_USERS (not an automation account, not paused). */
const countsAsManager = (u: Pick<UserRecord, "active" | "automation" | "pausedAt" | "passwordHash" | "totpSecretEnc" | "roles">) =>
  u.active && !u.automation && !u.pausedAt && !!u.passwordHash && !!u.totpSecretEnc && u.roles.includes(MANAGE_ROLE);

async function otherManagers(tx: OrgTx, userId: string): Promise<number> {
  return tx.user.count({
    where: { id: { not: userId }, active: true, automation: false, pausedAt: null, passwordHash: { not: null }, totpSecretEnc: { not: null }, roles: { has: MANAGE_ROLE } },
  });
}

/**
 * A transaction that first locks the organisation's "Manage users" rows (a no-op update of each), so
 * two changes that could each remove the last manager run one after the other: the second waits for
 * the first's commit, then (READ COMMITTED, every statement sees what is committed) counts again and
 * is refused. Both take the locks by the same statement, in the same order, so they cannot deadlock.
 * Not SERIALIZABLE: a serialization failure at COMMIT left adapter-pg's pooled connection checked
 * out (the PostgreSQL lane's pool never drained), so each conflict would have leaked a connection.
 */
async function withManagersLocked<T>(db: OrgDb, fn: (tx: OrgTx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.user.updateMany({ where: { roles: { has: MANAGE_ROLE } }, data: { sessionVersion: { increment: 0 } } });
    return fn(tx);
  });
}

async function endSessions(userId: string, now: Date): Promise<void> {
  // After the commit (a second connection inside the transaction would wait on the embedded
  // database). The session version bumped in the transaction has already ended them for every request.
  await endAuthSessionsOf(platformClient(), "staff", userId, now);
}

async function loadForChange(tx: OrgTx, userId: string): Promise<UserRecord> {
  const u = await tx.user.findUnique({ where: { id: userId } });
  if (!u) throw new NotFound("user");
  return u;
}

const isSelf = (actor: Actor, userId: string) => actor.type === "STAFF" && actor.id === userId;

/** Sets a person's roles (at least one). Refused for automation accounts and for the last manager. */
export async function setStaffRoles(db: OrgDb, a: ChangeArgs & { roles: readonly Role[] }): Promise<UserChangeResult> {
  const now = a.now ?? new Date();
  const roles = ROLES.filter((r) => a.roles.includes(r));
  if (roles.length === 0 || a.roles.some((r) => !isRole(r))) throw new Error("setStaffRoles: roles must be known and at least one");
  const r = await withManagersLocked(db, async (tx): Promise<UserChangeResult> => {
    const u = await loadForChange(tx, a.userId);
    const self = isSelf(a.actor, u.id);
    if (u.automation) return { ok: false, reason: "automation", self };
    const before = ROLES.filter((x) => u.roles.includes(x));
    if (before.join() === roles.join()) return { ok: true, changed: false, userId: u.id };
    if (countsAsManager(u) && !countsAsManager({ ...u, roles }) && (await otherManagers(tx, u.id)) === 0) return { ok: false, reason: "last-manager", self };
    await tx.user.update({ where: { id: u.id }, data: { roles, sessionVersion: { increment: 1 }, updatedBy: a.actor.label.slice(0, 200) } });
    await writeAudit(tx, { type: "USER_UPDATED", actor: a.actor, entityType: "User", entityId: u.id, before: { roles: before }, after: { roles }, ...(a.meta ? { meta: a.meta } : {}) });
    return { ok: true, changed: true, userId: u.id };
  });
  if (r.ok && r.changed) await endSessions(a.userId, now);
  return r;
}

/** Disables (ends every session; the user cannot sign in, an open invitation stops working) or enables a person. */
export async function setStaffActive(db: OrgDb, a: ChangeArgs & { active: boolean }): Promise<UserChangeResult> {
  const now = a.now ?? new Date();
  const r = await withManagersLocked(db, async (tx): Promise<UserChangeResult> => {
    const u = await loadForChange(tx, a.userId);
    const self = isSelf(a.actor, u.id);
    if (u.automation) return { ok: false, reason: "automation", self };
    if (u.active === a.active) return { ok: true, changed: false, userId: u.id };
    if (!a.active && countsAsManager(u) && (await otherManagers(tx, u.id)) === 0) return { ok: false, reason: "last-manager", self };
    await tx.user.update({ where: { id: u.id }, data: { active: a.active, sessionVersion: { increment: 1 }, updatedBy: a.actor.label.slice(0, 200) } });
    await writeAudit(tx, { type: "USER_UPDATED", actor: a.actor, entityType: "User", entityId: u.id, before: { active: u.active }, after: { active: a.active }, ...(a.meta ? { meta: a.meta } : {}) });
    return { ok: true, changed: true, userId: u.id };
  });
  if (r.ok && r.changed) await endSessions(a.userId, now);
  return r;
}

/**
 * Resets a person's second factor: clears it (ending their sessions) and e-mails a "reset-totp"
 * link to enrol a new one (an "invite" link when they never chose a password). The last manager
 * cannot reset their own: they would have no way back in.
 */
export async function resetStaffTotp(db: OrgDb, a: ChangeArgs & { baseUrl?: string }): Promise<UserChangeResult> {
  const now = a.now ?? new Date();
  const r = await withManagersLocked(db, async (tx): Promise<UserChangeResult> => {
    const u = await loadForChange(tx, a.userId);
    const self = isSelf(a.actor, u.id);
    if (u.automation) return { ok: false, reason: "automation", self };
    if (!u.active) throw new NotFound("user");
    if (countsAsManager(u) && (await otherManagers(tx, u.id)) === 0) return { ok: false, reason: "last-manager", self };
    await tx.user.update({ where: { id: u.id }, data: { totpSecretEnc: null, totpLastStep: null, sessionVersion: { increment: 1 }, updatedBy: a.actor.label.slice(0, 200) } });
    const issued = await issueInvite(tx, {
      user: u,
      purpose: u.passwordHash ? "reset-totp" : "invite",
      actor: a.actor,
      now,
      ...(a.meta ? { meta: a.meta } : {}),
      ...(a.baseUrl ? { baseUrl: a.baseUrl } : {}),
    });
    await writeAudit(tx, { type: "USER_TOTP_RESET", actor: a.actor, entityType: "User", entityId: u.id, after: { inviteId: issued.inviteId }, ...(a.meta ? { meta: a.meta } : {}) });
    return { ok: true, changed: true, userId: u.id };
  });
  if (r.ok) await endSessions(a.userId, now);
  return r;
}

/** Sends a new invitation link to a person who has not finished enrolling (the previous link stops working). */
export async function resendStaffInvite(db: OrgDb, a: ChangeArgs & { baseUrl?: string }): Promise<UserChangeResult> {
  const now = a.now ?? new Date();
  return db.$transaction(async (tx): Promise<UserChangeResult> => {
    const u = await loadForChange(tx, a.userId);
    const self = isSelf(a.actor, u.id);
    if (u.automation) return { ok: false, reason: "automation", self };
    if (!u.active) throw new NotFound("user");
    if (u.passwordHash && u.totpSecretEnc) return { ok: false, reason: "enrolled", self };
    await issueInvite(tx, {
      user: u,
      purpose: u.passwordHash ? "reset-totp" : "invite",
      actor: a.actor,
      now,
      ...(a.meta ? { meta: a.meta } : {}),
      ...(a.baseUrl ? { baseUrl: a.baseUrl } : {}),
    });
    return { ok: true, changed: true, userId: u.id };
  });
}
