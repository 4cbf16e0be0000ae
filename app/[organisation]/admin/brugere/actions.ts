"use server";
/**
 * Users and roles (/{organisation}/admin/brugere): invite, change roles, disable/enable, reset the
 * second factor, send a new invitation. users.manage for every one of them; another organisation's
 * staff get not-found. Each form posts here with useActionState (works without JavaScript): success
 * redirects to the user's page with ?gemt=…, a refusal comes back as field errors (lib/admin/action-refusal.ts).
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionState } from "@/lib/http/wrappers";
import { adminHref } from "@/lib/admin/nav";
import { refuse, settle } from "@/lib/admin/action-refusal";
import { inviteStaffUser, staffInviteSchema, staffRolesSchema } from "@/lib/admin/invitations";
import { resendStaffInvite, resetStaffTotp, setStaffActive, setStaffRoles, type UserChangeResult } from "@/lib/admin/users";

type State = ActionState<never>;

const userId = z.uuid();
const rolesMessages = { roles: "adminUsers.errors.roles" } as const;

function refusalOf(r: Extract<UserChangeResult, { ok: false }>, field: string) {
  if (r.reason === "last-manager") return refuse(field, r.self ? "adminUsers.errors.lastManagerSelf" : "adminUsers.errors.lastManager");
  if (r.reason === "automation") return refuse("", "adminUsers.errors.automation");
  return refuse("", "adminUsers.errors.enrolled");
}

const done = (slug: string, id: string, what: string): never => redirect(`${adminHref(slug, "users", id)}?gemt=${what}`);

const inviteAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "inviteStaffUser", input: staffInviteSchema.strict(), messages: rolesMessages },
  async (ctx, input) => {
    const r = await inviteStaffUser(ctx.db, {
      organisationId: ctx.org.id,
      ...input,
      invitedBy: ctx.actor,
      meta: ctx.meta,
      organisation: { slug: ctx.org.slug, name: ctx.org.name },
    });
    if (!r.ok) return refuse("email", "adminUsers.errors.emailTaken");
    return done(ctx.org.slug, r.userId, "inviteret");
  },
);

const rolesAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "setStaffRoles", input: z.object({ userId, roles: staffRolesSchema }).strict(), messages: rolesMessages },
  async (ctx, input) => {
    const r = await setStaffRoles(ctx.db, { userId: input.userId, roles: input.roles, actor: ctx.actor, meta: ctx.meta });
    if (!r.ok) return refusalOf(r, "roles");
    return done(ctx.org.slug, input.userId, r.changed ? "roller" : "uaendret");
  },
);

const activeAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "setStaffActive", input: z.object({ userId, active: z.enum(["true", "false"]) }).strict() },
  async (ctx, input) => {
    const active = input.active === "true";
    const r = await setStaffActive(ctx.db, { userId: input.userId, active, actor: ctx.actor, meta: ctx.meta });
    if (!r.ok) return refusalOf(r, "");
    return done(ctx.org.slug, input.userId, active ? "aktiveret" : "deaktiveret");
  },
);

const resetAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "resetStaffTotp", input: z.object({ userId }).strict() },
  async (ctx, input) => {
    const r = await resetStaffTotp(ctx.db, { userId: input.userId, actor: ctx.actor, meta: ctx.meta });
    if (!r.ok) return refusalOf(r, "");
    return done(ctx.org.slug, input.userId, "nulstillet");
  },
);

const resendAction = defineAction(
  { kind: "staff", permission: "users.manage", name: "resendStaffInvite", input: z.object({ userId }).strict() },
  async (ctx, input) => {
    const r = await resendStaffInvite(ctx.db, { userId: input.userId, actor: ctx.actor, meta: ctx.meta });
    if (!r.ok) return refusalOf(r, "");
    return done(ctx.org.slug, input.userId, "sendt");
  },
);

export async function inviteUser(organisation: string, state: State, data: FormData) {
  return settle(await inviteAction(organisation, state, data), data);
}
export async function saveUserRoles(organisation: string, state: State, data: FormData) {
  return settle(await rolesAction(organisation, state, data), data);
}
export async function saveUserActive(organisation: string, state: State, data: FormData) {
  return settle(await activeAction(organisation, state, data), data);
}
export async function resetUserTotp(organisation: string, state: State, data: FormData) {
  return settle(await resetAction(organisation, state, data), data);
}
export async function resendUserInvite(organisation: string, state: State, data: FormData) {
  return settle(await resendAction(organisation, state, data), data);
}
