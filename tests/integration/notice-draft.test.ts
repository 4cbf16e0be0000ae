/**
 * The notice draft's use cases (lib/notice): start and resume by either legal tenant, nothing for
 * another tenant of the same organisation, refusal of a tenancy that cannot start, one draft from
 * concurrent starts, optimistic versions on saveStep and discard, field errors that change
 * nothing, and the nightly expiry job on an injected clock.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { createOrganisation } from "@/lib/db/platform";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { SYSTEM_ACTOR, type Actor } from "@/lib/audit/events";
import { NotFound } from "@/lib/http/errors";
import { StaleDraft, discardNotice, saveStep, startNotice, type NoticeDraft, type StartNoticeResult } from "@/lib/notice";
import { discardExpiredDraftsJob, discardExpiredDraftsSchedule } from "@/lib/jobs/discard-expired-drafts";
import { SCHEDULES, jobRegistry } from "@/lib/jobs/registry";
import { enqueue } from "@/lib/jobs/enqueue";
import { createWorker } from "@/lib/jobs/worker";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const DAY = 86_400_000;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const tenant = (id: string): Actor => ({ type: "TENANT", id, label: "tenant" });

let prisma: Db;
let db: OrgDb;
let ejendomId: string;
let kodeId: string;
let unitNr = 0;

/** A fresh tenancy on its own lease unit (so no test depends on another's notices). */
async function tenancy(opts: { tenants: 1 | 2; noticeRule?: boolean }) {
  return db.$transaction(async (tx) => {
    const organisationId = db.organisationId;
    const n = ++unitNr;
    const lm = await tx.lejemaal.create({ data: { organisationId, ejendomId, nr: n, address1: `Draftvej ${n}`, postalCode: "8000", city: "Aarhus C" } });
    const p1 = await tx.person.create({ data: { organisationId, name: `Anna ${n}` } });
    const p2 = opts.tenants === 2 ? await tx.person.create({ data: { organisationId, name: `Bo ${n}` } }) : null;
    const l = await tx.lejer.create({
      data: {
        organisationId,
        lejemaalId: lm.id,
        nr: 1,
        moveInDate: d("2020-01-01"),
        noticeRuleId: opts.noticeRule === false ? null : kodeId,
        renovationDays: 14,
        legalTenant1Id: p1.id,
        legalTenant2Id: p2?.id ?? null,
      },
    });
    return { lejerId: l.id, p1: p1.id, p1Name: p1.name, p2: p2?.id ?? "" };
  });
}

function draftOf(r: StartNoticeResult): NoticeDraft {
  if (!("draft" in r)) throw new Error(`expected a new draft, got ${JSON.stringify(r)}`);
  return r.draft;
}

async function started(t: { lejerId: string; p1: string }): Promise<NoticeDraft> {
  return draftOf(await startNotice({ db, personId: t.p1, lejerId: t.lejerId, actor: tenant(t.p1), meta }));
}

const row = (id: string) => db.opsigelse.findFirstOrThrow({ where: { id } });
const audits = (entityId: string) => db.auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" }, select: { type: true, after: true, actorType: true } });

beforeAll(async () => {
  prisma = createPrismaClient(inject("databaseUrl"));
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const org = await createOrganisation(
    prisma,
    { slug: `draft-${stamp}`, name: "Draft", settings: organisationSettingsSchema.parse({ draftExpiryDays: 45 }) },
    { actor: SYSTEM_ACTOR },
  );
  db = orgDb(org.id, prisma);
  const organisationId = org.id;
  const ids = await db.$transaction(async (tx) => {
    const kode = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESVARSEL", value: "3M1", codeText: "3 måneder til den 1.", rule: { months: 3, anchor: "first" } } });
    const selskab = await tx.selskab.create({ data: { organisationId, nr: 1, name: "Selskab" } });
    const ejendom = await tx.ejendom.create({ data: { organisationId, selskabId: selskab.id, nr: 1, name: "Ejendom" } });
    return { kode: kode.id, ejendom: ejendom.id };
  });
  kodeId = ids.kode;
  ejendomId = ids.ejendom;
});

