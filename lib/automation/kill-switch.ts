/**
 * The kill switch of automation accounts (landlord-portal policy): the organisation's "Manage users"
 * staff and the operator can pause an account (temporary) or switch it off (it stays off until a
 * manager switches it on again); unusual activity switches it off by itself (reason "rate" or
 * "errors", lib/automation/guard.ts). Each takes effect on the next request: the guard re-reads the
 * account on every request, and switching off also revokes the account's day tokens. Each change is
 * audited in its transaction. Telling the managers about an automatic switch-off is the caller's
 * (a durable mail job enqueued in the same transaction).
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { NotFound } from "@/lib/http/errors";

export type SwitchOffReason = "organisation" | "operator" | "rate" | "errors";

async function automationAccount(tx: OrgTx, userId: string) {
  const u = await tx.user.findUnique({ where: { id: userId } });
  if (!u || !u.automation) throw new NotFound();
  return u;
}

/** Pauses an account (no-op when already paused). True when it changed. */
export async function pauseAccount(tx: OrgTx, userId: string, opts: { actor: Actor; meta?: RequestMeta; now: Date }): Promise<boolean> {
  const u = await automationAccount(tx, userId);
  if (u.pausedAt) return false;
  await tx.user.update({ where: { id: u.id }, data: { pausedAt: opts.now, updatedBy: opts.actor.label } });
  await writeAudit(tx, { type: "AUTOMATION_ACCOUNT_PAUSED", actor: opts.actor, entityType: "User", entityId: u.id, meta: opts.meta });
  return true;
}

export async function resumeAccount(tx: OrgTx, userId: string, opts: { actor: Actor; meta?: RequestMeta }): Promise<boolean> {
  const u = await automationAccount(tx, userId);
  if (!u.pausedAt) return false;
  await tx.user.update({ where: { id: u.id }, data: { pausedAt: null, updatedBy: opts.actor.label } });
  await writeAudit(tx, { type: "AUTOMATION_ACCOUNT_RESUMED", actor: opts.actor, entityType: "User", entityId: u.id, meta: opts.meta });
  return true;
}

/**
 * Switches an account off and revokes its day tokens. Conditional on it being on, so two racing
 * switch-offs (two instances seeing the same burst) write one audit row. True when it changed.
 */
export async function switchOffAccount(
  tx: OrgTx,
  userId: string,
  opts: { reason: SwitchOffReason; detail?: string | null; actor: Actor; meta?: RequestMeta; now: Date },
): Promise<boolean> {
  const u = await automationAccount(tx, userId);
  const r = await tx.user.updateMany({
    where: { id: u.id, switchedOffAt: null },
    data: { switchedOffAt: opts.now, switchedOffReason: opts.reason, switchedOffBy: opts.actor.label, updatedBy: opts.actor.label },
  });
  if (r.count === 0) return false;
  await tx.apiToken.updateMany({ where: { userId: u.id, revokedAt: null }, data: { revokedAt: opts.now } });
  await writeAudit(tx, {
    type: "AUTOMATION_ACCOUNT_SWITCHED_OFF",
    actor: opts.actor,
    entityType: "User",
    entityId: u.id,
    after: { reason: opts.reason, detail: opts.detail ?? null },
    meta: opts.meta,
  });
  return true;
}

export async function switchOnAccount(tx: OrgTx, userId: string, opts: { actor: Actor; meta?: RequestMeta }): Promise<boolean> {
  const u = await automationAccount(tx, userId);
  if (!u.switchedOffAt) return false;
  await tx.user.update({ where: { id: u.id }, data: { switchedOffAt: null, switchedOffReason: null, switchedOffBy: null, updatedBy: opts.actor.label } });
  await writeAudit(tx, { type: "AUTOMATION_ACCOUNT_SWITCHED_ON", actor: opts.actor, entityType: "User", entityId: u.id, before: { reason: u.switchedOffReason }, meta: opts.meta });
  return true;
}
