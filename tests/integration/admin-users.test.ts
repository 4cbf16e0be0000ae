/**
 * Users and roles (lib/admin/users.ts, lib/admin/invitations.ts and the actions of
 * app/[organisation]/admin/brugere) against this lane's database, in an organisation of this file's
 * own (so no demo row other tests rely on changes):
 *   - invite → the invitation e-mail is a send-mail job with the link → password → TOTP with a real
 *     code (otpauth) → the user signs in through lib/auth/credentials.ts;
 *   - the link is single-use (replay, second submit), expires, and is not found under another
 *     organisation; wrong codes and weak passwords are refused with field messages;
 *   - the last "Manage users" user cannot demote or disable themself, also when two last admins
 *     demote each other at the same moment (at most one succeeds);
 *   - every change bumps sessionVersion (the old session is refused) and is audited without secrets;
 *   - every action: another organisation's staff → not-found, nothing changed; read-only staff →
 *     refused; bad input → field messages; automation accounts are not changed here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, redirects, staffSession, staffSessionOf } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.31" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const { createPrismaClient } = await import("@/lib/db/client");
const { createOrganisation } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { organisationSettingsSchema } = await import("@/lib/organisation/settings");
const { encryptSecret, hashPassword } = await import("@/lib/crypto");
const { currentTotp, newTotpSecret, TOTP_PERIOD_SECONDS } = await import("@/lib/auth/totp");
const { staffSignIn } = await import("@/lib/auth/credentials");
const { resolveNeed } = await import("@/lib/http/context");
const inv = await import("@/lib/admin/invitations");
const { tokenHash } = await import("@/lib/crypto");
const users = await import("@/lib/admin/users");
const actions = await import("@/app/[organisation]/admin/brugere/actions");
const inviteActions = await import("@/app/[organisation]/admin/invitation/actions");
const { testDbLane, demoDatabase } = await import("../support/db");

let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string; slug: string; name: string };
let db: ReturnType<typeof orgDb>;
const PASSWORD = "Havnefronten-2026-lang";
const meta = { ip: "192.0.2.31", userAgent: "vitest" };
let slugCounter = 0;

type Staff = { id: string; email: string; secret: string; session: AppSession };

async function makeStaff(o: { id: string; slug: string }, email: string, roles: string[], extra: { automation?: boolean } = {}): Promise<Staff> {
  const secret = newTotpSecret();
  const u = await orgDb(o.id, prisma).user.create({
    data: { organisationId: o.id, email, name: email.split("@")[0]!, roles, passwordHash: await hashPassword(PASSWORD), totpSecretEnc: encryptSecret(secret), automation: extra.automation ?? false },
  });
  return { id: u.id, email, secret, session: staffSessionOf(u, o) };
}

async function newOrg(prefix: string) {
  return createOrganisation(prisma, { slug: `${prefix}-${process.pid}-${++slugCounter}`, name: `Brugere ${prefix}`, settings: organisationSettingsSchema.parse({}) }, { actor: { type: "SYSTEM", label: "test" } });
}

let admin: Staff;
let reader: Staff;
let robot: Staff;
let stranger: Staff;

beforeAll(async () => {
  prisma = await demoDatabase();
  org = await newOrg("brugere");
  db = orgDb(org.id, prisma);
  admin = await makeStaff(org, "admin@brugere.example", ["MANAGE_USERS", "CASEWORKER"]);
  reader = await makeStaff(org, "laeser@brugere.example", ["READ_ONLY"]);
  robot = await makeStaff(org, "robot@brugere.example", ["COMPLETE_TODOS"], { automation: true });
  const session = await staffSession(prisma, "solbakken", "admin@solbakken.example");
  stranger = { id: session.uid, email: session.email!, secret: "", session };
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  current.session = admin.session;
  redirects.length = 0;
});

const tokenOf = (text: string) => /\/admin\/invitation\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? null;
async function inviteMail(userId: string) {
  const invite = await db.userInvite.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } });
  const job = await db.job.findFirstOrThrow({ where: { name: "send-mail", key: `staff-invite:${invite.id}` } });
  return { invite, job, payload: job.payload as { to: string[]; subject: string; text: string } };
}
const userRow = (id: string) => db.user.findUniqueOrThrow({ where: { id } });
const auditsOf = (id: string) => db.auditLog.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" } });
const noSecretsIn = (rows: Array<{ before: unknown; after: unknown }>, secrets: string[]) => {
  const text = JSON.stringify(rows);
  for (const s of secrets) expect(text).not.toContain(s);
};

describe("invite → password → TOTP → sign in", () => {
  it("an administrator invites a person who sets a password, enrols TOTP and signs in", async () => {
    await expect(actions.inviteUser(org.slug, null, form({ name: "Nina Ny", email: " Nina@Brugere.example ", roles: ["CASEWORKER"] }))).rejects.toThrow("NEXT_REDIRECT");
    const nina = await db.user.findFirstOrThrow({ where: { email: "nina@brugere.example" } });
    expect(redirects).toEqual([`/${org.slug}/admin/brugere/${nina.id}?gemt=inviteret`]);
    expect(nina).toMatchObject({ name: "Nina Ny", roles: ["CASEWORKER"], passwordHash: null, totpSecretEnc: null, active: true, automation: false });

    const { invite, payload } = await inviteMail(nina.id);
    expect(payload.to).toEqual(["nina@brugere.example"]);
    expect(payload.subject).toContain(org.name);
    const token = tokenOf(payload.text)!;
    expect(payload.text).toContain(`http://localhost:3000/${org.slug}/admin/invitation/${token}`);
    expect(invite.tokenHash).toBe(tokenHash(token));
    expect(invite.tokenHash).not.toContain(token);
    expect(invite.expiresAt.getTime() - invite.createdAt.getTime()).toBeGreaterThan(71 * 3600_000);

    // step 1: weak passwords first
    for (const [password, confirm, field, problem] of [
      ["kort", "kort", "password", "too-short"],
      ["nina@brugere.example", "nina@brugere.example", "password", "is-email"],
      [PASSWORD, `${PASSWORD}x`, "confirm", "mismatch"],
    ] as const) {
      expect(await inv.setInvitePassword(db, { token, password, confirm })).toEqual({ ok: false, reason: "invalid", fields: { [field]: problem } });
    }
    expect((await userRow(nina.id)).passwordHash).toBeNull();
    expect(await inv.setInvitePassword(db, { token, password: PASSWORD, confirm: PASSWORD, meta })).toEqual({ ok: true, step: "totp" });
    expect(await inv.setInvitePassword(db, { token, password: PASSWORD, confirm: PASSWORD })).toEqual({ ok: false, reason: "wrong-step" });

    // step 2: the secret the page shows, a wrong code, then a real one
    const r = await db.$transaction((tx) => inv.resolveInvite(tx, token));
    expect(r.ok && r.invite.step).toBe("totp");
    const secret = r.ok ? inv.pendingTotpSecret(r.invite) : "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await inv.confirmInviteTotp(db, { token, code: "000000" })).toMatchObject({ ok: false, reason: "invalid", fields: { code: "wrong-code" } });
    const now = Date.now();
    expect(await inv.confirmInviteTotp(db, { token, code: currentTotp(secret, now), now: new Date(now), meta })).toEqual({ ok: true, step: "done" });

    const enrolled = await userRow(nina.id);
    expect(enrolled.passwordHash).toMatch(/^scrypt\$/);
    expect(enrolled.totpSecretEnc).toBeTruthy();
    expect((await db.userInvite.findUniqueOrThrow({ where: { id: invite.id } })).usedAt).not.toBeNull();

    // replayed: the page and both steps refuse it
    expect(await db.$transaction((tx) => inv.resolveInvite(tx, token))).toEqual({ ok: false, reason: "used" });
    expect(await inv.confirmInviteTotp(db, { token, code: currentTotp(secret) })).toEqual({ ok: false, reason: "used" });

    // sign in with the new password and a code of a later step (the enrolment claimed its step)
    const later = now + TOTP_PERIOD_SECONDS * 1000;
    const signIn = await staffSignIn({ organisation: org.slug, email: "nina@brugere.example", password: PASSWORD, code: currentTotp(secret, later) }, { ip: "192.0.2.32" }, { now: later });
    expect(signIn).toMatchObject({ ok: true, session: { kind: "staff", uid: nina.id, orgId: org.id } });

    const rows = await auditsOf(nina.id);
    expect(rows.map((x) => x.type)).toEqual(expect.arrayContaining(["USER_CREATED", "USER_INVITED", "USER_PASSWORD_SET", "USER_ENROLLED", "STAFF_SIGNED_IN"]));
    expect(rows.find((x) => x.type === "USER_CREATED")).toMatchObject({ actorId: admin.id, after: { email: "nina@brugere.example", roles: ["CASEWORKER"] } });
    noSecretsIn(rows, [token, secret, PASSWORD, tokenHash(token)]);
  });

  it("a second submit of the code (two at once) enrols once", async () => {
    const r = await inv.inviteStaffUser(db, { organisationId: org.id, email: "dobbelt@brugere.example", name: "Dobbelt", roles: ["READ_ONLY"], invitedBy: { type: "STAFF", id: admin.id, label: admin.email } });
    expect(r.ok).toBe(true);
    const token = tokenOf((await inviteMail(r.ok ? r.userId : "")).payload.text)!;
    await inv.setInvitePassword(db, { token, password: PASSWORD, confirm: PASSWORD });
    const live = await db.$transaction((tx) => inv.resolveInvite(tx, token));
    const secret = live.ok ? inv.pendingTotpSecret(live.invite) : "";
    const code = currentTotp(secret);
    const results = await Promise.all([inv.confirmInviteTotp(db, { token, code }), inv.confirmInviteTotp(db, { token, code })]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.filter((x) => !x.ok)).toEqual([{ ok: false, reason: "used" }]);
  });

  it("refuses an expired link, another organisation's link and a malformed one", async () => {
    const t0 = new Date("2026-11-20T10:00:00Z");
    const r = await inv.inviteStaffUser(db, { organisationId: org.id, email: "udloebet@brugere.example", name: "Udløbet", roles: ["READ_ONLY"], invitedBy: { type: "SYSTEM", label: "test" }, now: t0 });
    const token = tokenOf((await inviteMail(r.ok ? r.userId : "")).payload.text)!;
    const justBefore = new Date(t0.getTime() + inv.INVITE_TTL_HOURS * 3600_000 - 1000);
    expect((await db.$transaction((tx) => inv.resolveInvite(tx, token, justBefore))).ok).toBe(true);
    const after = new Date(t0.getTime() + inv.INVITE_TTL_HOURS * 3600_000 + 1000);
    expect(await db.$transaction((tx) => inv.resolveInvite(tx, token, after))).toEqual({ ok: false, reason: "expired" });
    expect(await inv.setInvitePassword(db, { token, password: PASSWORD, confirm: PASSWORD, now: after })).toEqual({ ok: false, reason: "expired" });

    // a live link of this organisation, looked up under another one: unknown, and nothing written
    const other = await newOrg("andet");
    const live = await inv.inviteStaffUser(db, { organisationId: org.id, email: "fremmed-link@brugere.example", name: "Fremmed", roles: ["READ_ONLY"], invitedBy: { type: "SYSTEM", label: "test" } });
    const liveToken = tokenOf((await inviteMail(live.ok ? live.userId : "")).payload.text)!;
    const otherDb = orgDb(other.id, prisma);
    expect(await otherDb.$transaction((tx) => inv.resolveInvite(tx, liveToken))).toEqual({ ok: false, reason: "unknown" });
    expect(await inv.setInvitePassword(otherDb, { token: liveToken, password: PASSWORD, confirm: PASSWORD })).toEqual({ ok: false, reason: "unknown" });
    expect((await userRow(live.ok ? live.userId : "")).passwordHash).toBeNull();

    expect(await db.$transaction((tx) => inv.resolveInvite(tx, "x".repeat(10)))).toEqual({ ok: false, reason: "unknown" });
    expect(await db.$transaction((tx) => inv.resolveInvite(tx, "A".repeat(43)))).toEqual({ ok: false, reason: "unknown" });
  });

  it("a new link replaces the previous one; an e-mail already in use is refused", async () => {
    const r = await inv.inviteStaffUser(db, { organisationId: org.id, email: "igen@brugere.example", name: "Igen", roles: ["READ_ONLY"], invitedBy: { type: "SYSTEM", label: "test" } });
    const id = r.ok ? r.userId : "";
    const first = tokenOf((await inviteMail(id)).payload.text)!;
    await expect(actions.resendUserInvite(org.slug, null, form({ userId: id }))).rejects.toThrow("NEXT_REDIRECT");
    const second = tokenOf((await inviteMail(id)).payload.text)!;
    expect(second).not.toBe(first);
    expect(await db.$transaction((tx) => inv.resolveInvite(tx, first))).toEqual({ ok: false, reason: "unknown" });
    expect((await db.$transaction((tx) => inv.resolveInvite(tx, second))).ok).toBe(true);
    const invited = (await auditsOf(id)).filter((x) => x.type === "USER_INVITED");
    expect(invited.map((x) => [(x.after as { replaced: number }).replaced, x.actorType])).toEqual([[0, "SYSTEM"], [1, "STAFF"]]);

    const before = await db.user.count();
    const taken = await actions.inviteUser(org.slug, null, form({ name: "Igen igen", email: "IGEN@brugere.example", roles: ["READ_ONLY"] }));
    expect(taken).toMatchObject({ ok: false, status: 422, fieldErrors: { email: [expect.stringContaining("allerede")] } });
    expect(await db.user.count()).toBe(before);
  });
});

describe("changes end sessions and are audited", () => {
  it("a role change bumps sessionVersion: the old session is refused, the change audited", async () => {
    const sofie = await makeStaff(org, "sofie@brugere.example", ["READ_ONLY"]);
    const before = await resolveNeed({ kind: "staff" }, { slug: org.slug, credentials: { session: sofie.session, bearer: null }, meta });
    expect(before.ok).toBe(true);
    await expect(actions.saveUserRoles(org.slug, null, form({ userId: sofie.id, roles: ["CASEWORKER", "READ_ONLY"] }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/${org.slug}/admin/brugere/${sofie.id}?gemt=roller`]);
    const row = await userRow(sofie.id);
    expect(row.roles).toEqual(["CASEWORKER", "READ_ONLY"]);
    expect(row.sessionVersion).toBe((sofie.session.sv ?? 0) + 1);
    const after = await resolveNeed({ kind: "staff" }, { slug: org.slug, credentials: { session: sofie.session, bearer: null }, meta });
    expect(after).toMatchObject({ ok: false, reason: "signed-out" });
    expect((await auditsOf(sofie.id)).filter((x) => x.type === "USER_UPDATED").map((x) => [x.before, x.after, x.actorId])).toEqual([[{ roles: ["READ_ONLY"] }, { roles: ["CASEWORKER", "READ_ONLY"] }, admin.id]]);
  });

  it("disables and enables, each ending sessions and audited", async () => {
    const otto = await makeStaff(org, "otto@brugere.example", ["CASEWORKER"]);
    await expect(actions.saveUserActive(org.slug, null, form({ userId: otto.id, active: "false" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(await userRow(otto.id)).toMatchObject({ active: false, sessionVersion: 1 });
    const signIn = await staffSignIn({ organisation: org.slug, email: otto.email, password: PASSWORD, code: currentTotp(otto.secret) }, { ip: "192.0.2.33" });
    expect(signIn).toMatchObject({ ok: false });
    await expect(actions.saveUserActive(org.slug, null, form({ userId: otto.id, active: "true" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(await userRow(otto.id)).toMatchObject({ active: true, sessionVersion: 2 });
    expect((await auditsOf(otto.id)).filter((x) => x.type === "USER_UPDATED").map((x) => x.after)).toEqual([{ active: false }, { active: true }]);
  });

  it("resets the second factor: cleared, sessions ended, a reset link e-mailed that enrols a new one", async () => {
    const pia = await makeStaff(org, "pia@brugere.example", ["CASEWORKER"]);
    await expect(actions.resetUserTotp(org.slug, null, form({ userId: pia.id }))).rejects.toThrow("NEXT_REDIRECT");
    const row = await userRow(pia.id);
    expect(row).toMatchObject({ totpSecretEnc: null, sessionVersion: 1 });
    expect(row.passwordHash).toBeTruthy();
    const { invite, payload } = await inviteMail(pia.id);
    expect(invite.purpose).toBe("reset-totp");
    const token = tokenOf(payload.text)!;
    const live = await db.$transaction((tx) => inv.resolveInvite(tx, token));
    expect(live.ok && live.invite.step).toBe("totp");
    const secret = live.ok ? inv.pendingTotpSecret(live.invite) : "";
    expect(secret).not.toBe(pia.secret);
    expect(await inv.confirmInviteTotp(db, { token, code: currentTotp(secret) })).toEqual({ ok: true, step: "done" });
    const types = (await auditsOf(pia.id)).map((x) => x.type);
    expect(types).toEqual(expect.arrayContaining(["USER_TOTP_RESET", "USER_INVITED", "USER_ENROLLED"]));
  });

  it("automation accounts are not changed here", async () => {
    const before = await userRow(robot.id);
    for (const r of [
      await actions.saveUserRoles(org.slug, null, form({ userId: robot.id, roles: ["READ_ONLY"] })),
      await actions.saveUserActive(org.slug, null, form({ userId: robot.id, active: "false" })),
      await actions.resetUserTotp(org.slug, null, form({ userId: robot.id })),
    ]) {
      expect(r).toMatchObject({ ok: false, status: 422 });
    }
    expect(await userRow(robot.id)).toEqual(before);
  });
});

describe("the last Manage users user", () => {
  it("cannot remove that role from themself or disable or reset themself; with a second manager they can", async () => {
    const o = await newOrg("sidste");
    const odb = orgDb(o.id, prisma);
    const solo = await makeStaff(o, "solo@sidste.example", ["MANAGE_USERS"]);
    current.session = solo.session;
    const demote = await actions.saveUserRoles(o.slug, null, form({ userId: solo.id, roles: ["CASEWORKER"] }));
    expect(demote).toMatchObject({ ok: false, status: 422, fieldErrors: { roles: [expect.stringContaining("sidste")] } });
    expect(await actions.saveUserActive(o.slug, null, form({ userId: solo.id, active: "false" }))).toMatchObject({ ok: false, status: 422 });
    expect(await actions.resetUserTotp(o.slug, null, form({ userId: solo.id }))).toMatchObject({ ok: false, status: 422 });
    expect(await odb.user.findUniqueOrThrow({ where: { id: solo.id } })).toMatchObject({ roles: ["MANAGE_USERS"], active: true, sessionVersion: 0 });

    // an invited (not yet enrolled) manager does not count
    await inv.inviteStaffUser(odb, { organisationId: o.id, email: "ny@sidste.example", name: "Ny", roles: ["MANAGE_USERS"], invitedBy: { type: "SYSTEM", label: "test" } });
    expect(await users.setStaffRoles(odb, { userId: solo.id, roles: ["CASEWORKER"], actor: { type: "STAFF", id: solo.id, label: solo.email } })).toEqual({ ok: false, reason: "last-manager", self: true });

    await makeStaff(o, "makker@sidste.example", ["MANAGE_USERS"]);
    await expect(actions.saveUserRoles(o.slug, null, form({ userId: solo.id, roles: ["CASEWORKER"] }))).rejects.toThrow("NEXT_REDIRECT");
    expect((await odb.user.findUniqueOrThrow({ where: { id: solo.id } })).roles).toEqual(["CASEWORKER"]);
  });

  it(`two last admins demoting each other at once: at most one succeeds (${testDbLane()} lane)`, async () => {
    for (let round = 0; round < 3; round++) {
      const o = await newOrg(`kapl-${round}`);
      const odb = orgDb(o.id, prisma);
      const a = await makeStaff(o, "a@kapl.example", ["MANAGE_USERS"]);
      const b = await makeStaff(o, "b@kapl.example", ["MANAGE_USERS"]);
      const results = await Promise.all([
        users.setStaffRoles(odb, { userId: b.id, roles: ["READ_ONLY"], actor: { type: "STAFF", id: a.id, label: a.email } }),
        users.setStaffRoles(odb, { userId: a.id, roles: ["READ_ONLY"], actor: { type: "STAFF", id: b.id, label: b.email } }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "last-manager", self: false }]);
      expect(await odb.user.count({ where: { roles: { has: "MANAGE_USERS" } } })).toBe(1);
    }
  });
});

describe("every action refuses the wrong people and bad input", () => {
  const cases = () =>
    [
      ["inviteUser", actions.inviteUser, { name: "Ukendt", email: "ukendt@brugere.example", roles: ["READ_ONLY"] }],
      ["saveUserRoles", actions.saveUserRoles, { userId: reader.id, roles: ["CASEWORKER"] }],
      ["saveUserActive", actions.saveUserActive, { userId: reader.id, active: "false" }],
      ["resetUserTotp", actions.resetUserTotp, { userId: reader.id }],
      ["resendUserInvite", actions.resendUserInvite, { userId: reader.id }],
    ] as const;

  async function snapshot() {
    return { users: await db.user.findMany({ orderBy: { id: "asc" } }), invites: await db.userInvite.count(), jobs: await db.job.count(), audits: await db.auditLog.count() };
  }

  it("another organisation's staff → not-found, nothing changed", async () => {
    for (const [name, action, values] of cases()) {
      const before = await snapshot();
      current.session = stranger.session;
      expect(await action(org.slug, null, form(values as Record<string, string | string[]>)), name).toMatchObject({ ok: false, error: "not-found" });
      expect(await snapshot(), name).toEqual(before);
    }
  });

  it("read-only staff → refused, nothing changed", async () => {
    for (const [name, action, values] of cases()) {
      const before = await snapshot();
      current.session = reader.session;
      expect(await action(org.slug, null, form(values as Record<string, string | string[]>)), name).toMatchObject({ ok: false, error: "forbidden" });
      expect(await snapshot(), name).toEqual(before);
    }
  });

  it("bad input → field messages, nothing changed", async () => {
    const before = await snapshot();
    const invite = await actions.inviteUser(org.slug, null, form({ name: "", email: "ikke-en-mail", roles: ["ADMIN"] }));
    expect(invite).toMatchObject({ ok: false, status: 400 });
    if (!invite.ok) {
      expect(invite.fieldErrors?.name).toEqual(["Udfyld feltet."]);
      expect(invite.fieldErrors?.email?.[0]).toContain("gyldig e-mailadresse");
      expect(Object.keys(invite.fieldErrors ?? {}).some((k) => k.startsWith("roles"))).toBe(true);
    }
    const noRoles = await actions.inviteUser(org.slug, null, form({ name: "Uden roller", email: "uden@brugere.example" }));
    expect(noRoles).toMatchObject({ ok: false, status: 400, fieldErrors: { roles: [expect.stringContaining("rolle")] } });
    expect(await actions.saveUserRoles(org.slug, null, form({ userId: "ikke-et-id", roles: ["READ_ONLY"] }))).toMatchObject({ ok: false, status: 400, fieldErrors: { userId: expect.any(Array) } });
    expect(await actions.saveUserActive(org.slug, null, form({ userId: reader.id, active: "maybe" }))).toMatchObject({ ok: false, status: 400, fieldErrors: { active: expect.any(Array) } });
    // a user id of another organisation is not found here
    expect(await actions.saveUserRoles(org.slug, null, form({ userId: stranger.id, roles: ["READ_ONLY"] }))).toMatchObject({ ok: false, error: "not-found" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("the invitation page's actions (public, per address)", () => {
  it("refuse weak passwords and malformed codes beside their field, then enrol and send to the sign-in page", async () => {
    current.session = null;
    const r = await inv.inviteStaffUser(db, { organisationId: org.id, email: "side@brugere.example", name: "Side", roles: ["READ_ONLY"], invitedBy: { type: "SYSTEM", label: "test" } });
    const token = tokenOf((await inviteMail(r.ok ? r.userId : "")).payload.text)!;
    const short = await inviteActions.submitInvitePassword(null, form({ org: org.slug, token, password: "kort", confirm: "kort" }));
    expect(short).toMatchObject({ ok: false, status: 422, fieldErrors: { password: ["Adgangskoden skal være mindst 12 tegn."] } });
    // never echoed: the password, its confirmation, the token (the page renders the token from its URL)
    expect(short.ok ? null : short.values).toEqual({ org: org.slug });
    const mismatch = await inviteActions.submitInvitePassword(null, form({ org: org.slug, token, password: PASSWORD, confirm: "noget andet" }));
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirm: ["De to adgangskoder er ikke ens."] } });
    expect(await inviteActions.submitInvitePassword(null, form({ org: org.slug, token, password: "", confirm: "" }))).toMatchObject({ ok: false, status: 400, fieldErrors: { password: ["Udfyld adgangskoden."] } });
    // the token under another organisation's slug: nothing happens there, and the page says "unknown"
    await expect(inviteActions.submitInvitePassword(null, form({ org: "solbakken", token, password: PASSWORD, confirm: PASSWORD }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/solbakken/admin/invitation/${token}`);
    expect(await inviteActions.submitInvitePassword(null, form({ org: "findes-ikke", token, password: PASSWORD, confirm: PASSWORD }))).toMatchObject({ ok: false, error: "not-found" });
    expect((await userRow(r.ok ? r.userId : "")).passwordHash).toBeNull();

    await expect(inviteActions.submitInvitePassword(null, form({ org: org.slug, token, password: PASSWORD, confirm: PASSWORD }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/${org.slug}/admin/invitation/${token}`);
    expect(await inviteActions.submitInviteTotp(null, form({ org: org.slug, token, code: "12a" }))).toMatchObject({ ok: false, status: 400, fieldErrors: { code: ["Koden er 6 cifre."] } });
    expect(await inviteActions.submitInviteTotp(null, form({ org: org.slug, token, code: "000000" }))).toMatchObject({ ok: false, status: 422, fieldErrors: { code: [expect.stringContaining("passer ikke")] } });
    const live = await db.$transaction((tx) => inv.resolveInvite(tx, token));
    const code = currentTotp(live.ok ? inv.pendingTotpSecret(live.invite) : "");
    await expect(inviteActions.submitInviteTotp(null, form({ org: org.slug, token, code: `${code.slice(0, 3)} ${code.slice(3)}` }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/${org.slug}/admin/login`);
    // replayed: back to the page, which says it is used
    await expect(inviteActions.submitInviteTotp(null, form({ org: org.slug, token, code }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/${org.slug}/admin/invitation/${token}`);
  });
});

describe("the list", () => {
  it("lists people and automation accounts with roles, enrolment, pending invitations", async () => {
    const { rows } = await users.listStaffUsers(db);
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(byEmail.get(admin.email)).toMatchObject({ roles: ["MANAGE_USERS", "CASEWORKER"], active: true, enrolled: true, automation: false, pendingInvite: null });
    expect(byEmail.get("igen@brugere.example")).toMatchObject({ enrolled: false, pendingInvite: { purpose: "invite" } });
    expect(rows.at(-1)).toMatchObject({ email: robot.email, automation: true });
    expect((await users.listStaffUsers(db, { q: "NINA" })).rows.map((r) => r.email)).toEqual(["nina@brugere.example"]);
  });
});
