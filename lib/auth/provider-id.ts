/** The tenant sign-in (OIDC) provider id next-auth uses for an organisation. */
export function tenantProviderId(organisationSlug: string): string {
  return `mitid-${organisationSlug}`;
}
