/**
 * The notices inbox (lib/casework/inbox.ts), its CSV and staff PDF routes, and cancelling a notice
 * (lib/casework/cancel-notice.ts through the server action) against this lane's database: every
 * filter narrows, keyset pages cover every row exactly once for every sort, search by address /
 * name / lease number (with % and _ literal), another organisation sees none, a bad query gets a
 * clear Danish message; cancel: the happy path (status, to-dos, case, sub-leases, mail job, audit)
 * and every refusal; afterwards the tenant may start a new notice (the real start-notice service).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { current, form, redirects, staffSession, tenantSession } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.41" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { seedDemo } = await import("@/lib/demo/seed");
const { organisationBySlug } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { noticeIndexFields } = await import("@/lib/casework/notice-index");
const inbox = await import("@/lib/casework/inbox");
const { noticeDetail, isNoticeJob } = await import("@/lib/casework/notice-detail");
const { cancelNoticeAction, retryNoticeJobAction } = await import("@/app/[organisation]/admin/opsigelser/actions");
const csvRoute = await import("@/app/api/[organisation]/admin/opsigelser/csv/route");
const pdfRoute = await import("@/app/api/[organisation]/admin/opsigelser/[noticeId]/dokumenter/[documentId]/route");
const { startNotice } = await import("@/lib/notice");
const { submittedNotice } = await import("../support/submitted-notice");
const { testDatabaseUrl } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz";

type Db = ReturnType<typeof orgDb>;
let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string; slug: string };
let other: { id: string; slug: string };
const sessions: Record<string, AppSession> = {};
/** Letters only, so it is its own search term. */
const TAG = Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join("");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const db = (): Db => orgDb(org.id, prisma);

const ids: Record<string, string> = {};
const lease: Record<string, { lejerId: string; leaseNumber: string; lejerNr: number }> = {};
let selskab2: string;
let ejendom2: string;
let pagedIds: string[] = [];

