/**
 * Sign later (lib/notice/signing-link.ts + the link path of lib/notice/sign.ts) on an injected
 * clock: the token is single-use and stored hashed, it expires, the tenant can cancel it, one live
 * link per slot, a stranger's token gets nothing, the link signer's CPR must match the slot, and
 * the reminders go out at day 3 and day 10, each exactly once.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import type { OrgDb } from "@/lib/db/scoped";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { recordSignature, type SignIdentity } from "@/lib/notice/sign";
import { d, identity, meta, newCpr, signingWorld, tenant, type Fixture, type SigningWorld } from "../support/signing-world";
import { cancelSigningLink, resolveSigningLink, sendSigningLink, sendSigningLinkReminders } from "@/lib/notice/signing-link";
import type { SignerRole } from "@/lib/notice/content";

let db: OrgDb;
let settings: OrganisationSettings;
let world: SigningWorld;
const fixture = (opts: Parameters<SigningWorld["fixture"]>[0]) => world.fixture(opts);

beforeAll(async () => {
  world = await signingWorld(inject("databaseUrl"), { slug: "link", name: "Boligforeningen Link" });
  ({ db, settings } = world);
});

const AT = new Date("2026-12-02T10:00:00Z");
const DAY = 86_400_000;
const at = (days: number, ms = 0) => new Date(AT.getTime() + days * DAY + ms);
const BASE = "https://fraflyt.example";
const org = () => ({ slug: "link-org", name: "Boligforeningen Link", settings });

async function send(f: Fixture, role: SignerRole, now = AT, by = f.p1) {
  return sendSigningLink({ db, org: org(), baseUrl: BASE, personId: by, noticeId: f.noticeId, role, now, actor: tenant(by), meta });
}

/** The token as the co-signer receives it: from the mail (or SMS) job the link enqueued. */
async function tokenOf(linkId: string): Promise<string> {
  const job = await db.job.findFirstOrThrow({ where: { key: `signing-link:${linkId}` } });
  const p = job.payload as { text: string };
  const m = /\/link-org\/underskriv\/([A-Za-z0-9_-]{43})/.exec(p.text);
  if (!m) throw new Error(`no link in ${p.text}`);
  return m[1]!;
}

