/**
 * GET /api/{organisation}/admin/koder/eksempel — the notice rule's preview while staff type: the same
 * numbers as lib/admin/previews.ts for today (Danish), { ok: false } for a rule the parser refuses
 * (never a 500, never a date), 400 for an unknown parameter, 404 for another organisation's staff,
 * 401 signed out, 403 for staff without codes.read; read-only staff may look (it changes nothing).
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { current, staffSession } from "../support/action-harness";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.31" }));

const { createPrismaClient } = await import("@/lib/db/client");
const { organisationBySlug } = await import("@/lib/db/platform");
const { noticeRulePreview } = await import("@/lib/admin/previews");
const { todayInDenmark } = await import("@/lib/time");
const { GET } = await import("@/app/api/[organisation]/admin/koder/eksempel/route");
const { demoDatabase } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: ReturnType<typeof createPrismaClient>;
let n = 0;
const ask = async (query: string, slug = "nordhavn") => {
  const res = await GET(new NextRequest(`http://localhost/api/${slug}/admin/koder/eksempel?${query}`, { headers: { "x-forwarded-for": `198.51.100.${(n++ % 200) + 20}` } }), {
    params: Promise.resolve({ organisation: slug }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  prisma = await demoDatabase();
});
afterAll(async () => {
  current.session = null;
  await prisma?.$disconnect();
});

describe("the notice rule's live preview", () => {
  it("answers the preview of the typed rule, the same as the page's", async () => {
    current.session = await staffSession(prisma, "nordhavn", "sagsbehandler@nordhavn.example");
    const today = todayInDenmark();
    const cases: Array<[string, Parameters<typeof noticeRulePreview>[0]]> = [
      ["ruleMonths=3&ruleAnchor=first", { months: 3, anchor: "first" }],
      ["ruleMonths=3&ruleAnchor=first-or-fifteenth", { months: 3, anchor: "first-or-fifteenth" }],
      ["ruleMonths=3&ruleAnchor=first&ruleRunningMonth=on", { months: 3, anchor: "first", runningMonth: true }],
      ["ruleMonths=0&ruleDays=14&ruleAnchor=any", { months: 0, days: 14, anchor: "any" }],
    ];
    for (const [query, rule] of cases) {
      const r = await ask(query);
      expect(r.status, query).toBe(200);
      const p = noticeRulePreview(rule, today);
      expect(r.body, query).toEqual({ ok: true, today: p.today, terminationDate: p.terminationDate, vacatingDay: p.vacatingDay, upcoming: p.upcoming });
    }
  });

  it("answers ok: false for a rule that does not parse, 400 for an unknown or oversized parameter", async () => {
    current.session = await staffSession(prisma, "nordhavn", "laeser@nordhavn.example");
    for (const query of ["ruleMonths=&ruleAnchor=first", "ruleMonths=abc&ruleAnchor=first", "ruleMonths=3&ruleAnchor=never", "ruleMonths=3&ruleAnchor=any&ruleRunningMonth=on", "ruleMonths=0&ruleAnchor=first"]) {
      const r = await ask(query);
      expect(r.status, query).toBe(200);
      expect(r.body, query).toEqual({ ok: false });
    }
    expect((await ask("ruleMonths=3&drop=table")).status).toBe(400);
    expect((await ask(`ruleMonths=${"9".repeat(30)}`)).status).toBe(400);
  });

  it("is a 404 for another organisation's staff, 401 signed out, 403 without codes.read", async () => {
    current.session = await staffSession(prisma, "solbakken", "admin@solbakken.example");
    expect((await ask("ruleMonths=3&ruleAnchor=first")).status).toBe(404);
    current.session = null;
    expect((await ask("ruleMonths=3&ruleAnchor=first")).status).toBe(401);
    current.session = await staffSession(prisma, "nordhavn", "todo@nordhavn.example");
    expect((await ask("ruleMonths=3&ruleAnchor=first")).status).toBe(403);
  });
});