describe("startNotice", () => {
  it("starts a draft; a second start by either legal tenant resumes it, naming who started it", async () => {
    const t = await tenancy({ tenants: 2 });
    const draft = await started(t);
    expect(draft).toMatchObject({ lejerId: t.lejerId, status: "DRAFT", version: 0, answers: {}, startedByPersonId: t.p1, lastSavedAt: null });
    for (const personId of [t.p1, t.p2]) {
      const again = await startNotice({ db, personId, lejerId: t.lejerId, actor: tenant(personId) });
      expect(again).toEqual({ resume: { noticeId: draft.id, status: "DRAFT", startedBy: t.p1Name, startedAt: draft.createdAt } });
    }
    expect(await audits(draft.id)).toEqual([{ type: "NOTICE_STARTED", actorType: "TENANT", after: { lejerId: t.lejerId } }]);
  });

  it("gives another tenant of the same organisation nothing: not the tenancy, not the draft", async () => {
    const t = await tenancy({ tenants: 1 });
    const stranger = await tenancy({ tenants: 1 });
    const draft = await started(t);
    await expect(startNotice({ db, personId: stranger.p1, lejerId: t.lejerId, actor: tenant(stranger.p1) })).rejects.toBeInstanceOf(NotFound);
    await expect(saveStep({ db, personId: stranger.p1, noticeId: draft.id, step: "sub-leases", answers: { terminateAll: true }, expectedVersion: 0, actor: tenant(stranger.p1) })).rejects.toBeInstanceOf(NotFound);
    await expect(discardNotice({ db, personId: stranger.p1, noticeId: draft.id, expectedVersion: 0, actor: tenant(stranger.p1) })).rejects.toBeInstanceOf(NotFound);
    await expect(saveStep({ db, personId: stranger.p1, noticeId: draft.id, step: "general", answers: {}, expectedVersion: Number.NaN, actor: tenant(stranger.p1) })).rejects.toBeInstanceOf(NotFound);
    for (const bad of ["not-an-id", undefined, 42]) {
      await expect(startNotice({ db, personId: t.p1, lejerId: bad, actor: tenant(t.p1) })).rejects.toBeInstanceOf(NotFound);
    }
    const after = await row(draft.id);
    expect([after.status, after.version, after.answers]).toEqual(["DRAFT", 0, {}]);
  });

  it("refuses a tenancy whose tile says notice cannot be given online, and starts nothing", async () => {
    const t = await tenancy({ tenants: 1, noticeRule: false });
    expect(await startNotice({ db, personId: t.p1, lejerId: t.lejerId, actor: tenant(t.p1) })).toEqual({ refused: ["no-notice-rule"] });
    expect(await db.opsigelse.count({ where: { lejerId: t.lejerId } })).toBe(0);
  });

  it("gives one draft for concurrent starts: the others resume it", async () => {
    const t = await tenancy({ tenants: 2 });
    const results = await Promise.all([t.p1, t.p2, t.p1, t.p2].map((personId) => startNotice({ db, personId, lejerId: t.lejerId, actor: tenant(personId) })));
    const drafts = results.filter((r) => "draft" in r);
    expect(drafts).toHaveLength(1);
    const id = draftOf(drafts[0]!).id;
    for (const r of results) if (!("draft" in r)) expect(r).toMatchObject({ resume: { noticeId: id } });
    expect(await db.opsigelse.count({ where: { lejerId: t.lejerId } })).toBe(1);
  });
});

