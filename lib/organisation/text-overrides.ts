/**
 * Which organisation's texts a request's messages get (i18n/request.ts). proxy.ts copies the
 * request's path into ORG_PATH_HEADER (overwriting anything the client sent); the tenant pages of
 * an organisation — every page under /{organisation}/ except its staff pages /{organisation}/admin —
 * get its overrides. The organisation is read once per request (shared with the request resolver).
 */
import "server-only";
import { organisationOf } from "@/lib/http/context";
import type { TextOverrides } from "./texts";

export const ORG_PATH_HEADER = "x-fraflyt-path";

const NOT_ORGANISATIONS = new Set(["api", "operator", "auth", "_next", "actions", "udviklere"]);

/** The organisation slug of a tenant page's path, or null (staff pages, the operator, API routes). */
export function tenantSlugOfPath(path: string | null | undefined): string | null {
  if (!path) return null;
  const [first, second] = path.split("?")[0]!.split("/").filter(Boolean);
  if (!first || NOT_ORGANISATIONS.has(first) || second === "admin") return null;
  return first;
}

export async function tenantTextOverrides(path: string | null | undefined): Promise<TextOverrides | undefined> {
  const slug = tenantSlugOfPath(path);
  if (!slug) return undefined;
  try {
    const org = await organisationOf(slug);
    return org?.settings.texts;
  } catch {
    return undefined; // no database (a static render): our defaults
  }
}
