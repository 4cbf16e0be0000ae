/**
 * Automation accounts (landlord-portal policy), managed by an organisation's "Manage users" staff:
 *
 *   - createAutomationAccount: only while automation is enabled (operator approved, current terms
 *     accepted); the only role is "Complete to-dos" (any other refused here, on the server); at most
 *     2 active — the free slot (1 or 2) is taken by the insert, and the partial unique index on
 *     (organisationId, automationSlot) among active accounts makes a concurrent third insert fail
 *     (P2002), after which the loser looks again and is refused "limit"; named
 *     "{organisation} Automation N" with a required e-mail;
 *   - enrolment: a person scans the QR code of the account's TOTP secret and confirms a code; only
 *     then is the first API key issued (shown once, stored as its hash);
 *   - rotateApiKey (the old key and the day tokens stop working), deactivateAccount (frees the slot).
 *
 * Pause / switch off / on are lib/automation/kill-switch.ts. Each change is audited in its transaction.
 */
import "server-only";
import { z } from "zod";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { matchTotpStep, newTotpSecret } from "@/lib/auth/totp";
import { AUTOMATION_ROLES } from "@/lib/auth/permissions";
import { NotFound } from "@/lib/http/errors";
import { groupedSecret, qrSvgDataUrl, totpUri } from "@/lib/admin/totp-enrolment";
import { automationAccessState } from "./access";
import { newApiKey } from "./keys";

export const MAX_ACTIVE_AUTOMATION_ACCOUNTS = 2;
const SLOTS = [1, 2] as const;

/** The create form: the e-mail (required) and the roles asked for (only "Complete to-dos" is accepted). */
export const createAccountInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(200)),
  roles: z.array(z.string().max(40)).min(1).max(10),
});
export const confirmEnrolmentInput = z.object({ userId: z.uuid(), code: z.string().trim().regex(/^\d{3}\s?\d{3}$/) });

export type AccountRefusal = "not-enabled" | "not-approved" | "outdated-terms" | "role" | "limit" | "email-taken" | "code" | "enrolled" | "not-enrolled" | "inactive";
export type Refused = { ok: false; reason: AccountRefusal };

type Who = { actor: Actor; meta?: RequestMeta; now: Date };
const metaOf = (w: Who) => (w.meta ? { meta: w.meta } : {});

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";

/** "{organisation} Automation N". */
export const automationAccountName = (organisationName: string, n: number) => `${organisationName} Automation ${n}`;

/**
 * Creates an automation account with a new TOTP secret waiting for a person's enrolment. Refused:
 * "not-approved" / "outdated-terms" (automation not enabled), "role" (anything but exactly
 * "Complete to-dos"), "limit" (2 active already, also when they were created at the same moment),
 * "email-taken".
 */
export async function createAutomationAccount(
  db: OrgDb,
  input: z.output<typeof createAccountInput> & Who & { organisationName: string },
): Promise<{ ok: true; userId: string; name: string } | Refused> {
  const roles = [...new Set(input.roles)];
  if (roles.length !== AUTOMATION_ROLES.length || roles.some((r) => !(AUTOMATION_ROLES as readonly string[]).includes(r))) return { ok: false, reason: "role" };
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const state = await automationAccessState(tx);
        if (!state.enabled) return { ok: false, reason: !state.approved ? "not-approved" : "outdated-terms" } as Refused;
        if (await tx.user.findFirst({ where: { email: input.email }, select: { id: true } })) return { ok: false, reason: "email-taken" } as Refused;
        const active = await tx.user.findMany({ where: { automation: true, active: true }, select: { automationSlot: true } });
        const taken = new Set(active.map((u) => u.automationSlot));
        const slot = SLOTS.find((s) => !taken.has(s));
        if (active.length >= MAX_ACTIVE_AUTOMATION_ACCOUNTS || slot === undefined) return { ok: false, reason: "limit" } as Refused;
        const last = await tx.user.findFirst({ where: { automation: true, automationNumber: { not: null } }, orderBy: { automationNumber: "desc" }, select: { automationNumber: true } });
        const number = (last?.automationNumber ?? 0) + 1;
        const name = automationAccountName(input.organisationName, number).slice(0, 200);
        const u = await tx.user.create({
          data: {
            organisationId: tx.organisationId,
            email: input.email,
            name,
            roles: [...AUTOMATION_ROLES],
            automation: true,
            automationSlot: slot,
            automationNumber: number,
            totpSecretEnc: encryptSecret(newTotpSecret()),
            updatedBy: input.actor.label.slice(0, 200),
          },
        });
        await writeAudit(tx, {
          type: "AUTOMATION_ACCOUNT_CREATED",
          actor: input.actor,
          entityType: "User",
          entityId: u.id,
          after: { name, email: u.email, roles: [...AUTOMATION_ROLES], slot, number },
          ...metaOf(input),
        });
        return { ok: true as const, userId: u.id, name };
      });
    } catch (e) {
      // A concurrent create took the slot, the number or the e-mail: look again (a new transaction).
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return { ok: false, reason: "limit" };
}

