/**
 * Staff invitations: the single-use link by which a new staff user sets a password and enrols a
 * TOTP second factor (purpose "invite"), or an existing user enrols a new second factor after an
 * administrator reset it (purpose "reset-totp").
 *
 *   - the token is 32 random bytes (base64url) sent only in the e-mail; the database keeps its
 *     SHA-256 (UserInvite.tokenHash), so a copy of the table yields no usable link;
 *   - it expires after INVITE_TTL_HOURS, is used once (marked in the transaction that stores the
 *     second factor, by a conditional update: a replayed token or a second submit finds it used),
 *     and issuing a new link for a user cancels the previous live one;
 *   - the TOTP secret the page offers is made when the link is issued and kept encrypted in
 *     UserInvite.pendingTotpEnc until a code from it is confirmed; it then becomes the user's;
 *   - the e-mail is a durable `send-mail` job enqueued in the same transaction (lib/jobs/enqueue.ts):
 *     no invitation without its mail, no mail for an invitation that rolled back;
 *   - every step is audited (USER_CREATED + USER_INVITED, USER_PASSWORD_SET, USER_ENROLLED) —
 *     never the token, the password or the secret.
 *
 * The token is looked up through the organisation-bound accessor: a token of another organisation
 * is simply not found under this one's URL.
 *
 * `inviteStaffUser` is also the operator's way to invite an organisation's first administrator
 * (lib/operator); its signature is kept stable for that.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { ROLES } from "@/lib/auth/permissions";
import { decryptSecret, encryptSecret, hashPassword, tokenHash } from "@/lib/crypto";
import { matchTotpStep, newTotpSecret } from "@/lib/auth/totp";
import { enqueue } from "@/lib/jobs/enqueue";
import { sendMailJob } from "@/lib/jobs/send-mail";
import { paths } from "@/lib/http/paths";
import { formatLongDate } from "@/lib/text/dates";
import { todayInDenmark } from "@/lib/time";
import { passwordProblems, PASSWORD_MAX_LENGTH, type PasswordProblem } from "./password-rules";

export const INVITE_TTL_HOURS = 72;
export const INVITE_PURPOSES = ["invite", "reset-totp"] as const;
export type InvitePurpose = (typeof INVITE_PURPOSES)[number];

/** A new invitation token: 32 random bytes, base64url (43 characters). */
export function newInviteToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What an invitation token looks like; anything else is refused without a database look-up. */
export const INVITE_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** The roles of a staff user handled in the admin (every role; at least one, each once). */
export const staffRolesSchema = z
  .array(z.enum(ROLES))
  .min(1)
  .max(ROLES.length)
  .transform((r) => ROLES.filter((x) => r.includes(x)));

/** Name, e-mail and roles of a person to invite (the admin form and the operator's first administrator). */
export const staffInviteSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email().max(200)),
  roles: staffRolesSchema,
});
export type StaffInviteInput = z.input<typeof staffInviteSchema>;

export type InviteOrganisation = { slug: string; name: string };

/** The app's public URL (no trailing slash): the links in the e-mails start with it. */
export function appPublicUrl(configured?: string): string {
  return (configured || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
}

const HOUR_MS = 3_600_000;
const isUuid = (s: string | null | undefined): s is string => !!s && z.uuid().safeParse(s).success;

// ------------------------------------------------------------------------------------------ mail

/** The invitation e-mail, plain Danish. Pure. */
export function invitationMail(m: { purpose: InvitePurpose; name: string; organisation: string; url: string; expiresAt: Date }): { subject: string; text: string } {
  const t = createTranslator({ locale: "da", messages: da, namespace: "invitation.mail" });
  const vars = { name: m.name, organisation: m.organisation, expires: formatLongDate(todayInDenmark(m.expiresAt), "da").replace("\u00a0", " "), hours: INVITE_TTL_HOURS };
  const kind = m.purpose === "invite" ? "invite" : "reset";
  return {
    subject: t(`${kind}.subject`, vars),
    text: [t("greeting", vars), t(`${kind}.intro`, vars), t(`${kind}.how`, vars), m.url, t("expires", vars), t("notYou", vars), t("closing", vars)].join("\n\n"),
  };
}

// ------------------------------------------------------------------------------------------ issuing

async function organisationOfUser(tx: OrgTx, userId: string): Promise<InviteOrganisation> {
  const row = await tx.user.findUnique({ where: { id: userId }, select: { organisation: { select: { slug: true, name: true } } } });
  if (!row) throw new Error("invited user vanished inside its transaction");
  return row.organisation;
}

/**
 * Issues a new link for `user` inside the caller's transaction: cancels the user's live link, stores
 * the new one (its token's hash and a fresh pending TOTP secret), enqueues the e-mail and audits
 * USER_INVITED. Returns the invitation (never the token).
 */
export async function issueInvite(
  tx: OrgTx,
  a: { user: { id: string; email: string; name: string }; purpose: InvitePurpose; organisation?: InviteOrganisation; actor: Actor; meta?: RequestMeta; now?: Date; baseUrl?: string },
): Promise<{ inviteId: string; expiresAt: Date }> {
  const now = a.now ?? new Date();
  const org = a.organisation ?? (await organisationOfUser(tx, a.user.id));
  const replaced = await tx.userInvite.updateMany({ where: { userId: a.user.id, usedAt: null, cancelledAt: null }, data: { cancelledAt: now } });
  const token = newInviteToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_HOURS * HOUR_MS);
  const invite = await tx.userInvite.create({
    data: {
      organisationId: tx.organisationId,
      userId: a.user.id,
      purpose: a.purpose,
      tokenHash: tokenHash(token),
      pendingTotpEnc: encryptSecret(newTotpSecret()),
      expiresAt,
      createdById: a.actor.type === "STAFF" && isUuid(a.actor.id) ? a.actor.id : null,
    },
  });
  const url = `${appPublicUrl(a.baseUrl)}${paths.staffInvite(org.slug, token)}`;
  const mail = invitationMail({ purpose: a.purpose, name: a.user.name, organisation: org.name, url, expiresAt });
  await enqueue(tx, sendMailJob, { to: [a.user.email], subject: mail.subject, text: mail.text }, { key: `staff-invite:${invite.id}` });
  await writeAudit(tx, {
    type: "USER_INVITED",
    actor: a.actor,
    entityType: "User",
    entityId: a.user.id,
    after: { inviteId: invite.id, purpose: a.purpose, expiresAt: expiresAt.toISOString(), replaced: replaced.count },
    ...(a.meta ? { meta: a.meta } : {}),
  });
  return { inviteId: invite.id, expiresAt };
}

