/**
 * Staff and operator sign-in (password + TOTP), and the request resolver that every page, action
 * and route goes through: the URL's organisation must agree with the session's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { staffSignIn, operatorSignIn } from "@/lib/auth/credentials";
import { currentTotp } from "@/lib/auth/totp";
import { resolveOrgContext } from "@/lib/http/context";
import { seedDemo } from "@/lib/demo/seed";
import { demoOperator, demoStaff, DEMO_PASSWORD } from "@/lib/demo/staff";
import { organisationBySlug } from "@/lib/db/platform";
import { orgDb } from "@/lib/db/scoped";
import { hashPassword, verifyPassword } from "@/lib/crypto";
import type { AppSession } from "@/lib/auth/types";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: Db;
const admin = demoStaff.find((s) => s.email === "admin@nordhavn.example")!;
const readOnly = demoStaff.find((s) => s.email === "laeser@nordhavn.example")!;
const meta = { ip: "127.0.0.1", userAgent: "vitest" };

beforeAll(async () => {
  prisma = createPrismaClient(inject("databaseUrl"));
  // The app's own modules use the process-wide client: point it at the test database.
  process.env.DATABASE_URL = inject("databaseUrl");
  await seedDemo({ db: prisma, today: "2026-11-25", idpIssuer: "http://localhost:4999" });
});

afterAll(async () => {
  await prisma?.$disconnect();
});

describe("passwords", () => {
  it("are stored with scrypt and verified", async () => {
    const h = await hashPassword("correct horse");
    expect(h.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword("correct horse", h)).toBe(true);
    expect(await verifyPassword("wrong horse", h)).toBe(false);
    expect(await verifyPassword("x", null)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("staff sign-in", () => {
  const creds = (over: Record<string, string> = {}) => ({
    organisation: "nordhavn",
    email: admin.email,
    password: DEMO_PASSWORD,
    code: currentTotp(admin.totpSecret),
    ...over,
  });

  it("accepts the right password and the current TOTP code", async () => {
    const r = await staffSignIn(creds(), meta);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.session.kind).toBe("staff");
      expect(r.session.orgSlug).toBe("nordhavn");
      expect(r.session.roles).toEqual(["MANAGE_USERS", "CASEWORKER"]);
    }
  });

  it.each([
    ["a wrong TOTP code", { code: "000000" }],
    ["a code of another user", { code: currentTotp(readOnly.totpSecret) }],
    ["an old code", { code: currentTotp(admin.totpSecret, Date.now() - 10 * 60_000) }],
    ["a wrong password", { password: "nope" }],
    ["an unknown e-mail", { email: "nobody@nordhavn.example" }],
    ["another organisation", { organisation: "solbakken" }],
    ["an unknown organisation", { organisation: "findes-ikke" }],
    ["a malformed code", { code: "12ab56" }],
  ])("refuses %s", async (_label, over) => {
    expect((await staffSignIn(creds(over), meta)).ok).toBe(false);
  });

  it("audits failed and successful attempts in the organisation", async () => {
    const org = (await organisationBySlug(prisma, "nordhavn"))!;
    const db = orgDb(org.id, prisma);
    const failed = await db.auditLog.findMany({ where: { type: "STAFF_SIGN_IN_FAILED", actorLabel: admin.email } });
    expect(failed.some((f) => (f.after as { reason?: string })?.reason === "totp")).toBe(true);
    expect(failed.some((f) => (f.after as { reason?: string })?.reason === "password")).toBe(true);
    expect(await db.auditLog.count({ where: { type: "STAFF_SIGNED_IN", actorLabel: admin.email } })).toBeGreaterThan(0);
    expect(failed.every((f) => f.userAgent === "vitest" && f.ip === "127.0.0.1")).toBe(true);
  });

  it("refuses a deactivated user", async () => {
    const org = (await organisationBySlug(prisma, "nordhavn"))!;
    const db = orgDb(org.id, prisma);
    await db.user.updateMany({ where: { email: readOnly.email }, data: { active: false } });
    const r = await staffSignIn({ organisation: "nordhavn", email: readOnly.email, password: DEMO_PASSWORD, code: currentTotp(readOnly.totpSecret) }, meta);
    expect(r.ok).toBe(false);
    await db.user.updateMany({ where: { email: readOnly.email }, data: { active: true } });
  });
});

describe("repeated failures lock the account for a while", () => {
  it("refuses even the right code after five failures, and audits the lock", async () => {
    const s = demoStaff.find((x) => x.email === "sagsbehandler@nordhavn.example")!;
    const attempt = (code: string) => staffSignIn({ organisation: "nordhavn", email: s.email, password: DEMO_PASSWORD, code }, meta);
    expect((await attempt(currentTotp(s.totpSecret))).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect((await attempt("000000")).ok).toBe(false);
    expect((await attempt(currentTotp(s.totpSecret))).ok).toBe(false);
    const org = (await organisationBySlug(prisma, "nordhavn"))!;
    const locked = await orgDb(org.id, prisma).auditLog.count({ where: { type: "STAFF_SIGN_IN_FAILED", actorLabel: s.email, after: { path: ["reason"], equals: "locked" } } });
    expect(locked).toBe(1);
    // Other users are not affected.
    const other = demoStaff.find((x) => x.email === "todo@nordhavn.example")!;
    expect((await staffSignIn({ organisation: "nordhavn", email: other.email, password: DEMO_PASSWORD, code: currentTotp(other.totpSecret) }, meta)).ok).toBe(true);
  });
});

describe("operator sign-in", () => {
  it("accepts password + TOTP and refuses a wrong code", async () => {
    const ok = await operatorSignIn({ email: demoOperator.email, password: DEMO_PASSWORD, code: currentTotp(demoOperator.totpSecret) }, meta);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.session.kind).toBe("operator");
    const bad = await operatorSignIn({ email: demoOperator.email, password: DEMO_PASSWORD, code: "123456" }, meta);
    expect(bad.ok).toBe(false);
  });
});

describe("resolveOrgContext: session → organisation → role", () => {
  async function staffSession(email: string): Promise<AppSession> {
    const s = demoStaff.find((x) => x.email === email)!;
    const r = await staffSignIn({ organisation: s.organisationSlug, email, password: DEMO_PASSWORD, code: currentTotp(s.totpSecret) }, meta);
    if (!r.ok) throw new Error("sign-in failed");
    return { ...r.session, authAt: Math.floor(Date.now() / 1000) };
  }

  it("gives staff their own organisation with fresh roles", async () => {
    const r = await resolveOrgContext("nordhavn", { kind: "staff", permission: "admin.view" }, await staffSession(admin.email));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.ctx.org.slug).toBe("nordhavn");
      expect(r.ctx.permissions.has("users.manage")).toBe(true);
    }
  });

  it("answers not-found to staff of another organisation", async () => {
    const r = await resolveOrgContext("nordhavn", { kind: "staff" }, await staffSession("admin@solbakken.example"));
    expect(r).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("refuses a permission the role does not have", async () => {
    const r = await resolveOrgContext("nordhavn", { kind: "staff", permission: "users.manage" }, await staffSession(readOnly.email));
    expect(r).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("treats a tenant, an operator or nobody as signed out of the admin", async () => {
    const org = (await organisationBySlug(prisma, "nordhavn"))!;
    const person = await orgDb(org.id, prisma).person.findFirst({ where: { name: "Anna Jensen" } });
    const tenant: AppSession = { kind: "tenant", uid: person!.id, name: "Anna Jensen", orgId: org.id, orgSlug: "nordhavn", authAt: Math.floor(Date.now() / 1000) };
    expect(await resolveOrgContext("nordhavn", { kind: "staff" }, tenant)).toMatchObject({ ok: false, reason: "signed-out" });
    expect(await resolveOrgContext("nordhavn", { kind: "tenant" }, tenant)).toMatchObject({ ok: true });
    const operator: AppSession = { kind: "operator", uid: "x", name: "Op", authAt: Math.floor(Date.now() / 1000) };
    expect(await resolveOrgContext("nordhavn", { kind: "staff" }, operator)).toMatchObject({ ok: false, reason: "signed-out" });
    expect(await resolveOrgContext("nordhavn", { kind: "staff" }, null)).toMatchObject({ ok: false, reason: "signed-out" });
    expect(await resolveOrgContext("findes-ikke", { kind: "staff" }, null)).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("ends sessions when the user's session version changes", async () => {
    const s = await staffSession(admin.email);
    const org = (await organisationBySlug(prisma, "nordhavn"))!;
    await orgDb(org.id, prisma).user.update({ where: { id: s.uid }, data: { sessionVersion: { increment: 1 } } });
    expect(await resolveOrgContext("nordhavn", { kind: "staff" }, s)).toMatchObject({ ok: false, reason: "signed-out" });
  });
});
