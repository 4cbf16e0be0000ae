/**
 * next-auth's own session endpoint (GET /api/auth/session) answers from the cookie alone: it
 * decrypts the JWT and returns what the session callback makes of it. A copied cookie of a session
 * that has been signed out must get nothing there either — not the person's name, e-mail, roles or
 * organisation. Runs next-auth's real request handler (next-auth/core) with the app's options.
 */
import { vi } from "vitest";

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz";
  process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";
  process.env.NEXTAUTH_URL ??= "http://localhost:3000";
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";
import type { Db } from "@/lib/db/client";
import { organisationBySlug } from "@/lib/db/platform";
import { orgDb } from "@/lib/db/scoped";
import { demoDatabase } from "../support/db";
import { demoStaff } from "@/lib/demo/staff";
import { authOptions } from "@/lib/auth/options";
import { closeSession, openSession } from "@/lib/auth/session-store";
import type { AppSession } from "@/lib/auth/types";

// next-auth's request handler is not in its package exports; load it the way next-auth/next does.
type AuthHandlerFn = (params: { req: Record<string, unknown>; options: unknown }) => Promise<{ body?: unknown }>;
const { AuthHandler } = createRequire(import.meta.url)("../../node_modules/next-auth/core/index.js") as { AuthHandler: AuthHandlerFn };

let prisma: Db;

beforeAll(async () => {
  prisma = await demoDatabase();
});

afterAll(async () => {
  await prisma?.$disconnect();
});

async function staffCookie(): Promise<{ cookie: string; sid: string }> {
  const org = (await organisationBySlug(prisma, "nordhavn"))!;
  const email = demoStaff.find((s) => s.organisationSlug === "nordhavn")!.email;
  const user = await orgDb(org.id, prisma).user.findFirstOrThrow({ where: { email } });
  const { sid } = await openSession({ kind: "staff", subjectId: user.id, orgSlug: "nordhavn" });
  const app: AppSession = {
    kind: "staff", uid: user.id, sid, name: user.name, email: user.email, authAt: Math.floor(Date.now() / 1000),
    orgId: org.id, orgSlug: "nordhavn", roles: user.roles, sv: user.sessionVersion,
  };
  const cookie = await encode({ token: { name: user.name, email: user.email, sub: user.id, app } as never, secret: process.env.AUTH_SECRET! });
  return { cookie, sid };
}

async function sessionEndpoint(cookie: string) {
  const res = await AuthHandler({
    req: {
      action: "session",
      method: "GET",
      host: "http://localhost:3000",
      headers: {},
      query: {},
      cookies: { "next-auth.session-token": cookie },
    },
    options: await authOptions(),
  });
  return res.body as Record<string, unknown>;
}

describe("GET /api/auth/session", () => {
  it("answers a live session with its app session", async () => {
    const { cookie } = await staffCookie();
    const body = await sessionEndpoint(cookie);
    expect((body.app as AppSession | undefined)?.kind).toBe("staff");
  });

  it("gives a copied cookie nothing once the session is signed out (no name, e-mail, roles)", async () => {
    const { cookie, sid } = await staffCookie();
    expect((await closeSession(sid)).ended).toBe(true);
    const body = await sessionEndpoint(cookie);
    expect(body).toEqual({});
  });
});

describe("POST /api/auth/logout with a copied cookie of an ended session", () => {
  it("gets no ID token (which carries the tenant's CPR number) for the identity provider's logout URL", async () => {
    const org = (await organisationBySlug(prisma, "nordhavn"))!;
    const person = await orgDb(org.id, prisma).person.findFirstOrThrow({ where: { name: "Anna Jensen" } });
    const idToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4IiwiY3ByIjoiMDEwMTkwMTIzNCJ9.sig";
    const { sid } = await openSession({ kind: "tenant", subjectId: person.id, orgSlug: "nordhavn", idToken });
    // The sign-out itself gets it, once, to end the identity provider's session too.
    expect(await closeSession(sid)).toEqual({ ended: true, idToken });
    // The same cookie, copied and posted again: the session is ended, and no ID token comes back.
    expect(await closeSession(sid)).toEqual({ ended: true, idToken: null });
  });
});
