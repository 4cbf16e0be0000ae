/**
 * Typed audit events. Every change to organisation data writes one of these in the same
 * transaction as the change (lib/audit/write.ts); if the audit row fails, the change fails.
 *
 * Each event type names its entity and the shape of its data (`before` / `after`), as zod schemas
 * so that the types follow from them and the writer can refuse, at run time too, data that does not
 * fit (an unknown key — a password that slipped into `after` — fails the write, and with it the
 * change). `AuditEntry` is the discriminated union over `type`: TypeScript checks a call such as
 *   writeAudit(tx, { type: "STAFF_SIGN_IN_FAILED", actor, entityType: "User", after: { reason: "totp" }, meta })
 * against that event's entity and data. To add an event, add one line to `AUDIT_EVENT_DEFS`.
 */
import { z } from "zod";

/** No data for this field: the entry must not carry it. */
const none = z.undefined();

function event<E extends string, B extends z.ZodType = typeof none, A extends z.ZodType = typeof none>(entityType: E, data: { before?: B; after?: A }) {
  return { entityType, before: (data.before ?? none) as B, after: (data.after ?? none) as A };
}

/** Why a credentials sign-in was refused (the user is told only "wrong e-mail, password or code"). */
export const SIGN_IN_FAILURE_REASONS = [
  "unknown-organisation",
  "unknown-user",
  "inactive",
  "locked",
  "throttled",
  "password",
  "totp",
  "totp-reused",
] as const;
const signInFailure = z.object({ reason: z.enum(SIGN_IN_FAILURE_REASONS) }).strict();

const userFields = z
  .object({ email: z.string(), name: z.string(), roles: z.array(z.string()), active: z.boolean(), automation: z.boolean() })
  .partial()
  .strict();
const kodeFields = z
  .object({
    kind: z.string(),
    code: z.string(),
    text: z.string(),
    textEn: z.string().nullable(),
    tag: z.string().nullable(),
    tagEn: z.string().nullable(),
    /** A notice rule's structured rule (months, days, anchor, runningMonth). */
    rule: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
    active: z.boolean(),
    sortOrder: z.number().int(),
  })
  .partial()
  .strict();