/** Makes a fixture's tenancy this test's own (unique address and names) and indexes the notice the way submission does. */
async function own(
  fx: { noticeId: string; lejerId: string; p1: string; p2: string | null },
  o: { name: string; address?: string; reasonValue?: string | null; ejendomId?: string; submittedAt?: Date | null; moveOutDate?: Date | null; inspectionDate?: Date | null; status?: "AWAITING_SIGNATURES" },
) {
  const t = await db().lejer.findUniqueOrThrow({ where: { id: fx.lejerId }, select: { lejemaalId: true, nr: true } });
  await db().lejemaal.update({ where: { id: t.lejemaalId }, data: { address1: o.address ?? `Indbakkevej ${o.name} ${TAG}`, ...(o.ejendomId ? { ejendomId: o.ejendomId } : {}) } });
  await db().person.update({ where: { id: fx.p1 }, data: { name: `${o.name} ${TAG}` } });
  if (fx.p2) await db().person.update({ where: { id: fx.p2 }, data: { name: `Medlejer ${o.name}` } });
  const fields = await noticeIndexFields(db(), fx.lejerId);
  await db().opsigelse.update({
    where: { id: fx.noticeId },
    data: {
      ...fields,
      reasonValue: o.reasonValue === undefined ? "KOEB" : o.reasonValue,
      ...(o.submittedAt !== undefined ? { submittedAt: o.submittedAt } : {}),
      ...(o.moveOutDate !== undefined ? { moveOutDate: o.moveOutDate } : {}),
      ...(o.inspectionDate !== undefined ? { inspectionDate: o.inspectionDate } : {}),
      ...(o.status ? { status: o.status } : {}),
    },
  });
  const lm = await db().lejemaal.findUniqueOrThrow({ where: { id: t.lejemaalId }, select: { nr: true, ejendom: { select: { nr: true, selskab: { select: { nr: true } } } } } });
  return { lejerId: fx.lejerId, leaseNumber: `${lm.ejendom.selskab.nr}-${lm.ejendom.nr}-${lm.nr}`, lejerNr: t.nr };
}

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  prisma = createPrismaClient(testDatabaseUrl());
  await seedDemo({ db: prisma, today: "2026-11-25", idpIssuer: "http://localhost:4999" });
  org = (await organisationBySlug(prisma, "nordhavn"))!;
  other = (await organisationBySlug(prisma, "solbakken"))!;
  sessions.worker = await staffSession(prisma, "nordhavn", "indbakke@nordhavn.example");
  sessions.reader = await staffSession(prisma, "nordhavn", "laeser@nordhavn.example");
  sessions.todo = await staffSession(prisma, "nordhavn", "todo@nordhavn.example");
  sessions.otherOrg = await staffSession(prisma, "solbakken", "admin@solbakken.example");

  const nr = 9000 + Math.floor(Math.random() * 900);
  const s2 = await db().selskab.create({ data: { organisationId: org.id, nr, name: `Selskab ${TAG}` } });
  const e2 = await db().ejendom.create({ data: { organisationId: org.id, selskabId: s2.id, nr: 1, name: `Ejendom ${TAG}` } });
  selskab2 = s2.id;
  ejendom2 = e2.id;
  await db().kode.upsert({
    where: { organisationId_type_value: { organisationId: org.id, type: "OPSIGELSESAARSAG", value: "T_FLYT" } },
    create: { organisationId: org.id, type: "OPSIGELSESAARSAG", value: "T_FLYT", codeText: "Flytter til plejebolig" },
    update: {},
  });

  // A: received, the default fixture dates; B: processed, another company and property, its own reason and dates.
  let fx = await submittedNotice(db(), { tag: `${TAG}a` });
  ids.A = fx.noticeId;
  lease.A = await own(fx, { name: "Alfa Andersen", submittedAt: new Date("2026-11-30T23:30:00Z") /* 1 December 00:30 Danish time */ });
  fx = await submittedNotice(db(), { tag: `${TAG}b`, status: "CONFIRMED" });
  ids.B = fx.noticeId;
  lease.B = await own(fx, { name: "Bravo Berg", ejendomId: ejendom2, reasonValue: "T_FLYT", moveOutDate: day("2027-04-30"), inspectionDate: day("2027-05-03"), submittedAt: new Date("2026-11-30T22:30:00Z") /* 30 November 23:30 */ });
  fx = await submittedNotice(db(), { tag: `${TAG}c`, status: "CANCELLED" });
  ids.C = fx.noticeId;
  lease.C = await own(fx, { name: "Charlie 50%_off" });
  fx = await submittedNotice(db(), { tag: `${TAG}d`, status: "DRAFT" });
  ids.D = fx.noticeId;
  lease.D = await own(fx, { name: "Delta Draft" });
  fx = await submittedNotice(db(), { tag: `${TAG}e`, status: "DRAFT" });
  ids.E = fx.noticeId;
  lease.E = await own(fx, { name: "Echo Afventer", status: "AWAITING_SIGNATURES", submittedAt: null, moveOutDate: null, reasonValue: null });
  // A formula in a name must reach the CSV as text.
  fx = await submittedNotice(db(), { tag: `${TAG}f` });
  ids.F = fx.noticeId;
  lease.F = await own(fx, { name: "=HYPERLINK(\"http://evil\")" });

  // Twenty more for paging: submission times and move-out dates repeat (ties broken by id), some move-out dates missing.
  for (let i = 0; i < 20; i++) {
    fx = await submittedNotice(db(), { tag: `${TAG}p${i}`, emails: false, tenants: 1 });
    pagedIds.push(fx.noticeId);
    await own(fx, {
      name: `Papa ${i}`,
      submittedAt: new Date(Date.UTC(2026, 10, 20 + (i % 4), 10, 0, 0)),
      moveOutDate: i % 5 === 0 ? null : day(`2027-0${1 + (i % 3)}-28`),
    });
  }
}, 240_000);

afterAll(async () => {
  await prisma?.$disconnect();
});

let ip = 0;
beforeEach(() => {
  current.session = sessions.worker!;
  redirects.length = 0;
  ip++;
});

const filters = (q: Record<string, string>) => inbox.parseInboxQuery(q).filters;
const mine = async (q: Record<string, string>) => (await inbox.listInbox(db(), filters({ q: TAG, ...q }), { limit: 1000 })).rows.map((r) => r.id);