export type InviteStaffUserArgs = {
  organisationId: string;
  email: string;
  name: string;
  roles: readonly string[];
  invitedBy: Actor;
  meta?: RequestMeta;
  /** The organisation's slug and name (for the link and the e-mail); read through the transaction when omitted. */
  organisation?: InviteOrganisation;
  /** The app's public URL; default NEXTAUTH_URL. */
  baseUrl?: string;
  now?: Date;
};

export type InviteStaffUserResult = { ok: true; userId: string; inviteId: string; expiresAt: Date } | { ok: false; reason: "email-taken" };

function asDb(x: OrgDb | OrgTx): OrgDb | null {
  return typeof (x as Partial<OrgDb>).$transaction === "function" ? (x as OrgDb) : null;
}

/**
 * Invites a staff user: creates the User (no password, no second factor yet; active, not
 * automation) and its invitation, enqueues the e-mail with the link, audits USER_CREATED and
 * USER_INVITED — all in one transaction (the caller's, when given a transaction; else its own).
 * Name, e-mail and roles are checked with staffInviteSchema (a ZodError for bad input). An e-mail
 * that already has a user in the organisation: `{ ok: false, reason: "email-taken" }`.
 */
export async function inviteStaffUser(dbOrTx: OrgDb | OrgTx, args: InviteStaffUserArgs): Promise<InviteStaffUserResult> {
  if (dbOrTx.organisationId !== args.organisationId) throw new Error("inviteStaffUser: organisationId does not match the accessor's organisation");
  const input = staffInviteSchema.parse({ name: args.name, email: args.email, roles: [...args.roles] });
  const run = async (tx: OrgTx): Promise<InviteStaffUserResult> => {
    const existing = await tx.user.findUnique({ where: { organisationId_email: { organisationId: tx.organisationId, email: input.email } }, select: { id: true } });
    if (existing) return { ok: false, reason: "email-taken" };
    const user = await tx.user.create({
      data: {
        organisationId: tx.organisationId,
        email: input.email,
        name: input.name,
        roles: input.roles,
        passwordHash: null,
        totpSecretEnc: null,
        updatedBy: args.invitedBy.label.slice(0, 200),
      },
    });
    await writeAudit(tx, {
      type: "USER_CREATED",
      actor: args.invitedBy,
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, roles: user.roles, active: true, automation: false },
      ...(args.meta ? { meta: args.meta } : {}),
    });
    const issued = await issueInvite(tx, {
      user,
      purpose: "invite",
      actor: args.invitedBy,
      ...(args.organisation ? { organisation: args.organisation } : {}),
      ...(args.meta ? { meta: args.meta } : {}),
      ...(args.now ? { now: args.now } : {}),
      ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}),
    });
    return { ok: true, userId: user.id, ...issued };
  };
  const db = asDb(dbOrTx);
  return db ? db.$transaction(run) : run(dbOrTx);
}

// ------------------------------------------------------------------------------------------ the link

export type InviteUnusable = "unknown" | "used" | "expired";
export type InviteStep = "password" | "totp";

export type LiveInvite = {
  id: string;
  purpose: InvitePurpose;
  expiresAt: Date;
  pendingTotpEnc: string;
  user: { id: string; email: string; name: string; hasPassword: boolean };
  step: InviteStep;
};

export type InviteResolution = { ok: true; invite: LiveInvite } | { ok: false; reason: InviteUnusable };

/**
 * The live invitation of `token` in this organisation, and the step its user is at: "password"
 * (a new user who has not chosen one) or "totp". Unknown (or another organisation's), cancelled,
 * for a disabled or automation user → "unknown"; used → "used"; past its expiry → "expired".
 */
