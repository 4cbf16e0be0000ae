/**
 * Resolves who is asking, for which organisation, with which rights — once, for every page,
 * server action and route handler (see lib/http/wrappers.ts). The organisation comes from the URL's
 * slug and must agree with the session's; staff rights are re-read from the database on every
 * request, so a deactivated user or a changed role takes effect at once.
 */
import { getAppSession } from "@/lib/auth/session";
import type { AppSession, SessionKind } from "@/lib/auth/types";
import { permissionsOf, type Permission } from "@/lib/auth/permissions";
import { organisationBySlug, platformClient, type OrganisationRecord } from "@/lib/db/platform";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { requestMeta } from "./meta";

export { getAppSession };

export type OrgContext = {
  org: OrganisationRecord;
  db: OrgDb;
  session: AppSession;
  actor: Actor;
  meta: RequestMeta;
  permissions: ReadonlySet<Permission>;
  /** Staff: the user's roles as stored now. */
  roles: readonly string[];
};

export type Need = { kind: "tenant" } | { kind: "staff"; permission?: Permission };
export type Denied = "not-found" | "signed-out" | "forbidden";
export type Resolved = { ok: true; ctx: OrgContext } | { ok: false; reason: Denied; org: OrganisationRecord | null };

export async function resolveOrgContext(slug: string, need: Need, session?: AppSession | null): Promise<Resolved> {
  const org = await organisationBySlug(platformClient(), slug);
  if (!org) return { ok: false, reason: "not-found", org: null };
  const s = session === undefined ? await getAppSession() : session;
  if (!s || s.kind !== (need.kind satisfies SessionKind)) return { ok: false, reason: "signed-out", org };
  if (s.orgId !== org.id) {
    // Staff of another organisation must not learn that this one exists; a tenant may sign in here.
    return { ok: false, reason: need.kind === "staff" ? "not-found" : "signed-out", org };
  }
  const db = orgDb(org.id);
  const meta = await requestMeta();
  if (need.kind === "staff") {
    const user = await db.user.findUnique({ where: { id: s.uid } });
    if (!user || !user.active || user.automation || user.pausedAt || user.sessionVersion !== s.sv) {
      return { ok: false, reason: "signed-out", org };
    }
    const permissions = permissionsOf(user.roles);
    if (need.permission && !permissions.has(need.permission)) return { ok: false, reason: "forbidden", org };
    return {
      ok: true,
      ctx: { org, db, session: s, meta, permissions, roles: user.roles, actor: { type: "STAFF", id: user.id, label: user.email } },
    };
  }
  const person = await db.person.findUnique({ where: { id: s.uid }, select: { id: true, name: true } });
  if (!person) return { ok: false, reason: "signed-out", org };
  return {
    ok: true,
    ctx: { org, db, session: s, meta, permissions: new Set(), roles: [], actor: { type: "TENANT", id: person.id, label: person.name } },
  };
}
