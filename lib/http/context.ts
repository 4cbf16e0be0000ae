/**
 * Resolves who is asking, for which organisation, with which rights — once per request, for every
 * page, server action and route handler (see lib/http/wrappers.ts).
 *
 * Kinds:
 *  - public:     nobody needs to be signed in; the organisation of the URL, if any, must exist;
 *  - tenant:     a tenant session of the URL's organisation, whose person still exists;
 *  - staff:      a staff session of the URL's organisation; the user row is re-read on every request
 *                (active, not paused, not an automation account, same session version, roles now);
 *                optionally a permission;
 *  - operator:   an operator session; the operator row is re-read on every request (active);
 *  - automation: a bearer token (Authorization header) checked by the registered verifier
 *                (lib/http/automation.ts) for an active automation user of the URL's organisation.
 * The cookie kinds never read the Authorization header and the automation kind never reads the
 * cookie. Staff of another organisation get "not-found" (they must not learn the organisation
 * exists); a tenant of another organisation is "signed-out" (asked to sign in here). A suspended
 * organisation refuses every organisation kind (and public with its slug) with "suspended".
 *
 * Pages and server actions share one resolution per request through React `cache()` (a page and
 * its components ask again and get the same answer); route handlers resolve once in the wrapper and
 * pass the context on.
 */
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { getAppSession } from "@/lib/auth/session";
import type { AppSession } from "@/lib/auth/types";
import { AUTOMATION_ROLES, permissionsOf, type Permission } from "@/lib/auth/permissions";
import { operatorById, organisationBySlug, platformClient, type OrganisationRecord } from "@/lib/db/platform";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { requestMeta } from "./meta";
import { automationTokenVerifier, bearerToken } from "./automation";

export { getAppSession };

export type Need =
  | { kind: "public" }
  | { kind: "tenant" }
  | { kind: "staff"; permission?: Permission }
  | { kind: "operator" }
  | { kind: "automation"; permission?: Permission };
export type Kind = Need["kind"];
export type OrgKind = "tenant" | "staff" | "automation";

type OrgBase = {
  org: OrganisationRecord;
  db: OrgDb;
  actor: Actor;
  meta: RequestMeta;
  permissions: ReadonlySet<Permission>;
  /** Staff and automation: the user's roles as stored now. */
  roles: readonly string[];
};
export type TenantContext = OrgBase & { kind: "tenant"; session: AppSession };
export type StaffContext = OrgBase & { kind: "staff"; session: AppSession };
export type AutomationContext = OrgBase & { kind: "automation"; session: null; userId: string };
/** A signed-in tenant or staff member of the URL's organisation. */
export type OrgContext = TenantContext | StaffContext;
export type OperatorContext = {
  kind: "operator";
  session: AppSession;
  operator: { id: string; email: string; name: string };
  actor: Actor;
  meta: RequestMeta;
};
export type PublicContext = { kind: "public"; org: OrganisationRecord | null; meta: RequestMeta };

export type ContextFor<K extends Kind> = K extends "tenant"
  ? TenantContext
  : K extends "staff"
    ? StaffContext
    : K extends "automation"
      ? AutomationContext
      : K extends "operator"
        ? OperatorContext
        : PublicContext;
export type AnyContext = ContextFor<Kind>;

/**
 * Why a need was refused. "suspended": the URL's organisation is suspended by the operator — its
 * staff and tenants (and its public pages) get the "temporarily closed" page or a 503 problem,
 * whoever asks, signed in or not; nothing is deleted (sessions included), so resuming restores all.
 * The operator kind has no organisation and is never refused for it.
 */
export type Denied = "not-found" | "signed-out" | "forbidden" | "suspended";
export type Resolution<C> = { ok: true; ctx: C } | { ok: false; reason: Denied; org: OrganisationRecord | null };
/** The resolution of a tenant or staff need (kept for callers of resolveOrgContext). */
export type Resolved = Resolution<OrgContext>;

/** What a request presents: its session cookie and its bearer token, each read by its own kinds only. */
export type Credentials = { session: AppSession | null; bearer: string | null; /** The request's instant (lib/clock.ts), for a day token's expiry. */ now?: Date };

/** The organisation of a slug, once per request (pages and their components share it). */
export const organisationOf = cache(async (slug: string): Promise<OrganisationRecord | null> => organisationBySlug(platformClient(), slug));

/** The credentials of the current request (pages and server actions), once per request. */
export const currentCredentials = cache(async (): Promise<Credentials> => {
  let bearer: string | null = null;
  try {
    bearer = bearerToken((await headers()).get("authorization"));
  } catch {
    bearer = null; // outside a request
  }
  return { session: await getAppSession(), bearer };
});

const deny = (reason: Denied, org: OrganisationRecord | null) => ({ ok: false as const, reason, org });

function checkPermission<C extends OrgBase>(r: Resolution<C>, permission: Permission | undefined): Resolution<C> {
  if (r.ok && permission && !r.ctx.permissions.has(permission)) return deny("forbidden", r.ctx.org);
  return r;
}

