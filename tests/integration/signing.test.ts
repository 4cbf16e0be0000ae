/**
 * Signing and submission (lib/notice/sign.ts, submit.ts, signing-content.ts) on an injected clock:
 * slot checks by CPR, the same identity never twice, a changed answer voids the signatures, the one
 * submission transaction (every field, one to-do, one case, jobs), two concurrent completions give
 * one notice, and the last signature after midnight on the month's last day moves the termination
 * date and stops the submission for re-signing.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { OrgDb } from "@/lib/db/scoped";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { recordSignature, type SignIdentity } from "@/lib/notice/sign";
import { d, identity, meta, signingWorld, tenant, type Fixture, type SigningWorld } from "../support/signing-world";
import { loadSigningState } from "@/lib/notice/signing-content";
import type { SignerRole } from "@/lib/notice/content";

let db: OrgDb;
let settings: OrganisationSettings;
let world: SigningWorld;
const fixture = (opts: Parameters<SigningWorld["fixture"]>[0]) => world.fixture(opts);

const sign = (f: Fixture, role: SignerRole, who: SignIdentity, now: Date, extra: { expectedContentHash?: string } = {}) =>
  recordSignature({ db, settings, personId: f.p1, noticeId: f.noticeId, role, identity: who, actor: tenant(f.p1), meta, now, ...extra });

const notice = (id: string) => db.opsigelse.findFirstOrThrow({ where: { id } });
const auditTypes = async (id: string) => (await db.auditLog.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" }, select: { type: true } })).map((a) => a.type);

beforeAll(async () => {
  world = await signingWorld(inject("databaseUrl"), { slug: "sign", name: "Sign" });
  ({ db, settings } = world);
});

const AT = new Date("2026-12-02T10:00:00Z");
const LATER = new Date("2026-12-02T10:05:00Z");

describe("loadSigningState", () => {
  it("names the slots by legal role, computes the content and says which step is missing", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    const s = await db.$transaction((tx) => loadSigningState(tx, { personId: f.p2!, noticeId: f.noticeId, now: AT, settings }));
    expect(s.slots.map((x) => [x.role, x.personId, x.signature])).toEqual([
      ["tenant1", f.p1, null],
      ["tenant2", f.p2, null],
    ]);
    expect(s.incomplete).toBeNull();
    expect(s.content?.dates).toMatchObject({ moveOutDate: "2027-03-20", terminationDate: "2027-04-01" });
    expect(s.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The same content whoever reads it.
    const s1 = await db.$transaction((tx) => loadSigningState(tx, { personId: f.p1, noticeId: f.noticeId, now: AT, settings }));
    expect(s1.contentHash).toBe(s.contentHash);

    const g = await fixture({ tenants: 1, moveOut: "2027-03-20", at: AT });
    await g.save("check-answers", {});
    const sg = await db.$transaction((tx) => loadSigningState(tx, { personId: g.p1, noticeId: g.noticeId, now: AT, settings }));
    expect(sg.incomplete).toMatchObject({ step: "check-answers", reason: "only-occupant" });
    expect(sg.content).toBeNull();
    // A move-out date that has passed meanwhile sends the tenant back to step 5.
    const late = await db.$transaction((tx) => loadSigningState(tx, { personId: f.p1, noticeId: f.noticeId, now: new Date("2027-03-25T10:00:00Z"), settings }));
    expect(late.incomplete).toMatchObject({ step: "move-out", reason: "move-out-date" });
  });
});

describe("recordSignature: slots", () => {
  it("a legal tenant's slot takes only that tenant's CPR; the same identity never twice; a cohabitant's slot refuses the legal tenants", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    expect(await sign(f, "tenant1", identity(f.c2, "sub-bo"), AT)).toEqual({ kind: "refused", reason: "wrong-person" });
    expect(await sign(f, "tenant1", identity(null, "sub-x"), AT)).toEqual({ kind: "refused", reason: "wrong-person" });
    expect(await sign(f, "tenant1", identity(f.c1, "sub-anna", "Anna A"), AT)).toEqual({ kind: "signed", noticeId: f.noticeId, remaining: 1 });
    expect((await notice(f.noticeId)).status).toBe("AWAITING_SIGNATURES");
    expect(await sign(f, "tenant1", identity(f.c1, "sub-anna-2"), AT)).toEqual({ kind: "refused", reason: "already-signed" });
    expect(await sign(f, "tenant2", identity(f.c1, "sub-anna"), AT)).toEqual({ kind: "refused", reason: "same-identity" });
    expect(await sign(f, "cohabitant", identity("1111111118", "sub-c"), AT)).toEqual({ kind: "refused", reason: "no-slot" });
    const sigs = await db.signature.findMany({ where: { opsigelseId: f.noticeId } });
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toMatchObject({ signerRole: "tenant1", signingOrder: 1, personId: f.p1, name: "Anna A", method: "oidc", assuranceLevel: "substantial", ip: "127.0.0.1", userAgent: "vitest", signedAt: AT });
    expect(sigs[0]!.subjectHash).toMatch(/^[0-9a-f]{64}$/);
    expect(sigs[0]!.subjectHash).not.toContain("sub-anna");
    const types = await auditTypes(f.noticeId);
    expect(types.filter((t) => t === "NOTICE_SIGNED")).toHaveLength(1);
    expect(types.filter((t) => t === "NOTICE_SIGNING_REFUSED")).toHaveLength(5);

    const c = await fixture({ tenants: 1, cohabitant: true, moveOut: "2027-03-20", at: AT });
    expect(await sign(c, "cohabitant", identity(c.c1, "sub-anna-c"), AT)).toEqual({ kind: "refused", reason: "legal-tenant" });
    expect(await sign(c, "cohabitant", identity("0202021234", "sub-cille", "Cille"), AT)).toEqual({ kind: "signed", noticeId: c.noticeId, remaining: 1 });
    expect(await sign(c, "tenant1", identity(c.c1, "sub-anna-c"), LATER)).toMatchObject({ kind: "submitted", already: false });
    const sc = await db.signature.findMany({ where: { opsigelseId: c.noticeId }, orderBy: { signingOrder: "asc" } });
    expect(sc.map((s) => [s.signerRole, s.signingOrder, s.personId])).toEqual([
      ["cohabitant", 1, null],
      ["tenant1", 2, c.p1],
    ]);
  });

  it("refuses a signature when the content changed since the signer started", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    expect(await sign(f, "tenant1", identity(f.c1, "a"), AT, { expectedContentHash: "0".repeat(64) })).toEqual({ kind: "refused", reason: "content-changed" });
  });
});

describe("a changed answer voids the signatures", () => {
  it("deletes them, the notice back to DRAFT, audited; an unchanged save keeps them", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    await sign(f, "tenant1", identity(f.c1, "a1"), AT);
    await f.save("viewing", { phone: "22334455" }); // the same answer
    expect(await db.signature.count({ where: { opsigelseId: f.noticeId } })).toBe(1);
    await f.save("viewing", { phone: "99887766" });
    expect(await db.signature.count({ where: { opsigelseId: f.noticeId } })).toBe(0);
    expect((await notice(f.noticeId)).status).toBe("DRAFT");
    const voided = await db.auditLog.findFirstOrThrow({ where: { entityId: f.noticeId, type: "NOTICE_SIGNATURES_VOIDED" } });
    expect(voided.after).toEqual({ step: "viewing", signatures: 1 });
  });
});

describe("submitNotice", () => {
  it("stores everything in one transaction: dates, rule, content, key, contacts, sub-leases, case, to-do, audit", async () => {
    const f = await fixture({ tenants: 2, subLeases: 2, terminateAll: true, moveOut: "2027-03-20", at: AT });
    const before = await db.$transaction((tx) => loadSigningState(tx, { personId: f.p1, noticeId: f.noticeId, now: LATER, settings }));
    await sign(f, "tenant1", identity(f.c1, "s1"), AT);
    const r = await sign(f, "tenant2", identity(f.c2, "s2"), LATER);
    expect(r).toEqual({ kind: "submitted", noticeId: f.noticeId, already: false });
    const n = await notice(f.noticeId);
    expect(n).toMatchObject({
      status: "SUBMITTED",
      submittedAt: LATER,
      noticeDate: d("2026-12-02"),
      moveOutDate: d("2027-03-20"),
      terminationDate: d("2027-04-01"),
      liabilityFrom: d("2026-12-02"),
      liabilityTo: d("2027-03-31"),
      inspectionDate: d(f.inspection),
      contentHash: before.contentHash,
      idempotencyKey: `${f.noticeId}:${before.contentHash}`,
    });
    expect(n.vacatingDay).not.toBeNull();
    expect(n.relettingDate).not.toBeNull();
    expect(n.ruleSnapshot).toMatchObject({ codeText: "3 måneder til den 1.", rule: { months: 3, anchor: "first" } });
    expect(n.submittedContent).toEqual(JSON.parse(JSON.stringify(before.content)));
    const sigs = await db.signature.findMany({ where: { opsigelseId: f.noticeId } });
    expect(sigs.every((s) => s.contentHash === before.contentHash)).toBe(true);
    const people = await db.person.findMany({ where: { id: { in: [f.p1, f.p2!] } }, orderBy: { name: "asc" } });
    expect(people.map((p) => [p.mobile, p.phone, p.email])).toEqual([
      ["+4522334455", null, "anna@example.dk"],
      ["+4566778899", "+4533333333", "bo@example.dk"],
    ]);
    const subs = await db.lejer.findMany({ where: { id: { in: f.subTenancyIds } } });
    expect(subs.map((s) => s.terminatedOn)).toEqual([d("2027-04-01"), d("2027-04-01")]);
    expect(await db.moveOutCase.findMany({ where: { opsigelseId: f.noticeId }, select: { phase: true } })).toEqual([{ phase: "NOTICE_RECEIVED" }]);
    const todos = await db.todo.findMany({ where: { opsigelseId: f.noticeId } });
    expect(todos).toHaveLength(1);
    expect(todos[0]).toMatchObject({ kind: "CONFIRM_NOTICE", lejerId: f.lejerId, status: "OPEN", payload: { terminationDate: "2027-04-01", noticeDate: "2026-12-02", moveOutDate: "2027-03-20" } });
    const types = await auditTypes(f.noticeId);
    expect(types.slice(-3)).toEqual(["NOTICE_SIGNED", "NOTICE_SIGNED", "NOTICE_SUBMITTED"]);
    // A second completion (a retry) is a no-op.
    expect(await sign(f, "tenant2", identity(f.c2, "s2"), LATER)).toEqual({ kind: "submitted", noticeId: f.noticeId, already: true });
    expect(await db.todo.count({ where: { opsigelseId: f.noticeId } })).toBe(1);
  });

  it("keeps the sub-leases when the tenant chose none", async () => {
    const f = await fixture({ tenants: 1, subLeases: 1, terminateAll: false, moveOut: "2027-03-20", at: AT });
    expect(await sign(f, "tenant1", identity(f.c1, "solo"), AT)).toMatchObject({ kind: "submitted" });
    expect((await db.lejer.findFirstOrThrow({ where: { id: f.subTenancyIds[0] } })).terminatedOn).toBeNull();
  });

  it("gives one submitted notice for two concurrent completions", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    const results = await Promise.all([sign(f, "tenant1", identity(f.c1, "p1"), LATER), sign(f, "tenant2", identity(f.c2, "p2"), LATER)]);
    expect(results.map((r) => r.kind).sort()).toEqual(["signed", "submitted"]);
    const g = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    await sign(g, "tenant1", identity(g.c1, "q1"), AT);
    const twice = await Promise.all([sign(g, "tenant2", identity(g.c2, "q2"), LATER), sign(g, "tenant2", identity(g.c2, "q2"), LATER)]);
    expect(twice.map((r) => (r.kind === "submitted" ? r.already : r.kind)).sort()).toEqual([false, true]);
    for (const x of [f, g]) {
      expect((await notice(x.noticeId)).status).toBe("SUBMITTED");
      expect(await db.todo.count({ where: { opsigelseId: x.noticeId } })).toBe(1);
      expect(await db.moveOutCase.count({ where: { opsigelseId: x.noticeId } })).toBe(1);
      expect(await db.signature.count({ where: { opsigelseId: x.noticeId } })).toBe(2);
    }
  });

  // "A notice must reach the landlord before the month ends": with the running-month rule
  // ("løbende måned + 3 måneder"), notice on 30 November ends the tenancy on 1 March, on 1 December on 1 April.
  // (With "3 måneder til den 1." notice on 1 December still ends it on 1 March — rules.md: latestNoticeDate(2027-03-01) = 2026-12-01.)
  const first = new Date("2026-11-30T22:30:00Z"); // 23:30 in Denmark, 30 November
  const last = new Date("2026-11-30T23:05:00Z"); // 00:05 in Denmark, 1 December

  it("with \"3 måneder til den 1.\" the same midnight changes nothing: submitted with notice date 1 December", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-02-20", at: first });
    await sign(f, "tenant1", identity(f.c1, "n1"), first);
    expect(await sign(f, "tenant2", identity(f.c2, "n2"), last)).toMatchObject({ kind: "submitted", already: false });
    const n = await notice(f.noticeId);
    expect([n.noticeDate, n.terminationDate, n.liabilityFrom, n.liabilityTo]).toEqual([d("2026-12-01"), d("2027-03-01"), d("2026-12-01"), d("2027-02-28")]);
  });

  it("the last signature after midnight on the month's last day moves the termination date: no submission, sign again", async () => {
    const f = await fixture({ tenants: 2, runningMonth: true, moveOut: "2027-02-20", at: first });
    const s1 = await db.$transaction((tx) => loadSigningState(tx, { personId: f.p1, noticeId: f.noticeId, now: first, settings }));
    expect(s1.dates).toMatchObject({ terminationDate: "2027-03-01", liabilityTo: "2027-02-28" });
    expect(await sign(f, "tenant1", identity(f.c1, "m1"), first)).toMatchObject({ kind: "signed" });
    const r = await sign(f, "tenant2", identity(f.c2, "m2"), last);
    expect(r).toMatchObject({ kind: "resign", signed: { terminationDate: "2027-03-01", liabilityTo: "2027-02-28" }, now: { noticeDate: "2026-12-01", terminationDate: "2027-04-01", liabilityTo: "2027-03-31" } });
    const n = await notice(f.noticeId);
    expect([n.status, n.submittedAt, n.terminationDate]).toEqual(["DRAFT", null, null]);
    expect(await db.signature.count({ where: { opsigelseId: f.noticeId } })).toBe(0);
    expect(await db.todo.count({ where: { opsigelseId: f.noticeId } })).toBe(0);
    const why = await db.auditLog.findFirstOrThrow({ where: { entityId: f.noticeId, type: "NOTICE_RESIGN_REQUIRED" } });
    expect(why.after).toEqual({ noticeDate: "2026-12-01", terminationDate: "2027-04-01", liabilityTo: "2027-03-31", signatures: 2 });
    // Signing again on 1 December submits with the new dates.
    await sign(f, "tenant1", identity(f.c1, "m1"), new Date("2026-12-01T08:00:00Z"));
    expect(await sign(f, "tenant2", identity(f.c2, "m2"), new Date("2026-12-01T08:10:00Z"))).toMatchObject({ kind: "submitted", already: false });
    expect((await notice(f.noticeId)).terminationDate).toEqual(d("2027-04-01"));
  });
});
