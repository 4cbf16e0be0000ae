/**
 * The report helper's casework (issue 12 §1, §5) against this lane's database, on two organisations
 * of its own (so no other test's rows change the exact lists):
 *  - the missing-data report (lib/casework/missing-data.ts) lists exactly the active tenancies
 *    without a notice rule or renovation period — not those of a stopped company or property, an
 *    ended lease unit, a terminated tenancy or a complete one; odd and even LejerNr alike — in
 *    SelskabNr/EjendomNr/LejemaalNr/LejerNr order, filters by company and property, keyset pages
 *    cover every row once, the other organisation's rows never appear, and setting the data through
 *    the tenancy update (lib/admin/tenancies.ts) removes the tenancy from it;
 *  - its CSV route: header, BOM, rows, formula-safe, 404 for another organisation's staff, read-only
 *    staff may read, bad or unknown filters 400, signed out 401;
 *  - the dashboard counts with an injected clock (the week starts Monday 00:00 Danish time), each
 *    only with its permission, with the contracted links;
 *  - the failed-jobs retry action: retried, read-only refused, another organisation's job not-found.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { current, form, redirects, staffSessionOf } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.31" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));
vi.mock("@/lib/http/form-flash", async () => (await import("../support/action-harness")).formFlashMock());

const { createPrismaClient } = await import("@/lib/db/client");
const { createOrganisation } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { SYSTEM_ACTOR } = await import("@/lib/audit/events");
const { organisationSettingsSchema } = await import("@/lib/organisation/settings");
const { permissionsOf } = await import("@/lib/auth/permissions");
const { saveTenancy } = await import("@/lib/admin/tenancies");
const { listMissingData, countMissingData, missingDataFilterOptions } = await import("@/lib/casework/missing-data");
const { dashboardFigures, weekStart } = await import("@/lib/casework/dashboard");
const { GET } = await import("@/app/api/[organisation]/admin/manglende-data/csv/route");
const { retryJobAction } = await import("@/app/[organisation]/admin/job/actions");
const { testDatabaseUrl } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

type Org = { id: string; slug: string };
let prisma: ReturnType<typeof createPrismaClient>;
let A: Org;
let B: Org;
const sessions: Record<string, AppSession> = {};
/** Lease number "S-E-L/LejerNr" → lejer id, of organisation A. */
const lejer: Record<string, string> = {};
const ids = { selskab1: "", selskab3: "", ejendom11: "", ejendom13: "", rule: "", jobA: "", jobB: "", bLejer: "" };
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The tenancies of A that the report must list, in its order. */
const EXPECTED = ["1-1-2/1", "1-1-3/2", "1-1-4/3", "1-1-4/4", "1-3-1/1", "1-3-2/2", "3-1-1/5", "3-1-7/6"];

