/**
 * The operator's side of automation (app/operator/automatisering): every organisation's request
 * with its accepted terms; approve, refuse (with a reason) or revoke access; pause / resume / switch
 * off any organisation's automation account (lib/automation/kill-switch.ts, actor the operator);
 * and the thresholds that switch an account off by itself (AutomationPolicy, one platform row).
 * Each takes the operator's context, owns its transaction and writes its audit row in it.
 */
import "server-only";
import { z } from "zod";
import type { OperatorContext } from "@/lib/http/context";
import { listOrganisations, platformClient, readAutomationPolicy, writePlatformAudit, type AutomationPolicyRecord, type Db } from "@/lib/db/platform";
import { orgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import { NotFound } from "@/lib/http/errors";
import { automationAccessState, type AutomationAccessState } from "@/lib/automation/access";
import { listAutomationAccounts, type AutomationAccountRow } from "@/lib/automation/accounts";
import { pauseAccount, resumeAccount, switchOffAccount, switchOnAccount } from "@/lib/automation/kill-switch";

export type OperatorAutomationRow = {
  orgId: string;
  slug: string;
  name: string;
  state: AutomationAccessState;
  requestedAt: Date | null;
  note: string | null;
  refusedReason: string | null;
  acceptedAt: Date | null;
  acceptedByName: string | null;
  accounts: AutomationAccountRow[];
};

/** Every organisation that asked for automation (pending first), with its state and accounts. */
export async function automationRequests(_ctx: OperatorContext, db: Db = platformClient()): Promise<OperatorAutomationRow[]> {
  const orgs = await listOrganisations(db);
  const rows = await Promise.all(
    orgs.map(async (o): Promise<OperatorAutomationRow | null> => {
      const odb = orgDb(o.id, db);
      const access = await odb.automationAccess.findFirst({});
      if (!access) return null;
      const [state, accepted, accounts] = await Promise.all([
        automationAccessState(odb),
        odb.automationTermsAcceptance.findFirst({ orderBy: { termsVersion: "desc" } }),
        listAutomationAccounts(odb),
      ]);
      return {
        orgId: o.id,
        slug: o.slug,
        name: o.name,
        state,
        requestedAt: access.requestedAt,
        note: access.note,
        refusedReason: access.refusedReason,
        acceptedAt: accepted?.acceptedAt ?? null,
        acceptedByName: accepted?.acceptedByName ?? null,
        accounts,
      };
    }),
  );
  const pending = (r: OperatorAutomationRow) => (!r.state.approved && !r.state.refused && !r.state.revoked ? 0 : 1);
  return rows.filter((r): r is OperatorAutomationRow => r !== null).sort((a, b) => pending(a) - pending(b) || a.name.localeCompare(b.name, "da"));
}

export const decisionInput = z.object({
  slug: z.string().min(1).max(60),
  decision: z.enum(["approve", "refuse", "revoke"]),
  reason: z.string().trim().max(500).optional().default(""),
});

export type DecisionResult = { ok: true } | { ok: false; reason: "reason-required" | "not-requested" | "state" };

async function orgOf(db: Db, slug: string) {
  const o = (await listOrganisations(db)).find((x) => x.slug === slug);
  if (!o) throw new NotFound("organisation");
  return o;
}

/**
 * approve: a pending (or refused) request becomes approved; refuse: a pending request is refused with
 * a reason; revoke: an approved access is withdrawn with a reason (the accounts' next request fails:
 * the guard checks automationAccessState on every request).
 */
export async function decideAutomation(ctx: OperatorContext, input: z.output<typeof decisionInput>, now: Date = new Date()): Promise<DecisionResult> {
  const db = platformClient();
  const o = await orgOf(db, input.slug);
  if (input.decision !== "approve" && input.reason.length < 3) return { ok: false, reason: "reason-required" };
  return orgDb(o.id, db).$transaction(async (tx): Promise<DecisionResult> => {
    const a = await tx.automationAccess.findFirst({});
    if (!a) return { ok: false, reason: "not-requested" };
    const meta = { meta: ctx.meta };
    if (input.decision === "approve") {
      if (a.approvedAt && !a.revokedAt) return { ok: false, reason: "state" };
      await tx.automationAccess.update({ where: { id: a.id }, data: { approvedAt: now, approvedById: ctx.actor.id ?? null, refusedAt: null, refusedReason: null, revokedAt: null } });
      await writeAudit(tx, { type: "AUTOMATION_APPROVED", actor: ctx.actor, entityType: "AutomationAccess", entityId: a.id, ...meta });
    } else if (input.decision === "refuse") {
      if ((a.approvedAt && !a.revokedAt) || a.refusedAt) return { ok: false, reason: "state" };
      await tx.automationAccess.update({ where: { id: a.id }, data: { refusedAt: now, refusedReason: input.reason } });
      await writeAudit(tx, { type: "AUTOMATION_REFUSED", actor: ctx.actor, entityType: "AutomationAccess", entityId: a.id, after: { reason: input.reason }, ...meta });
    } else {
      if (!a.approvedAt || a.revokedAt) return { ok: false, reason: "state" };
      await tx.automationAccess.update({ where: { id: a.id }, data: { revokedAt: now, refusedReason: input.reason } });
      await tx.apiToken.updateMany({ where: { revokedAt: null }, data: { revokedAt: now } });
      await writeAudit(tx, { type: "AUTOMATION_REVOKED", actor: ctx.actor, entityType: "AutomationAccess", entityId: a.id, after: { reason: input.reason }, ...meta });
    }
    return { ok: true };
  });
}

export const operatorSwitchInput = z.object({
  slug: z.string().min(1).max(60),
  userId: z.uuid(),
  change: z.enum(["pause", "resume", "switch-off", "switch-on"]),
});

/** The operator pauses / resumes / switches off / on any organisation's automation account. True when it changed. */
export async function operatorSwitch(ctx: OperatorContext, input: z.output<typeof operatorSwitchInput>, now: Date = new Date()): Promise<boolean> {
  const db = platformClient();
  const o = await orgOf(db, input.slug);
  return orgDb(o.id, db).$transaction(async (tx) => {
    const opts = { actor: ctx.actor, meta: ctx.meta };
    if (input.change === "pause") return pauseAccount(tx, input.userId, { ...opts, now });
    if (input.change === "resume") return resumeAccount(tx, input.userId, opts);
    if (input.change === "switch-off") return switchOffAccount(tx, input.userId, { ...opts, reason: "operator", now });
    return switchOnAccount(tx, input.userId, opts);
  });
}

// ------------------------------------------------------------------------------------------ policy

export type AutomationPolicyValues = AutomationPolicyRecord;

export const policyInput = z
  .object({
    maxRequestsPerMinute: z.coerce.number().int().min(1).max(10_000),
    errorWindow: z.coerce.number().int().min(2).max(1000),
    maxErrorsInWindow: z.coerce.number().int().min(1).max(1000),
  });

/** The thresholds (the defaults while the row does not exist) — the same read as the guard's. */
export async function automationPolicy(db: Db = platformClient()): Promise<AutomationPolicyValues> {
  return { ...(await readAutomationPolicy(db)) };
}

/** Saves the thresholds (one row, id 1) with a platform audit row. True when they changed; "window" when more errors than requests counted. */
export async function saveAutomationPolicy(ctx: OperatorContext, input: z.output<typeof policyInput>): Promise<boolean | "window"> {
  if (input.maxErrorsInWindow > input.errorWindow) return "window";
  return platformClient().$transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const before = await automationPolicy(tx);
    const after = { maxRequestsPerMinute: input.maxRequestsPerMinute, errorWindow: input.errorWindow, maxErrorsInWindow: input.maxErrorsInWindow };
    if (JSON.stringify(before) === JSON.stringify(after)) return false;
    await tx.automationPolicy.upsert({ where: { id: 1 }, create: { id: 1, ...after, updatedBy: ctx.actor.label.slice(0, 200) }, update: { ...after, updatedBy: ctx.actor.label.slice(0, 200) } });
    await writePlatformAudit(tx, { type: "AUTOMATION_POLICY_CHANGED", actor: ctx.actor, entityType: "AutomationPolicy", entityId: "1", before, after, meta: ctx.meta });
    return true;
  });
}