export type AutomationAccountRow = {
  id: string;
  name: string;
  email: string;
  number: number | null;
  active: boolean;
  enrolled: boolean;
  hasKey: boolean;
  apiKeyCreatedAt: Date | null;
  pausedAt: Date | null;
  switchedOffAt: Date | null;
  switchedOffReason: string | null;
  switchedOffBy: string | null;
  createdAt: Date;
};

const rowOf = (u: {
  id: string; name: string; email: string; automationNumber: number | null; active: boolean; totpEnrolledAt: Date | null; apiKeyHash: string | null;
  apiKeyCreatedAt: Date | null; pausedAt: Date | null; switchedOffAt: Date | null; switchedOffReason: string | null; switchedOffBy: string | null; createdAt: Date;
}): AutomationAccountRow => ({
  id: u.id,
  name: u.name,
  email: u.email,
  number: u.automationNumber,
  active: u.active,
  enrolled: !!u.totpEnrolledAt,
  hasKey: !!u.apiKeyHash,
  apiKeyCreatedAt: u.apiKeyCreatedAt,
  pausedAt: u.pausedAt,
  switchedOffAt: u.switchedOffAt,
  switchedOffReason: u.switchedOffReason,
  switchedOffBy: u.switchedOffBy,
  createdAt: u.createdAt,
});

/** The organisation's automation accounts: active first, by number. */
export async function listAutomationAccounts(db: OrgDb | OrgTx): Promise<AutomationAccountRow[]> {
  const rows = await db.user.findMany({ where: { automation: true }, orderBy: [{ active: "desc" }, { automationNumber: "asc" }, { createdAt: "asc" }] });
  return rows.map(rowOf);
}

export async function automationAccount(db: OrgDb | OrgTx, userId: string): Promise<AutomationAccountRow> {
  const u = await db.user.findUnique({ where: { id: userId } });
  if (!u || !u.automation) throw new NotFound("user");
  return rowOf(u);
}

/** Active accounts that switched themselves off (reason "rate" or "errors"): the admin shell's banner. */
export async function selfSwitchedOffAccounts(db: OrgDb): Promise<Array<{ id: string; name: string; reason: string; at: Date }>> {
  const rows = await db.user.findMany({
    where: { automation: true, active: true, switchedOffAt: { not: null }, switchedOffReason: { in: ["rate", "errors"] } },
    select: { id: true, name: true, switchedOffReason: true, switchedOffAt: true },
    orderBy: { automationNumber: "asc" },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, reason: r.switchedOffReason ?? "", at: r.switchedOffAt ?? new Date(0) }));
}

