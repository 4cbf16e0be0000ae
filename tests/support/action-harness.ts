/**
 * Shared harness for integration tests that call server actions / route handlers with a session.
 *
 * vi.mock calls are hoisted per test file, so each file still writes its own vi.mock lines — but the
 * factories come from here, and so does the state they share with the test:
 *
 *   import { current, redirects, staffSession, form } from "../support/action-harness";
 *   vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
 *   vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.9" }));
 *   vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));
 *   vi.mock("@/lib/http/form-flash", async () => (await import("../support/action-harness")).formFlashMock());
 *
 * The factory's dynamic import and the file's static import resolve to the same module instance
 * (one module graph per test file), so `current.session = …` in the test is what getAppSession returns.
 * This module imports nothing at load time that a test mocks (only types); helpers that need app
 * code import it lazily.
 */
import type { AppSession } from "@/lib/auth/types";
import type { FormFlash } from "@/lib/http/form-flash";
import type { createPrismaClient } from "@/lib/db/client";

type Prisma = ReturnType<typeof createPrismaClient>;

/** The session getAppSession returns; set it per test. */
export const current: { session: AppSession | null } = { session: null };
/** Every redirect() target, in order; clear it in beforeEach. */
export const redirects: string[] = [];
/** Every flash written by setFormFlash (with formFlashMock); clear it in beforeEach. */
export const flashes: FormFlash[] = [];
/** The cookie store of headersMock({ cookieJar: true }). */
export const jar = new Map<string, string>();

export const now = () => Math.floor(Date.now() / 1000);

export function sessionMock() {
  return { getAppSession: async () => current.session };
}

/**
 * next/headers: headers() carries the client ip (and "vitest" as user agent) when given, else none;
 * cookies() is empty and ignores writes, or (cookieJar) reads and writes `jar`.
 */
export function headersMock(opts: { ip?: string; cookieJar?: boolean } = {}) {
  const headers = async () => new Headers(opts.ip ? { "x-forwarded-for": opts.ip, "user-agent": "vitest" } : {});
  const cookies = opts.cookieJar
    ? async () => ({
        get: (n: string) => (jar.has(n) ? { name: n, value: jar.get(n)! } : undefined),
        set: (n: string, v: string) => void jar.set(n, v),
        delete: (n: string) => void jar.delete(n),
      })
    : async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined });
  return { headers, cookies };
}

/** next/navigation as it is, but redirect() records its target in `redirects` and throws like Next's. */
export async function navigationMock(orig: () => Promise<unknown>) {
  const real = (await orig()) as Record<string, unknown>;
  return {
    ...real,
    redirect: (to: string) => {
      redirects.push(to);
      throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to};307;` });
    },
  };
}

/** lib/http/form-flash without cookies: what is set lands in `flashes`; nothing is read back. */
export function formFlashMock() {
  return {
    setFormFlash: async (f: FormFlash) => void flashes.push(f),
    clearFormFlash: async () => undefined,
    readFormFlash: async () => null,
  };
}

type StaffUser = { id: string; name: string; email: string; roles: string[]; sessionVersion: number };

/** A staff session of a user row, as sign-in would make it. */
export function staffSessionOf(u: StaffUser, org: { id: string; slug: string }): AppSession {
  return { kind: "staff", uid: u.id, name: u.name, email: u.email, orgId: org.id, orgSlug: org.slug, roles: u.roles, sv: u.sessionVersion, authAt: now() };
}

/** The staff session of an existing user (by email) of the organisation `slug`. */
export async function staffSession(prisma: Prisma, slug: string, email: string): Promise<AppSession> {
  const { organisationBySlug } = await import("@/lib/db/platform");
  const { orgDb } = await import("@/lib/db/scoped");
  const org = await organisationBySlug(prisma, slug);
  if (!org) throw new Error(`no organisation ${slug}`);
  const u = await orgDb(org.id, prisma).user.findFirstOrThrow({ where: { email } });
  return staffSessionOf(u, { id: org.id, slug });
}

/** A tenant session of a person of an organisation. */
export function tenantSession(person: { id: string; name: string }, org: { id: string; slug: string }): AppSession {
  return { kind: "tenant", uid: person.id, name: person.name, orgId: org.id, orgSlug: org.slug, authAt: now() };
}

/** A FormData of string fields; a list becomes repeated `name[]` fields (a multi-select / checkbox group). */
export function form(values: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) for (const x of v) fd.append(`${k}[]`, x);
    else fd.set(k, v);
  }
  return fd;
}