export async function resolveInvite(tx: OrgTx, token: string, now = new Date()): Promise<InviteResolution> {
  if (!INVITE_TOKEN_RE.test(token)) return { ok: false, reason: "unknown" };
  const row = await tx.userInvite.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: true } });
  if (!row || row.cancelledAt || !row.user.active || row.user.automation || row.user.pausedAt) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt.getTime() <= now.getTime() || !row.pendingTotpEnc) return { ok: false, reason: "expired" };
  const purpose: InvitePurpose = row.purpose === "reset-totp" ? "reset-totp" : "invite";
  const hasPassword = !!row.user.passwordHash;
  return {
    ok: true,
    invite: {
      id: row.id,
      purpose,
      expiresAt: row.expiresAt,
      pendingTotpEnc: row.pendingTotpEnc,
      user: { id: row.user.id, email: row.user.email, name: row.user.name, hasPassword },
      step: hasPassword ? "totp" : "password",
    },
  };
}

/** The pending TOTP secret of a live invitation (for the enrolment page: QR code and text). */
export function pendingTotpSecret(invite: LiveInvite): string {
  return decryptSecret(invite.pendingTotpEnc);
}

export type InviteFieldProblem = PasswordProblem | "wrong-code";
export type InviteStepResult =
  | { ok: true; step: InviteStep | "done" }
  | { ok: false; reason: InviteUnusable | "wrong-step" }
  | { ok: false; reason: "invalid"; fields: Partial<Record<"password" | "confirm" | "code", InviteFieldProblem>> };

const selfActor = (u: { id: string; email: string }): Actor => ({ type: "STAFF", id: u.id, label: u.email });

/**
 * Step 1: the invited user chooses a password (passwordProblems). Stored at once as a scrypt hash;
 * the user still cannot sign in (no second factor) until step 2 completes.
 */
export async function setInvitePassword(
  db: OrgDb,
  a: { token: string; password: string; confirm: string; meta?: RequestMeta; now?: Date },
): Promise<InviteStepResult> {
  const now = a.now ?? new Date();
  const first = await db.$transaction((tx) => resolveInvite(tx, a.token, now));
  if (!first.ok) return first;
  if (first.invite.step !== "password") return { ok: false, reason: "wrong-step" };
  const problems = passwordProblems(a.password.slice(0, PASSWORD_MAX_LENGTH + 1), a.confirm.slice(0, PASSWORD_MAX_LENGTH + 1), first.invite.user.email);
  if (problems.password || problems.confirm) return { ok: false, reason: "invalid", fields: problems };
  // scrypt outside the transaction: it takes a while, and a transaction holds the embedded database.
  const passwordHash = await hashPassword(a.password);
  return db.$transaction(async (tx): Promise<InviteStepResult> => {
    const r = await resolveInvite(tx, a.token, now);
    if (!r.ok) return r;
    const set = await tx.user.updateMany({ where: { id: r.invite.user.id, passwordHash: null }, data: { passwordHash } });
    if (set.count !== 1) return { ok: false, reason: "wrong-step" };
    await writeAudit(tx, { type: "USER_PASSWORD_SET", actor: selfActor(r.invite.user), entityType: "User", entityId: r.invite.user.id, after: { inviteId: r.invite.id }, ...(a.meta ? { meta: a.meta } : {}) });
    return { ok: true, step: "totp" };
  });
}

/**
 * Step 2: the user types a current code of the offered secret. Then, in one transaction: the
 * invitation is marked used (only if still unused — a replay or a second submit fails here), the
 * secret becomes the user's second factor (the code's time step is claimed, so the same code cannot
 * also sign in), the session version is bumped, USER_ENROLLED audited.
 */
export async function confirmInviteTotp(db: OrgDb, a: { token: string; code: string; meta?: RequestMeta; now?: Date }): Promise<InviteStepResult> {
  const now = a.now ?? new Date();
  return db.$transaction(async (tx): Promise<InviteStepResult> => {
    const r = await resolveInvite(tx, a.token, now);
    if (!r.ok) return r;
    const inv = r.invite;
    if (inv.step !== "totp") return { ok: false, reason: "wrong-step" };
    const step = matchTotpStep(decryptSecret(inv.pendingTotpEnc), a.code, now.getTime());
    if (step === null) return { ok: false, reason: "invalid", fields: { code: "wrong-code" } };
    const claimed = await tx.userInvite.updateMany({ where: { id: inv.id, usedAt: null, cancelledAt: null, expiresAt: { gt: now } }, data: { usedAt: now, pendingTotpEnc: null } });
    if (claimed.count !== 1) return { ok: false, reason: "used" };
    await tx.user.update({ where: { id: inv.user.id }, data: { totpSecretEnc: inv.pendingTotpEnc, totpLastStep: step, sessionVersion: { increment: 1 } } });
    await writeAudit(tx, { type: "USER_ENROLLED", actor: selfActor(inv.user), entityType: "User", entityId: inv.user.id, after: { inviteId: inv.id, purpose: inv.purpose }, ...(a.meta ? { meta: a.meta } : {}) });
    return { ok: true, step: "done" };
  });
}