describe("the inbox's filters", () => {
  it("shows every status but drafts by default, and one status when asked", async () => {
    const all = await mine({});
    expect(all).toEqual(expect.arrayContaining([ids.A, ids.B, ids.C, ids.E, ids.F]));
    expect(all).not.toContain(ids.D);
    expect(await mine({ status: "SUBMITTED" })).toEqual(expect.arrayContaining([ids.A, ids.F]));
    expect(await mine({ status: "SUBMITTED" })).not.toContain(ids.B);
    expect(await mine({ status: "CONFIRMED" })).toEqual([ids.B]);
    expect(await mine({ status: "CANCELLED" })).toEqual([ids.C]);
    expect(await mine({ status: "AWAITING_SIGNATURES" })).toEqual([ids.E]);
    // Across the whole organisation: never a draft.
    const everything = await inbox.listInbox(db(), filters({}), { limit: 1000 });
    expect(everything.rows.some((r) => r.status === "DRAFT")).toBe(false);
  });

  it("narrows by company, property, reason, move-out month, inspection date and submitted-from (Danish day)", async () => {
    expect(await mine({ selskab: selskab2 })).toEqual([ids.B]);
    expect(await mine({ ejendom: ejendom2 })).toEqual([ids.B]);
    const e1 = await db().opsigelse.findUniqueOrThrow({ where: { id: ids.A }, select: { ejendomId: true, selskabId: true } });
    const inE1 = await mine({ ejendom: e1.ejendomId! });
    expect(inE1).toContain(ids.A);
    expect(inE1).not.toContain(ids.B);
    expect(await mine({ aarsag: "T_FLYT" })).toEqual([ids.B]);
    expect(await mine({ aarsag: "KOEB" })).not.toContain(ids.B);
    expect(await mine({ flyttemaaned: "2027-04" })).toEqual([ids.B]);
    const feb = await mine({ flyttemaaned: "2027-02" });
    expect(feb).toContain(ids.A);
    expect(feb).not.toContain(ids.B);
    expect(await mine({ syn: "2027-05-03" })).toEqual([ids.B]);
    const fromDec = await mine({ fra: "2026-12-01" });
    expect(fromDec).toContain(ids.A); // 00:30 Danish time on 1 December
    expect(fromDec).not.toContain(ids.B); // 23:30 on 30 November
    expect(await mine({ fra: "2026-11-30" })).toEqual(expect.arrayContaining([ids.A, ids.B]));
    // Two filters together.
    expect(await mine({ selskab: selskab2, status: "SUBMITTED" })).toEqual([]);
  });

  it("searches by address, name and lease number, case-insensitively, with % and _ taken literally", async () => {
    const find = async (q: string) => (await inbox.listInbox(db(), filters({ q }), { limit: 1000 })).rows.map((r) => r.id);
    expect(await find(`INDBAKKEVEJ alfa andersen ${TAG}`)).toEqual([ids.A]);
    expect(await find(`Bravo Berg ${TAG}`)).toEqual([ids.B]);
    expect(await find(`bravo   berg ${TAG}`)).toEqual([ids.B]);
    expect(await find("Medlejer Bravo Berg")).toEqual([ids.B]);
    expect(await find(lease.B!.leaseNumber)).toContain(ids.B);
    expect(await find(`${lease.B!.leaseNumber}-${lease.B!.lejerNr}`)).toContain(ids.B);
    expect(await find(`${lease.A!.leaseNumber}-${lease.A!.lejerNr}`)).not.toContain(ids.B);
    expect(await find("50%_off")).toEqual([ids.C]);
    expect(await find("50%")).toEqual([ids.C]);
    expect(await find(`${TAG}%`)).toEqual([]);
    expect(await find(`alfa_andersen`)).toEqual([]);
  });

  it("rows carry what the table shows", async () => {
    const [b] = (await inbox.listInbox(db(), filters({ q: `Bravo Berg ${TAG}` }))).rows;
    expect(b).toMatchObject({
      id: ids.B,
      status: "CONFIRMED",
      address: `Indbakkevej Bravo Berg ${TAG}`,
      postalCity: "5000 Odense C",
      names: [`Bravo Berg ${TAG}`, "Medlejer Bravo Berg"],
      leaseNumber: lease.B!.leaseNumber,
      moveOutDate: "2027-04-30",
      inspectionDate: "2027-05-03",
      reasonValue: "T_FLYT",
      reasonText: "Flytter til plejebolig",
    });
    expect(b!.submittedAt).toEqual(new Date("2026-11-30T22:30:00Z"));
  });

  it("offers this organisation's own companies, properties and reasons", async () => {
    const c = await inbox.inboxChoices(db());
    expect(c.selskaber.map((s) => s.id)).toContain(selskab2);
    expect(c.ejendomme.map((e) => e.id)).toContain(ejendom2);
    expect(c.reasons.map((r) => r.value)).toContain("T_FLYT");
    const o = await inbox.inboxChoices(orgDb(other.id, prisma));
    expect(o.selskaber.map((s) => s.id)).not.toContain(selskab2);
    expect(o.reasons.map((r) => r.value)).not.toContain("T_FLYT");
  });

  it("never shows another organisation's notices", async () => {
    const theirs = orgDb(other.id, prisma);
    expect((await inbox.listInbox(theirs, filters({ q: TAG }), { limit: 1000 })).rows).toEqual([]);
    expect((await inbox.listInbox(theirs, filters({ selskab: selskab2 }))).rows).toEqual([]);
    const all = await inbox.listInbox(theirs, filters({}), { limit: 1000 });
    expect(all.rows.map((r) => r.id)).not.toContain(ids.A);
    expect(await noticeDetail(theirs, ids.A!, { name: "x", settings: (await organisationBySlug(prisma, "solbakken"))!.settings })).toBeNull();
  });
});

