/** What the operator's start page lists. Takes the operator's context: only a resolved operator reads it. */
import "server-only";
import type { OperatorContext } from "@/lib/http/context";
import { listOrganisations, platformClient } from "@/lib/db/platform";

export type OrganisationRow = { id: string; slug: string; name: string; oidcConfigured: boolean };

export async function organisationsOverview(_ctx: OperatorContext): Promise<OrganisationRow[]> {
  const orgs = await listOrganisations(platformClient());
  return orgs.map((o) => ({ id: o.id, slug: o.slug, name: o.name, oidcConfigured: !!o.settings.oidc }));
}
