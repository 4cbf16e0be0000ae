/** Where each kind of user lands, and which return addresses are safe to follow after sign-in. */
export const paths = {
  tenantHome: (slug: string) => `/${slug}/beboer/selvbetjening/opsigelse`,
  tenantLogin: (slug: string) => `/${slug}/beboer/login`,
  /** "Mine dokumenter" (the receipt e-mail links here, lib/jobs/notice-letter.ts). */
  tenantDocuments: (slug: string) => `/${slug}/beboer/dokumenter`,
  tenantDocument: (slug: string, documentId: string) => `/api/${slug}/dokumenter/${documentId}`,
  noticeReceipt: (slug: string, noticeId: string) => `/${slug}/beboer/selvbetjening/opsigelse/${noticeId}/kvittering`,
  noticeCalendar: (slug: string, noticeId: string) => `/api/${slug}/opsigelse/${noticeId}/kalender`,
  /** "Mine indstillinger" (the NemKonto consent). */
  tenantSettings: (slug: string) => `/${slug}/beboer/indstillinger`,
  staffHome: (slug: string) => `/${slug}/admin`,
  staffLogin: (slug: string) => `/${slug}/admin/login`,
  /** An admin section (lib/admin/nav.ts), e.g. staffSection("nordhavn", "koder") → /nordhavn/admin/koder. */
  staffSection: (slug: string, section: string) => `/${slug}/admin/${section}`,
  /** The single-use invitation link of a new staff user (set a password, enrol TOTP). */
  staffInvite: (slug: string, token: string) => `/${slug}/admin/invitation/${token}`,
  /** What staff and tenants of a suspended organisation see instead of the app (app/[organisation]/lukket). */
  organisationSuspended: (slug: string) => `/${slug}/lukket`,
  operatorHome: () => "/operator",
  operatorOrganisation: (slug: string) => `/operator/organisationer/${slug}`,
  operatorLogin: () => "/operator/login",
};

/** A same-site path under `prefix` (no scheme, no host, no `//`), or the fallback. Stops open redirects. */
export function safeReturnPath(value: unknown, prefix: string, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  if (value !== prefix && !value.startsWith(`${prefix}/`) && !value.startsWith(`${prefix}?`)) return fallback;
  return value;
}