/** The QR code, URI and typed secret a person enrols with, while the account is not enrolled yet (else null). */
export async function enrolmentOf(db: OrgDb, userId: string, organisationName: string): Promise<{ uri: string; qr: string; secret: string } | null> {
  const u = await db.user.findUnique({ where: { id: userId } });
  if (!u || !u.automation) throw new NotFound("user");
  if (u.totpEnrolledAt || !u.totpSecretEnc || !u.active) return null;
  const secret = decryptSecret(u.totpSecretEnc);
  const uri = totpUri(secret, { email: u.email, organisationName });
  return { uri, qr: await qrSvgDataUrl(uri), secret: groupedSecret(secret) };
}

/**
 * A person confirms the enrolment with a code from their authenticator: the code's step is stored
 * (it cannot be used again, not even for the day token) and the first API key is issued — returned
 * here, once; only its hash is stored.
 */
export async function confirmEnrolment(db: OrgDb, input: z.output<typeof confirmEnrolmentInput> & Who): Promise<{ ok: true; apiKey: string } | Refused> {
  return db.$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: input.userId } });
    if (!u || !u.automation) throw new NotFound("user");
    if (!u.active) return { ok: false, reason: "inactive" } as Refused;
    if (u.totpEnrolledAt || !u.totpSecretEnc) return { ok: false, reason: "enrolled" } as Refused;
    const step = matchTotpStep(decryptSecret(u.totpSecretEnc), input.code, input.now.getTime());
    if (step === null) return { ok: false, reason: "code" } as Refused;
    const { key, hash } = newApiKey();
    const r = await tx.user.updateMany({
      where: { id: u.id, totpEnrolledAt: null },
      data: { totpEnrolledAt: input.now, totpLastStep: step, apiKeyHash: hash, apiKeyCreatedAt: input.now, updatedBy: input.actor.label.slice(0, 200) },
    });
    if (r.count === 0) return { ok: false, reason: "enrolled" } as Refused;
    await writeAudit(tx, { type: "AUTOMATION_ACCOUNT_TOTP_ENROLLED", actor: input.actor, entityType: "User", entityId: u.id, ...metaOf(input) });
    return { ok: true as const, apiKey: key };
  });
}

/** A new API key (returned once); the old key and the account's day tokens stop working at once. */
export async function rotateApiKey(db: OrgDb, input: { userId: string } & Who): Promise<{ ok: true; apiKey: string } | Refused> {
  return db.$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: input.userId } });
    if (!u || !u.automation) throw new NotFound("user");
    if (!u.active) return { ok: false, reason: "inactive" } as Refused;
    if (!u.totpEnrolledAt) return { ok: false, reason: "not-enrolled" } as Refused;
    const { key, hash } = newApiKey();
    await tx.user.update({ where: { id: u.id }, data: { apiKeyHash: hash, apiKeyCreatedAt: input.now, updatedBy: input.actor.label.slice(0, 200) } });
    await tx.apiToken.updateMany({ where: { userId: u.id, revokedAt: null }, data: { revokedAt: input.now } });
    await writeAudit(tx, { type: "AUTOMATION_ACCOUNT_KEY_ROTATED", actor: input.actor, entityType: "User", entityId: u.id, ...metaOf(input) });
    return { ok: true as const, apiKey: key };
  });
}

/** Deactivates an account for good: its slot is freed, its key and day tokens stop working. True when it changed. */
export async function deactivateAccount(db: OrgDb, input: { userId: string } & Who): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: input.userId } });
    if (!u || !u.automation) throw new NotFound("user");
    if (!u.active) return false;
    await tx.user.update({ where: { id: u.id }, data: { active: false, automationSlot: null, apiKeyHash: null, sessionVersion: { increment: 1 }, updatedBy: input.actor.label.slice(0, 200) } });
    await tx.apiToken.updateMany({ where: { userId: u.id, revokedAt: null }, data: { revokedAt: input.now } });
    await writeAudit(tx, { type: "AUTOMATION_ACCOUNT_DEACTIVATED", actor: input.actor, entityType: "User", entityId: u.id, before: { slot: u.automationSlot }, ...metaOf(input) });
    return true;
  });
}
