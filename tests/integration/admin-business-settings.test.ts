/**
 * The business-process settings (app/[organisation]/admin/indstillinger): the save action through
 * the request wrapper and lib/admin/business-settings.ts — only its keys are written, in one
 * transaction with a SETTINGS_UPDATED audit row naming the changed keys only; another
 * organisation's staff get not-found and read-only staff are refused; bad input (a formula that
 * does not parse …) comes back as field errors with the typed values; nothing changed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppSession } from "@/lib/auth/types";
import { current, flashes, form, redirects, staffSession } from "../support/action-harness";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.10" }));
vi.mock("@/lib/http/form-flash", async () => (await import("../support/action-harness")).formFlashMock());
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { organisationBySlug } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { saveBusinessSettingsAction } = await import("@/app/[organisation]/admin/indstillinger/actions");
const { formValuesOfSettings, businessValuesOf } = await import("@/lib/admin/business-settings-form");
const { demoDatabase } = await import("../support/db");

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string };
let other: { id: string };
let originalSettings: unknown;
const sessions: Record<"caseworker" | "reader" | "otherOrg", AppSession> = {} as never;

beforeAll(async () => {
  prisma = await demoDatabase();
  org = (await organisationBySlug(prisma, "nordhavn"))!;
  other = (await organisationBySlug(prisma, "solbakken"))!;
  originalSettings = (await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } })).settings;
  sessions.caseworker = await staffSession(prisma, "nordhavn", "sagsbehandler@nordhavn.example");
  sessions.reader = await staffSession(prisma, "nordhavn", "laeser@nordhavn.example");
  sessions.otherOrg = await staffSession(prisma, "solbakken", "admin@solbakken.example");
});
afterAll(async () => {
  // Other test files use nordhavn's settings: put them back as they were.
  if (originalSettings !== undefined) await prisma.organisation.update({ where: { id: org.id }, data: { settings: originalSettings as object } });
  await prisma?.$disconnect();
});
beforeEach(async () => {
  current.session = sessions.caseworker;
  redirects.length = 0;
  flashes.length = 0;
  await prisma.organisation.update({ where: { id: org.id }, data: { settings: originalSettings as object } });
});

const stored = async (id = org.id) => (await prisma.organisation.findUniqueOrThrow({ where: { id } })).settings as Record<string, unknown>;
const audits = () => orgDb(org.id, prisma).auditLog.findMany({ where: { type: "SETTINGS_UPDATED" }, orderBy: { createdAt: "asc" } });
const { readSettings } = await import("@/lib/organisation/settings");
const formNow = async () => formValuesOfSettings(businessValuesOf(readSettings(await stored())));

const refOf = (url: string) => /[?&]f=([0-9a-f]{8})/.exec(url)?.[1] ?? "none";
async function redirected(p: Promise<unknown>): Promise<string> {
  await expect(p).rejects.toThrow("NEXT_REDIRECT");
  return redirects.at(-1)!;
}

describe("saveBusinessSettingsAction", () => {
  it("saves the changed keys only, keeps every other key as stored, and audits before/after of the changed keys", async () => {
    const before = await stored();
    const n = (await audits()).length;
    const values = { ...(await formNow()), moveOutFormula: "Ugedag < 6", closingDays: "24.12, 31.12, 5.6, 1.5", renovationLiable: "on", signingLinkExpiryDays: "10" };
    const to = await redirected(saveBusinessSettingsAction("nordhavn", null, form({ ...values, sampleMoveOut: "2027-02-26" })));
    expect(to).toBe("/nordhavn/admin/indstillinger?flytning=2027-02-26&gemt=1");
    const after = await stored();
    expect(after).toEqual({ ...before, moveOutFormula: "Ugedag < 6", closingDays: ["05-01", "06-05", "12-24", "12-31"], renovationLiable: true, signingLinkExpiryDays: 10 });
    const rows = (await audits()).slice(n);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: "STAFF", actorId: sessions.caseworker.uid, entityType: "Organisation", entityId: org.id, ip: "192.0.2.10" });
    expect(rows[0]!.before).toEqual({ moveOutFormula: "", closingDays: ["06-05", "12-24", "12-31"], renovationLiable: false, signingLinkExpiryDays: 14 });
    expect(rows[0]!.after).toEqual({ moveOutFormula: "Ugedag < 6", closingDays: ["05-01", "06-05", "12-24", "12-31"], renovationLiable: true, signingLinkExpiryDays: 10 });
  });

  it("saving the form unchanged writes nothing and says so", async () => {
    const before = await stored();
    const n = (await audits()).length;
    expect(await redirected(saveBusinessSettingsAction("nordhavn", null, form(await formNow())))).toBe("/nordhavn/admin/indstillinger?gemt=0");
    expect(await stored()).toEqual(before);
    expect((await audits()).length).toBe(n);
  });

  it("'Vis eksempel' saves nothing: the typed values go back to the page", async () => {
    const before = await stored();
    const to = await redirected(saveBusinessSettingsAction("nordhavn", null, form({ ...(await formNow()), relettingRule: "42;D", intent: "preview", sampleMoveOut: "2027-03-31" })));
    expect(to).toBe(`/nordhavn/admin/indstillinger?flytning=2027-03-31&eksempel=1&f=${refOf(to)}#eksempel`);
    expect(flashes.at(-1)).toMatchObject({ form: `business-settings:${refOf(to)}`, values: { relettingRule: "42;D" }, errors: {} });
    expect(await stored()).toEqual(before);
  });

  it.each([
    ["a move-out formula that does not parse", { moveOutFormula: "(Dag=1) | (Dag=15)" }, { moveOutFormula: ["adminSettings.errors.formula"] }],
    ["a re-letting formula that does not parse", { relettingFormula: "Dag =" }, { relettingFormula: ["adminSettings.errors.formula"] }],
    ["a bad re-letting rule", { relettingRule: "42;" }, { relettingRule: ["adminSettings.errors.relettingRule"] }],
    ["closing days that are not dates", { closingDays: "24.12, 31.04" }, { closingDays: ["adminSettings.errors.closingDays"] }],
    ["numbers out of range", { inspectionWindowDays: "61", draftExpiryDays: "0", signingLinkExpiryDays: "x" }, { inspectionWindowDays: ["adminSettings.errors.inspectionWindowDaysRange"], draftExpiryDays: ["adminSettings.errors.draftExpiryDaysRange"], signingLinkExpiryDays: ["adminSettings.errors.wholeNumber"] }],
  ] as const)("refuses %s with field errors and the typed values; nothing written", async (_name, change, errors) => {
    const before = await stored();
    const n = (await audits()).length;
    const values = { ...(await formNow()), ...change };
    const to = await redirected(saveBusinessSettingsAction("nordhavn", null, form(values)));
    expect(to).toBe(`/nordhavn/admin/indstillinger?f=${refOf(to)}`);
    expect(flashes.at(-1)).toEqual({ form: `business-settings:${refOf(to)}`, values, errors });
    expect(await stored()).toEqual(before);
    expect((await audits()).length).toBe(n);
  });

  it("a sample date that is not a date is a field error of the wrapper; nothing written", async () => {
    const before = await stored();
    expect(await saveBusinessSettingsAction("nordhavn", null, form({ ...(await formNow()), sampleMoveOut: "31-02-2027" }))).toMatchObject({ ok: false, error: "invalid-input", fieldErrors: { sampleMoveOut: [expect.any(String)] } });
    expect(await stored()).toEqual(before);
  });

  it("another organisation's staff get not-found, read-only staff are refused; nothing changes in either organisation", async () => {
    const before = await stored();
    const otherBefore = await stored(other.id);
    const n = (await audits()).length;
    const values = { ...(await formNow()), moveOutFormula: "Dag = 1" };
    for (const [who, slug, error] of [["otherOrg", "nordhavn", "not-found"], ["reader", "nordhavn", "forbidden"]] as const) {
      current.session = sessions[who];
      expect(await saveBusinessSettingsAction(slug, null, form(values))).toMatchObject({ ok: false, error });
    }
    expect(redirects).toEqual([]);
    expect(await stored()).toEqual(before);
    expect(await stored(other.id)).toEqual(otherBefore);
    expect((await audits()).length).toBe(n);
  });
});
