/**
 * GET /api/{organisation}/adresser (the step 7 autocomplete's JSON route) through the request
 * wrapper against this lane's database: only a signed-in tenant of the organisation, `[{ id, text }]`
 * at most 10 (the offline provider), [] below 2 characters, query checked, no-store, its own rate
 * limit, and a failing provider answered without its details.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { AppSession } from "@/lib/auth/types";

const current: { session: AppSession | null } = { session: null };
vi.mock("@/lib/auth/session", () => ({ getAppSession: async () => current.session }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const { createPrismaClient } = await import("@/lib/db/client");
const { organisationBySlug } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { consume, LIMITS } = await import("@/lib/security/rate-limit");
const { GET } = await import("@/app/api/[organisation]/adresser/route");
const { demoDatabase } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: ReturnType<typeof createPrismaClient>;
let tenant: AppSession;
let staff: AppSession;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  prisma = await demoDatabase();
  const org = (await organisationBySlug(prisma, "nordhavn"))!;
  const anna = await orgDb(org.id, prisma).person.findFirstOrThrow({ where: { name: "Anna Jensen" } });
  tenant = { kind: "tenant", uid: anna.id, name: anna.name, orgId: org.id, orgSlug: "nordhavn", authAt: now() };
  const u = await orgDb(org.id, prisma).user.findFirstOrThrow({ where: { email: "admin@nordhavn.example" } });
  staff = { kind: "staff", uid: u.id, name: u.name, email: u.email, orgId: org.id, orgSlug: "nordhavn", roles: u.roles, sv: u.sessionVersion, authAt: now() };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await prisma?.$disconnect();
});

let ip = "";
let n = 0;
beforeEach(() => {
  n++;
  ip = `203.0.${113 + Math.floor(n / 250)}.${n % 250}`;
  current.session = tenant;
  vi.unstubAllEnvs();
});

const get = (query: string, slug = "nordhavn") =>
  GET(new NextRequest(`http://localhost/api/${slug}/adresser${query}`, { headers: { "x-forwarded-for": ip } }), { params: Promise.resolve({ organisation: slug }) });

describe("GET /api/{organisation}/adresser", () => {
  it("answers a signed-in tenant with at most 10 suggestions { id, text }, no-store", async () => {
    const res = await get("?q=Vesterbrogade");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { id: string; text: string }[];
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThanOrEqual(10);
    for (const s of body) {
      expect(Object.keys(s).sort()).toEqual(["id", "text"]);
      expect(s.text).toMatch(/Vesterbrogade \d+.*, 1620 København V$/);
    }
  });

  it("finds the demo addresses, forgiving case and diacritics", async () => {
    const body = (await (await get("?q=havnegade%201%2C%201.%20tv")).json()) as { text: string }[];
    expect(body[0]?.text).toBe("Havnegade 1, 1. tv, 2150 Nordhavn");
    const folded = (await (await get("?q=aaboulevarden%2012")).json()) as { text: string }[];
    expect(folded[0]?.text).toMatch(/^Åboulevarden 12/);
  });

  it.each([
    ["max=3", "?q=Vesterbrogade&max=3", 3],
    ["one character", "?q=V", 0],
    ["blank", "?q=%20%20", 0],
  ] as const)("%s", async (_name, query, count) => {
    const res = await get(query);
    expect(res.status).toBe(200);
    const body = (await res.json()) as unknown[];
    if (count === 0) expect(body).toEqual([]);
    else expect(body).toHaveLength(count);
  });

  it.each([
    ["no q", "", "query.q"],
    ["max over 10", "?q=Vesterbrogade&max=11", "query.max"],
    ["max not a number", "?q=Vesterbrogade&max=x", "query.max"],
    ["an unknown parameter", "?q=Vesterbrogade&token=x", "query.token"],
    ["q over 200 characters", `?q=${"a".repeat(201)}`, "query.q"],
  ] as const)("refuses %s with 400 naming the field", async (_name, query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).fieldErrors)).toEqual([field]);
  });

  it.each([
    ["nobody", null, "nordhavn", 401],
    ["staff", "staff", "nordhavn", 401],
    ["the tenant, at another organisation", "tenant", "solbakken", 401],
    ["anyone, at an organisation that does not exist", "tenant", "findes-ikke", 404],
  ] as const)("refuses %s", async (_name, who, slug, status) => {
    current.session = who === null ? null : who === "staff" ? staff : tenant;
    const res = await get("?q=Vesterbrogade", slug);
    expect(res.status).toBe(status);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("has its own per-address limit: 429 with Retry-After once used up", async () => {
    await consume("addressSearchPerIp", ip, LIMITS.addressSearchPerIp.points);
    const res = await get("?q=Vesterbrogade");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers a provider that cannot answer with 500 failed, never its details", async () => {
    // Adressevælger at a closed port: a network error, reported as "unavailable" by lib/address.
    vi.stubEnv("ADDRESS_PROVIDER", "adressevaelger");
    vi.stubEnv("ADDRESS_API_URL", "http://127.0.0.1:9");
    vi.stubEnv("ADDRESS_API_TOKEN", "secret-token-123");
    const res = await get("?q=Vesterbrogade");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error).toBe("failed");
    expect(text).not.toContain("secret-token-123");
    expect(text).not.toContain("127.0.0.1");
  });

  it("publishes its contract", () => {
    expect(GET.contract).toMatchObject({ kind: "tenant", path: "/api/{organisation}/adresser", rateLimit: "addressSearchPerIp" });
  });
});