async function resolveOrgKind(kind: OrgKind, slug: string, creds: Credentials, meta: RequestMeta): Promise<Resolution<TenantContext | StaffContext | AutomationContext>> {
  const org = await organisationOf(slug);
  if (!org) return deny("not-found", null);
  if (org.suspendedAt) return deny("suspended", org);
  const db = orgDb(org.id);

  if (kind === "automation") {
    const verify = automationTokenVerifier();
    if (!creds.bearer || !verify) return deny("signed-out", org);
    const who = await verify({ org, db, token: creds.bearer, ...(creds.now ? { now: creds.now } : {}) });
    if (!who) return deny("signed-out", org);
    const user = await db.user.findUnique({ where: { id: who.userId } });
    if (!user || !user.active || !user.automation || user.pausedAt || user.switchedOffAt) return deny("signed-out", org);
    const roles = user.roles.filter((r) => (AUTOMATION_ROLES as readonly string[]).includes(r));
    return {
      ok: true,
      ctx: { kind, org, db, meta, session: null, userId: user.id, roles, permissions: permissionsOf(roles), actor: { type: "AUTOMATION", id: user.id, label: user.name } },
    };
  }

  const s = creds.session;
  if (!s || s.kind !== kind) return deny("signed-out", org);
  // Staff of another organisation must not learn that this one exists; a tenant may sign in here.
  if (s.orgId !== org.id) return deny(kind === "staff" ? "not-found" : "signed-out", org);

  if (kind === "staff") {
    const user = await db.user.findUnique({ where: { id: s.uid } });
    if (!user || !user.active || user.automation || user.pausedAt || user.sessionVersion !== s.sv) return deny("signed-out", org);
    return {
      ok: true,
      ctx: { kind, org, db, session: s, meta, permissions: permissionsOf(user.roles), roles: user.roles, actor: { type: "STAFF", id: user.id, label: user.email } },
    };
  }
  const person = await db.person.findUnique({ where: { id: s.uid }, select: { id: true, name: true } });
  if (!person) return deny("signed-out", org);
  return { ok: true, ctx: { kind, org, db, session: s, meta, permissions: new Set(), roles: [], actor: { type: "TENANT", id: person.id, label: person.name } } };
}

async function resolveOperator(creds: Credentials, meta: RequestMeta): Promise<Resolution<OperatorContext>> {
  const s = creds.session;
  if (!s || s.kind !== "operator") return deny("signed-out", null);
  const op = await operatorById(platformClient(), s.uid);
  if (!op || !op.active) return deny("signed-out", null);
  return { ok: true, ctx: { kind: "operator", session: s, operator: { id: op.id, email: op.email, name: op.name }, meta, actor: { type: "OPERATOR", id: op.id, label: op.email } } };
}

async function resolvePublic(slug: string | undefined, meta: RequestMeta): Promise<Resolution<PublicContext>> {
  if (slug === undefined) return { ok: true, ctx: { kind: "public", org: null, meta } };
  const org = await organisationOf(slug);
  if (!org) return deny("not-found", null);
  if (org.suspendedAt) return deny("suspended", org);
  return { ok: true, ctx: { kind: "public", org, meta } };
}

/**
 * Resolves a need against explicit credentials (route handlers, tests). `slug` is the URL's
 * organisation for the organisation kinds (and optionally for public).
 */
export async function resolveNeed<N extends Need>(
  need: N,
  opts: { slug?: string | undefined; credentials: Credentials; meta?: RequestMeta },
): Promise<Resolution<ContextFor<N["kind"]>>> {
  const meta = opts.meta ?? (await requestMeta());
  let r: Resolution<AnyContext>;
  switch (need.kind) {
    case "public":
      r = await resolvePublic(opts.slug, meta);
      break;
    case "operator":
      r = await resolveOperator(opts.credentials, meta);
      break;
    default: {
      if (opts.slug === undefined) return deny("not-found", null) as Resolution<ContextFor<N["kind"]>>;
      const org = await resolveOrgKind(need.kind, opts.slug, opts.credentials, meta);
      r = checkPermission(org, "permission" in need ? need.permission : undefined);
    }
  }
  return r as Resolution<ContextFor<N["kind"]>>;
}

const resolveCached = cache(async (kind: Kind, slug: string | undefined) => resolveNeed({ kind } as Need, { slug, credentials: await currentCredentials() }));

/**
 * The current request's resolution for a need (pages and server actions), memoised per request
 * per (kind, organisation); the permission is checked on top.
 */
export async function resolveCurrent<N extends Need>(need: N, slug?: string): Promise<Resolution<ContextFor<N["kind"]>>> {
  const r = await resolveCached(need.kind, slug);
  if (r.ok && "permission" in need && need.permission && "permissions" in r.ctx && !r.ctx.permissions.has(need.permission)) {
    return deny("forbidden", (r.ctx as OrgBase).org) as Resolution<ContextFor<N["kind"]>>;
  }
  return r as Resolution<ContextFor<N["kind"]>>;
}

/**
 * Tenant or staff context for an organisation slug. Without `session`, the current request's
 * (memoised); with it (tests, next-auth callbacks), that session.
 */
export async function resolveOrgContext(slug: string, need: { kind: "tenant" } | { kind: "staff"; permission?: Permission }, session?: AppSession | null): Promise<Resolved> {
  if (session === undefined) return (await resolveCurrent(need, slug)) as Resolved;
  return (await resolveNeed(need, { slug, credentials: { session, bearer: null } })) as Resolved;
}