const notice = (id: string) => db.opsigelse.findFirstOrThrow({ where: { id } });
const auditTypes = async (id: string) => (await db.auditLog.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" }, select: { type: true } })).map((a) => a.type);
const resolve = (token: unknown, now: Date) => db.$transaction((tx) => resolveSigningLink(tx, { token, now, settings }));
const signViaLink = (f: Fixture, role: SignerRole, linkId: string, who: SignIdentity, now: Date) =>
  recordSignature({ db, settings, noticeId: f.noticeId, role, identity: who, signingLinkId: linkId, actor: { type: "TENANT", id: null, label: "co-signer" }, meta, now });
const signHere = (f: Fixture, role: SignerRole, who: SignIdentity, now: Date) =>
  recordSignature({ db, settings, personId: f.p1, noticeId: f.noticeId, role, identity: who, actor: tenant(f.p1), meta, now });

describe("sendSigningLink", () => {
  it("stores only the SHA-256 of a 32-byte token, e-mails the link with the deadline, and expires after the setting's days", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    const r = await send(f, "tenant2");
    expect(r).toMatchObject({ ok: true, channel: "email" });
    if (!r.ok) return;
    const token = await tokenOf(r.linkId);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await db.signingLink.findUniqueOrThrow({ where: { id: r.linkId } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row).toMatchObject({ signerRole: "tenant2", email: "bo@example.dk", createdByPersonId: f.p1, usedAt: null, cancelledAt: null, remindersSent: 0 });
    expect(row.expiresAt.getTime()).toBe(AT.getTime() + settings.signingLinkExpiryDays * DAY);
    const job = await db.job.findFirstOrThrow({ where: { key: `signing-link:${r.linkId}` } });
    const mail = job.payload as { to: string[]; subject: string; text: string };
    expect(mail.to).toEqual(["bo@example.dk"]);
    expect(mail.subject).toContain("Underskriv opsigelsen af Signevej");
    expect(mail.text).toContain(`${BASE}/link-org/underskriv/${token}`);
    expect(mail.text).toMatch(/Opsigelsen skal være modtaget senest den \d+\. [a-zæøå]+ 20\d\d\./);
    expect(await auditTypes(f.noticeId)).toContain("SIGNING_LINK_SENT");

    // Valid until the expiry, not a millisecond after.
    expect((await resolve(token, at(14, -1))).ok).toBe(true);
    expect((await resolve(token, at(14))).ok).toBe(false);
  });

  it("refuses the sender's own slot, a stranger's notice, and a slot without e-mail or mobile; SMS when only a mobile", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    expect(await send(f, "tenant1")).toEqual({ ok: false, reason: "own-slot" });
    const g = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    expect(await send(f, "tenant2", AT, g.p1)).toEqual({ ok: false, reason: "not-found" });
    expect(await send(f, "cohabitant")).toEqual({ ok: false, reason: "no-slot" });
    // A co-tenant with a mobile number only (no e-mail in step 3 nor on file) → the link goes by SMS.
    const h = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    await h.save("you-and-lease", {
      tenants: [
        { personId: h.p1, mobile: "22 33 44 55", phone: null, email: "anna@example.dk" },
        { personId: h.p2, mobile: "66 77 88 99", phone: null, email: null },
      ],
      cohabitant: null,
    });
    await h.save("check-answers", {});
    const r = await send(h, "tenant2");
    expect(r).toMatchObject({ ok: true, channel: "sms" });
    if (r.ok) expect((await db.job.findFirstOrThrow({ where: { key: `signing-link:${r.linkId}` } })).name).toBe("send-sms");
  });

  it("keeps one live link per slot: sending again cancels the previous one; the tenant can cancel", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    const a = await send(f, "tenant2");
    const b = await send(f, "tenant2", at(1));
    if (!a.ok || !b.ok) throw new Error("not sent");
    const [ta, tb] = [await tokenOf(a.linkId), await tokenOf(b.linkId)];
    expect((await resolve(ta, at(1))).ok).toBe(false);
    expect((await resolve(tb, at(1))).ok).toBe(true);
    expect(await db.signingLink.count({ where: { opsigelseId: f.noticeId, usedAt: null, cancelledAt: null } })).toBe(1);

    const g = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    expect(await cancelSigningLink({ db, org: org(), personId: g.p1, noticeId: f.noticeId, role: "tenant2", now: at(1), actor: tenant(g.p1), meta })).toBe(false);
    expect((await resolve(tb, at(1))).ok).toBe(true);
    expect(await cancelSigningLink({ db, org: org(), personId: f.p1, noticeId: f.noticeId, role: "tenant2", now: at(1), actor: tenant(f.p1), meta })).toBe(true);
    expect((await resolve(tb, at(1))).ok).toBe(false);
    // A cancelled link cannot sign either.
    expect(await signViaLink(f, "tenant2", b.linkId, identity(f.c2, `bo-${f.noticeId}`), at(1))).toEqual({ kind: "refused", reason: "link-invalid" });
  });
});