const suspension = z.object({ suspended: z.boolean(), reason: z.string().nullable() }).strict();
const textOverrides = z.record(z.string(), z.object({ da: z.string(), en: z.string().optional() }).strict().nullable());
const lejerFields = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const AUDIT_EVENT_DEFS = {
  ORGANISATION_CREATED: event("Organisation", { after: z.object({ slug: z.string(), name: z.string() }).strict() }),
  ORGANISATION_SUSPENDED: event("Organisation", { before: suspension, after: suspension }),
  ORGANISATION_RESUMED: event("Organisation", { before: suspension, after: suspension }),
  /** Organisation texts (lib/organisation/texts.ts): the overrides that changed, before and after ({ da, en? } or null = the default). */
  TEXTS_UPDATED: event("Organisation", { before: textOverrides, after: textOverrides }),
  TENANT_SIGNED_IN: event("Person", {}),
  TENANT_SIGN_IN_REFUSED: event("Person", { after: z.object({ reason: z.enum(["no-tenancy"]) }).strict() }),
  TENANT_SIGNED_OUT: event("Person", {}),
  STAFF_SIGNED_IN: event("User", {}),
  STAFF_SIGN_IN_FAILED: event("User", { after: signInFailure }),
  STAFF_SIGNED_OUT: event("User", {}),
  OPERATOR_SIGNED_IN: event("Operator", {}),
  OPERATOR_SIGN_IN_FAILED: event("Operator", { after: signInFailure }),
  OPERATOR_SIGNED_OUT: event("Operator", {}),
  USER_CREATED: event("User", { after: userFields }),
  USER_UPDATED: event("User", { before: userFields, after: userFields }),
  /** A staff user was invited (or sent a new link): the invitation's id, purpose and expiry — never its token. */
  USER_INVITED: event("User", { after: z.object({ inviteId: z.string(), purpose: z.enum(["invite", "reset-totp"]), expiresAt: z.string(), replaced: z.number().int() }).strict() }),
  /** The invited user chose a password (step 1 of the invitation page; the password itself is never logged). */
  USER_PASSWORD_SET: event("User", { after: z.object({ inviteId: z.string() }).strict() }),
  /** The invited user confirmed a TOTP code: the invitation is used, the user can sign in. */
  USER_ENROLLED: event("User", { after: z.object({ inviteId: z.string(), purpose: z.enum(["invite", "reset-totp"]) }).strict() }),
  /** A staff user's second factor was cleared by an administrator; a "reset-totp" invitation was sent. */
  USER_TOTP_RESET: event("User", { after: z.object({ inviteId: z.string() }).strict() }),
  KODE_CREATED: event("Kode", { after: kodeFields }),
  KODE_UPDATED: event("Kode", { before: kodeFields, after: kodeFields }),
  /** A code nobody used was deleted: what it was. */
  KODE_DELETED: event("Kode", { before: kodeFields }),
  LEJER_UPDATED: event("Lejer", { before: lejerFields, after: lejerFields }),
  SETTINGS_UPDATED: event("Organisation", { before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) }),
  DEMO_DATA_SEEDED: event("Organisation", {}),
  NOTICE_STARTED: event("Opsigelse", { after: z.object({ lejerId: z.string() }).strict() }),
  /** The step and the new version — never the answers (they hold personal data). */
  NOTICE_STEP_SAVED: event("Opsigelse", { after: z.object({ step: z.string(), version: z.number().int() }).strict() }),
  /** A signer signed: the slot, the order and the hash of the content signed (no names, no CPR). */
  NOTICE_SIGNED: event("Opsigelse", {
    after: z.object({ role: z.enum(["tenant1", "tenant2", "cohabitant"]), signingOrder: z.number().int(), contentHash: z.string(), assuranceLevel: z.string().nullable() }).strict(),
  }),
  /** A signing authentication was refused (wrong person, same identity twice, not fresh …). */
  NOTICE_SIGNING_REFUSED: event("Opsigelse", { after: z.object({ role: z.string(), reason: z.string() }).strict() }),
  /** An answer changed after signatures: they were deleted. */
  NOTICE_SIGNATURES_VOIDED: event("Opsigelse", { after: z.object({ step: z.string(), signatures: z.number().int() }).strict() }),
  /** The last signature's notice date gives other dates than were signed: the signatures were deleted, the signers must sign again. */
  NOTICE_RESIGN_REQUIRED: event("Opsigelse", {
    before: z.object({ terminationDate: z.string(), liabilityTo: z.string() }).strict(),
    after: z.object({ noticeDate: z.string(), terminationDate: z.string(), liabilityTo: z.string(), signatures: z.number().int() }).strict(),
  }),
  /** Sign later: a signing link was sent to a co-signer (the token itself is never logged). */
  SIGNING_LINK_SENT: event("Opsigelse", {
    after: z.object({ linkId: z.string(), role: z.enum(["tenant1", "tenant2", "cohabitant"]), channel: z.enum(["email", "sms"]), expiresAt: z.string(), replaced: z.number().int() }).strict(),
  }),
  /** Sign later: the tenant cancelled the live link of a slot. */
  SIGNING_LINK_CANCELLED: event("Opsigelse", { after: z.object({ linkId: z.string(), role: z.enum(["tenant1", "tenant2", "cohabitant"]) }).strict() }),
  /** Sign later: reminder 1 (day 3) or 2 (day 10) went out for an unused link. */
  SIGNING_LINK_REMINDED: event("Opsigelse", { after: z.object({ linkId: z.string(), reminder: z.number().int(), channel: z.enum(["email", "sms"]) }).strict() }),
  NOTICE_SUBMITTED: event("Opsigelse", {
    after: z.object({ noticeDate: z.string(), terminationDate: z.string(), contentHash: z.string(), subLeasesTerminated: z.number().int() }).strict(),
  }),
  NOTICE_DISCARDED: event("Opsigelse", { after: z.object({ reason: z.enum(["tenant", "expired"]), version: z.number().int() }).strict() }),
  /** A back-office export was uploaded for import (counts only: never names or CPR numbers). */
  IMPORT_UPLOADED: event("ImportRun", { after: z.object({ format: z.enum(["csv", "xlsx"]), rows: z.number().int(), columns: z.number().int(), cprColumns: z.number().int() }).strict() }),
  /** The column mapping of an import was saved (a dry run follows). */
  IMPORT_MAPPING_SAVED: event("ImportRun", { after: z.object({ fields: z.number().int() }).strict() }),
  /** An import was applied: one row per import with its counts, never per tenancy. */
  IMPORT_APPLIED: event("ImportRun", {
    after: z.object({ rows: z.number().int(), created: z.number().int(), changed: z.number().int(), unchanged: z.number().int(), refused: z.number().int() }).strict(),
  }),
  /** The tenant gave or withdrew the NemKonto consent ("Mine indstillinger"). */
  TENANT_NEMKONTO_CONSENT_CHANGED: event("Person", { before: z.object({ consent: z.boolean() }).strict(), after: z.object({ consent: z.boolean() }).strict() }),
  /** Staff retried a failed job (lib/jobs/retry.ts): which job; never its payload or error. */
  JOB_RETRIED: event("Job", { after: z.object({ name: z.string(), key: z.string(), attempts: z.number().int() }).strict() }),

  // ---- casework: inbox (lib/casework/inbox*.ts, cancel-notice.ts)
  /** Staff cancelled a submitted or processed notice with a reason (lib/casework/cancel-notice.ts): the tenants are e-mailed and may give notice again. */
  NOTICE_CANCELLED: event("Opsigelse", {
    before: z.object({ status: z.string(), version: z.number().int() }).strict(),
    after: z.object({ reason: z.string(), todosCancelled: z.number().int(), subLeasesRestored: z.number().int(), caseFinished: z.boolean(), mails: z.number().int(), receiptsWithdrawn: z.number().int() }).strict(),
  }),

  // ---- casework: move-out case and reminders (lib/casework/move-out-case.ts, reminders.ts)
  /** The move-out case moved to another phase (lib/casework/move-out-case.ts). */
  MOVE_OUT_CASE_PHASE_CHANGED: event("MoveOutCase", { before: z.object({ phase: z.string() }).strict(), after: z.object({ phase: z.string() }).strict() }),
  /** The case's dates (inspection deadline, agreed inspection, viewing, settlement payment / sent): the changed ones only, ISO or null. */
  MOVE_OUT_CASE_DATES_CHANGED: event("MoveOutCase", { before: z.record(z.string(), z.string().nullable()), after: z.record(z.string(), z.string().nullable()) }),
  MOVE_OUT_CASE_CASEWORKER_CHANGED: event("MoveOutCase", { before: z.object({ caseworkerId: z.string().nullable() }).strict(), after: z.object({ caseworkerId: z.string().nullable() }).strict() }),
  MOVE_OUT_CASE_PAUSED: event("MoveOutCase", { after: z.object({ pausedAt: z.string(), reminderId: z.string().nullable() }).strict() }),
  MOVE_OUT_CASE_RESUMED: event("MoveOutCase", { before: z.object({ pausedAt: z.string() }).strict() }),
  MOVE_OUT_CASE_FINISHED: event("MoveOutCase", { before: z.object({ phase: z.string() }).strict(), after: z.object({ finishedAt: z.string(), closedReminders: z.number().int() }).strict() }),
  /** A reminder (erindring, a REMINDER to-do) was created, moved, cancelled (its date cleared) or closed (by staff or by finishing the case). */
  REMINDER_CREATED: event("Todo", { after: z.object({ opsigelseId: z.string(), source: z.string(), dueDate: z.string(), title: z.string() }).strict() }),
  REMINDER_MOVED: event("Todo", { before: z.object({ dueDate: z.string().nullable() }).strict(), after: z.object({ dueDate: z.string() }).strict() }),
  REMINDER_CANCELLED: event("Todo", { before: z.object({ dueDate: z.string().nullable() }).strict() }),
  REMINDER_CLOSED: event("Todo", { after: z.object({ reason: z.enum(["staff", "case-finished"]) }).strict() }),

  // ---- casework: to-dos (lib/todos)
  /** A to-do was completed by staff or automation (lib/todos): its status and version before and after, and what was stored. */
  TODO_COMPLETED: event("Todo", {
    before: z.object({ status: z.string(), version: z.number().int() }).strict(),
    after: z.object({ kind: z.string(), status: z.string(), version: z.number().int(), result: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) }).strict(),
  }),
  /** confirm-notice: the notice was processed (CONFIRMED) with the back-office case reference; the dates before and after (a correction names its reason). */
  NOTICE_CONFIRMED: event("Opsigelse", {
    before: z.object({ status: z.string(), caseReference: z.string().nullable(), relettingDate: z.string().nullable(), inspectionDate: z.string().nullable() }).strict(),
    after: z.object({ status: z.string(), caseReference: z.string(), relettingDate: z.string().nullable(), inspectionDate: z.string().nullable(), correctionReason: z.string().nullable(), todoId: z.string() }).strict(),
  }),

  // ---- casework: reports and dashboard (lib/casework/missing-data.ts, dashboard.ts)

  // ---- automation: enabling, terms and accounts (lib/automation/accounts.ts, access.ts)
  /** The organisation told the operator it will use automation (lib/automation/enablement.ts). */
  AUTOMATION_REQUESTED: event("AutomationAccess", { after: z.object({ note: z.string().nullable() }).strict() }),
  /** A person accepted a version of the automation terms (who, when and in which language). */
  AUTOMATION_TERMS_ACCEPTED: event("AutomationTermsAcceptance", { after: z.object({ termsVersion: z.number().int(), locale: z.string() }).strict() }),
  /** The operator approved, refused or revoked an organisation's automation (lib/operator/automation.ts). */
  AUTOMATION_APPROVED: event("AutomationAccess", {}),
  AUTOMATION_REFUSED: event("AutomationAccess", { after: z.object({ reason: z.string() }).strict() }),
  AUTOMATION_REVOKED: event("AutomationAccess", { after: z.object({ reason: z.string() }).strict() }),
  /** An automation account was created (lib/automation/accounts.ts): never its key or secret. */
  AUTOMATION_ACCOUNT_CREATED: event("User", { after: z.object({ name: z.string(), email: z.string(), roles: z.array(z.string()), slot: z.number().int(), number: z.number().int() }).strict() }),
  /** A person confirmed the account's second factor with a code from the QR code (and its first API key was issued). */
  AUTOMATION_ACCOUNT_TOTP_ENROLLED: event("User", {}),
  AUTOMATION_ACCOUNT_KEY_ROTATED: event("User", {}),
  AUTOMATION_ACCOUNT_DEACTIVATED: event("User", { before: z.object({ slot: z.number().int().nullable() }).strict() }),
  /** The operator changed the thresholds that switch accounts off by themselves (platform row, no organisation). */
  AUTOMATION_POLICY_CHANGED: event("AutomationPolicy", {
    before: z.object({ maxRequestsPerMinute: z.number().int(), errorWindow: z.number().int(), maxErrorsInWindow: z.number().int() }).strict(),
    after: z.object({ maxRequestsPerMinute: z.number().int(), errorWindow: z.number().int(), maxErrorsInWindow: z.number().int() }).strict(),
  }),

  // ---- automation: API access — day tokens, hours, kill switch (lib/automation/tokens.ts, guard.ts)
  /** A day token issued to an automation account for its API key + the day's TOTP code (lib/automation/tokens.ts). */
  AUTOMATION_TOKEN_ISSUED: event("User", { after: z.object({ tokenId: z.string(), expiresAt: z.string() }).strict() }),
  /** Kill switch (lib/automation/kill-switch.ts): an account paused / resumed, switched off (by a person or by itself) / on again. */
  AUTOMATION_ACCOUNT_PAUSED: event("User", {}),
  AUTOMATION_ACCOUNT_RESUMED: event("User", {}),
  AUTOMATION_ACCOUNT_SWITCHED_OFF: event("User", { after: z.object({ reason: z.enum(["organisation", "operator", "rate", "errors"]), detail: z.string().nullable() }).strict() }),
  AUTOMATION_ACCOUNT_SWITCHED_ON: event("User", { before: z.object({ reason: z.string().nullable() }).strict() }),

  // ---- automation: the to-do API (app/api/v1)

  // ---- automation: updates and accountability (lib/automation/updates.ts, accountability.ts)
  /** The operator published an Update (a platform event, no organisation). */
  AUTOMATION_UPDATE_PUBLISHED: event("AutomationUpdate", { after: z.object({ title: z.string(), effectiveOn: z.string(), publishedAt: z.string() }).strict() }),
  /** Staff reopened a to-do an account completed (lib/todos/reopen.ts): COMPLETED → OPEN; a confirm-notice's notice back to SUBMITTED. */
  TODO_REOPENED: event("Todo", {
    before: z.object({ status: z.string(), version: z.number().int(), completedById: z.string().nullable(), completedAt: z.string().nullable() }).strict(),
    after: z.object({ kind: z.string(), status: z.string(), version: z.number().int(), noticeId: z.string().nullable(), reason: z.string() }).strict(),
  }),
  /** Staff reported possibly wrong data of an automation account to the operator (lib/automation/reports.ts). */
  AUTOMATION_REPORT_CREATED: event("AutomationReport", { after: z.object({ accountId: z.string(), todoId: z.string().nullable(), text: z.string() }).strict() }),
  /** The operator answered a report. */
  AUTOMATION_REPORT_ANSWERED: event("AutomationReport", { after: z.object({ answer: z.string() }).strict() }),

  // ---- webhooks (lib/webhooks)
  /** A webhook endpoint was registered (its secret is never logged). */
  WEBHOOK_ENDPOINT_CREATED: event("WebhookEndpoint", { after: z.object({ url: z.string(), events: z.array(z.string()), active: z.boolean() }).strict() }),
  /** A webhook endpoint's URL, events, description or active flag changed (the changed fields only). */
  WEBHOOK_ENDPOINT_UPDATED: event("WebhookEndpoint", {
    before: z.object({ url: z.string(), events: z.array(z.string()), active: z.boolean(), description: z.string().nullable() }).partial().strict(),
    after: z.object({ url: z.string(), events: z.array(z.string()), active: z.boolean(), description: z.string().nullable() }).partial().strict(),
  }),
  /** A webhook endpoint's secret was rotated: until when the previous one still signs. */
  WEBHOOK_SECRET_ROTATED: event("WebhookEndpoint", { after: z.object({ previousValidUntil: z.string() }).strict() }),
  /** Staff sent a webhook delivery again. */
  WEBHOOK_DELIVERY_RESENT: event("WebhookDelivery", { after: z.object({ endpointId: z.string(), event: z.string(), resends: z.number().int() }).strict() }),

} as const;