describe("saveStep", () => {
  it("saves a step's normalised answers, moves the version on and audits step and version only", async () => {
    const t = await tenancy({ tenants: 1 });
    const draft = await started(t);
    const at = new Date("2026-12-01T10:00:00Z");
    const r = await saveStep({ db, personId: t.p1, noticeId: draft.id, step: "viewing", answers: { phone: "12 34 56 78" }, expectedVersion: 0, actor: tenant(t.p1), meta, now: at });
    expect(r).toMatchObject({ ok: true, draft: { version: 1, answers: { viewing: { phone: "+4512345678" } }, lastSavedAt: at } });
    const r2 = await saveStep({ db, personId: t.p1, noticeId: draft.id, step: "sub-leases", answers: { terminateAll: false }, expectedVersion: 1, actor: tenant(t.p1) });
    expect(r2).toMatchObject({ ok: true, draft: { version: 2, answers: { viewing: { phone: "+4512345678" }, "sub-leases": { terminateAll: false } } } });
    const saved = (await audits(draft.id)).filter((a) => a.type === "NOTICE_STEP_SAVED");
    expect(saved.map((a) => a.after)).toEqual([
      { step: "viewing", version: 1 },
      { step: "sub-leases", version: 2 },
    ]);
  });

  it("refuses a stale version (another tab saved) with StaleDraft and overwrites nothing", async () => {
    const t = await tenancy({ tenants: 2 });
    const draft = await started(t);
    await saveStep({ db, personId: t.p2, noticeId: draft.id, step: "viewing", answers: { phone: "11111111" }, expectedVersion: 0, actor: tenant(t.p2) });
    const before = await row(draft.id);
    const stale = saveStep({ db, personId: t.p1, noticeId: draft.id, step: "viewing", answers: { phone: "22222222" }, expectedVersion: 0, actor: tenant(t.p1) });
    await expect(stale).rejects.toBeInstanceOf(StaleDraft);
    for (const v of [-1, 0.5, Number.NaN, 2]) {
      await expect(saveStep({ db, personId: t.p1, noticeId: draft.id, step: "viewing", answers: { phone: "22222222" }, expectedVersion: v, actor: tenant(t.p1) })).rejects.toBeInstanceOf(StaleDraft);
    }
    const after = await row(draft.id);
    expect(after).toEqual(before);
    expect(after.answers).toEqual({ viewing: { phone: "+4511111111" } });
    expect((await audits(draft.id)).filter((a) => a.type === "NOTICE_STEP_SAVED")).toHaveLength(1);
  });

  it("lets one of two concurrent saves at the same version win; the other gets StaleDraft", async () => {
    const t = await tenancy({ tenants: 2 });
    const draft = await started(t);
    const phones = ["11111111", "22222222", "33333333", "44444444"];
    const results = await Promise.allSettled(
      phones.map((phone, i) => saveStep({ db, personId: i % 2 ? t.p2 : t.p1, noticeId: draft.id, step: "viewing", answers: { phone }, expectedVersion: 0, actor: tenant(t.p1) })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(StaleDraft);
    const after = await row(draft.id);
    expect(after.version).toBe(1);
    expect(after.answers).toEqual((won[0] as PromiseFulfilledResult<{ ok: true; draft: NoticeDraft }>).value.draft.answers);
    expect((await audits(draft.id)).filter((a) => a.type === "NOTICE_STEP_SAVED")).toHaveLength(1);
  });

  it("gives field errors with catalogue keys for bad answers and changes nothing", async () => {
    const t = await tenancy({ tenants: 1 });
    const draft = await started(t);
    const before = await row(draft.id);
    const r = await saveStep({
      db,
      personId: t.p1,
      noticeId: draft.id,
      step: "move-out",
      answers: { reasonCodeId: "x", moveOutDate: "1. marts", inspectionDate: "2027-03-02", extra: 1 },
      expectedVersion: 0,
      actor: tenant(t.p1),
    });
    expect(r).toEqual({ ok: false, fieldErrors: { reasonCodeId: ["notice.errors.id"], moveOutDate: ["notice.errors.date"], extra: ["notice.errors.unknownField"] } });
    expect(await row(draft.id)).toEqual(before);
    expect((await audits(draft.id)).map((a) => a.type)).toEqual(["NOTICE_STARTED"]);
    const stranger = await tenancy({ tenants: 1 });
    const foreign = await saveStep({ db, personId: t.p1, noticeId: draft.id, step: "you-and-lease", answers: { tenants: [{ personId: stranger.p1 }] }, expectedVersion: 0, actor: tenant(t.p1) });
    expect(foreign).toEqual({ ok: false, fieldErrors: { "tenants.0.personId": ["notice.errors.id"] } });
    expect(await row(draft.id)).toEqual(before);
    await expect(saveStep({ db, personId: t.p1, noticeId: draft.id, step: "no-such-step", answers: {}, expectedVersion: 0, actor: tenant(t.p1) })).rejects.toBeInstanceOf(NotFound);
  });
});

describe("discardNotice", () => {
  it("discards a draft at its version, so the tenancy can start again; a stale or repeated discard is refused", async () => {
    const t = await tenancy({ tenants: 1 });
    const draft = await started(t);
    await saveStep({ db, personId: t.p1, noticeId: draft.id, step: "general", answers: {}, expectedVersion: 0, actor: tenant(t.p1) });
    await expect(discardNotice({ db, personId: t.p1, noticeId: draft.id, expectedVersion: 0, actor: tenant(t.p1) })).rejects.toBeInstanceOf(StaleDraft);
    expect((await row(draft.id)).status).toBe("DRAFT");
    expect(await discardNotice({ db, personId: t.p1, noticeId: draft.id, expectedVersion: 1, actor: tenant(t.p1), meta })).toEqual({ noticeId: draft.id });
    expect(await row(draft.id)).toMatchObject({ status: "CANCELLED", version: 2 });
    await expect(discardNotice({ db, personId: t.p1, noticeId: draft.id, expectedVersion: 2, actor: tenant(t.p1) })).rejects.toBeInstanceOf(StaleDraft);
    await expect(saveStep({ db, personId: t.p1, noticeId: draft.id, step: "general", answers: {}, expectedVersion: 2, actor: tenant(t.p1) })).rejects.toBeInstanceOf(StaleDraft);
    expect((await audits(draft.id)).at(-1)).toEqual({ type: "NOTICE_DISCARDED", actorType: "TENANT", after: { reason: "tenant", version: 2 } });
    const next = await started(t);
    expect(next.id).not.toBe(draft.id);
  });
});

describe("the expiry job", () => {
  it("is scheduled nightly at 03:15 Danish time", () => {
    expect(SCHEDULES).toContain(discardExpiredDraftsSchedule);
    expect(discardExpiredDraftsSchedule.next(new Date("2026-12-01T10:00:00Z"))).toEqual(new Date("2026-12-02T02:15:00Z"));
  });

  it("discards drafts untouched for the organisation's draftExpiryDays (45 here), on the worker's clock", async () => {
    const base = Date.now();
    const untouched = await started(await tenancy({ tenants: 1 }));
    const tSaved = await tenancy({ tenants: 1 });
    const saved = await started(tSaved);
    await saveStep({ db, personId: tSaved.p1, noticeId: saved.id, step: "general", answers: {}, expectedVersion: 0, actor: tenant(tSaved.p1), now: new Date(base + 20 * DAY) });

    const runAt = async (t: number, key: string) => {
      await db.$transaction((tx) => enqueue(tx, discardExpiredDraftsJob, {}, { key, runAt: new Date(t) }));
      const worker = createWorker({ db: prisma, registry: jobRegistry(), services: { mail: { send: async () => undefined } }, now: () => new Date(t), batch: 50 });
      for (let i = 0; i < 20; i++) {
        const job = await db.job.findFirstOrThrow({ where: { name: discardExpiredDraftsJob.name, key } });
        if (job.status === "done" || job.status === "failed") return job.status;
        await worker.tick();
      }
      throw new Error("the expiry job did not finish");
    };

    expect(await runAt(base + 31 * DAY, "t31")).toBe("done");
    expect((await row(untouched.id)).status).toBe("DRAFT"); // 31 days < 45

    expect(await runAt(base + 46 * DAY, "t46")).toBe("done");
    expect((await row(untouched.id)).status).toBe("CANCELLED");
    expect((await row(saved.id)).status).toBe("DRAFT"); // saved on day 20: 26 days ago
    expect((await audits(untouched.id)).at(-1)).toEqual({ type: "NOTICE_DISCARDED", actorType: "SYSTEM", after: { reason: "expired", version: 1 } });

    expect(await runAt(base + 66 * DAY, "t66")).toBe("done");
    expect((await row(saved.id)).status).toBe("CANCELLED");
  });
});