async function seedOrganisation(org: Org, tag: string) {
  return orgDb(org.id, prisma).$transaction(
    async (tx) => {
      const o = tx.organisationId;
      const rule = await tx.kode.create({ data: { organisationId: o, type: "OPSIGELSESVARSEL", value: "3M1", codeText: "3 måneder til den 1.", rule: { months: 3, anchor: "first" } } });
      const fam = await tx.kode.create({ data: { organisationId: o, type: "BOLIGTYPE", value: "FAM", codeText: "Familiebolig" } });
      const husl = await tx.kode.create({ data: { organisationId: o, type: "SUMTYPE", value: "HUSL", codeText: "Husleje" } });
      const selskab = async (nr: number, stopped = false) => tx.selskab.create({ data: { organisationId: o, nr, name: `Selskab ${nr} ${tag}`, stoppedOn: stopped ? d("2025-01-31") : null } });
      const ejendom = async (selskabId: string, nr: number, stopped = false) => tx.ejendom.create({ data: { organisationId: o, selskabId, nr, name: `Afd. ${nr} ${tag}`, stoppedOn: stopped ? d("2025-06-30") : null } });
      const s3 = await selskab(3);
      const s2 = await selskab(2, true);
      const s1 = await selskab(1);
      const e13 = await ejendom(s1.id, 3);
      const e12 = await ejendom(s1.id, 2, true);
      const e11 = await ejendom(s1.id, 1);
      const e21 = await ejendom(s2.id, 1);
      const e31 = await ejendom(s3.id, 1);
      const leases = new Map<string, string>();
      const make = async (e: { id: string; nr: number }, sNr: number, lNr: number, nr: number, t: { rule?: boolean; period?: boolean; terminated?: boolean; ended?: boolean; address?: string }) => {
        const key = `${sNr}-${e.nr}-${lNr}`;
        let lmId = leases.get(key);
        if (!lmId) {
          const lm = await tx.lejemaal.create({
            data: { organisationId: o, ejendomId: e.id, nr: lNr, address1: t.address ?? `Rapportvej ${key} ${tag}`, postalCode: "2100", city: "København Ø", boligtypeId: fam.id, sumtypeId: husl.id, endedOn: t.ended ? d("2025-12-31") : null },
          });
          lmId = lm.id;
          leases.set(key, lmId);
        }
        const p = await tx.person.create({ data: { organisationId: o, name: `Person ${key}-${nr} ${tag}` } });
        const l = await tx.lejer.create({
          data: {
            organisationId: o,
            lejemaalId: lmId,
            nr,
            moveInDate: d("2020-03-01"),
            noticeRuleId: t.rule === false ? null : rule.id,
            renovationDays: t.period === false ? null : 14,
            terminatedOn: t.terminated ? d("2026-01-31") : null,
            legalTenant1Id: p.id,
          },
        });
        return { key: `${key}/${nr}`, id: l.id };
      };
      const made = [
        // Created out of order: the report's order must come from the numbers.
        await make(e31, 3, 7, 6, { period: false }),
        await make(e31, 3, 1, 5, { rule: false }),
        await make(e13, 1, 2, 2, { rule: false, period: false }),
        await make(e13, 1, 1, 1, { period: false }),
        await make(e11, 1, 4, 3, { period: false, address: "=HYPERLINK(\"http://evil\");x" }),
        await make(e11, 1, 4, 4, { rule: false }),
        await make(e11, 1, 3, 2, { period: false }), // only the period missing, even LejerNr
        await make(e11, 1, 2, 1, { rule: false }), // only the rule missing, odd LejerNr
        await make(e11, 1, 1, 2, {}), // complete
        await make(e11, 1, 5, 2, { rule: false, terminated: true }), // terminated
        await make(e11, 1, 6, 2, { rule: false, ended: true }), // lease unit ended
        await make(e12, 1, 1, 2, { rule: false }), // property stopped
        await make(e21, 2, 1, 2, { period: false }), // company stopped
      ];
      const staff = async (email: string, roles: string[]) => tx.user.create({ data: { organisationId: o, email, name: email, passwordHash: "x", totpSecretEnc: "x", roles } });
      const users = {
        caseworker: await staff(`sag@${tag}.example`, ["CASEWORKER"]),
        reader: await staff(`laeser@${tag}.example`, ["READ_ONLY"]),
        todo: await staff(`todo@${tag}.example`, ["COMPLETE_TODOS"]),
      };
      const job = await tx.job.create({ data: { organisationId: o, name: "render-notice-letter", version: 1, key: `notice-letter:${tag}`, payload: {}, maxAttempts: 5, attempts: 5, status: "failed", lastError: "SMTP 550 secret-host.internal", finishedAt: new Date() } });
      return { rule: rule.id, s1: s1.id, s3: s3.id, e11: e11.id, e13: e13.id, made, users, job: job.id };
    },
    { timeout: 60_000 },
  );
}

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  prisma = createPrismaClient(testDatabaseUrl());
  const settings = organisationSettingsSchema.parse({});
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  A = await createOrganisation(prisma, { slug: `rapport-a-${stamp}`, name: "Rapport A", settings }, { actor: SYSTEM_ACTOR });
  B = await createOrganisation(prisma, { slug: `rapport-b-${stamp}`, name: "Rapport B", settings }, { actor: SYSTEM_ACTOR });
  const a = await seedOrganisation(A, "a");
  const b = await seedOrganisation(B, "b");
  for (const m of a.made) lejer[m.key] = m.id;
  Object.assign(ids, { selskab1: a.s1, selskab3: a.s3, ejendom11: a.e11, ejendom13: a.e13, rule: a.rule, jobA: a.job, jobB: b.job, bLejer: b.made[0]!.id });
  sessions.caseworker = staffSessionOf(a.users.caseworker, A);
  sessions.reader = staffSessionOf(a.users.reader, A);
  sessions.todo = staffSessionOf(a.users.todo, A);
  sessions.otherOrg = staffSessionOf(b.users.caseworker, B);
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
});

