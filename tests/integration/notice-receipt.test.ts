/**
 * After submission, for the tenant (both lanes): the overview shows the notice given instead of the
 * start button, startNotice refuses a second notice (by either legal tenant) until staff cancel the
 * first, and the receipt read gives the dates, the status and the letter once the job stored it.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { createOrganisation } from "@/lib/db/platform";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { SYSTEM_ACTOR, type Actor } from "@/lib/audit/events";
import { startNotice } from "@/lib/notice";
import { enqueueNoticeJobs } from "@/lib/notice/letter-jobs";
import { noticeDocumentId } from "@/lib/jobs/notice-letter";
import { jobRegistry } from "@/lib/jobs/registry";
import { createWorker } from "@/lib/jobs/worker";
import { tenancyOverview } from "@/lib/tenancy/overview";
import { tenantDocumentFolders, tenantNoticeReceipt } from "@/lib/tenancy/documents";
import { FIXTURE_DATES, submittedNotice } from "../support/submitted-notice";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const tenant = (id: string): Actor => ({ type: "TENANT", id, label: "tenant" });
const TODAY = "2026-12-02";
const NOW = new Date("2026-12-02T10:00:00Z");
let prisma: Db;
let db: OrgDb;

beforeAll(async () => {
  prisma = createPrismaClient(inject("databaseUrl"));
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const org = await createOrganisation(prisma, { slug: `receipt-${stamp}`, name: "Kvittering", settings: organisationSettingsSchema.parse({}) }, { actor: SYSTEM_ACTOR });
  db = orgDb(org.id, prisma);
});

describe(`after submission (${inject("dbLane")} lane)`, () => {
  it("the tile shows the notice given, and no second notice can start — by either tenant — until staff cancel it", async () => {
    const f = await submittedNotice(db, { tenants: 2 });
    for (const personId of [f.p1, f.p2!]) {
      const tile = await tenancyOverview(db, personId, f.lejerId, TODAY);
      expect(tile).toMatchObject({
        canStart: false,
        reasons: ["already-terminated"],
        terminatedOn: FIXTURE_DATES.noticeDate,
        activeNoticeId: null,
        submittedNotice: { id: f.noticeId, noticeDate: FIXTURE_DATES.noticeDate, vacatingDay: FIXTURE_DATES.vacatingDay },
      });
      expect(await startNotice({ db, personId, lejerId: f.lejerId, actor: tenant(personId), now: NOW })).toEqual({ refused: ["already-terminated"] });
    }
    expect(await db.opsigelse.count({ where: { lejerId: f.lejerId } })).toBe(1);

    // Confirmed by staff: still given.
    await db.opsigelse.update({ where: { id: f.noticeId }, data: { status: "CONFIRMED" } });
    expect((await tenancyOverview(db, f.p1, f.lejerId, TODAY))?.submittedNotice?.id).toBe(f.noticeId);
    expect(await startNotice({ db, personId: f.p1, lejerId: f.lejerId, actor: tenant(f.p1), now: NOW })).toEqual({ refused: ["already-terminated"] });

    // Cancelled by staff: a new notice can start.
    await db.opsigelse.update({ where: { id: f.noticeId }, data: { status: "CANCELLED", cancelledAt: NOW } });
    const tile = await tenancyOverview(db, f.p1, f.lejerId, TODAY);
    expect(tile).toMatchObject({ canStart: true, reasons: [], submittedNotice: null, terminatedOn: null });
    const r = await startNotice({ db, personId: f.p1, lejerId: f.lejerId, actor: tenant(f.p1), now: NOW });
    expect("draft" in r).toBe(true);
  });

  it("the receipt: dates and status at once, the letter once the job has stored it; nothing for anyone else", async () => {
    const f = await submittedNotice(db, { tenants: 2 });
    const stranger = await submittedNotice(db, { tenants: 1 });
    const before = await tenantNoticeReceipt(db, f.p2!, f.noticeId);
    expect(before).toEqual({
      receipt: {
        noticeId: f.noticeId,
        status: "SUBMITTED",
        address: `${f.content.lease.addressLines[0]}, ${f.content.lease.addressLines[1]}`,
        noticeDate: FIXTURE_DATES.noticeDate,
        terminationDate: FIXTURE_DATES.terminationDate,
        vacatingDay: FIXTURE_DATES.vacatingDay,
        liabilityFrom: FIXTURE_DATES.liabilityFrom,
        liabilityTo: FIXTURE_DATES.liabilityTo,
        inspectionDate: FIXTURE_DATES.inspectionDate,
        letterDocumentId: null,
      },
    });
    expect(await tenantNoticeReceipt(db, stranger.p1, f.noticeId)).toBeNull();
    expect(await tenantNoticeReceipt(db, f.p1, stranger.noticeId)).toBeNull();

    await db.$transaction((tx) => enqueueNoticeJobs(tx, { noticeId: f.noticeId, organisationId: db.organisationId }));
    let t = Date.now() + 86_400_000;
    const worker = createWorker({ db: prisma, registry: jobRegistry(), services: { mail: { send: async () => undefined } }, now: () => new Date((t += 1000)), batch: 20 });
    while ((await worker.tick()).jobs.length > 0);

    const after = await tenantNoticeReceipt(db, f.p1, f.noticeId);
    expect(after && "receipt" in after ? after.receipt.letterDocumentId : "none").toBe(noticeDocumentId(f.noticeId));
    const folders = await tenantDocumentFolders(db, f.p2!);
    expect(folders).toMatchObject([{ folder: "Opsigelse – Fraflytning", documents: [{ id: noticeDocumentId(f.noticeId), title: "Bekræftelse på opsigelse", contentType: "application/pdf" }] }]);
    expect(await tenantDocumentFolders(db, stranger.p1)).toEqual([]);
  });

  it("a notice still in progress has no receipt: the page sends it back", async () => {
    const f = await submittedNotice(db, { tenants: 1, status: "DRAFT" });
    expect(await tenantNoticeReceipt(db, f.p1, f.noticeId)).toEqual({ status: "DRAFT" });
  });
});