type Defs = typeof AUDIT_EVENT_DEFS;
export type AuditEventType = keyof Defs;
export const AUDIT_EVENTS = Object.keys(AUDIT_EVENT_DEFS) as AuditEventType[];

export const ACTOR_TYPES = ["TENANT", "STAFF", "AUTOMATION", "OPERATOR", "SYSTEM"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export type Actor = { type: ActorType; id?: string | null; label: string };

/** Where the request came from (for the audit log). */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** `before`/`after` of one event: required when its schema needs a value, absent when it has none. */
type DataField<K extends "before" | "after", S extends z.ZodType> = [z.input<S>] extends [undefined]
  ? { [P in K]?: undefined }
  : undefined extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : { [P in K]: z.input<S> };

/** One audit entry of event type T: its entity type, its data, who did it and from where. */
export type AuditEntryOf<T extends AuditEventType> = {
  type: T;
  actor: Actor;
  entityType: Defs[T]["entityType"];
  entityId?: string;
  meta?: RequestMeta;
} & DataField<"before", Defs[T]["before"]> &
  DataField<"after", Defs[T]["after"]>;

/** Any audit entry: the discriminated union over `type`. */
export type AuditEntry = { [T in AuditEventType]: AuditEntryOf<T> }[AuditEventType];

export const SYSTEM_ACTOR: Actor = { type: "SYSTEM", label: "Fraflyt" };

export class AuditDataError extends Error {
  constructor(type: string, field: string, issues: string) {
    super(`audit event ${type}: ${field} does not fit its schema (${issues})`);
    this.name = "AuditDataError";
  }
}

/** Checks an entry against its event's schema at run time (the writer calls it); returns the parsed data. */
export function checkAuditEntry(entry: AuditEntry): { before: unknown; after: unknown } {
  const def = AUDIT_EVENT_DEFS[entry.type] as { entityType: string; before: z.ZodType; after: z.ZodType } | undefined;
  if (!def) throw new AuditDataError(String(entry.type), "type", "unknown event type");
  if (entry.entityType !== def.entityType) throw new AuditDataError(entry.type, "entityType", `expected ${def.entityType}`);
  const out: { before: unknown; after: unknown } = { before: undefined, after: undefined };
  for (const field of ["before", "after"] as const) {
    const r = def[field].safeParse((entry as { before?: unknown; after?: unknown })[field]);
    if (!r.success) throw new AuditDataError(entry.type, field, r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.code}`).join(", "));
    out[field] = r.data;
  }
  return out;
}
