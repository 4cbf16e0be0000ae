/**
 * The public kind for pages that need no session — the sign-in pages: the organisation of the URL
 * (memoised per request, shared with the context resolver), so app/ code never calls a platform
 * function itself.
 */
import "server-only";
import { notFound } from "next/navigation";
import { databaseReachable, platformClient, type OrganisationRecord } from "@/lib/db/platform";
import { organisationOf } from "./context";

/** The organisation of a slug, or null (an invalid slug is null too). */
export async function publicOrganisation(slug: string): Promise<OrganisationRecord | null> {
  return organisationOf(String(slug));
}

/** The organisation of a slug, or the 404 page. */
export async function requirePublicOrganisation(slug: string): Promise<OrganisationRecord> {
  return (await publicOrganisation(slug)) ?? notFound();
}

/** Whether this instance reaches the database now (GET /api/health, for load balancers). */
export async function databaseUp(): Promise<boolean> {
  return databaseReachable(platformClient());
}
