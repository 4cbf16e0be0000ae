/**
 * The operator's use cases for organisations (app/operator): onboard one, suspend and resume it,
 * and the figures per organisation on the start page. Each takes the operator's context, so only a
 * resolved operator runs them, and owns its transaction with its audit row.
 */
import "server-only";
import { z } from "zod";
import type { OperatorContext } from "@/lib/http/context";
import { createOrganisationWith, listOrganisations, organisationFigures, platformClient, setOrganisationSuspension, type OrganisationRecord } from "@/lib/db/platform";
import { NotFound } from "@/lib/http/errors";
import { inviteStaffUser } from "@/lib/admin/invitations";
import { defaultSettings, writeDefaultCodes } from "@/lib/organisation/defaults";
import { TZDate } from "@date-fns/tz";
import { DANISH_TZ, todayInDenmark } from "@/lib/time";

/** Slugs that name the platform's own top-level paths (or might one day): never an organisation. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "operator", "api", "auth", "admin", "_next", "static", "public", "assets", "health", "login", "logout",
  "signin", "signout", "www", "mail", "fraflyt", "favicon-ico", "robots-txt", "beboer", "actions", "new", "system", "udviklere",
]);

export const slugSchema = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/)
  .refine((s) => !RESERVED_SLUGS.has(s), { message: "reserved" });

/** The first "Manage users" administrator of a new organisation; caseworker too, so they can set it up. */
export const FIRST_ADMIN_ROLES = ["MANAGE_USERS", "CASEWORKER"] as const;

export const createOrganisationInput = z.object({
  slug: slugSchema,
  name: z.string().trim().min(2).max(120),
  adminName: z.string().trim().min(2).max(120),
  adminEmail: z.string().trim().toLowerCase().pipe(z.email().max(200)),
});
export type CreateOrganisationInput = z.output<typeof createOrganisationInput>;

/**
 * One transaction: the organisation (ORGANISATION_CREATED), its default code tables, and its first
 * administrator invited by e-mail (user, invite, mail job; USER_CREATED). Any failure — a taken slug
 * (409 on `slug`), a bad mail payload — leaves nothing behind.
 */
export async function onboardOrganisation(ctx: OperatorContext, input: CreateOrganisationInput): Promise<{ org: OrganisationRecord; adminUserId: string }> {
  const audit = { actor: ctx.actor, meta: ctx.meta };
  const { org, result } = await createOrganisationWith(platformClient(), { slug: input.slug, name: input.name, settings: defaultSettings() }, audit, async (tx, o) => {
    await writeDefaultCodes(tx, ctx.actor.label);
    const invited = await inviteStaffUser(tx, {
      organisationId: o.id,
      email: input.adminEmail,
      name: input.adminName,
      roles: [...FIRST_ADMIN_ROLES],
      invitedBy: ctx.actor,
      meta: ctx.meta,
      organisation: { slug: o.slug, name: o.name },
    });
    // A brand-new organisation has no users, so its first e-mail cannot be taken.
    if (!invited.ok) throw new Error(`onboardOrganisation: ${invited.reason}`);
    return invited;
  });
  return { org, adminUserId: result.userId };
}

export const suspendInput = z.object({ slug: z.string().min(1).max(60), reason: z.string().trim().min(3).max(500) });
export const resumeInput = z.object({ slug: z.string().min(1).max(60) });

/** Suspends an organisation: its staff and tenants see the "temporarily closed" page; nothing is deleted (sessions neither). */
export async function suspendOrganisation(ctx: OperatorContext, input: z.output<typeof suspendInput>): Promise<OrganisationRecord> {
  return (await setOrganisationSuspension(platformClient(), input.slug, input.reason, { actor: ctx.actor, meta: ctx.meta })) ?? notFound();
}

/** Resumes a suspended organisation: everything is as it was. */
export async function resumeOrganisation(ctx: OperatorContext, input: z.output<typeof resumeInput>): Promise<OrganisationRecord> {
  return (await setOrganisationSuspension(platformClient(), input.slug, null, { actor: ctx.actor, meta: ctx.meta })) ?? notFound();
}

function notFound(): never {
  throw new NotFound("organisation");
}

export type OrganisationOverviewRow = {
  id: string;
  slug: string;
  name: string;
  oidcConfigured: boolean;
  suspendedAt: Date | null;
  suspendedReason: string | null;
  tenancies: number;
  noticesThisMonth: number;
  staff: number;
};

/** Every organisation with its figures: tenancies, notices submitted this month (Danish time), staff users. Four queries in all. */
export async function organisationsWithFigures(_ctx: OperatorContext, now = new Date()): Promise<OrganisationOverviewRow[]> {
  const db = platformClient();
  const [orgs, figures] = await Promise.all([listOrganisations(db), organisationFigures(db, danishMonthStart(now))]);
  return orgs.map((o) => {
    const f = figures.get(o.id) ?? { tenancies: 0, noticesThisMonth: 0, staff: 0 };
    return { id: o.id, slug: o.slug, name: o.name, oidcConfigured: !!o.settings.oidc, suspendedAt: o.suspendedAt, suspendedReason: o.suspendedReason, ...f };
  });
}

/** The instant the current month began in Denmark (00:00 on the 1st, Copenhagen time). */
export function danishMonthStart(now: Date = new Date()): Date {
  const [y, m] = todayInDenmark(now).split("-").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, 1, 0, 0, 0, DANISH_TZ).getTime());
}
