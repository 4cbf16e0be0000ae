export type SessionKind = "tenant" | "staff" | "operator";

/** What a signed-in session carries (in the encrypted next-auth JWT). */
export type AppSession = {
  kind: SessionKind;
  /** Person id (tenant), User id (staff) or Operator id. */
  uid: string;
  name: string;
  email?: string | null;
  orgId?: string;
  orgSlug?: string;
  roles?: string[];
  /** User.sessionVersion at sign-in (staff): bumping it ends every session. */
  sv?: number;
  /** Sign-in time, epoch seconds. */
  authAt: number;
  /**
   * The session id (random, 256 bits); the row sha256(sid) in AuthSession must be open for the
   * cookie to count (lib/auth/session-store.ts). A cookie without one is signed out.
   */
  sid?: string;
};

/** Absolute session lifetimes per kind, in seconds. */
export const SESSION_TTL: Record<SessionKind, number> = {
  tenant: 60 * 60,
  staff: 8 * 60 * 60,
  operator: 2 * 60 * 60,
};
