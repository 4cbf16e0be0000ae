/**
 * The admin sections, in menu order, each with the permission that opens it. The shell shows a
 * section only to staff who hold its permission, and every page and action of a section checks the
 * same permission on the server (by URL a section one cannot use is a 404, like another
 * organisation's). One list, so the menu, the pages and the route-walking tests agree.
 */
import type { Permission } from "@/lib/auth/permissions";

export const ADMIN_SECTIONS = [
  { key: "home", segment: "", permission: "admin.view" },
  { key: "notices", segment: "opsigelser", permission: "notices.read" },
  { key: "todos", segment: "opgaver", permission: "todos.read" },
  { key: "missingData", segment: "manglende-data", permission: "reports.read" },
  { key: "jobs", segment: "job", permission: "notices.read" },
  { key: "codes", segment: "koder", permission: "codes.read" },
  { key: "settings", segment: "indstillinger", permission: "settings.read" },
  { key: "tenancies", segment: "lejemaal", permission: "tenancies.read" },
  { key: "import", segment: "import", permission: "tenancies.manage" },
  { key: "texts", segment: "tekster", permission: "settings.read" },
  { key: "users", segment: "brugere", permission: "users.read" },
  { key: "website", segment: "hjemmeside", permission: "settings.read" },
  { key: "automation", segment: "automatisering", permission: "users.read" },
  { key: "updates", segment: "opdateringer", permission: "admin.view" },
  { key: "webhooks", segment: "webhooks", permission: "settings.read" },
  { key: "audit", segment: "log", permission: "audit.read" },
] as const satisfies ReadonlyArray<{ key: string; segment: string; permission: Permission }>;

export type AdminSection = (typeof ADMIN_SECTIONS)[number];
export type AdminSectionKey = AdminSection["key"];

export function adminSection(key: AdminSectionKey): AdminSection {
  const s = ADMIN_SECTIONS.find((x) => x.key === key);
  if (!s) throw new Error(`unknown admin section ${key}`);
  return s;
}

/** The URL of a section (optionally a sub-path below it). */
export function adminHref(slug: string, key: AdminSectionKey, sub?: string): string {
  const { segment } = adminSection(key);
  const base = segment ? `/${slug}/admin/${segment}` : `/${slug}/admin`;
  return sub ? `${base}/${sub.replace(/^\/+/, "")}` : base;
}

/** The sections a set of permissions may see, in menu order. */
export function visibleSections(permissions: ReadonlySet<Permission>): AdminSection[] {
  return ADMIN_SECTIONS.filter((s) => permissions.has(s.permission));
}