describe("signing from a link", () => {
  it("a stranger's token gets nothing; the token names exactly its notice and slot", async () => {
    expect((await resolve(randomBytes(32).toString("base64url"), AT)).ok).toBe(false);
    expect((await resolve("../../etc", AT)).ok).toBe(false);
    expect((await resolve(undefined, AT)).ok).toBe(false);
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    const r = await send(f, "tenant2");
    if (!r.ok) throw new Error("not sent");
    const got = await resolve(await tokenOf(r.linkId), AT);
    expect(got.ok && [got.state.notice.id, got.slot.role]).toEqual([f.noticeId, "tenant2"]);
    // Another slot with this link: refused, and the link stays usable.
    const g = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    expect(await recordSignature({ db, settings, noticeId: g.noticeId, role: "tenant2", identity: identity(g.c2, `x-${g.noticeId}`), signingLinkId: r.linkId, actor: SYSTEM_ACTOR, meta, now: AT })).toEqual({
      kind: "refused",
      reason: "link-invalid",
    });
    // Without a tenant and without a link nothing can be signed.
    expect(await recordSignature({ db, settings, noticeId: f.noticeId, role: "tenant2", identity: identity(f.c2, `y-${f.noticeId}`), actor: SYSTEM_ACTOR, meta, now: AT })).toEqual({
      kind: "refused",
      reason: "link-invalid",
    });
  });

  it("the link signer's CPR must match the slot; the link is used once, by the signature that submits the notice", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    expect(await signHere(f, "tenant1", identity(f.c1, `anna-${f.noticeId}`), AT)).toMatchObject({ kind: "signed", remaining: 1 });
    const r = await send(f, "tenant2");
    if (!r.ok) throw new Error("not sent");
    const token = await tokenOf(r.linkId);
    const later = at(2);
    // Someone else's MitID on Bo's link: refused, the link still usable.
    expect(await signViaLink(f, "tenant2", r.linkId, identity(newCpr(), `stranger-${f.noticeId}`), later)).toEqual({ kind: "refused", reason: "wrong-person" });
    expect((await resolve(token, later)).ok).toBe(true);
    // Bo himself: signed, submitted, the link used.
    expect(await signViaLink(f, "tenant2", r.linkId, identity(f.c2, `bo-${f.noticeId}`), later)).toMatchObject({ kind: "submitted" });
    expect((await notice(f.noticeId)).status).toBe("SUBMITTED");
    const row = await db.signingLink.findUniqueOrThrow({ where: { id: r.linkId } });
    expect(row.usedAt?.getTime()).toBe(later.getTime());
    const sig = await db.signature.findFirstOrThrow({ where: { opsigelseId: f.noticeId, signerRole: "tenant2" } });
    expect(sig.signingLinkId).toBe(r.linkId);
    // Single use.
    expect((await resolve(token, later)).ok).toBe(false);
  });

  it("a used token cannot sign again even for a fresh slot state", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    const r = await send(f, "tenant2");
    if (!r.ok) throw new Error("not sent");
    expect(await signViaLink(f, "tenant2", r.linkId, identity(f.c2, `bo1-${f.noticeId}`), at(1))).toMatchObject({ kind: "signed", remaining: 1 });
    await db.signature.deleteMany({ where: { opsigelseId: f.noticeId } });
    expect(await signViaLink(f, "tenant2", r.linkId, identity(f.c2, `bo2-${f.noticeId}`), at(1))).toEqual({ kind: "refused", reason: "link-invalid" });
  });
});

describe("reminders", () => {
  it("go out at day 3 and day 10, each exactly once, only while the link is live", async () => {
    const f = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    const r = await send(f, "tenant2");
    if (!r.ok) throw new Error("not sent");
    const g = await fixture({ tenants: 2, moveOut: "2027-03-20", at: AT });
    const cancelled = await send(g, "tenant2");
    await cancelSigningLink({ db, org: org(), personId: g.p1, noticeId: g.noticeId, role: "tenant2", now: at(1), actor: tenant(g.p1), meta });
    const run = (now: Date) => sendSigningLinkReminders({ db, org: org(), baseUrl: BASE, now });
    const reminders = async (id: string) => (await db.job.findMany({ where: { key: { startsWith: `signing-link-reminder:${id}:` } }, orderBy: { key: "asc" } })).map((j) => j.key);
    const sentOf = async () => (await db.signingLink.findUniqueOrThrow({ where: { id: r.linkId } })).remindersSent;

    await run(at(3, -1));
    expect(await reminders(r.linkId)).toEqual([]);
    await run(at(3));
    await run(at(3, 60_000));
    expect(await reminders(r.linkId)).toEqual([`signing-link-reminder:${r.linkId}:1`]);
    expect(await sentOf()).toBe(1);
    await run(at(9));
    expect(await sentOf()).toBe(1);
    await run(at(10));
    await run(at(11));
    expect(await reminders(r.linkId)).toEqual([`signing-link-reminder:${r.linkId}:1`, `signing-link-reminder:${r.linkId}:2`]);
    expect(await sentOf()).toBe(2);
    await run(at(13));
    expect((await reminders(r.linkId)).length).toBe(2);
    // The reminder carries the same working link.
    const job = await db.job.findFirstOrThrow({ where: { key: `signing-link-reminder:${r.linkId}:1` } });
    const mail = job.payload as { subject: string; text: string };
    expect(mail.subject).toMatch(/^Påmindelse/);
    expect(mail.text).toContain(`/link-org/underskriv/${await tokenOf(r.linkId)}`);
    if (cancelled.ok) expect(await reminders(cancelled.linkId)).toEqual([]);
  });
});
