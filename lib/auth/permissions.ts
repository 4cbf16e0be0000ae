/**
 * Roles and permissions as a typed registry (resource.action). Code checks permissions, never role
 * names, so adding a role is a change here only, and the admin can list them for free.
 */
export const PERMISSIONS = [
  "admin.view",
  "users.read",
  "users.manage",
  "todos.read",
  "todos.complete",
  "notices.read",
  "notices.manage",
  "tenancies.read",
  "tenancies.manage",
  "codes.read",
  "codes.manage",
  "settings.read",
  "settings.manage",
  "reports.read",
  "audit.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["MANAGE_USERS", "COMPLETE_TODOS", "CASEWORKER", "READ_ONLY"] as const;
export type Role = (typeof ROLES)[number];

const READ: Permission[] = ["admin.view", "notices.read", "tenancies.read", "codes.read", "settings.read", "reports.read", "todos.read", "audit.read"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  MANAGE_USERS: ["admin.view", "users.read", "users.manage", "audit.read"],
  COMPLETE_TODOS: ["admin.view", "todos.read", "todos.complete"],
  CASEWORKER: [...READ, "notices.manage", "tenancies.manage", "codes.manage", "settings.manage", "todos.complete"],
  READ_ONLY: READ,
};

/** The only role an automation account may hold (landlord-portal policy). */
export const AUTOMATION_ROLES: readonly Role[] = ["COMPLETE_TODOS"];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) if (isRole(r)) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return permissionsOf(roles).has(permission);
}
