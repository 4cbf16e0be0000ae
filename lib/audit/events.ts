/**
 * Typed audit events. Every change to organisation data writes one of these in the same
 * transaction as the change (lib/audit/write.ts); if the audit row fails, the change fails.
 */
export const AUDIT_EVENTS = [
  "ORGANISATION_CREATED",
  "TENANT_SIGNED_IN",
  "TENANT_SIGN_IN_REFUSED",
  "STAFF_SIGNED_IN",
  "STAFF_SIGN_IN_FAILED",
  "OPERATOR_SIGNED_IN",
  "OPERATOR_SIGN_IN_FAILED",
  "USER_CREATED",
  "USER_UPDATED",
  "KODE_CREATED",
  "KODE_UPDATED",
  "LEJER_UPDATED",
  "SETTINGS_UPDATED",
  "DEMO_DATA_SEEDED",
] as const;
export type AuditEventType = (typeof AUDIT_EVENTS)[number];

export const ACTOR_TYPES = ["TENANT", "STAFF", "AUTOMATION", "OPERATOR", "SYSTEM"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export type Actor = { type: ActorType; id?: string | null; label: string };

/** Where the request came from (for the audit log). */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

export type AuditEntry = {
  type: AuditEventType;
  actor: Actor;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  meta?: RequestMeta;
};

export const SYSTEM_ACTOR: Actor = { type: "SYSTEM", label: "Fraflyt" };
