/**
 * Server-side session state, shared by every app instance through PostgreSQL (model AuthSession).
 *
 * The session cookie stays a next-auth JWT (encrypted with AUTH_SECRET), but it is no longer enough
 * on its own: it carries a random session id (`sid`), and a request counts as signed in only while
 * the row `sha256(sid)` exists, has not ended and has not expired. Signing out ends the row, so a
 * copied cookie is refused afterwards on every instance. The table stores only the hash, so reading
 * it does not yield a usable session id. Tenants' rows keep the identity provider's ID token
 * (AES-256-GCM, lib/crypto) for RP-initiated logout.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import {
  authSessionById,
  createAuthSession,
  endAuthSession,
  platformClient,
  sweepAuthSessions,
  type AuthSessionRow,
} from "@/lib/db/platform";
import { decryptSecret, encryptSecret, tokenHash } from "@/lib/crypto";
import { SESSION_TTL, type AppSession, type SessionKind } from "./types";

/** Opens a session row and returns the id to carry in the cookie. Sweeps expired rows on the way. */
export async function openSession(input: {
  kind: SessionKind;
  subjectId: string;
  orgSlug?: string | null;
  idToken?: string | null;
  now?: Date;
}): Promise<{ sid: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const sid = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL[input.kind] * 1000);
  const db = platformClient();
  await createAuthSession(db, {
    id: tokenHash(sid),
    kind: input.kind,
    subjectId: input.subjectId,
    orgSlug: input.orgSlug ?? null,
    idTokenEnc: input.idToken ? encryptSecret(input.idToken) : null,
    expiresAt,
  });
  // Cheap: one indexed DELETE per sign-in keeps the table to the sessions of the last few hours.
  await sweepAuthSessions(db, now);
  return { sid, expiresAt };
}

/** True while the session of this cookie is open: its row exists, agrees with it, has not ended or expired. */
export function sessionRowIsLive(row: AuthSessionRow | null, app: Pick<AppSession, "kind" | "uid">, now: Date): boolean {
  return !!row && row.endedAt === null && row.expiresAt.getTime() > now.getTime() && row.kind === app.kind && row.subjectId === app.uid;
}

export async function isSessionLive(app: Pick<AppSession, "kind" | "uid" | "sid">, now = new Date()): Promise<boolean> {
  if (!app.sid) return false;
  return sessionRowIsLive(await authSessionById(platformClient(), tokenHash(app.sid)), app, now);
}

/**
 * Ends the session of this cookie. Returns the identity provider's ID token of a tenant's session
 * (for RP-initiated logout) to the call that ends it, or null — never for a session that had already
 * ended: the ID token carries the tenant's CPR number, and a copied cookie posted to the sign-out
 * route after sign-out must not read it from the identity provider's logout URL.
 */
export async function closeSession(sid: string | undefined, now = new Date()): Promise<{ ended: boolean; idToken: string | null }> {
  if (!sid) return { ended: false, idToken: null };
  const row = await endAuthSession(platformClient(), tokenHash(sid), now);
  if (!row) return { ended: false, idToken: null };
  let idToken: string | null = null;
  if (row.idTokenEnc && row.endedNow) {
    try {
      idToken = decryptSecret(row.idTokenEnc);
    } catch {
      idToken = null; // DATA_KEY changed: log out locally only
    }
  }
  return { ended: true, idToken };
}
