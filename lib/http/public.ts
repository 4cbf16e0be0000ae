/**
 * The public kind for pages that need no session — the sign-in pages: the organisation of the URL
 * (memoised per request, shared with the context resolver), so app/ code never calls a platform
 * function itself.
 */
import "server-only";
import { notFound, redirect } from "next/navigation";
import { databaseReachable, platformClient, type OrganisationRecord } from "@/lib/db/platform";
import { organisationOf } from "./context";
import { paths } from "./paths";

/** The organisation of a slug, or null (an invalid slug is null too). */
export async function publicOrganisation(slug: string): Promise<OrganisationRecord | null> {
  return organisationOf(String(slug));
}

/** The organisation of a slug, or the 404 page; a suspended organisation's sign-in pages show its "temporarily closed" page. */
export async function requirePublicOrganisation(slug: string): Promise<OrganisationRecord> {
  const org = (await publicOrganisation(slug)) ?? notFound();
  if (org.suspendedAt) redirect(paths.organisationSuspended(org.slug));
  return org;
}

/** Whether this instance reaches the database now (GET /api/health, for load balancers). */
export async function databaseUp(): Promise<boolean> {
  return databaseReachable(platformClient());
}
