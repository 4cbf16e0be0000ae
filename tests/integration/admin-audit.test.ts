/**
 * The staff audit log (lib/admin/audit-log.ts, /{organisation}/admin/log and its CSV route) against
 * this lane's database: filters (type, actor, entity, Danish dates), newest first, keyset pages
 * that neither skip nor repeat a row (also when rows share a timestamp), the per-record trail, and
 * the CSV export — BOM, `;`, formula-safe cells, only this organisation's rows, the same filters,
 * 404 for another organisation's staff and for staff without audit.read.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, staffSession } from "../support/action-harness";
import { NextRequest } from "next/server";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock());

const { createPrismaClient } = await import("@/lib/db/client");
const { organisationBySlug } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { writeAudit } = await import("@/lib/audit/write");
const { listAudit, auditTrail, auditTypes, auditFilterSchema } = await import("@/lib/admin/audit-log");
const { GET } = await import("@/app/api/[organisation]/admin/log/csv/route");
const { demoDatabase } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string; slug: string };
let other: { id: string; slug: string };
const sessions: Record<string, AppSession> = {};
const entity = randomUUID(); // a Lejer id of this test's own rows
const otherEntity = randomUUID();
const ROWS = 120;

beforeAll(async () => {
  prisma = await demoDatabase();
  org = (await organisationBySlug(prisma, "nordhavn"))!;
  other = (await organisationBySlug(prisma, "solbakken"))!;
  sessions.admin = await staffSession(prisma, "nordhavn", "admin@nordhavn.example");
  sessions.reader = await staffSession(prisma, "nordhavn", "laeser@nordhavn.example");
  sessions.todo = await staffSession(prisma, "nordhavn", "todo@nordhavn.example");
  sessions.otherOrg = await staffSession(prisma, "solbakken", "admin@solbakken.example");
  // One transaction: the rows share their timestamps (now() is the transaction's), so paging must break ties by id.
  await orgDb(org.id, prisma).$transaction(
    async (tx) => {
      for (let i = 0; i < ROWS; i++) {
        await writeAudit(tx, {
          type: "LEJER_UPDATED",
          actor: { type: "STAFF", id: sessions.admin!.uid, label: i === 0 ? "=HYPERLINK(\"http://evil\")" : "auditor@nordhavn.example" },
          entityType: "Lejer",
          entityId: entity,
          before: { renovationDays: i },
          after: { renovationDays: i + 1 },
        });
      }
    },
    { timeout: 60_000 },
  );
  await orgDb(other.id, prisma).$transaction((tx) =>
    writeAudit(tx, { type: "LEJER_UPDATED", actor: { type: "STAFF", label: "solbakken-only@solbakken.example" }, entityType: "Lejer", entityId: otherEntity, before: { renovationDays: 1 }, after: { renovationDays: 2 } }),
  );
});
afterAll(async () => {
  await prisma?.$disconnect();
});
let ip = 0;
beforeEach(() => {
  current.session = sessions.admin!;
  ip++;
});

const filter = (q: Record<string, string>) => auditFilterSchema.parse(q);
const db = () => orgDb(org.id, prisma);

describe("the audit list", () => {
  it("pages newest first by a keyset cursor without skipping or repeating a row", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAudit(db(), filter({ entityId: entity }), cursor);
      expect(page.rows.length).toBeLessThanOrEqual(50);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(ROWS);
    const all = await db().auditLog.findMany({ where: { entityId: entity }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it("filters by type, actor, entity and Danish dates", async () => {
    expect((await listAudit(db(), filter({ type: "DEMO_DATA_SEEDED" }))).rows.map((r) => r.type)).toEqual(["DEMO_DATA_SEEDED"]);
    const byActor = await listAudit(db(), filter({ actor: "HYPERLINK" }));
    expect(byActor.rows).toHaveLength(1);
    expect(byActor.rows[0]).toMatchObject({ entityType: "Lejer", entityId: entity, diff: [{ key: "renovationDays", before: "0", after: "1" }] });
    expect((await listAudit(db(), filter({ entityType: "Lejer", entityId: entity }), undefined, 500)).rows).toHaveLength(ROWS);
    expect((await listAudit(db(), filter({ entityType: "User", entityId: entity }))).rows).toHaveLength(0);
    expect((await listAudit(db(), filter({ entityId: entity, from: "2000-01-01", to: "2000-12-31" }))).rows).toHaveLength(0);
    const dk = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen" }).format(new Date());
    expect((await listAudit(db(), filter({ entityId: entity, from: dk, to: dk }), undefined, 500)).rows).toHaveLength(ROWS);
  });

  it("refuses impossible dates in the filter", () => {
    expect(auditFilterSchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
  });

  it("never shows another organisation's rows", async () => {
    expect((await listAudit(db(), filter({ entityId: otherEntity }))).rows).toHaveLength(0);
    expect((await listAudit(db(), filter({ actor: "solbakken-only" }))).rows).toHaveLength(0);
    expect(await auditTypes(db())).toContain("LEJER_UPDATED");
  });

  it("lists one record's trail newest first", async () => {
    const trail = await auditTrail(db(), "Lejer", entity);
    expect(trail).toHaveLength(50);
    expect(trail[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(trail.at(-1)!.createdAt.getTime());
    expect(await auditTrail(db(), "Lejer", otherEntity)).toEqual([]);
  });
});

const csv = (query = "", slug = "nordhavn") =>
  GET(new NextRequest(`http://localhost/api/${slug}/admin/log/csv${query}`, { headers: { "x-forwarded-for": `198.51.100.${ip % 250}` } }), { params: Promise.resolve({ organisation: slug }) });

describe("GET /api/{organisation}/admin/log/csv", () => {
  it("streams this organisation's filtered rows as ;-separated CSV with a BOM, formula-safe", async () => {
    const res = await csv(`?entityId=${entity}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="log-nordhavn-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("Tidspunkt (dansk tid);Hændelse;Hændelseskode;Udført af;Aktørtype;Objekttype;Objekt-id;Ændringer");
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[1]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2};Lejemål ændret;LEJER_UPDATED;/);
    expect(text).toContain(`;"'=HYPERLINK(""http://evil"")";STAFF;Lejer;${entity};renovationDays: 0 → 1`);
    expect(text).not.toContain("solbakken-only");
  });

  it("exports the whole log without filters, only this organisation's", async () => {
    const text = await (await csv()).text();
    expect(text).toContain("DEMO_DATA_SEEDED");
    expect(text).not.toContain(otherEntity);
    expect(text).not.toContain("solbakken-only");
    const count = await db().auditLog.count();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(count + 1);
  });

  it("answers another organisation's staff 404, not the data", async () => {
    current.session = sessions.otherOrg!;
    const res = await csv(`?entityId=${entity}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(entity);
    // Their own organisation's log has only their rows.
    const own = await (await csv("", "solbakken")).text();
    expect(own).toContain("solbakken-only");
    expect(own).not.toContain(entity);
  });

  it("lets read-only staff (audit.read) export, and refuses staff without audit.read", async () => {
    current.session = sessions.reader!;
    expect((await csv(`?entityId=${entity}`)).status).toBe(200);
    current.session = sessions.todo!;
    expect((await csv(`?entityId=${entity}`)).status).toBe(403);
  });

  it("refuses unknown or bad filters with 400 and signed-out callers with 401", async () => {
    expect((await csv("?from=2026-02-30")).status).toBe(400);
    expect((await csv("?organisationId=x")).status).toBe(400);
    current.session = null;
    expect((await csv()).status).toBe(401);
  });
});
