/**
 * The operator's organisation admin (app/operator/actions.ts, lib/operator/organisations.ts) through
 * the request wrapper against this lane's database: onboarding with slug validation, the invited
 * administrator in the same transaction (and a failure leaving nothing), suspension refused
 * centrally for staff and tenants of that organisation (pages, actions, routes) with nothing deleted,
 * resuming, the per-organisation figures, and that no staff user can call an operator action.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, now, redirects, staffSession } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.9" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { createOrganisationWith, organisationBySlug, operatorByEmail } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { resolveNeed } = await import("@/lib/http/context");
const { createOrganisationAction, suspendOrganisationAction, resumeOrganisationAction } = await import("@/app/operator/actions");
const { saveTextAction } = await import("@/app/[organisation]/admin/tekster/actions");
const { saveNemKontoConsent } = await import("@/app/[organisation]/beboer/indstillinger/actions");
const { inviteStaffUser } = await import("@/lib/admin/invitations");
const { tokenHash } = await import("@/lib/crypto");
const { writeDefaultCodes, defaultSettings } = await import("@/lib/organisation/defaults");
const { organisationsWithFigures, danishMonthStart } = await import("@/lib/operator/organisations");
const { demoOperator } = await import("@/lib/demo/staff");
const { GET: sessionRoute } = await import("@/app/api/[organisation]/session/route");
const { GET: addressRoute } = await import("@/app/api/[organisation]/adresser/route");
const { requireContext } = await import("@/lib/http/wrappers");
const { NextRequest } = await import("next/server");
const { demoDatabase } = await import("../support/db");
const { staffSignIn: credentialSignIn } = await import("@/lib/auth/credentials");
const { encryptSecret, hashPassword } = await import("@/lib/crypto");
const { currentTotp, newTotpSecret, TOTP_PERIOD_SECONDS } = await import("@/lib/auth/totp");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: ReturnType<typeof createPrismaClient>;
let operatorSession: AppSession;
let nordhavnStaff: AppSession;
const run = randomUUID().slice(0, 8);
const slugOf = (name: string) => `t${run}-${name}`;

beforeAll(async () => {
  prisma = await demoDatabase();
  const op = (await operatorByEmail(prisma, demoOperator.email))!;
  operatorSession = { kind: "operator", uid: op.id, name: op.name, email: op.email, authAt: now() };
  nordhavnStaff = await staffSession(prisma, "nordhavn", "admin@nordhavn.example");
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  current.session = operatorSession;
  redirects.length = 0;
});

const orgCount = () => prisma.organisation.count();

async function create(slug: string, adminEmail = `admin@${slug}.example`) {
  await expect(createOrganisationAction(null, form({ slug, name: `Org ${slug}`, adminName: "Ada Admin", adminEmail }))).rejects.toThrow("NEXT_REDIRECT");
  return (await organisationBySlug(prisma, slug))!;
}

describe("creating an organisation", () => {
  it("creates the organisation, its default codes and the invited administrator (user, invite, mail job, audit) and redirects", async () => {
    const slug = slugOf("ny");
    const org = await create(slug, "Ada.Admin@Example.COM");
    expect(redirects).toEqual([`/operator/organisationer/${slug}?oprettet=1`]);
    expect(org).toMatchObject({ slug, name: `Org ${slug}`, suspendedAt: null });
    const db = orgDb(org.id, prisma);
    const users = await db.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: "ada.admin@example.com", name: "Ada Admin", passwordHash: null, totpSecretEnc: null, active: true, automation: false });
    expect(users[0]!.roles).toContain("MANAGE_USERS");
    const invites = await db.userInvite.findMany();
    expect(invites).toHaveLength(1);
    expect(invites[0]).toMatchObject({ userId: users[0]!.id, purpose: "invite", usedAt: null });
    expect(invites[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(invites[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const jobs = await db.job.findMany({ where: { name: "send-mail" } });
    expect(jobs).toHaveLength(1);
    const mail = jobs[0]!.payload as { to: string[]; subject: string; text: string };
    expect(mail.to).toEqual(["ada.admin@example.com"]);
    const link = mail.text.match(/https?:\/\/\S+\/admin\/invitation\/(\S+)/);
    expect(link).not.toBeNull();
    expect(tokenHash(link![1]!)).toBe(invites[0]!.tokenHash); // the mail carries the token, the row only its hash
    expect(mail.text).not.toContain(invites[0]!.tokenHash);
    // A working organisation: notice rules and reasons for the wizard.
    expect(await db.kode.count({ where: { type: "OPSIGELSESVARSEL" } })).toBeGreaterThanOrEqual(3);
    expect(await db.kode.count({ where: { type: "OPSIGELSESAARSAG", tagText: { not: null } } })).toBeGreaterThanOrEqual(5);
    const audits = await db.auditLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.type).sort()).toEqual(["ORGANISATION_CREATED", "USER_CREATED", "USER_INVITED"]);
    expect(audits.every((a) => a.actorType === "OPERATOR" && a.actorId === operatorSession.uid && a.ip === "192.0.2.9")).toBe(true);
  });

  it.each([
    ["too short", "ab", "slug"],
    ["upper case", "Nordby", "slug"],
    ["a space", "nord by", "slug"],
    ["a leading hyphen", "-nordby", "slug"],
    ["too long", "a".repeat(41), "slug"],
    ["reserved: operator", "operator", "slug"],
    ["reserved: api", "api", "slug"],
    ["reserved: auth", "auth", "slug"],
  ])("refuses a slug with %s, nothing created", async (_n, slug, field) => {
    const before = await orgCount();
    const r = await createOrganisationAction(null, form({ slug, name: "Org", adminName: "Ada Admin", adminEmail: "ada@example.com" }));
    expect(r).toMatchObject({ ok: false, error: "invalid-input", status: 400 });
    if (!r.ok) expect(r.fieldErrors?.[field]?.[0]).toMatch(slug.startsWith("o") || slug === "api" || slug === "auth" ? /reserveret/ : /3–40 tegn/);
    expect(await orgCount()).toBe(before);
    expect(redirects).toEqual([]);
  });

  it("refuses a bad administrator e-mail and a missing name with field messages", async () => {
    const before = await orgCount();
    const r = await createOrganisationAction(null, form({ slug: slugOf("bad"), name: "", adminName: "Ada", adminEmail: "not-an-email" }));
    expect(r).toMatchObject({ ok: false, error: "invalid-input" });
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["adminEmail", "name"]);
    expect(await orgCount()).toBe(before);
  });

  it("refuses a taken slug (409 on slug) and leaves the existing organisation as it was", async () => {
    const before = await orgCount();
    const r = await createOrganisationAction(null, form({ slug: "nordhavn", name: "Copy", adminName: "Eve Evil", adminEmail: "eve@example.com" }));
    expect(r).toMatchObject({ ok: false, error: "conflict", status: 409 });
    if (!r.ok) expect(r.fieldErrors?.slug).toBeDefined();
    expect(await orgCount()).toBe(before);
    expect((await organisationBySlug(prisma, "nordhavn"))!.name).toBe("Nordhavn Boligadministration");
  });

  it("is all or nothing: a failure after the codes and the invitation leaves no organisation, user, invite or job", async () => {
    const slug = slugOf("rollback");
    const actor = { type: "OPERATOR" as const, id: operatorSession.uid, label: "op" };
    let orgId = "";
    await expect(
      createOrganisationWith(prisma, { slug, name: "Rollback", settings: defaultSettings() }, { actor }, async (tx, o) => {
        orgId = o.id;
        await writeDefaultCodes(tx, "test");
        await inviteStaffUser(tx, { organisationId: o.id, email: "x@example.com", name: "X", roles: ["MANAGE_USERS"], invitedBy: actor, organisation: { slug, name: "Rollback" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await organisationBySlug(prisma, slug)).toBeNull();
    for (const model of ["user", "userInvite", "job", "kode", "auditLog"] as const) {
      expect(await (prisma[model] as unknown as { count: (a: unknown) => Promise<number> }).count({ where: { organisationId: orgId } })).toBe(0);
    }
  });

  it("refuses staff and tenants: only an operator may call operator actions", async () => {
    const before = await orgCount();
    for (const s of [nordhavnStaff, null]) {
      current.session = s;
      expect(await createOrganisationAction(null, form({ slug: slugOf("staff"), name: "S", adminName: "S S", adminEmail: "s@example.com" }))).toMatchObject({ ok: false, error: "signed-out" });
      expect(await suspendOrganisationAction(null, form({ slug: "nordhavn", reason: "Staff tries" }))).toMatchObject({ ok: false, error: "signed-out" });
      expect(await resumeOrganisationAction(null, form({ slug: "nordhavn" }))).toMatchObject({ ok: false, error: "signed-out" });
    }
    expect(await orgCount()).toBe(before);
    expect((await organisationBySlug(prisma, "nordhavn"))!.suspendedAt).toBeNull();
  });
});

describe("suspending and resuming", () => {
  it("a suspended organisation's staff cannot sign in with a right password and code", async () => {
    const slug = slugOf("signin");
    const org = await create(slug);
    const db = orgDb(org.id, prisma);
    const secret = newTotpSecret();
    const admin = await db.user.findFirstOrThrow();
    await db.user.update({ where: { id: admin.id }, data: { passwordHash: await hashPassword("Rigtig-kode-2026!"), totpSecretEnc: encryptSecret(secret) } });
    const meta = { ip: "192.0.2.77", userAgent: "vitest" };
    const at = (k: number) => Date.now() + k * TOTP_PERIOD_SECONDS * 1000;
    const creds = (k: number) => ({ organisation: slug, email: admin.email, password: "Rigtig-kode-2026!", code: currentTotp(secret, at(k)) });
    expect(await credentialSignIn(creds(0), meta, { now: at(0) })).toMatchObject({ ok: true });

    current.session = operatorSession;
    await expect(suspendOrganisationAction(null, form({ slug, reason: "Pause" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(await credentialSignIn(creds(1), meta, { now: at(1) })).toMatchObject({ ok: false });
    const failed = await db.auditLog.findMany({ where: { type: "STAFF_SIGN_IN_FAILED", entityId: admin.id } });
    expect(failed.map((a) => a.after)).toEqual([{ reason: "inactive" }]);
  });

  it("refuses its staff and tenants everywhere with \"suspended\", deletes nothing, and resuming restores all", async () => {
    const slug = slugOf("pause");
    const org = await create(slug);
    const db = orgDb(org.id, prisma);
    const admin = await db.user.findFirstOrThrow();
    const staff: AppSession = { kind: "staff", uid: admin.id, name: admin.name, orgId: org.id, orgSlug: slug, roles: admin.roles, sv: admin.sessionVersion, authAt: now() };
    const person = await db.person.create({ data: { organisationId: org.id, name: "Tina Tenant" } });
    const tenant: AppSession = { kind: "tenant", uid: person.id, name: person.name, orgId: org.id, orgSlug: slug, authAt: now() };
    await prisma.authSession.create({ data: { id: `test-${run}`, kind: "staff", subjectId: admin.id, orgSlug: slug, expiresAt: new Date(Date.now() + 3_600_000) } });
    const counts = async () => ({ users: await db.user.count(), codes: await db.kode.count(), persons: await db.person.count(), invites: await db.userInvite.count(), sessions: await prisma.authSession.count({ where: { subjectId: admin.id, endedAt: null } }) });
    const before = await counts();

    const resolve = (session: AppSession | null, kind: "staff" | "tenant" | "public") => resolveNeed({ kind } as never, { slug, credentials: { session, bearer: null }, meta: {} as never });
    expect(await resolve(staff, "staff")).toMatchObject({ ok: true });
    expect(await resolve(tenant, "tenant")).toMatchObject({ ok: true });

    redirects.length = 0;
    await expect(suspendOrganisationAction(null, form({ slug, reason: "Kontrakten er sat på pause" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/operator/organisationer/${slug}?lukket=1`]);
    expect((await organisationBySlug(prisma, slug))!).toMatchObject({ suspendedReason: "Kontrakten er sat på pause" });

    for (const [session, kind] of [[staff, "staff"], [tenant, "tenant"], [null, "public"], [null, "staff"]] as const) {
      const r = await resolve(session, kind);
      expect(r).toMatchObject({ ok: false, reason: "suspended" });
    }
    // Server actions of that organisation: a 503 "suspended", nothing saved.
    current.session = staff;
    const r = await saveTextAction(slug, null, form({ key: "wizard.general.title", da: "Lukket?" }));
    expect(r).toMatchObject({ ok: false, error: "suspended", status: 503 });
    current.session = tenant;
    expect(await saveNemKontoConsent(slug, null, form({ consent: "give" }))).toMatchObject({ ok: false, error: "suspended", status: 503 });
    expect((await organisationBySlug(prisma, slug))!.settings.texts).toEqual({});
    // Route handlers: a 503 problem, never data — staff and public routes alike.
    current.session = staff;
    const routeArgs = (path: string) => [new NextRequest(`http://localhost/api/${slug}/${path}`, { headers: { "x-forwarded-for": "192.0.2.9" } }), { params: Promise.resolve({ organisation: slug }) }] as const;
    const sessionRes = await sessionRoute(...routeArgs("session"));
    expect(sessionRes.status).toBe(503);
    expect(await sessionRes.json()).toMatchObject({ error: "suspended" });
    const addressRes = await addressRoute(...routeArgs("adresser?q=Havnegade"));
    expect(addressRes.status).toBe(503);
    // Pages: the "temporarily closed" page instead (a redirect to /{organisation}/lukket).
    redirects.length = 0;
    await expect(requireContext({ kind: "staff" }, slug)).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/${slug}/lukket`]);
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).nemKontoConsent).toBe(false);
    // The operator is not affected, and another organisation neither.
    expect(await resolveNeed({ kind: "operator" }, { credentials: { session: operatorSession, bearer: null }, meta: {} as never })).toMatchObject({ ok: true });
    expect(await resolveNeed({ kind: "staff" }, { slug: "nordhavn", credentials: { session: nordhavnStaff, bearer: null }, meta: {} as never })).toMatchObject({ ok: true });
    expect(await counts()).toEqual(before);

    current.session = operatorSession;
    redirects.length = 0;
    await expect(resumeOrganisationAction(null, form({ slug }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/operator/organisationer/${slug}?aabnet=1`]);
    expect(await resolve(staff, "staff")).toMatchObject({ ok: true });
    expect(await resolve(tenant, "tenant")).toMatchObject({ ok: true });
    current.session = staff;
    const again = await sessionRoute(new NextRequest(`http://localhost/api/${slug}/session`, { headers: { "x-forwarded-for": "192.0.2.9" } }), { params: Promise.resolve({ organisation: slug }) });
    expect(again.status).toBe(200);
    expect(await counts()).toEqual(before);

    const audits = await db.auditLog.findMany({ where: { type: { in: ["ORGANISATION_SUSPENDED", "ORGANISATION_RESUMED"] } }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.type, a.before, a.after, a.actorType])).toEqual([
      ["ORGANISATION_SUSPENDED", { suspended: false, reason: null }, { suspended: true, reason: "Kontrakten er sat på pause" }, "OPERATOR"],
      ["ORGANISATION_RESUMED", { suspended: true, reason: "Kontrakten er sat på pause" }, { suspended: false, reason: null }, "OPERATOR"],
    ]);
  });

  it("refuses a suspension without a reason, and an unknown organisation", async () => {
    expect(await suspendOrganisationAction(null, form({ slug: "nordhavn", reason: "" }))).toMatchObject({ ok: false, error: "invalid-input" });
    expect(await suspendOrganisationAction(null, form({ slug: slugOf("nowhere"), reason: "Nobody" }))).toMatchObject({ ok: false, error: "not-found" });
    expect((await organisationBySlug(prisma, "nordhavn"))!.suspendedAt).toBeNull();
  });
});

describe("the figures per organisation", () => {
  it("counts tenancies, notices submitted this month (Danish time) and staff for each of two organisations", async () => {
    const a = await create(slugOf("fig-a"));
    const b = await create(slugOf("fig-b"));
    const monthStart = danishMonthStart();
    const fill = async (orgId: string, tenancies: number, thisMonth: number, lastMonth: number, extraStaff: number) => {
      await orgDb(orgId, prisma).$transaction(async (tx) => {
        const rule = await tx.kode.findFirstOrThrow({ where: { type: "OPSIGELSESVARSEL" } });
        const selskab = await tx.selskab.create({ data: { organisationId: orgId, nr: 1, name: "S" } });
        const ejendom = await tx.ejendom.create({ data: { organisationId: orgId, selskabId: selskab.id, nr: 1, name: "E" } });
        const person = await tx.person.create({ data: { organisationId: orgId, name: "P" } });
        const lejere: string[] = [];
        for (let i = 1; i <= tenancies; i++) {
          const lm = await tx.lejemaal.create({ data: { organisationId: orgId, ejendomId: ejendom.id, nr: i, address1: `Vej ${i}`, postalCode: "1000", city: "By" } });
          lejere.push((await tx.lejer.create({ data: { organisationId: orgId, lejemaalId: lm.id, nr: 1, moveInDate: new Date("2020-01-01"), noticeRuleId: rule.id, renovationDays: 14, legalTenant1Id: person.id } })).id);
        }
        for (let i = 0; i < thisMonth; i++) await tx.opsigelse.create({ data: { organisationId: orgId, lejerId: lejere[i % lejere.length]!, status: "SUBMITTED", submittedAt: new Date(monthStart.getTime() + 60_000) } });
        for (let i = 0; i < lastMonth; i++) await tx.opsigelse.create({ data: { organisationId: orgId, lejerId: lejere[i % lejere.length]!, status: "SUBMITTED", submittedAt: new Date(monthStart.getTime() - 60_000) } });
        await tx.opsigelse.create({ data: { organisationId: orgId, lejerId: lejere[0]!, status: "DRAFT" } }); // a draft is not a notice
        for (let i = 0; i < extraStaff; i++) await tx.user.create({ data: { organisationId: orgId, email: `s${i}@example.com`, name: `S${i}`, roles: ["CASEWORKER"] } });
        await tx.user.create({ data: { organisationId: orgId, email: "robot@example.com", name: "Robot", roles: ["COMPLETE_TODOS"], automation: true } }); // not staff
      });
    };
    await fill(a.id, 3, 2, 1, 1);
    await fill(b.id, 1, 0, 2, 0);
    const rows = await organisationsWithFigures({ kind: "operator" } as never);
    expect(rows.find((r) => r.id === a.id)).toMatchObject({ tenancies: 3, noticesThisMonth: 2, staff: 2 });
    expect(rows.find((r) => r.id === b.id)).toMatchObject({ tenancies: 1, noticesThisMonth: 0, staff: 1 });
  });

  it("starts the month at midnight Danish time", () => {
    expect(danishMonthStart(new Date("2026-12-01T10:00:00Z")).toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(danishMonthStart(new Date("2026-11-30T23:30:00Z")).toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(danishMonthStart(new Date("2026-07-15T12:00:00Z")).toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });
});
