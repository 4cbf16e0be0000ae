/**
 * Staff invitations: a new staff user without a password or second factor, a single-use link
 * (paths.staffInvite) to set both, and the mail that carries it — all in the caller's transaction.
 *
 * NOTE (operator branch): a minimal version written for organisation onboarding
 * (lib/operator/organisations.ts); the full service (re-invite, expiry, reset-totp, the enrolment
 * page) lives on the `users` branch with the same signature and replaces this file at merge.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { OrgTx } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import { enqueue } from "@/lib/jobs/enqueue";
import { sendMailJob } from "@/lib/jobs/send-mail";
import { paths } from "@/lib/http/paths";

/** How long an invitation link works. */
export const INVITE_TTL_DAYS = 7;

export type InviteInput = {
  organisationId: string;
  email: string;
  name: string;
  roles: string[];
  invitedBy: Actor;
  meta?: RequestMeta;
  /** For the link and the mail's text (a new organisation is not visible outside the transaction yet). */
  organisation: { slug: string; name: string };
};

export const inviteTokenHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export async function inviteStaffUser(tx: OrgTx, input: InviteInput): Promise<{ userId: string; inviteId: string; link: string }> {
  if (input.organisationId !== tx.organisationId) throw new Error("inviteStaffUser: organisation mismatch");
  const email = input.email.trim().toLowerCase();
  const user = await tx.user.create({
    data: { organisationId: tx.organisationId, email, name: input.name, passwordHash: null, totpSecretEnc: null, roles: input.roles, updatedBy: input.invitedBy.label },
  });
  const token = randomBytes(32).toString("base64url");
  const invite = await tx.userInvite.create({
    data: {
      organisationId: tx.organisationId,
      userId: user.id,
      purpose: "invite",
      tokenHash: inviteTokenHash(token),
      expiresAt: new Date(Date.now() + INVITE_TTL_DAYS * 86_400_000),
      createdById: input.invitedBy.type === "STAFF" ? input.invitedBy.id : null,
    },
  });
  const base = (process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/$/, "");
  const link = `${base}${paths.staffInvite(input.organisation.slug, token)}`;
  await writeAudit(tx, {
    type: "USER_CREATED",
    actor: input.invitedBy,
    entityType: "User",
    entityId: user.id,
    after: { email, name: input.name, roles: input.roles, active: true, automation: false },
    ...(input.meta ? { meta: input.meta } : {}),
  });
  const org = input.organisation.name;
  await enqueue(
    tx,
    sendMailJob,
    {
      to: [email],
      subject: `Invitation til Fraflyt – ${org}`,
      text: [
        `Hej ${input.name}`,
        "",
        `Du er inviteret som medarbejder hos ${org} i Fraflyt.`,
        `Åbn linket for at vælge en adgangskode og sætte to-trins-login op. Linket virker i ${INVITE_TTL_DAYS} dage og kan bruges én gang:`,
        "",
        link,
        "",
        `You have been invited to ${org} on Fraflyt. Open the link to choose a password and set up two-step sign-in (valid for ${INVITE_TTL_DAYS} days, once).`,
      ].join("\n"),
    },
    { key: `invite:${invite.id}` },
  );
  return { userId: user.id, inviteId: invite.id, link };
}