beforeEach(() => {
  current.session = sessions.caseworker!;
  redirects.length = 0;
});

const dbA = () => orgDb(A.id, prisma);
const keyOf = (r: { selskabNr: number; ejendomNr: number; lejemaalNr: number; lejerNr: number }) => `${r.selskabNr}-${r.ejendomNr}-${r.lejemaalNr}/${r.lejerNr}`;

describe("the missing-data report", () => {
  it("lists exactly the active tenancies missing a notice rule or renovation period, odd and even LejerNr, in the guide's order", async () => {
    const page = await listMissingData(dbA(), {});
    expect(page.rows.map(keyOf)).toEqual(EXPECTED);
    expect(page.next).toBeNull();
    expect(await countMissingData(dbA(), {})).toBe(EXPECTED.length);
    const row = page.rows.find((r) => keyOf(r) === "1-1-3/2")!;
    expect(row).toEqual({
      lejerId: lejer["1-1-3/2"],
      selskabNr: 1,
      ejendomNr: 1,
      lejemaalNr: 3,
      lejerNr: 2,
      address: "Rapportvej 1-1-3 a",
      moveInDate: "2020-03-01",
      noticeRule: { value: "3M1", text: "3 måneder til den 1." },
      renovationDays: null,
      housingType: "Familiebolig",
      sumType: "Husleje",
    });
    expect(page.rows.find((r) => keyOf(r) === "1-1-2/1")).toMatchObject({ noticeRule: null, renovationDays: 14 });
  });

  it("filters by company and by property", async () => {
    expect((await listMissingData(dbA(), { selskab: ids.selskab3 })).rows.map(keyOf)).toEqual(["3-1-1/5", "3-1-7/6"]);
    expect((await listMissingData(dbA(), { ejendom: ids.ejendom13 })).rows.map(keyOf)).toEqual(["1-3-1/1", "1-3-2/2"]);
    expect((await listMissingData(dbA(), { selskab: ids.selskab1, ejendom: ids.ejendom11 })).rows.map(keyOf)).toEqual(EXPECTED.slice(0, 4));
    expect(await countMissingData(dbA(), { selskab: ids.selskab1 })).toBe(6);
    // A property of another company: nothing.
    expect((await listMissingData(dbA(), { selskab: ids.selskab3, ejendom: ids.ejendom11 })).rows).toEqual([]);
    const options = await missingDataFilterOptions(dbA());
    expect(options.selskaber.map((s) => s.nr)).toEqual([1, 3]); // the stopped company is not offered
    expect(options.ejendomme.map((e) => `${e.selskabNr}-${e.nr}`)).toEqual(["1-1", "1-3", "3-1"]);
  });

  it("pages by keyset: every row exactly once, in order, whatever the page size", async () => {
    for (const limit of [1, 2, 3, 7]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const p = await listMissingData(dbA(), {}, { after, limit });
        seen.push(...p.rows.map(keyOf));
        if (!p.next) break;
        after = p.next;
      }
      expect(seen, `limit ${limit}`).toEqual(EXPECTED);
    }
    // A cursor that is not ours shows the first page.
    expect((await listMissingData(dbA(), {}, { after: "bm9uc2Vuc2U", limit: 2 })).rows.map(keyOf)).toEqual(EXPECTED.slice(0, 2));
  });

  it("never shows another organisation's tenancies", async () => {
    const ours = new Set(Object.values(lejer));
    const theirs = await listMissingData(orgDb(B.id, prisma), {});
    expect(theirs.rows).toHaveLength(EXPECTED.length);
    for (const r of theirs.rows) expect(ours.has(r.lejerId)).toBe(false);
    expect((await listMissingData(dbA(), {})).rows.map((r) => r.lejerId)).not.toContain(ids.bLejer);
    // Another organisation's company id as a filter finds nothing here.
    const bCompany = (await orgDb(B.id, prisma).selskab.findFirstOrThrow({ where: { nr: 1 } })).id;
    expect((await listMissingData(dbA(), { selskab: bCompany })).rows).toEqual([]);
  });

  it("drops a tenancy once its data is set through the tenancy update", async () => {
    const id = lejer["3-1-7/6"]!;
    await saveTenancy(dbA(), { lejerId: id, noticeRuleId: ids.rule, renovationDays: 21, nonTerminableUntil: null, terminableInPeriodFrom: null }, { actor: { type: "STAFF", id: sessions.caseworker!.uid, label: "sag@a.example" } });
    expect((await listMissingData(dbA(), {})).rows.map(keyOf)).toEqual(EXPECTED.filter((k) => k !== "3-1-7/6"));
    // Setting only one of two missing values keeps it listed.
    const both = lejer["1-3-2/2"]!;
    await saveTenancy(dbA(), { lejerId: both, noticeRuleId: ids.rule, renovationDays: null, nonTerminableUntil: null, terminableInPeriodFrom: null }, { actor: SYSTEM_ACTOR });
    expect((await listMissingData(dbA(), {})).rows.map(keyOf)).toContain("1-3-2/2");
    // Put it back for the other tests.
    await dbA().lejer.update({ where: { id }, data: { renovationDays: null } });
    await dbA().lejer.update({ where: { id: both }, data: { noticeRuleId: null } });
    expect((await listMissingData(dbA(), {})).rows.map(keyOf)).toEqual(EXPECTED);
  });
});

