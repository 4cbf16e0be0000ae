/**
 * Walks EVERY server action of the staff admin (app/[organisation]/admin/**\/actions.ts) and of the
 * operator pages (app/operator/**\/actions.ts), found on disk — a new action is walked the moment
 * it exists — and calls each one as the wrong person:
 *  - staff of organisation B (solbakken) against organisation A (nordhavn): "not-found", never
 *    "forbidden" or data, and nothing of A changes;
 *  - A's read-only staff (laeser@nordhavn.example): every action that needs a permission the
 *    read-only role lacks is refused, and nothing changes;
 *  - a tenant of A and a signed-out visitor: refused;
 *  - staff of A on an operator action: refused.
 * The input is a plausible form for each action (every field a short string), so a refusal here is
 * the wrapper's, before any handler runs; each action's own tests cover its happy path.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { current, staffSession, tenantSession } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.9" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { organisationBySlug } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { permissionsOf } = await import("@/lib/auth/permissions");
const { snapshotOrganisation } = await import("../support/org-fixtures");
const { demoDatabase } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz";

const ROOT = path.resolve(__dirname, "../..");

function actionFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...actionFiles(p));
    else if (/^actions\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

type Contract = { kind: string; permission?: string; input?: { shape?: Record<string, unknown> } };
type WalkedAction = { file: string; name: string; fn: (...args: unknown[]) => Promise<{ ok: boolean; error?: string }>; contract: Contract };

async function actionsUnder(rel: string): Promise<WalkedAction[]> {
  const out: WalkedAction[] = [];
  for (const file of actionFiles(path.join(ROOT, rel))) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const contract = (value as { contract?: Contract } | null)?.contract;
      if (typeof value === "function" && contract && typeof contract.kind === "string") {
        out.push({ file: path.relative(ROOT, file), name, fn: value as WalkedAction["fn"], contract });
      }
    }
  }
  return out;
}

/** A form with every field of the action's input schema set to a short string (and the organisation). */
function plausibleForm(a: WalkedAction, slug?: string): FormData {
  const fd = new FormData();
  if (slug) fd.set("organisation", slug);
  const shape = a.contract.input?.shape;
  if (shape) for (const k of Object.keys(shape)) fd.set(k, "1");
  return fd;
}

let prisma: ReturnType<typeof createPrismaClient>;
let orgA: { id: string; slug: string };
let adminActions: WalkedAction[] = [];
let operatorActions: WalkedAction[] = [];
const sessions: Record<string, AppSession> = {};

async function call(a: WalkedAction, session: AppSession | null, slug: string | undefined) {
  current.session = session;
  try {
    return await (slug ? a.fn(slug, null, plausibleForm(a)) : a.fn(null, plausibleForm(a)));
  } catch (e) {
    // A redirect would mean the handler ran: report it as such.
    return { ok: true, error: `threw ${(e as Error).message}` };
  }
}

beforeAll(async () => {
  prisma = await demoDatabase();
  orgA = (await organisationBySlug(prisma, "nordhavn"))!;
  adminActions = await actionsUnder("app/[organisation]/admin");
  operatorActions = await actionsUnder("app/operator");
  sessions.otherOrgAdmin = await staffSession(prisma, "solbakken", "admin@solbakken.example");
  sessions.readOnly = await staffSession(prisma, "nordhavn", "laeser@nordhavn.example");
  sessions.admin = await staffSession(prisma, "nordhavn", "admin@nordhavn.example");
  const anna = await orgDb(orgA.id, prisma).person.findFirstOrThrow({ where: { name: "Anna Jensen" } });
  sessions.tenant = tenantSession(anna, { id: orgA.id, slug: "nordhavn" });
}, 120_000);

afterAll(async () => {
  current.session = null;
  await prisma?.$disconnect();
});

describe("every admin server action, called as the wrong person", () => {
  it("finds the admin actions on disk (the walk is not empty)", () => {
    expect(adminActions.length).toBeGreaterThan(0);
    for (const a of adminActions) expect(a.contract.kind, `${a.file} ${a.name}`).toBe("staff");
  });

  it("staff of another organisation get not-found from every one, and nothing of the organisation changes", async () => {
    const before = await snapshotOrganisation(prisma, orgA.id);
    const outcomes: string[] = [];
    for (const a of adminActions) {
      const r = await call(a, sessions.otherOrgAdmin!, "nordhavn");
      outcomes.push(`${a.file} ${a.name}: ${r.ok ? "ok" : r.error}`);
    }
    expect(outcomes).toEqual(adminActions.map((a) => `${a.file} ${a.name}: not-found`));
    const after = await snapshotOrganisation(prisma, orgA.id);
    // Audit rows of refusals are allowed to be absent only; the data tables must be identical.
    expect(after).toEqual(before);
  });

  it("read-only staff are refused by every action that needs a permission the role lacks, and nothing changes", async () => {
    const readOnly = permissionsOf(["READ_ONLY"]);
    const guarded = adminActions.filter((a) => !a.contract.permission || !readOnly.has(a.contract.permission as never));
    const unguarded = adminActions.filter((a) => !a.contract.permission);
    expect(unguarded.map((a) => `${a.file} ${a.name}`), "every admin action names a permission").toEqual([]);
    const before = await snapshotOrganisation(prisma, orgA.id);
    const outcomes: string[] = [];
    for (const a of guarded) {
      const r = await call(a, sessions.readOnly!, "nordhavn");
      outcomes.push(`${a.file} ${a.name}: ${r.ok ? "ok" : r.error === "forbidden" || r.error === "not-found" ? "refused" : r.error}`);
    }
    expect(outcomes).toEqual(guarded.map((a) => `${a.file} ${a.name}: refused`));
    expect(await snapshotOrganisation(prisma, orgA.id)).toEqual(before);
  });

  it("a tenant of the organisation and a signed-out visitor are refused by every one", async () => {
    for (const who of ["tenant", "signedOut"] as const) {
      const outcomes: string[] = [];
      for (const a of adminActions) {
        const r = await call(a, who === "tenant" ? sessions.tenant! : null, "nordhavn");
        outcomes.push(`${a.name}: ${r.ok ? "ok" : ["not-found", "signed-out", "forbidden"].includes(r.error ?? "") ? "refused" : r.error}`);
      }
      expect(outcomes, who).toEqual(adminActions.map((a) => `${a.name}: refused`));
    }
  });
});

describe("every operator server action, called by staff", () => {
  it("is refused for an organisation's administrator and for a signed-out visitor", async () => {
    for (const a of operatorActions) {
      expect(a.contract.kind, `${a.file} ${a.name}`).toBe("operator");
      for (const s of [sessions.admin!, null]) {
        const r = await call(a, s, undefined);
        expect(r.ok, `${a.file} ${a.name} as ${s?.email ?? "signed out"}`).toBe(false);
        expect(["not-found", "signed-out", "forbidden"]).toContain(r.error);
      }
    }
  });
});
