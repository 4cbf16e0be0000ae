/**
 * Password + TOTP sign-in for staff (per organisation) and operators (platform). Both audit every
 * attempt. A wrong password and a wrong code get the same answer, and the same time.
 */
import { z } from "zod";
import { orgDb } from "@/lib/db/scoped";
import { organisationBySlug, operatorByEmail, platformClient, recentOperatorFailures, recordOperatorSignIn, writePlatformAudit } from "@/lib/db/platform";
import { decryptSecret, verifyPassword } from "@/lib/crypto";
import { verifyTotp } from "./totp";
import { writeAudit } from "@/lib/audit/write";
import type { RequestMeta } from "@/lib/audit/events";
import type { AppSession } from "./types";

export const staffSignInSchema = z.object({
  organisation: z.string().min(1).max(60),
  email: z.email().max(200).transform((s) => s.trim().toLowerCase()),
  password: z.string().min(1).max(200),
  code: z.string().trim().regex(/^\d{6}$/),
});

export const operatorSignInSchema = staffSignInSchema.omit({ organisation: true });

/** After this many failed attempts within the window, an account refuses sign-in until the window has passed. */
export const SIGN_IN_LOCKOUT = { attempts: 5, windowMs: 15 * 60_000 } as const;

export type SignInResult = { ok: true; session: Omit<AppSession, "authAt"> } | { ok: false };

export async function staffSignIn(raw: unknown, meta: RequestMeta): Promise<SignInResult> {
  const parsed = staffSignInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false };
  const { organisation, email, password, code } = parsed.data;
  const org = await organisationBySlug(platformClient(), organisation);
  if (!org) {
    await verifyPassword(password, null);
    return { ok: false };
  }
  const db = orgDb(org.id);
  const user = await db.user.findUnique({ where: { organisationId_email: { organisationId: org.id, email } } });
  const passwordOk = await verifyPassword(password, user?.passwordHash);
  const recentFailures = user
    ? await db.auditLog.count({
        where: { type: "STAFF_SIGN_IN_FAILED", entityType: "User", entityId: user.id, createdAt: { gte: new Date(Date.now() - SIGN_IN_LOCKOUT.windowMs) } },
      })
    : 0;
  const locked = recentFailures >= SIGN_IN_LOCKOUT.attempts;
  const usable = !!user && user.active && !user.automation && !user.pausedAt;
  const codeOk = usable && !locked && passwordOk && verifyTotp(decryptSecret(user.totpSecretEnc), code);
  const actor = { type: "STAFF" as const, id: user?.id ?? null, label: email };
  if (!user || !usable || locked || !passwordOk || !codeOk) {
    await db.$transaction((tx) =>
      writeAudit(tx, {
        type: "STAFF_SIGN_IN_FAILED",
        actor,
        entityType: "User",
        ...(user ? { entityId: user.id } : {}),
        after: { reason: !user ? "unknown-user" : !usable ? "inactive" : locked ? "locked" : !passwordOk ? "password" : "totp" },
        meta,
      }),
    );
    return { ok: false };
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await writeAudit(tx, { type: "STAFF_SIGNED_IN", actor, entityType: "User", entityId: user.id, meta });
  });
  return {
    ok: true,
    session: { kind: "staff", uid: user.id, name: user.name, email: user.email, orgId: org.id, orgSlug: org.slug, roles: user.roles, sv: user.sessionVersion },
  };
}

export async function operatorSignIn(raw: unknown, meta: RequestMeta): Promise<SignInResult> {
  const parsed = operatorSignInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false };
  const { email, password, code } = parsed.data;
  const op = await operatorByEmail(platformClient(), email);
  const passwordOk = await verifyPassword(password, op?.passwordHash);
  const locked = !!op && (await recentOperatorFailures(platformClient(), op.id, new Date(Date.now() - SIGN_IN_LOCKOUT.windowMs))) >= SIGN_IN_LOCKOUT.attempts;
  const ok = !!op && op.active && !locked && passwordOk && verifyTotp(decryptSecret(op.totpSecretEnc), code);
  const actor = { type: "OPERATOR" as const, id: op?.id ?? null, label: email };
  if (!ok || !op) {
    await writePlatformAudit(platformClient(), {
      type: "OPERATOR_SIGN_IN_FAILED",
      actor,
      entityType: "Operator",
      ...(op ? { entityId: op.id } : {}),
      after: { reason: !op ? "unknown-user" : !op.active ? "inactive" : locked ? "locked" : !passwordOk ? "password" : "totp" },
      meta,
    });
    return { ok: false };
  }
  await recordOperatorSignIn(platformClient(), op.id, { type: "OPERATOR_SIGNED_IN", actor, entityType: "Operator", entityId: op.id, meta });
  return { ok: true, session: { kind: "operator", uid: op.id, name: op.name, email: op.email } };
}
