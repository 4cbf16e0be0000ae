/**
 * "Mine indstillinger" (app/[organisation]/beboer/indstillinger): the server action through the
 * request wrapper and lib/tenancy/settings.ts against this lane's database — the signed-in tenant
 * gives and withdraws the NemKonto consent of their own person only, each change audited in the
 * same transaction; the masked account on file; refusals (no choice, signed out, another kind).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, redirects, staffSession, tenantSession } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.7" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { organisationBySlug } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { saveNemKontoConsent } = await import("@/app/[organisation]/beboer/indstillinger/actions");
const { tenantSettings } = await import("@/lib/tenancy/settings");
const { maskedAccount } = await import("@/lib/text/account");
const { demoDatabase } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string; slug: string };
let anna: { id: string };
let bent: { id: string };
const sessions: Record<string, AppSession> = {};

beforeAll(async () => {
  prisma = await demoDatabase();
  org = (await organisationBySlug(prisma, "nordhavn"))!;
  const db = orgDb(org.id, prisma);
  anna = await db.person.findFirstOrThrow({ where: { name: "Anna Jensen" } });
  bent = await db.person.findFirstOrThrow({ where: { name: { startsWith: "Bent" } } });
  sessions.anna = tenantSession({ id: anna.id, name: "Anna Jensen" }, org);
  sessions.staff = await staffSession(prisma, "nordhavn", "admin@nordhavn.example");
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  current.session = sessions.anna!;
  redirects.length = 0;
});

const consentOf = async (id: string) => (await orgDb(org.id, prisma).person.findUniqueOrThrow({ where: { id } })).nemKontoConsent;
const audits = () => orgDb(org.id, prisma).auditLog.findMany({ where: { type: "TENANT_NEMKONTO_CONSENT_CHANGED", entityId: anna.id }, orderBy: { createdAt: "asc" } });

describe("the NemKonto consent action", () => {
  it("withdraws and gives anna's consent, audited, and redirects back with the outcome", async () => {
    const bentBefore = await consentOf(bent.id);
    const auditsBefore = (await audits()).length;
    await orgDb(org.id, prisma).person.update({ where: { id: anna.id }, data: { nemKontoConsent: true } });

    await expect(saveNemKontoConsent("nordhavn", null, form({ consent: "withdraw" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual(["/nordhavn/beboer/indstillinger?gemt=trukket-tilbage"]);
    expect(await consentOf(anna.id)).toBe(false);

    await expect(saveNemKontoConsent("nordhavn", null, form({ consent: "give" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects[1]).toBe("/nordhavn/beboer/indstillinger?gemt=givet");
    expect(await consentOf(anna.id)).toBe(true);

    const rows = (await audits()).slice(auditsBefore);
    expect(rows.map((r) => [r.before, r.after, r.actorType, r.entityType])).toEqual([
      [{ consent: true }, { consent: false }, "TENANT", "Person"],
      [{ consent: false }, { consent: true }, "TENANT", "Person"],
    ]);
    expect(rows[0]).toMatchObject({ actorId: anna.id, ip: "192.0.2.7" });
    expect(await consentOf(bent.id)).toBe(bentBefore);
  });

  it.each([
    ["no choice", {}, 400, "Vælg, om vi må bruge din NemKonto."],
    ["another value", { consent: "yes" }, 400, "Vælg, om vi må bruge din NemKonto."],
    ["another person's id slipped in", { consent: "give", personId: "00000000-0000-0000-0000-000000000000" }, 400, undefined],
  ] as const)("refuses %s with a field error, nothing written", async (_name, values, status, message) => {
    const before = await consentOf(anna.id);
    const r = await saveNemKontoConsent("nordhavn", null, form(values));
    expect(r).toMatchObject({ ok: false, status });
    if (message && !r.ok) expect(r.fieldErrors?.consent).toEqual([message]);
    expect(await consentOf(anna.id)).toBe(before);
    expect(redirects).toEqual([]);
  });

  it.each([
    ["nobody", null, "signed-out"],
    ["staff", "staff", "signed-out"],
  ] as const)("refuses %s", async (_name, who, error) => {
    current.session = who ? sessions[who]! : null;
    expect(await saveNemKontoConsent("nordhavn", null, form({ consent: "give" }))).toMatchObject({ ok: false, error });
  });

  it("refuses anna at another organisation (her session is nordhavn's)", async () => {
    expect(await saveNemKontoConsent("solbakken", null, form({ consent: "withdraw" }))).toMatchObject({ ok: false, error: "signed-out" });
  });
});

describe("the settings page's data", () => {
  it("shows the consent and the account on file, masked", async () => {
    const db = orgDb(org.id, prisma);
    await db.person.update({ where: { id: anna.id }, data: { regNo: "1234", accountNo: "0012344321" } });
    expect(await tenantSettings(db, anna.id)).toMatchObject({ accountOnFile: "•••• ••••••4321" });
  });

  it.each([
    ["1234", "0012344321", "•••• ••••••4321"],
    ["1234", "4321", "•••• ••••••4321"],
    ["1234", "12-34 4321", "•••• ••••••4321"],
    [null, "0012344321", null],
    ["1234", null, null],
    ["", "", null],
  ] as const)("maskedAccount(%s, %s) = %s", (reg, acc, expected) => {
    expect(maskedAccount(reg, acc)).toBe(expected);
  });
});