let ip = 0;
const csv = (query = "", slug = A.slug) =>
  GET(new NextRequest(`http://localhost/api/${slug}/admin/manglende-data/csv${query}`, { headers: { "x-forwarded-for": `198.51.100.${++ip % 250}` } }), { params: Promise.resolve({ organisation: slug }) });

describe("GET /api/{organisation}/admin/manglende-data/csv", () => {
  it("streams the report as ;-separated CSV with a BOM and the guide's columns, formula-safe", async () => {
    const res = await csv();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="manglende-data-${A.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("SelskabNr;EjendomNr;LejemaalNr;LejerNr;Adresse1;IndflytDato;FraflytOpsigVarsel;FraflytIstandPeriode;Boligtype;Sumtype");
    expect(lines).toHaveLength(EXPECTED.length + 1);
    expect(lines.slice(1).map((l) => l.split(";").slice(0, 4).join("-").replace(/-(\d+)$/, "/$1"))).toEqual(EXPECTED);
    expect(lines[1]).toBe("1;1;2;1;Rapportvej 1-1-2 a;01-03-2020;;14;Familiebolig;Husleje");
    expect(lines[2]).toBe("1;1;3;2;Rapportvej 1-1-3 a;01-03-2020;3M1;;Familiebolig;Husleje");
    expect(lines[3]).toBe(`1;1;4;3;"'=HYPERLINK(""http://evil"");x";01-03-2020;3M1;;Familiebolig;Husleje`);
  });

  it("applies the filters", async () => {
    const text = await (await csv(`?selskab=${ids.selskab3}`)).text();
    expect(text.split("\r\n").filter(Boolean).slice(1).map((l) => l.split(";").slice(0, 4).join("-"))).toEqual(["3-1-1-5", "3-1-7-6"]);
    expect((await (await csv(`?ejendom=${ids.ejendom13}&selskab=`)).text()).split("\r\n").filter(Boolean)).toHaveLength(3);
  });

  it("answers another organisation's staff 404, lets read-only staff read, refuses to-do-only staff", async () => {
    current.session = sessions.otherOrg!;
    const res = await csv();
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Rapportvej");
    current.session = sessions.reader!;
    expect((await csv()).status).toBe(200);
    current.session = sessions.todo!;
    expect((await csv()).status).toBe(403);
  });

  it("refuses bad or unknown filters with 400 and a Danish message, and signed-out callers with 401", async () => {
    const bad = await csv("?selskab=abc");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid-input", fieldErrors: { "query.selskab": ["Vælg et selskab fra listen."] } });
    expect((await csv("?organisationId=x")).status).toBe(400);
    current.session = null;
    expect((await csv()).status).toBe(401);
  });

  it("is rate-limited per client address (jsonRoutePerIp: 120 a minute), answering 429 with Retry-After", async () => {
    current.session = null; // refused after the limit is counted: cheap requests
    const from = () => GET(new NextRequest(`http://localhost/api/${A.slug}/admin/manglende-data/csv`, { headers: { "x-forwarded-for": "203.0.113.78" } }), { params: Promise.resolve({ organisation: A.slug }) });
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) statuses.push((await from()).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await from();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("the dashboard figures", () => {
  // Monday 30 November 2026, 10:00 in Denmark (CET, UTC+1): the week began 2026-11-29T23:00:00Z.
  const MONDAY = new Date("2026-11-30T09:00:00Z");
  const SUNDAY_NIGHT = new Date("2026-11-29T22:30:00Z"); // Sunday 23:30 Danish time: still last week

  beforeAll(async () => {
    await dbA().$transaction(async (tx) => {
      const o = tx.organisationId;
      const l = Object.values(lejer);
      const notice = (lejerId: string, status: "SUBMITTED" | "CONFIRMED" | "CANCELLED" | "AWAITING_SIGNATURES" | "DRAFT", submittedAt: string | null) =>
        tx.opsigelse.create({ data: { organisationId: o, lejerId, status, submittedAt: submittedAt ? new Date(submittedAt) : null } });
      await notice(l[0]!, "SUBMITTED", "2026-11-29T22:59:59Z"); // Sunday 23:59:59 Danish: last week
      const n1 = await notice(l[1]!, "SUBMITTED", "2026-11-29T23:00:00Z"); // Monday 00:00 Danish
      await notice(l[2]!, "CONFIRMED", "2026-11-30T08:00:00Z");
      await notice(l[3]!, "CANCELLED", "2026-11-30T08:30:00Z");
      await notice(l[4]!, "AWAITING_SIGNATURES", null);
      await notice(l[5]!, "DRAFT", null);
      await notice(l[6]!, "SUBMITTED", "2026-11-16T10:00:00Z");
      await tx.todo.create({ data: { organisationId: o, kind: "CONFIRM_NOTICE", opsigelseId: n1.id, lejerId: l[1]! } });
      await tx.todo.create({ data: { organisationId: o, kind: "CONFIRM_NOTICE", status: "COMPLETED" } });
      // Exactly three, whatever the tenancy-details sync opened while the tests above changed tenancies.
      await tx.todo.deleteMany({ where: { kind: "PROVIDE_TENANCY_DETAILS" } });
      for (const id of l.slice(0, 3)) await tx.todo.create({ data: { organisationId: o, kind: "PROVIDE_TENANCY_DETAILS", lejerId: id } });
      const reminder = (due: string, status: "OPEN" | "COMPLETED" = "OPEN") => tx.todo.create({ data: { organisationId: o, kind: "REMINDER", status, dueDate: d(due), category: "Fraflytning", title: "Erindring" } });
      await reminder("2026-11-29");
      await reminder("2026-11-30");
      await reminder("2026-12-01");
      await reminder("2026-11-20", "COMPLETED");
      await tx.job.create({ data: { organisationId: o, name: "send-mail", version: 1, key: "mail:dash", payload: {}, maxAttempts: 5, status: "failed" } });
      await tx.job.create({ data: { organisationId: o, name: "send-mail", version: 1, key: "mail:done", payload: {}, maxAttempts: 5, status: "done" } });
    });
  });

  const figures = async (roles: string[], now: Date) =>
    Object.fromEntries((await dashboardFigures(dbA(), { slug: A.slug, permissions: permissionsOf(roles), now })).map((f) => [f.key, [f.count, f.href]]));

  it("counts each figure on a Monday, the week starting at 00:00 Danish time, with the contracted links", async () => {
    expect(weekStart(MONDAY)).toEqual({ monday: "2026-11-30", at: new Date("2026-11-29T23:00:00Z") });
    const base = `/${A.slug}/admin`;
    expect(await figures(["CASEWORKER"], MONDAY)).toEqual({
      newThisWeek: [3, `${base}/opsigelser?fra=2026-11-30`],
      awaitingSignatures: [1, `${base}/opsigelser?status=AWAITING_SIGNATURES`],
      todoConfirmNotice: [1, `${base}/opgaver?type=confirm-notice`],
      todoTenancyDetails: [3, `${base}/opgaver?type=provide-tenancy-details`],
      todoReminder: [3, `${base}/opgaver?type=reminder`],
      remindersDue: [2, `${base}/opgaver?type=reminder&forfald=idag`],
      missingData: [EXPECTED.length, `${base}/manglende-data`],
      failedJobs: [2, `${base}/job`],
    });
  });

  it("on Sunday night the week is still last week's (Monday 23 November)", async () => {
    const f = await figures(["CASEWORKER"], SUNDAY_NIGHT);
    expect(f.newThisWeek).toEqual([4, `/${A.slug}/admin/opsigelser?fra=2026-11-23`]);
    expect(f.remindersDue![0]).toBe(1); // today is still 29 November
  });

  it("shows each figure only with its permission", async () => {
    expect(Object.keys(await figures(["READ_ONLY"], MONDAY))).toEqual(["newThisWeek", "awaitingSignatures", "todoConfirmNotice", "todoTenancyDetails", "todoReminder", "remindersDue", "missingData", "failedJobs"]);
    expect(Object.keys(await figures(["COMPLETE_TODOS"], MONDAY))).toEqual(["todoConfirmNotice", "todoTenancyDetails", "todoReminder", "remindersDue"]);
    expect(await figures([], MONDAY)).toEqual({});
  });
});

describe("the failed-jobs retry action", () => {
  const job = (org: Org, id: string) => orgDb(org.id, prisma).job.findUniqueOrThrow({ where: { id } });

  it("refuses read-only staff and changes nothing", async () => {
    current.session = sessions.reader!;
    const r = await retryJobAction(A.slug, null, form({ jobId: ids.jobA }));
    expect(r).toMatchObject({ ok: false, error: "forbidden" });
    expect(await job(A, ids.jobA)).toMatchObject({ status: "failed", attempts: 5 });
  });

  it("answers another organisation's staff not-found", async () => {
    current.session = sessions.otherOrg!;
    const r = await retryJobAction(A.slug, null, form({ jobId: ids.jobA }));
    expect(r).toMatchObject({ ok: false, error: "not-found" });
    expect(await job(A, ids.jobA)).toMatchObject({ status: "failed" });
  });

  it("treats another organisation's job id as not found, and leaves that job alone", async () => {
    await expect(retryJobAction(A.slug, null, form({ jobId: ids.jobB }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/${A.slug}/admin/job?provet=findes-ikke`]);
    expect(await job(B, ids.jobB)).toMatchObject({ status: "failed", attempts: 5 });
  });

  it("retries a failed job (due now, fresh attempts, audited) and says so; a second retry finds it no longer failed", async () => {
    await expect(retryJobAction(A.slug, null, form({ jobId: ids.jobA }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/${A.slug}/admin/job?provet=1`]);
    expect(await job(A, ids.jobA)).toMatchObject({ status: "pending", attempts: 0, finishedAt: null });
    const audit = await dbA().auditLog.findFirstOrThrow({ where: { type: "JOB_RETRIED", entityId: ids.jobA } });
    expect(audit).toMatchObject({ actorId: sessions.caseworker!.uid, after: { name: "render-notice-letter", key: "notice-letter:a", attempts: 5 } });
    expect(JSON.stringify(audit)).not.toContain("secret-host");
    await expect(retryJobAction(A.slug, null, form({ jobId: ids.jobA }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects[1]).toBe(`/${A.slug}/admin/job?provet=ikke-fejlet`);
  });

  it("is rate-limited per staff session (staffActionPerSession: 120 a minute)", async () => {
    current.session = { ...sessions.caseworker!, authAt: sessions.caseworker!.authAt - 7 } as AppSession;
    for (let i = 0; i < 120; i++) await expect(retryJobAction(A.slug, null, form({ jobId: "not-a-uuid" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(await retryJobAction(A.slug, null, form({ jobId: ids.jobA }))).toMatchObject({ ok: false, error: "rate-limited", retryAfterSeconds: expect.any(Number) });
  });

  it("refuses a malformed job id without a 500", async () => {
    await expect(retryJobAction(A.slug, null, form({ jobId: "x".repeat(101) }))).resolves.toMatchObject({ ok: false, error: "invalid-input" });
    await expect(retryJobAction(A.slug, null, form({ jobId: "not-a-uuid" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/${A.slug}/admin/job?provet=findes-ikke`]);
  });
});