describe("keyset pages", () => {
  for (const sort of inbox.INBOX_SORTS) {
    it(`cover every row exactly once, in order, sorted "${sort}"`, async () => {
      const f = filters({ sort });
      const whole = (await inbox.listInbox(db(), f, { limit: 1000 })).rows;
      const total = await db().opsigelse.count({ where: { status: { not: "DRAFT" } } });
      expect(whole).toHaveLength(total);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page: { rows: { id: string }[]; next: string | null } = await inbox.listInbox(db(), f, { after, limit: 4 });
        expect(page.rows.length).toBeLessThanOrEqual(4);
        seen.push(...page.rows.map((r) => r.id));
        after = page.next;
        pages++;
        expect(pages).toBeLessThan(500);
      } while (after);
      expect(seen).toEqual(whole.map((r) => r.id));
      expect(new Set(seen).size).toBe(total);
      // The order: the sort column (NULLs first when descending, last when ascending), then the id the same way.
      const col = sort.startsWith("modtaget") ? "submittedAt" : "moveOutDate";
      const desc = sort === "modtaget-ny" || sort === "flytning-sen";
      const key = (r: (typeof whole)[number]) => {
        const v = col === "submittedAt" ? r.submittedAt?.toISOString() : r.moveOutDate;
        return v ?? null;
      };
      for (let i = 1; i < whole.length; i++) {
        const [a, b] = [whole[i - 1]!, whole[i]!];
        const [ka, kb] = [key(a), key(b)];
        if (desc) {
          if (ka === null) expect(kb === null ? a.id > b.id : true).toBe(true);
          else expect(kb !== null && (ka > kb || (ka === kb && a.id > b.id))).toBe(true);
        } else {
          if (kb === null) expect(ka === null ? a.id < b.id : true).toBe(true);
          else expect(ka !== null && (ka < kb || (ka === kb && a.id < b.id))).toBe(true);
        }
      }
    });
  }

  it("pages a filtered list too, and the paged notices are all there", async () => {
    const f = filters({ q: "papa", sort: "flytning" });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { rows: { id: string }[]; next: string | null } = await inbox.listInbox(db(), f, { after, limit: 3 });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(pagedIds));
  });
});

describe("a bad query", () => {
  it("gets a clear Danish message, never an exception for the page", () => {
    expect(() => inbox.parseInboxQuery({ status: "DRAFT" })).toThrow(/Vælg en status fra listen/);
    expect(() => inbox.parseInboxQuery({ flyttemaaned: "2027-13" })).toThrow(/ÅÅÅÅ-MM/);
    expect(() => inbox.parseInboxQuery({ syn: "2027-02-30" })).toThrow(/flyttesynet/);
    expect(() => inbox.parseInboxQuery({ selskab: "1" })).toThrow(/Selskabet findes ikke/);
    expect(inbox.safeParseInboxQuery({ hvad: "x" })).toMatchObject({ ok: false, fields: ["unknown"] });
    expect(inbox.safeParseInboxQuery({ efter: "not-a-cursor" })).toMatchObject({ ok: false, fields: ["efter"] });
    // A well-formed cursor with a date PostgreSQL cannot store is refused, not a 500.
    const crafted = Buffer.from(JSON.stringify(["modtaget-ny", "-271821-04-20T00:00:00.000Z", "00000000-0000-4000-8000-000000000001"]), "utf8").toString("base64url");
    expect(inbox.decodeCursor(crafted)).toBeNull();
    expect(inbox.safeParseInboxQuery({ efter: crafted })).toMatchObject({ ok: false, fields: ["efter"] });
    expect(inbox.safeParseInboxQuery({ sort: "hurtig" })).toMatchObject({ ok: false, fields: ["sort"] });
    expect(inbox.safeParseInboxQuery({ q: "x".repeat(201) })).toMatchObject({ ok: false, fields: ["q"] });
    // Blank values of a GET form are "not set".
    expect(inbox.parseInboxQuery({ status: "", selskab: "", q: " ", sort: "" })).toEqual({ filters: { sort: "modtaget-ny" }, after: null });
    expect(inbox.parseInboxQuery(new URLSearchParams("status=CANCELLED&sort=flytning"))).toEqual({ filters: { status: "CANCELLED", sort: "flytning" }, after: null });
  });

  it("refuses a cursor of another sort", async () => {
    const page = await inbox.listInbox(db(), filters({ sort: "flytning" }), { limit: 2 });
    expect(page.next).not.toBeNull();
    expect(inbox.safeParseInboxQuery({ sort: "modtaget-ny", efter: page.next! })).toMatchObject({ ok: false, fields: ["efter"] });
    await expect(inbox.listInbox(db(), filters({}), { after: page.next })).rejects.toThrow(/næste side/);
    expect(inbox.safeParseInboxQuery({ sort: "flytning", efter: page.next! })).toMatchObject({ ok: true, after: page.next });
  });
});

