/**
 * Enabling automation and automation accounts (lib/automation/{enablement,accounts}.ts,
 * lib/operator/automation.ts and the actions of app/[organisation]/admin/automatisering and
 * app/operator/automatisering), each test in organisations of its own (tests/support/automation-world.ts):
 *   - request + accept the terms → the operator approves (or refuses, or revokes); no account before
 *     the approval nor with outdated terms; a new version of the terms must be accepted again;
 *   - only "Complete to-dos" (anything else refused on the server); at most 2 active, also when
 *     creations race (concurrent service calls and concurrent actions); "{organisation} Automation N";
 *   - enrolment by QR code + a confirmation code issues the first key (once, stored hashed); rotate;
 *     pause / switch off / on; deactivate frees the slot; the banner's self-switched-off list;
 *   - every action: another organisation's staff → not-found, read-only staff → forbidden, bad input →
 *     a clear field message, nothing changed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, redirects, staffSessionOf } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.131" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const { demoDatabase } = await import("../support/db");
const { automationWorld } = await import("../support/automation-world");
const { orgDb } = await import("@/lib/db/scoped");
const { operatorByEmail } = await import("@/lib/db/platform");
const { demoOperator } = await import("@/lib/demo/staff");
const { encryptSecret, hashPassword, tokenHash, decryptSecret } = await import("@/lib/crypto");
const { currentTotp, newTotpSecret } = await import("@/lib/auth/totp");
const { looksLikeSecret, API_KEY_PREFIX } = await import("@/lib/automation/keys");
const { automationAccessState } = await import("@/lib/automation/access");
const { currentTerms } = await import("@/lib/automation/terms");
const accounts = await import("@/lib/automation/accounts");
const actions = await import("@/app/[organisation]/admin/automatisering/actions");
const opActions = await import("@/app/operator/automatisering/actions");
const { automationRequests, automationPolicy } = await import("@/lib/operator/automation");

type Prisma = Awaited<ReturnType<typeof demoDatabase>>;
type World = Awaited<ReturnType<typeof automationWorld>>;
let prisma: Prisma;
const now = () => new Date();

async function managerSession(w: World) {
  const u = await orgDb(w.orgId, prisma).user.findUniqueOrThrow({ where: { id: w.manager.id } });
  return staffSessionOf(u, { id: w.orgId, slug: w.slug });
}
async function staffOf(w: World, email: string, roles: string[]) {
  const u = await orgDb(w.orgId, prisma).user.create({
    data: { organisationId: w.orgId, email, name: email.split("@")[0]!, roles, passwordHash: await hashPassword("x-Long-Password-2026"), totpSecretEnc: encryptSecret(newTotpSecret()) },
  });
  return staffSessionOf(u, { id: w.orgId, slug: w.slug });
}
const actorOf = (w: World) => ({ type: "STAFF" as const, id: w.manager.id, label: "Leder" });
const create = (w: World, email: string, roles = ["COMPLETE_TODOS"]) =>
  accounts.createAutomationAccount(orgDb(w.orgId, prisma), { email, roles, actor: actorOf(w), now: now(), organisationName: w.name });
const activeAutomation = (w: World) => orgDb(w.orgId, prisma).user.count({ where: { automation: true, active: true } });
async function expectRedirect(p: Promise<unknown>, to: string) {
  redirects.length = 0;
  await expect(p).rejects.toThrow("NEXT_REDIRECT");
  expect(redirects).toEqual([to]);
}

let operatorSession: AppSession;

beforeAll(async () => {
  prisma = await demoDatabase();
  const op = (await operatorByEmail(prisma, demoOperator.email))!;
  operatorSession = { kind: "operator", uid: op.id, name: op.name, email: op.email, authAt: Math.floor(Date.now() / 1000) };
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  redirects.length = 0;
});

describe("enabling automation", () => {
  it("request + terms → pending (no accounts) → the operator approves → accounts can be created", async () => {
    const w = await automationWorld(prisma, { accounts: 0, approved: false, termsAccepted: false });
    const db = orgDb(w.orgId, prisma);
    current.session = await managerSession(w);
    const terms = currentTerms();

    // bad input: no note, terms not ticked → clear field messages, nothing stored
    const bad = await actions.submitAutomationRequest(w.slug, null, form({ note: "kort", termsVersion: String(terms.version), locale: "da" }));
    expect(bad).toMatchObject({ ok: false, error: "invalid-input" });
    expect(bad && !bad.ok && bad.fieldErrors?.note?.[0]).toMatch(/mindst 10 tegn/);
    expect(bad && !bad.ok && bad.fieldErrors?.acceptTerms?.[0]).toMatch(/Acceptér vilkårene/);
    // an outdated version on the form is refused
    const old = await actions.submitAutomationRequest(w.slug, null, form({ note: "Vores sagssystem bekræfter opsigelser", termsVersion: String(terms.version + 1), acceptTerms: ["on"], locale: "da" }));
    expect(old).toMatchObject({ ok: false, error: "rule" });
    expect(await db.automationAccess.count()).toBe(0);

    await expectRedirect(
      actions.submitAutomationRequest(w.slug, null, form({ note: "Vores sagssystem bekræfter opsigelser", termsVersion: String(terms.version), acceptTerms: ["on"], locale: "en" })),
      `/${w.slug}/admin/automatisering?gemt=anmodet`,
    );
    const acc = await db.automationTermsAcceptance.findFirstOrThrow({});
    expect(acc).toMatchObject({ termsVersion: terms.version, acceptedById: w.manager.id, locale: "en" });
    expect(await automationAccessState(db)).toMatchObject({ requested: true, approved: false, enabled: false, acceptedVersion: terms.version });
    // asking twice is refused
    expect(await actions.submitAutomationRequest(w.slug, null, form({ note: "Vores sagssystem bekræfter opsigelser", termsVersion: String(terms.version), acceptTerms: ["on"] }))).toMatchObject({ ok: false, error: "rule" });

    // before the approval: no account, through the service and the action
    expect(await create(w, "robot1@x.example")).toEqual({ ok: false, reason: "not-approved" });
    const refused = await actions.submitCreateAccount(w.slug, null, form({ email: "robot1@x.example", roles: ["COMPLETE_TODOS"] }));
    expect(refused).toMatchObject({ ok: false, error: "rule", status: 422 });
    expect(refused && !refused.ok && refused.message).toMatch(/operatøren har godkendt/);
    expect(await db.user.count({ where: { automation: true } })).toBe(0);

    // the operator sees the request and approves it
    current.session = operatorSession;
    const listed = (await automationRequests({ kind: "operator" } as never)).find((r) => r.slug === w.slug);
    expect(listed).toMatchObject({ note: "Vores sagssystem bekræfter opsigelser", state: { approved: false } });
    await expectRedirect(opActions.submitAutomationDecision(null, form({ slug: w.slug, decision: "approve" })), `/operator/automatisering?gemt=approve#org-${w.slug}`);
    expect(await automationAccessState(db)).toMatchObject({ approved: true, enabled: true });
    expect(await db.auditLog.count({ where: { type: { in: ["AUTOMATION_REQUESTED", "AUTOMATION_TERMS_ACCEPTED", "AUTOMATION_APPROVED"] } } })).toBe(3);

    current.session = await managerSession(w);
    const created = await create(w, "robot1@x.example");
    expect(created).toMatchObject({ ok: true, name: `${w.name} Automation 1` });
  });

  it("the operator refuses (a reason required) and revokes; a refused organisation may ask again", async () => {
    const w = await automationWorld(prisma, { accounts: 1, approved: false, termsAccepted: false });
    const db = orgDb(w.orgId, prisma);
    current.session = await managerSession(w);
    await expectRedirect(actions.submitAutomationRequest(w.slug, null, form({ note: "Robot til lejemålsdata", termsVersion: String(currentTerms().version), acceptTerms: ["on"] })), `/${w.slug}/admin/automatisering?gemt=anmodet`);
    current.session = operatorSession;
    const noReason = await opActions.submitAutomationDecision(null, form({ slug: w.slug, decision: "refuse", reason: "" }));
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringMatching(/begrundelse/i)] } });
    await expectRedirect(opActions.submitAutomationDecision(null, form({ slug: w.slug, decision: "refuse", reason: "Beskriv formålet bedre" })), `/operator/automatisering?gemt=refuse#org-${w.slug}`);
    expect(await automationAccessState(db)).toMatchObject({ refused: true, enabled: false });
    // an unknown organisation is not found
    expect(await opActions.submitAutomationDecision(null, form({ slug: "findes-ikke-x", decision: "approve" }))).toMatchObject({ ok: false, error: "not-found" });

    current.session = await managerSession(w);
    await expectRedirect(actions.submitAutomationRequest(w.slug, null, form({ note: "Robot til lejemålsdata, bedre beskrevet", termsVersion: String(currentTerms().version), acceptTerms: ["on"] })), `/${w.slug}/admin/automatisering?gemt=anmodet`);
    current.session = operatorSession;
    await expectRedirect(opActions.submitAutomationDecision(null, form({ slug: w.slug, decision: "approve" })), `/operator/automatisering?gemt=approve#org-${w.slug}`);
    expect((await automationAccessState(db)).enabled).toBe(true);
    await expectRedirect(opActions.submitAutomationDecision(null, form({ slug: w.slug, decision: "revoke", reason: "Vilkår ikke overholdt" })), `/operator/automatisering?gemt=revoke#org-${w.slug}`);
    expect(await automationAccessState(db)).toMatchObject({ revoked: true, enabled: false });
    expect(await create(w, "robot2@x.example")).toEqual({ ok: false, reason: "not-approved" });
  });

  it("outdated terms: no account until the current version is accepted; a newer version disables again", async () => {
    const w = await automationWorld(prisma, { accounts: 0, approved: true, termsAccepted: false });
    const db = orgDb(w.orgId, prisma);
    expect(await create(w, "robot@x.example")).toEqual({ ok: false, reason: "outdated-terms" });
    current.session = await managerSession(w);
    await expectRedirect(actions.submitAcceptTerms(w.slug, null, form({ termsVersion: String(currentTerms().version), acceptTerms: ["on"] })), `/${w.slug}/admin/automatisering?gemt=accepteret`);
    expect(await actions.submitAcceptTerms(w.slug, null, form({ termsVersion: String(currentTerms().version), acceptTerms: ["on"] }))).toMatchObject({ ok: false, error: "rule" });
    expect((await create(w, "robot@x.example")).ok).toBe(true);
    // a published version 2 is not accepted yet: automation is disabled until it is
    expect(await automationAccessState(db, currentTerms().version + 1)).toMatchObject({ approved: true, enabled: false, acceptedVersion: currentTerms().version });
  });
});

describe("automation accounts", () => {
  it("only Complete to-dos: any other role is refused on the server, nothing created", async () => {
    const w = await automationWorld(prisma, { accounts: 0 });
    current.session = await managerSession(w);
    for (const roles of [["CASEWORKER"], ["COMPLETE_TODOS", "MANAGE_USERS"], ["READ_ONLY"], ["ADMIN"]]) {
      expect(await create(w, "robot@x.example", roles), roles.join()).toEqual({ ok: false, reason: "role" });
      const r = await actions.submitCreateAccount(w.slug, null, form({ email: "robot@x.example", roles }));
      expect(r, roles.join()).toMatchObject({ ok: false, error: "rule", fieldErrors: { roles: [expect.stringMatching(/kun have rollen/)] } });
    }
    expect(await orgDb(w.orgId, prisma).user.count({ where: { automation: true } })).toBe(0);
  });

  it("at most 2 active: a third is refused; deactivating one frees its place; names count on", async () => {
    const w = await automationWorld(prisma, { accounts: 0 });
    const db = orgDb(w.orgId, prisma);
    current.session = await managerSession(w);
    await expect(actions.submitCreateAccount(w.slug, null, form({ email: " Robot1@X.example ", roles: ["COMPLETE_TODOS"] }))).rejects.toThrow("NEXT_REDIRECT");
    const first = await db.user.findFirstOrThrow({ where: { email: "robot1@x.example" } });
    expect(redirects).toEqual([`/${w.slug}/admin/automatisering/konti/${first.id}?gemt=oprettet`]);
    expect(first).toMatchObject({ name: `${w.name} Automation 1`, roles: ["COMPLETE_TODOS"], automation: true, automationSlot: 1, automationNumber: 1, passwordHash: null, apiKeyHash: null, totpEnrolledAt: null });
    expect((await create(w, "robot2@x.example")).ok).toBe(true);
    const third = await actions.submitCreateAccount(w.slug, null, form({ email: "robot3@x.example", roles: ["COMPLETE_TODOS"] }));
    expect(third).toMatchObject({ ok: false, error: "rule", message: expect.stringMatching(/højst være 2 aktive/) });
    expect(await activeAutomation(w)).toBe(2);

    // a taken e-mail is refused beside its field
    await accounts.deactivateAccount(db, { userId: first.id, actor: actorOf(w), now: now() });
    expect(await actions.submitCreateAccount(w.slug, null, form({ email: "robot2@x.example", roles: ["COMPLETE_TODOS"] }))).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringMatching(/bruges allerede/)] } });
    const again = await create(w, "robot3@x.example");
    expect(again).toMatchObject({ ok: true, name: `${w.name} Automation 3` });
    expect(await db.user.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ active: false, automationSlot: null });
    // a required, valid e-mail
    const bad = await actions.submitCreateAccount(w.slug, null, form({ email: "ikke-en-mail", roles: ["COMPLETE_TODOS"] }));
    expect(bad).toMatchObject({ ok: false, error: "invalid-input", fieldErrors: { email: [expect.stringMatching(/gyldig e-mail/)] } });
    const missing = await actions.submitCreateAccount(w.slug, null, form({ roles: ["COMPLETE_TODOS"] }));
    expect(missing).toMatchObject({ ok: false, error: "invalid-input", fieldErrors: { email: [expect.any(String)] } });
  });

  it("race: two creations at the same moment with one place left → exactly one wins", async () => {
    const w = await automationWorld(prisma, { accounts: 1 });
    const rs = await Promise.all([create(w, "race-a@x.example"), create(w, "race-b@x.example")]);
    expect(rs.filter((r) => r.ok)).toHaveLength(1);
    expect(rs.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "limit" }]);
    expect(await activeAutomation(w)).toBe(2);
  });

  it("race: three creations at once from none → two win, one refused; also through concurrent actions", async () => {
    const w = await automationWorld(prisma, { accounts: 0 });
    const rs = await Promise.all([create(w, "r1@x.example"), create(w, "r2@x.example"), create(w, "r3@x.example")]);
    expect(rs.filter((r) => r.ok)).toHaveLength(2);
    expect(rs.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "limit" }]);
    expect(await activeAutomation(w)).toBe(2);
    const slots = (await orgDb(w.orgId, prisma).user.findMany({ where: { automation: true, active: true }, select: { automationSlot: true } })).map((u) => u.automationSlot).sort();
    expect(slots).toEqual([1, 2]);

    const w2 = await automationWorld(prisma, { accounts: 1 });
    current.session = await managerSession(w2);
    const settled = await Promise.allSettled([
      actions.submitCreateAccount(w2.slug, null, form({ email: "ra@x.example", roles: ["COMPLETE_TODOS"] })),
      actions.submitCreateAccount(w2.slug, null, form({ email: "rb@x.example", roles: ["COMPLETE_TODOS"] })),
    ]);
    const wins = settled.filter((s) => s.status === "rejected" && String(s.reason).includes("NEXT_REDIRECT"));
    const losses = settled.filter((s) => s.status === "fulfilled");
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(1);
    expect((losses[0] as PromiseFulfilledResult<unknown>).value).toMatchObject({ ok: false, error: "rule", message: expect.stringMatching(/højst være 2/) });
    expect(await activeAutomation(w2)).toBe(2);
  });

  it("enrolment: QR code + a confirmation code issue the first key (once, stored hashed); rotate; switch; deactivate", async () => {
    const w = await automationWorld(prisma, { accounts: 0 });
    const db = orgDb(w.orgId, prisma);
    current.session = await managerSession(w);
    const c = await create(w, "enrol@x.example");
    if (!c.ok) throw new Error("create");
    const e = await accounts.enrolmentOf(db, c.userId, w.name);
    expect(e?.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(e?.uri).toMatch(/^otpauth:\/\/totp\//);
    const secret = decryptSecret((await db.user.findUniqueOrThrow({ where: { id: c.userId } })).totpSecretEnc!);

    const wrong = await actions.submitConfirmEnrolment(w.slug, null, form({ userId: c.userId, code: currentTotp(secret, Date.now() - 600_000) }));
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringMatching(/forkert/)] } });
    const badInput = await actions.submitConfirmEnrolment(w.slug, null, form({ userId: c.userId, code: "abc" }));
    expect(badInput).toMatchObject({ ok: false, error: "invalid-input", fieldErrors: { code: [expect.any(String)] } });

    const ok = await actions.submitConfirmEnrolment(w.slug, null, form({ userId: c.userId, code: currentTotp(secret) }));
    expect(ok).toMatchObject({ ok: true });
    const key = (ok as { data: { apiKey: string } }).data.apiKey;
    expect(looksLikeSecret(key, API_KEY_PREFIX)).toBe(true);
    const u = await db.user.findUniqueOrThrow({ where: { id: c.userId } });
    expect(u.apiKeyHash).toBe(tokenHash(key));
    expect(u.totpEnrolledAt).not.toBeNull();
    expect(u.totpLastStep).not.toBeNull();
    expect(await accounts.enrolmentOf(db, c.userId, w.name)).toBeNull();
    expect(await actions.submitConfirmEnrolment(w.slug, null, form({ userId: c.userId, code: currentTotp(secret) }))).toMatchObject({ ok: false, error: "rule" });
    const audits = await db.auditLog.findMany({ where: { entityId: c.userId } });
    expect(JSON.stringify(audits)).not.toContain(key);
    expect(JSON.stringify(audits)).not.toContain(secret);

    // rotate: a new key, the old one and the day tokens stop working
    await db.apiToken.create({ data: { organisationId: w.orgId, userId: c.userId, tokenHash: tokenHash(`t-${c.userId}`), issuedAt: now(), expiresAt: new Date(Date.now() + 3600_000) } });
    const rot = await actions.submitRotateKey(w.slug, null, form({ userId: c.userId }));
    const key2 = (rot as { data: { apiKey: string } }).data.apiKey;
    expect(key2).not.toBe(key);
    expect((await db.user.findUniqueOrThrow({ where: { id: c.userId } })).apiKeyHash).toBe(tokenHash(key2));
    expect(await db.apiToken.count({ where: { userId: c.userId, revokedAt: null } })).toBe(0);

    // pause, switch off, switch on
    const base = `/${w.slug}/admin/automatisering/konti/${c.userId}`;
    await expectRedirect(actions.submitSwitchAccount(w.slug, null, form({ userId: c.userId, change: "pause" })), `${base}?gemt=pause`);
    expect((await db.user.findUniqueOrThrow({ where: { id: c.userId } })).pausedAt).not.toBeNull();
    await expectRedirect(actions.submitSwitchAccount(w.slug, null, form({ userId: c.userId, change: "switch-off" })), `${base}?gemt=switch-off`);
    expect(await db.user.findUniqueOrThrow({ where: { id: c.userId } })).toMatchObject({ switchedOffReason: "organisation" });
    expect(await accounts.selfSwitchedOffAccounts(db)).toEqual([]);
    await expectRedirect(actions.submitSwitchAccount(w.slug, null, form({ userId: c.userId, change: "switch-on" })), `${base}?gemt=switch-on`);
    expect(await actions.submitSwitchAccount(w.slug, null, form({ userId: c.userId, change: "explode" }))).toMatchObject({ ok: false, error: "invalid-input" });

    // operator: switch off (the banner only lists self-switched-off accounts)
    current.session = operatorSession;
    await expectRedirect(opActions.submitOperatorSwitch(null, form({ slug: w.slug, userId: c.userId, change: "switch-off" })), `/operator/automatisering?gemt=switch#org-${w.slug}`);
    expect(await db.user.findUniqueOrThrow({ where: { id: c.userId } })).toMatchObject({ switchedOffReason: "operator" });
    await db.user.update({ where: { id: c.userId }, data: { switchedOffReason: "rate" } });
    expect((await accounts.selfSwitchedOffAccounts(db)).map((a) => a.id)).toEqual([c.userId]);

    current.session = await managerSession(w);
    await expectRedirect(actions.submitDeactivateAccount(w.slug, null, form({ userId: c.userId })), `${base}?gemt=deaktiveret`);
    expect(await db.user.findUniqueOrThrow({ where: { id: c.userId } })).toMatchObject({ active: false, apiKeyHash: null, automationSlot: null });
    expect(await accounts.selfSwitchedOffAccounts(db)).toEqual([]);
  });
});

describe("every action: another organisation, read-only staff", () => {
  it("another organisation's staff → not-found; read-only → forbidden; nothing changed", async () => {
    const w = await automationWorld(prisma, { accounts: 1 });
    const other = await automationWorld(prisma, { accounts: 0 });
    const target = w.accounts[0]!.id;
    const calls: Array<[string, (slug: string) => Promise<unknown>]> = [
      ["request", (s) => actions.submitAutomationRequest(s, null, form({ note: "Vores robot gør noget", termsVersion: "1", acceptTerms: ["on"] }))],
      ["accept", (s) => actions.submitAcceptTerms(s, null, form({ termsVersion: "1", acceptTerms: ["on"] }))],
      ["create", (s) => actions.submitCreateAccount(s, null, form({ email: "ny@x.example", roles: ["COMPLETE_TODOS"] }))],
      ["enrol", (s) => actions.submitConfirmEnrolment(s, null, form({ userId: target, code: "123456" }))],
      ["rotate", (s) => actions.submitRotateKey(s, null, form({ userId: target }))],
      ["switch", (s) => actions.submitSwitchAccount(s, null, form({ userId: target, change: "switch-off" }))],
      ["deactivate", (s) => actions.submitDeactivateAccount(s, null, form({ userId: target }))],
    ];
    const before = await orgDb(w.orgId, prisma).user.findUniqueOrThrow({ where: { id: target } });
    // the other organisation's manager, at w's URL
    current.session = await managerSession(other);
    for (const [name, call] of calls) expect(await call(w.slug), name).toMatchObject({ ok: false, error: "not-found" });
    // the other organisation's manager at their own URL, naming w's account
    for (const [name, call] of calls.slice(3)) expect(await call(other.slug), name).toMatchObject({ ok: false, error: "not-found" });
    // read-only staff of w
    current.session = await staffOf(w, `laeser@${w.slug}.example`, ["READ_ONLY"]);
    for (const [name, call] of calls) expect(await call(w.slug), name).toMatchObject({ ok: false, error: "forbidden" });
    // a caseworker (users.read not even) neither
    current.session = await staffOf(w, `sag@${w.slug}.example`, ["CASEWORKER"]);
    for (const [name, call] of calls) expect(await call(w.slug), name).toMatchObject({ ok: false, error: "forbidden" });
    expect(await orgDb(w.orgId, prisma).user.findUniqueOrThrow({ where: { id: target } })).toEqual(before);
    expect(await orgDb(w.orgId, prisma).user.count({ where: { automation: true } })).toBe(1);
    // staff cannot call the operator's actions
    for (const call of [
      () => opActions.submitAutomationDecision(null, form({ slug: w.slug, decision: "revoke", reason: "nej nej" })),
      () => opActions.submitOperatorSwitch(null, form({ slug: w.slug, userId: target, change: "switch-off" })),
      () => opActions.submitAutomationPolicy(null, form({ maxRequestsPerMinute: "1", errorWindow: "2", maxErrorsInWindow: "1" })),
    ]) expect(await call()).toMatchObject({ ok: false });
    expect((await automationAccessState(orgDb(w.orgId, prisma))).enabled).toBe(true);
  });
});

describe("the operator's thresholds", () => {
  it("saves them with a platform audit row; bad input is a clear message", async () => {
    current.session = operatorSession;
    const before = await automationPolicy(prisma);
    expect(await opActions.submitAutomationPolicy(null, form({ maxRequestsPerMinute: "0", errorWindow: "20", maxErrorsInWindow: "10" }))).toMatchObject({ ok: false, fieldErrors: { maxRequestsPerMinute: [expect.stringMatching(/helt tal/)] } });
    expect(await opActions.submitAutomationPolicy(null, form({ maxRequestsPerMinute: "60", errorWindow: "5", maxErrorsInWindow: "10" }))).toMatchObject({ ok: false, fieldErrors: { maxErrorsInWindow: [expect.stringMatching(/større end/)] } });
    expect(await automationPolicy(prisma)).toEqual(before);
    // saving the same values changes nothing (other files read the policy: leave the values as they were)
    await expectRedirect(
      opActions.submitAutomationPolicy(null, form({ maxRequestsPerMinute: String(before.maxRequestsPerMinute), errorWindow: String(before.errorWindow), maxErrorsInWindow: String(before.maxErrorsInWindow) })),
      "/operator/automatisering?gemt=policy",
    );
    expect(await automationPolicy(prisma)).toEqual(before);
  });
});
