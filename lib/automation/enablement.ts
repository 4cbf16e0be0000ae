/**
 * Enabling automation for an organisation (landlord-portal policy): its "Manage users" staff tell the
 * operator that they will use automation and accept the automation terms (lib/automation/terms.ts,
 * versioned) — one service, one transaction, audited. The operator then approves or refuses
 * (lib/operator/automation.ts). A later version of the terms is accepted again with acceptTerms.
 * A refused or revoked organisation may ask again (the row is reset to a fresh request).
 */
import "server-only";
import { z } from "zod";
import type { OrgDb } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { automationAccessState, type AutomationAccessState } from "./access";
import { currentTerms } from "./terms";

export const LOCALES = ["da", "en"] as const;
/** The "I accept" checkbox: "on" (a plain checkbox) or ["on"] (a checkbox group of one). */
const accepted = z.union([z.literal("on"), z.array(z.literal("on")).length(1)]);

/** The request form: the note to the operator (what the automation will do) and the terms accepted. */
export const requestAutomationInput = z.object({
  note: z.string().trim().min(10).max(1000),
  termsVersion: z.coerce.number().int().min(1).max(10_000),
  acceptTerms: accepted,
  locale: z.enum(LOCALES).default("da"),
});
export const acceptTermsInput = z.object({
  termsVersion: z.coerce.number().int().min(1).max(10_000),
  acceptTerms: accepted,
  locale: z.enum(LOCALES).default("da"),
});

export type EnablementRefusal = "already-requested" | "outdated-terms" | "already-accepted" | "not-requested";
export type EnablementResult = { ok: true; state: AutomationAccessState } | { ok: false; reason: EnablementRefusal };

type Who = { actor: Actor; meta?: RequestMeta; now: Date };

/** The person's id and name for the acceptance record (a staff actor always has an id). */
function person(actor: Actor): { id: string; name: string } {
  if (!actor.id) throw new Error("enablement: a person must accept the terms");
  return { id: actor.id, name: actor.label.slice(0, 200) };
}

/**
 * Tells the operator the organisation will use automation and accepts the current terms. Refused
 * when a request is pending or approved ("already-requested") or when the version shown on the
 * form is no longer the current one ("outdated-terms": the page is reloaded with the new text).
 */
export async function requestAutomation(db: OrgDb, input: z.output<typeof requestAutomationInput> & Who): Promise<EnablementResult> {
  const terms = currentTerms();
  if (input.termsVersion !== terms.version) return { ok: false, reason: "outdated-terms" };
  const p = person(input.actor);
  const r = await db.$transaction(async (tx): Promise<EnablementResult> => {
    const existing = await tx.automationAccess.findFirst({});
    const open = existing && !existing.refusedAt && !existing.revokedAt;
    if (open) return { ok: false, reason: "already-requested" };
    const data = { requestedAt: input.now, requestedById: p.id, note: input.note, approvedAt: null, approvedById: null, refusedAt: null, refusedReason: null, revokedAt: null };
    const row = existing
      ? await tx.automationAccess.update({ where: { id: existing.id }, data })
      : await tx.automationAccess.create({ data: { organisationId: tx.organisationId, ...data } });
    await writeAudit(tx, { type: "AUTOMATION_REQUESTED", actor: input.actor, entityType: "AutomationAccess", entityId: row.id, after: { note: input.note }, ...(input.meta ? { meta: input.meta } : {}) });
    await accept(tx, terms.version, p, input);
    return { ok: true, state: await automationAccessState(tx) };
  });
  return r;
}

/** Accepts the current terms (after a new version was published). */
export async function acceptTerms(db: OrgDb, input: z.output<typeof acceptTermsInput> & Who): Promise<EnablementResult> {
  const terms = currentTerms();
  if (input.termsVersion !== terms.version) return { ok: false, reason: "outdated-terms" };
  const p = person(input.actor);
  return db.$transaction(async (tx): Promise<EnablementResult> => {
    if (!(await tx.automationAccess.findFirst({}))) return { ok: false, reason: "not-requested" };
    if (await tx.automationTermsAcceptance.findFirst({ where: { termsVersion: terms.version } })) return { ok: false, reason: "already-accepted" };
    await accept(tx, terms.version, p, input);
    return { ok: true, state: await automationAccessState(tx) };
  });
}

async function accept(tx: Parameters<Parameters<OrgDb["$transaction"]>[0]>[0], version: number, p: { id: string; name: string }, input: Who & { locale: string }) {
  const existing = await tx.automationTermsAcceptance.findFirst({ where: { termsVersion: version } });
  if (existing) return;
  const row = await tx.automationTermsAcceptance.create({
    data: { organisationId: tx.organisationId, termsVersion: version, acceptedById: p.id, acceptedByName: p.name, acceptedAt: input.now, locale: input.locale },
  });
  await writeAudit(tx, { type: "AUTOMATION_TERMS_ACCEPTED", actor: input.actor, entityType: "AutomationTermsAcceptance", entityId: row.id, after: { termsVersion: version, locale: input.locale }, ...(input.meta ? { meta: input.meta } : {}) });
}

/** What the automation page shows: the access state, the request and every acceptance (newest first). */
export async function automationOverview(db: OrgDb) {
  const [state, access, acceptances] = await Promise.all([
    automationAccessState(db),
    db.automationAccess.findFirst({}),
    db.automationTermsAcceptance.findMany({ orderBy: { termsVersion: "desc" } }),
  ]);
  return { state, access, acceptances };
}