// ------------------------------------------------------------------------------------- CSV

const csv = (query = "", slug = "nordhavn", from = `198.51.100.${ip % 250}`) =>
  csvRoute.GET(new NextRequest(`http://localhost/api/${slug}/admin/opsigelser/csv${query}`, { headers: { "x-forwarded-for": from } }), { params: Promise.resolve({ organisation: slug }) });

describe("GET /api/{organisation}/admin/opsigelser/csv", () => {
  it("is rate-limited per client address like the audit log's CSV (429 with Retry-After)", async () => {
    const from = "203.0.113.77";
    for (let i = 0; i < 120; i++) expect((await csv("?status=DRAFT", "nordhavn", from)).status).toBe(400);
    const res = await csv("", "nordhavn", from);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("streams the filtered inbox as ;-separated CSV with a BOM, formula-safe", async () => {
    const res = await csv(`?q=${TAG}&sort=modtaget-gl`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="opsigelser-nordhavn-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(inbox.INBOX_CSV_HEADER.join(";"));
    expect(lines).toHaveLength(1 + 5 + 20); // A, B, C, E, F and the paged ones (never the draft D)
    expect(text).toContain(`Behandlet;${lease.B!.leaseNumber};${lease.B!.lejerNr};Indbakkevej Bravo Berg ${TAG};5000 Odense C;Bravo Berg ${TAG}, Medlejer Bravo Berg;30.11.2026 23:30:00;30. april 2027;3. maj 2027;Flytter til plejebolig;`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"") ${TAG}`);
    expect(text).not.toContain(ids.D);
    expect(text).toContain("Afventer medunderskriver");
  });

  it("applies the same filters as the page", async () => {
    const text = await (await csv(`?q=${TAG}&status=CONFIRMED`)).text();
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(ids.B);
  });

  it("answers another organisation's staff 404, read-only staff 200, to-do-only staff 403, bad filters 400, signed out 401", async () => {
    current.session = sessions.otherOrg!;
    const res = await csv(`?q=${TAG}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(TAG);
    const own = await (await csv(`?q=${TAG}`, "solbakken")).text();
    expect(own.split("\r\n").filter(Boolean)).toHaveLength(1);
    current.session = sessions.reader!;
    expect((await csv(`?q=${TAG}`)).status).toBe(200);
    current.session = sessions.todo!;
    expect((await csv()).status).toBe(403);
    current.session = sessions.worker!;
    expect((await csv("?status=DRAFT")).status).toBe(400);
    expect((await csv("?flyttemaaned=2027-13")).status).toBe(400);
    expect((await csv("?organisationId=x")).status).toBe(400);
    expect((await csv("?efter=abc")).status).toBe(400);
    current.session = null;
    expect((await csv()).status).toBe(401);
  });
});

// ------------------------------------------------------------------------------------- PDF

const pdf = (noticeId: string, documentId: string, slug = "nordhavn") =>
  pdfRoute.GET(new NextRequest(`http://localhost/api/${slug}/admin/opsigelser/${noticeId}/dokumenter/${documentId}`, { headers: { "x-forwarded-for": `198.51.100.${ip % 250}` } }), {
    params: Promise.resolve({ organisation: slug, noticeId, documentId }),
  });

describe("GET /api/{organisation}/admin/opsigelser/{noticeId}/dokumenter/{documentId}", () => {
  let docA: string;
  let docB: string;
  beforeAll(async () => {
    const mk = async (noticeId: string, lejerId: string) =>
      (
        await db().document.create({
          data: { organisationId: org.id, opsigelseId: noticeId, lejerId, folder: "Opsigelse", title: "Bekræftelse på opsigelse", kind: "notice-confirmation", contentType: "application/pdf", content: new Uint8Array(Buffer.from("%PDF-1.7\n% test\n")) },
        })
      ).id;
    docA = await mk(ids.A!, lease.A!.lejerId);
    docB = await mk(ids.B!, lease.B!.lejerId);
  });

  it("serves the notice's PDF inline to staff with notices.read", async () => {
    const res = await pdf(ids.A!, docA);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await res.arrayBuffer()).toString("latin1")).toMatch(/^%PDF-/);
    current.session = sessions.reader!;
    expect((await pdf(ids.A!, docA)).status).toBe(200);
  });

  it("answers 404 for another notice's document, another organisation, nonsense ids; 403 without notices.read", async () => {
    expect((await pdf(ids.A!, docB)).status).toBe(404);
    expect((await pdf(ids.B!, docA)).status).toBe(404);
    expect((await pdf("x", docA)).status).toBe(404);
    current.session = sessions.otherOrg!;
    const res = await pdf(ids.A!, docA);
    expect(res.status).toBe(404);
    expect((await pdf(ids.A!, docA, "solbakken")).status).toBe(404);
    current.session = sessions.todo!;
    expect((await pdf(ids.A!, docA)).status).toBe(403);
    current.session = null;
    expect((await pdf(ids.A!, docA)).status).toBe(401);
  });
});

// ------------------------------------------------------------------------------------- detail

describe("the notice's detail", () => {
  it("has the answers in words, the dates, the signatures with their hashes and the jobs; a draft is not found", async () => {
    const settings = (await organisationBySlug(prisma, "nordhavn"))!.settings;
    const d = (await noticeDetail(db(), ids.A!, { name: "Nordhavn", settings }))!;
    expect(d.answers?.reason).toMatchObject({ da: "Køb af egen bolig" });
    expect(d.answers?.refund.kind).toBe("nemkonto");
    expect(d.dates).toMatchObject({ terminationDate: "2027-03-01", vacatingDay: "2027-02-26", moveOutDate: "2027-02-28" });
    expect(d.signatures).toHaveLength(2);
    expect(d.signatures.every((s) => s.matches && s.contentHash === d.contentHash && s.assuranceLevel === "substantial")).toBe(true);
    expect(await noticeDetail(db(), ids.D!, { name: "Nordhavn", settings })).toBeNull();
    expect(await noticeDetail(db(), "not-an-id", { name: "Nordhavn", settings })).toBeNull();
    const e = (await noticeDetail(db(), ids.E!, { name: "Nordhavn", settings }))!;
    expect(e.status).toBe("AWAITING_SIGNATURES");
  });

  it("retries only a failed job of this notice (notices.manage)", async () => {
    const job = await db().job.create({ data: { organisationId: org.id, name: "render-notice-letter", version: 1, key: `notice-letter:${ids.A}`, payload: { noticeId: ids.A }, status: "failed", attempts: 10, maxAttempts: 10 } });
    expect(await isNoticeJob(db(), ids.A!, job.id)).toBe(true);
    expect(await isNoticeJob(db(), ids.B!, job.id)).toBe(false);
    const settings = (await organisationBySlug(prisma, "nordhavn"))!.settings;
    expect((await noticeDetail(db(), ids.A!, { name: "Nordhavn", settings }))!.jobs.map((j) => j.id)).toContain(job.id);

    current.session = sessions.reader!;
    expect(await retryNoticeJobAction(form({ organisation: "nordhavn", noticeId: ids.A!, jobId: job.id }))).toMatchObject({ ok: false, error: "forbidden" });
    current.session = sessions.otherOrg!;
    expect(await retryNoticeJobAction(form({ organisation: "nordhavn", noticeId: ids.A!, jobId: job.id }))).toMatchObject({ ok: false, error: "not-found" });
    current.session = sessions.worker!;
    expect(await retryNoticeJobAction(form({ organisation: "nordhavn", noticeId: ids.B!, jobId: job.id }))).toMatchObject({ ok: true, data: { kind: "not-found" } });
    expect((await db().job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("failed");
    await expect(retryNoticeJobAction(form({ organisation: "nordhavn", noticeId: ids.A!, jobId: job.id }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/opsigelser/${ids.A}?job=retried#jobs`);
    expect((await db().job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("pending");
    await db().job.delete({ where: { id: job.id } });
  });
});

// ------------------------------------------------------------------------------------- cancel

describe("cancelling a notice", () => {
  /** A submitted notice as submission leaves it: its move-out case, an open confirm-notice to-do, a completed reminder and a sub-lease given notice with it. */
  async function given(name: string, status: "SUBMITTED" | "CONFIRMED" = "SUBMITTED") {
    const fx = await submittedNotice(db(), { tag: `${TAG}${name.replace(/\W/g, "").toLowerCase()}`, status });
    await own(fx, { name });
    await db().moveOutCase.create({ data: { organisationId: org.id, opsigelseId: fx.noticeId } });
    const confirm = await db().todo.create({ data: { organisationId: org.id, kind: "CONFIRM_NOTICE", opsigelseId: fx.noticeId, lejerId: fx.lejerId } });
    const done = await db().todo.create({ data: { organisationId: org.id, kind: "REMINDER", status: "COMPLETED", opsigelseId: fx.noticeId, lejerId: fx.lejerId, dueDate: day("2026-12-10"), title: "Ring til lejer" } });
    const main = await db().lejer.findUniqueOrThrow({ where: { id: fx.lejerId }, select: { lejemaalId: true, legalTenant1Id: true } });
    const garage = await db().lejemaal.findFirstOrThrow({ where: { mainLejemaalId: main.lejemaalId } });
    const sub = await db().lejer.create({ data: { organisationId: org.id, lejemaalId: garage.id, nr: 1, moveInDate: day("2020-01-01"), legalTenant1Id: main.legalTenant1Id, terminatedOn: day("2027-03-01") } });
    const n = await db().opsigelse.findUniqueOrThrow({ where: { id: fx.noticeId }, select: { version: true } });
    return { ...fx, version: n.version, confirmTodo: confirm.id, doneTodo: done.id, subLejerId: sub.id };
  }
  const cancel = (noticeId: string, version: number, reason: string) => cancelNoticeAction(form({ organisation: "nordhavn", noticeId, version: String(version), reason }));

  it("cancels with the reason: to-dos, case, sub-leases, the tenants' e-mails and the audit row, all at once", async () => {
    const g = await given("Golf Glad");
    // A receipt still waiting to go out (e.g. the mail server was down), and one sent already.
    const receipt = (role: string, status: "pending" | "done") =>
      db().job.create({ data: { organisationId: org.id, name: "send-mail", version: 1, key: `notice-receipt:${g.noticeId}:${role}`, payload: {}, maxAttempts: 5, status, runAt: new Date("2099-01-01T00:00:00Z") } });
    const waiting = await receipt("tenant1", "pending");
    const sent = await receipt("tenant2", "done");
    await expect(cancel(g.noticeId, g.version, "Lejer har fortrudt = og ringet")).rejects.toThrow("NEXT_REDIRECT");
    // The waiting receipt is withdrawn: no "we have received your notice" after "it is cancelled".
    expect(await db().job.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: "done", lastError: "withdrawn: the notice was cancelled" });
    expect((await db().job.findUniqueOrThrow({ where: { id: sent.id } })).lastError).toBeNull();
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/opsigelser/${g.noticeId}?annulleret=1`);
    const n = await db().opsigelse.findUniqueOrThrow({ where: { id: g.noticeId } });
    expect(n).toMatchObject({ status: "CANCELLED", cancelledReason: "Lejer har fortrudt = og ringet", cancelledById: sessions.worker!.uid, version: g.version + 1 });
    expect(n.cancelledAt).toBeInstanceOf(Date);
    expect((await db().todo.findUniqueOrThrow({ where: { id: g.confirmTodo } })).status).toBe("CANCELLED");
    expect((await db().todo.findUniqueOrThrow({ where: { id: g.doneTodo } })).status).toBe("COMPLETED");
    expect((await db().moveOutCase.findFirstOrThrow({ where: { opsigelseId: g.noticeId } })).finishedAt).toBeInstanceOf(Date);
    expect((await db().lejer.findUniqueOrThrow({ where: { id: g.subLejerId } })).terminatedOn).toBeNull();

    const mails = await db().job.findMany({ where: { name: "send-mail", key: { startsWith: `notice-cancelled:${g.noticeId}:` } }, orderBy: { key: "asc" } });
    expect(mails.map((m) => m.key)).toEqual([`notice-cancelled:${g.noticeId}:tenant1`, `notice-cancelled:${g.noticeId}:tenant2`]);
    const p = mails[0]!.payload as { to: string[]; subject: string; text: string; html: string };
    expect(p.to).toEqual([`bent.${TAG}golfglad@example.dk`]);
    expect((mails[1]!.payload as { to: string[] }).to).toEqual([`birgit.${TAG}golfglad@example.dk`]);
    // The address as the tenants signed it.
    expect(p.subject).toBe(`Din opsigelse af ${g.content.lease.addressLines.join(", ")} er annulleret`);
    expect(p.text).toContain("Lejer har fortrudt = og ringet");
    expect(p.text).toContain("/nordhavn/beboer/selvbetjening/opsigelse");
    expect(p.text).toContain(`Kære ${g.content.people[0]!.name}`);
    expect(p.html).toContain("Lejer har fortrudt = og ringet");

    const audit = await db().auditLog.findFirstOrThrow({ where: { type: "NOTICE_CANCELLED", entityId: g.noticeId } });
    expect(audit.before).toEqual({ status: "SUBMITTED", version: g.version });
    expect(audit.after).toEqual({ reason: "Lejer har fortrudt = og ringet", todosCancelled: 1, subLeasesRestored: 1, caseFinished: true, mails: 2, receiptsWithdrawn: 1 });
    expect(audit.actorId).toBe(sessions.worker!.uid);

    // The inbox and the detail show it cancelled.
    expect(await mine({ status: "CANCELLED" })).toContain(g.noticeId);

    // A second submit of the same page: refused clearly, nothing changes twice.
    await expect(cancel(g.noticeId, g.version, "igen")).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/opsigelser/${g.noticeId}?fejl=already-cancelled#annuller`);
    expect((await db().opsigelse.findUniqueOrThrow({ where: { id: g.noticeId } })).cancelledReason).toBe("Lejer har fortrudt = og ringet");
    expect(await db().auditLog.count({ where: { type: "NOTICE_CANCELLED", entityId: g.noticeId } })).toBe(1);
    expect(await db().job.count({ where: { key: { startsWith: `notice-cancelled:${g.noticeId}:` } } })).toBe(2);
  });

  it("cancels a processed (CONFIRMED) notice too", async () => {
    const g = await given("Hotel Behandlet", "CONFIRMED");
    await expect(cancel(g.noticeId, g.version, "Fejl i sagen")).rejects.toThrow("NEXT_REDIRECT");
    expect((await db().opsigelse.findUniqueOrThrow({ where: { id: g.noticeId } })).status).toBe("CANCELLED");
  });

  it("refuses a stale page, an empty reason, read-only staff, another organisation, a tenant, a draft and a notice awaiting its co-signer — changing nothing", async () => {
    const g = await given("India Ikke");
    const unchanged = async () => {
      const n = await db().opsigelse.findUniqueOrThrow({ where: { id: g.noticeId } });
      expect(n.status).toBe("SUBMITTED");
      expect(n.cancelledAt).toBeNull();
      expect((await db().todo.findUniqueOrThrow({ where: { id: g.confirmTodo } })).status).toBe("OPEN");
      expect((await db().lejer.findUniqueOrThrow({ where: { id: g.subLejerId } })).terminatedOn).toEqual(day("2027-03-01"));
      expect(await db().job.count({ where: { key: { startsWith: `notice-cancelled:${g.noticeId}:` } } })).toBe(0);
      expect(await db().auditLog.count({ where: { type: "NOTICE_CANCELLED", entityId: g.noticeId } })).toBe(0);
    };
    await expect(cancel(g.noticeId, g.version + 1, "Forældet side")).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/opsigelser/${g.noticeId}?fejl=conflict#annuller`);
    await unchanged();
    await expect(cancel(g.noticeId, g.version, "   ")).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/opsigelser/${g.noticeId}?fejl=reason#annuller`);
    await expect(cancel(g.noticeId, g.version, "x".repeat(1001))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/opsigelser/${g.noticeId}?fejl=reason-long#annuller`);
    await unchanged();

    current.session = sessions.reader!;
    expect(await cancel(g.noticeId, g.version, "Læser")).toMatchObject({ ok: false, error: "forbidden" });
    current.session = sessions.otherOrg!;
    expect(await cancel(g.noticeId, g.version, "Andet selskab")).toMatchObject({ ok: false, error: "not-found" });
    current.session = tenantSession({ id: g.p1, name: "Lejer" }, org);
    expect((await cancel(g.noticeId, g.version, "Lejer"))).toMatchObject({ ok: false });
    current.session = null;
    expect(await cancel(g.noticeId, g.version, "Logget ud")).toMatchObject({ ok: false });
    await unchanged();

    current.session = sessions.worker!;
    const draft = await db().opsigelse.findUniqueOrThrow({ where: { id: ids.D! }, select: { version: true } });
    expect(await cancel(ids.D!, draft.version, "Kladde")).toMatchObject({ ok: true, data: { kind: "not-found" } });
    expect((await db().opsigelse.findUniqueOrThrow({ where: { id: ids.D! } })).status).toBe("DRAFT");
    const awaiting = await db().opsigelse.findUniqueOrThrow({ where: { id: ids.E! }, select: { version: true } });
    await expect(cancel(ids.E!, awaiting.version, "Afventer")).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/nordhavn/admin/opsigelser/${ids.E}?fejl=not-cancellable#annuller`);
    expect((await db().opsigelse.findUniqueOrThrow({ where: { id: ids.E! } })).status).toBe("AWAITING_SIGNATURES");
    expect(await cancel("not-an-id", 0, "x")).toMatchObject({ ok: false, error: "invalid-input" });
  });

  it("lets the tenant start a new notice afterwards (the real start-notice service)", async () => {
    const g = await given("Juliet Igen");
    const actor = { type: "TENANT" as const, id: g.p1, label: "tenant" };
    expect(await startNotice({ db: db(), personId: g.p1, lejerId: g.lejerId, actor })).toMatchObject({ refused: expect.arrayContaining(["already-terminated"]) });
    await expect(cancel(g.noticeId, g.version, "Lejer bliver boende")).rejects.toThrow("NEXT_REDIRECT");
    const r = await startNotice({ db: db(), personId: g.p1, lejerId: g.lejerId, actor });
    expect(r).toHaveProperty("draft");
    const draftId = (r as { draft: { id: string } }).draft.id;
    expect(draftId).not.toBe(g.noticeId);
    expect((await db().opsigelse.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("DRAFT");
  });
});
