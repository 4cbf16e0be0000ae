/**
 * Password + TOTP sign-in for staff (per organisation) and operators (platform). Both audit every
 * attempt. A wrong password, a wrong or reused code and an unknown e-mail get the same answer after
 * the same work (the password is always hashed); failures are throttled per account and address
 * with growing delays (lib/auth/throttle.ts), and a TOTP code is accepted once (its time step is
 * claimed with a conditional update).
 */
import "server-only";
import { z } from "zod";
import { orgDb } from "@/lib/db/scoped";
import { claimOperatorTotpStep, organisationBySlug, operatorByEmail, platformClient, recordOperatorSignIn, writePlatformAudit } from "@/lib/db/platform";
import { decryptSecret, verifyPassword } from "@/lib/crypto";
import { matchTotpStep } from "./totp";
import { throttleCheck, throttleFailure, throttleSuccess, type ThrottleKeys } from "./throttle";
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

export type SignInResult =
  | { ok: true; session: Omit<AppSession, "authAt" | "sid"> }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** `now`: the time the TOTP code is checked against (epoch ms; tests inject it). */
export type SignInOptions = { now?: number };

type Reason = "unknown-user" | "inactive" | "password" | "totp" | "totp-reused" | "throttled";

export function staffThrottleKeys(organisation: string, email: string, meta: RequestMeta): ThrottleKeys {
  return { account: `staff:${organisation}:${email}`, address: meta.ip };
}

export function operatorThrottleKeys(email: string, meta: RequestMeta): ThrottleKeys {
  return { account: `operator:${email}`, address: meta.ip };
}

export async function staffSignIn(raw: unknown, meta: RequestMeta, opts: SignInOptions = {}): Promise<SignInResult> {
  const parsed = staffSignInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { organisation, email, password, code } = parsed.data;
  const keys = staffThrottleKeys(organisation, email, meta);
  const org = await organisationBySlug(platformClient(), organisation);
  const db = org ? orgDb(org.id) : null;
  const actor = { type: "STAFF" as const, id: null as string | null, label: email };
  const fail = async (reason: Reason, userId: string | null) => {
    if (db) {
      await db.$transaction((tx) =>
        writeAudit(tx, { type: "STAFF_SIGN_IN_FAILED", actor: { ...actor, id: userId }, entityType: "User", ...(userId ? { entityId: userId } : {}), after: { reason }, meta }),
      );
    }
  };

  const throttle = await throttleCheck(keys);
  if (!throttle.ok) {
    // Refused without looking at the password, and without extending the wait.
    await fail("throttled", null);
    return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  }

  const user = db && org ? await db.user.findUnique({ where: { organisationId_email: { organisationId: org.id, email } } }) : null;
  const passwordOk = await verifyPassword(password, user?.passwordHash);
  // An invited user who has not yet set a password and enrolled TOTP cannot sign in.
  // A suspended organisation's staff cannot sign in (its pages show the closed page anyway).
  const usable = !!user && !org?.suspendedAt && user.active && !user.automation && !user.pausedAt && !!user.passwordHash && !!user.totpSecretEnc;
  const step = usable && passwordOk && user.totpSecretEnc ? matchTotpStep(decryptSecret(user.totpSecretEnc), code, opts.now) : null;
  // Claim the code's time step: only a step later than the last one used wins, atomically.
  const claimed =
    step !== null && db && user
      ? (await db.user.updateMany({ where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } })).count === 1
      : false;
  if (!user || !usable || !passwordOk || !claimed) {
    await throttleFailure(keys);
    await fail(!user ? "unknown-user" : !usable ? "inactive" : !passwordOk ? "password" : step === null ? "totp" : "totp-reused", user?.id ?? null);
    return { ok: false, reason: "invalid" };
  }
  await throttleSuccess(keys);
  await db!.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await writeAudit(tx, { type: "STAFF_SIGNED_IN", actor: { ...actor, id: user.id }, entityType: "User", entityId: user.id, meta });
  });
  return {
    ok: true,
    session: { kind: "staff", uid: user.id, name: user.name, email: user.email, orgId: org!.id, orgSlug: org!.slug, roles: user.roles, sv: user.sessionVersion },
  };
}

export async function operatorSignIn(raw: unknown, meta: RequestMeta, opts: SignInOptions = {}): Promise<SignInResult> {
  const parsed = operatorSignInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password, code } = parsed.data;
  const keys = operatorThrottleKeys(email, meta);
  const actor = { type: "OPERATOR" as const, id: null as string | null, label: email };
  const fail = (reason: Reason, operatorId: string | null) =>
    writePlatformAudit(platformClient(), {
      type: "OPERATOR_SIGN_IN_FAILED",
      actor: { ...actor, id: operatorId },
      entityType: "Operator",
      ...(operatorId ? { entityId: operatorId } : {}),
      after: { reason },
      meta,
    });

  const throttle = await throttleCheck(keys);
  if (!throttle.ok) {
    await fail("throttled", null);
    return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  }

  const op = await operatorByEmail(platformClient(), email);
  const passwordOk = await verifyPassword(password, op?.passwordHash);
  const step = op && op.active && passwordOk ? matchTotpStep(decryptSecret(op.totpSecretEnc), code, opts.now) : null;
  const claimed = step !== null && op ? await claimOperatorTotpStep(platformClient(), op.id, step) : false;
  if (!op || !op.active || !passwordOk || !claimed) {
    await throttleFailure(keys);
    await fail(!op ? "unknown-user" : !op.active ? "inactive" : !passwordOk ? "password" : step === null ? "totp" : "totp-reused", op?.id ?? null);
    return { ok: false, reason: "invalid" };
  }
  await throttleSuccess(keys);
  await recordOperatorSignIn(platformClient(), op.id, { type: "OPERATOR_SIGNED_IN", actor: { ...actor, id: op.id }, entityType: "Operator", entityId: op.id, meta });
  return { ok: true, session: { kind: "operator", uid: op.id, name: op.name, email: op.email } };
}
