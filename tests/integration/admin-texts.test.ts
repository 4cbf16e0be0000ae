/**
 * "Tekster" (app/[organisation]/admin/tekster/actions.ts, lib/admin/texts.ts, lib/organisation/texts.ts)
 * through the request wrapper against this lane's database, on an organisation of its own: a
 * caseworker's override reaches the tenant pages' messages (and only the tenant pages'), English
 * falls back to the Danish override, reset removes it, each change audited with before/after;
 * another organisation's staff get not-found, read-only staff are refused, bad texts get a field
 * message — and in every refusal nothing changes. Also the footer contact and legal pages.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, now, redirects } from "../support/action-harness";
import { createTranslator } from "next-intl";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.10" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

const { createPrismaClient } = await import("@/lib/db/client");
const { createOrganisationWith, organisationBySlug } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { saveTextAction, saveContactAction, saveLegalAction } = await import("@/app/[organisation]/admin/tekster/actions");
const { withTextOverrides, TEXT_KEY_LIST, defaultText } = await import("@/lib/organisation/texts");
const { tenantTextOverrides, tenantSlugOfPath } = await import("@/lib/organisation/text-overrides");
const { defaultSettings, writeDefaultCodes } = await import("@/lib/organisation/defaults");
const { demoDatabase } = await import("../support/db");
const da = (await import("@/messages/da.json")).default;
const en = (await import("@/messages/en.json")).default;

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

let prisma: ReturnType<typeof createPrismaClient>;
const slug = `texts-${randomUUID().slice(0, 8)}`;
let orgId = "";
const sessions: Record<"caseworker" | "reader" | "otherOrg", AppSession> = {} as never;

beforeAll(async () => {
  prisma = await demoDatabase();
  const actor = { type: "SYSTEM" as const, id: null, label: "test" };
  const { org } = await createOrganisationWith(prisma, { slug, name: "Tekstby Bolig", settings: defaultSettings() }, { actor }, async (tx) => {
    await writeDefaultCodes(tx, "test");
    const cw = await tx.user.create({ data: { organisationId: tx.organisationId, email: "cw@texts.example", name: "Casey", roles: ["CASEWORKER"] } });
    const ro = await tx.user.create({ data: { organisationId: tx.organisationId, email: "ro@texts.example", name: "Reed", roles: ["READ_ONLY"] } });
    sessions.caseworker = { kind: "staff", uid: cw.id, name: cw.name, orgId: tx.organisationId, orgSlug: slug, roles: cw.roles, sv: 0, authAt: now() };
    sessions.reader = { kind: "staff", uid: ro.id, name: ro.name, orgId: tx.organisationId, orgSlug: slug, roles: ro.roles, sv: 0, authAt: now() };
  });
  orgId = org.id;
  const nordhavn = (await organisationBySlug(prisma, "nordhavn"))!;
  const u = await orgDb(nordhavn.id, prisma).user.findFirstOrThrow({ where: { email: "sagsbehandler@nordhavn.example" } });
  sessions.otherOrg = { kind: "staff", uid: u.id, name: u.name, orgId: nordhavn.id, orgSlug: "nordhavn", roles: u.roles, sv: u.sessionVersion, authAt: now() };
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  current.session = sessions.caseworker;
  redirects.length = 0;
});

const settings = async () => (await organisationBySlug(prisma, slug))!.settings;
const audits = (type: string) => orgDb(orgId, prisma).auditLog.findMany({ where: { type }, orderBy: { createdAt: "asc" } });

/** What a tenant page of `path` shows for `key` in `locale`: the messages i18n/request.ts builds. */
async function tenantSees(path: string, key: string, locale: "da" | "en", values: Record<string, string> = {}) {
  const messages = withTextOverrides(locale === "da" ? da : en, await tenantTextOverrides(path), locale);
  const t = createTranslator({ locale, messages: messages as never });
  return (t as unknown as (k: string, v?: Record<string, string>) => string)(key, values);
}

const KEY = "wizard.general.saveHint";
const wizardPath = () => `/${slug}/beboer/selvbetjening/opsigelse/00000000-0000-4000-8000-000000000000/generelt`;

describe("a wizard text", () => {
  it("is saved by a caseworker, audited, and shown on the tenant pages in Danish — and in English the Danish text until there is an English one", async () => {
    expect(await tenantSees(wizardPath(), KEY, "da")).toBe(defaultText(KEY, "da"));
    await expect(saveTextAction(slug, null, form({ key: KEY, da: "Husk at gemme – ring til os på 70 70 70 70, hvis du går i stå.", en: "" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects[0]).toBe(`/${slug}/admin/tekster?vis=general&gemt=${encodeURIComponent(KEY)}#${encodeURIComponent(KEY)}`);
    expect((await settings()).texts[KEY]).toEqual({ da: "Husk at gemme – ring til os på 70 70 70 70, hvis du går i stå." });
    expect(await tenantSees(wizardPath(), KEY, "da")).toBe("Husk at gemme – ring til os på 70 70 70 70, hvis du går i stå.");
    expect(await tenantSees(wizardPath(), KEY, "en")).toBe("Husk at gemme – ring til os på 70 70 70 70, hvis du går i stå.");
    // Only this organisation's tenant pages: not its staff pages, not another organisation.
    expect(await tenantSees(`/${slug}/admin/tekster`, KEY, "da")).toBe(defaultText(KEY, "da"));
    expect(await tenantSees("/nordhavn/beboer/selvbetjening/opsigelse", KEY, "da")).toBe(defaultText(KEY, "da"));

    await expect(saveTextAction(slug, null, form({ key: KEY, da: "Dine svar gemmes. Don't worry.", en: "Your answers are saved – it's fine." }))).rejects.toThrow("NEXT_REDIRECT");
    expect(await tenantSees(wizardPath(), KEY, "da")).toBe("Dine svar gemmes. Don't worry.");
    expect(await tenantSees(wizardPath(), KEY, "en")).toBe("Your answers are saved – it's fine.");

    const rows = await audits("TEXTS_UPDATED");
    expect(rows.map((r) => [r.before, r.after, r.actorType, r.actorId])).toEqual([
      [{ [KEY]: null }, { [KEY]: { da: "Husk at gemme – ring til os på 70 70 70 70, hvis du går i stå." } }, "STAFF", sessions.caseworker.uid],
      [{ [KEY]: { da: "Husk at gemme – ring til os på 70 70 70 70, hvis du går i stå." } }, { [KEY]: { da: "Dine svar gemmes. Don't worry.", en: "Your answers are saved – it's fine." } }, "STAFF", sessions.caseworker.uid],
    ]);
  });

  it("keeps the placeholders its default uses, filled in for the tenant", async () => {
    await expect(saveTextAction(slug, null, form({ key: "wizard.general.lead", da: "Du opsiger {address} hos os." }))).rejects.toThrow("NEXT_REDIRECT");
    expect(await tenantSees(wizardPath(), "wizard.general.lead", "da", { address: "Vej 1" })).toBe("Du opsiger Vej 1 hos os.");
  });

  it("is reset to the default: the override is removed and the reset audited", async () => {
    await expect(saveTextAction(slug, null, form({ key: KEY, intent: "reset", da: "" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(KEY in (await settings()).texts).toBe(false);
    expect(await tenantSees(wizardPath(), KEY, "da")).toBe(defaultText(KEY, "da"));
    expect(await tenantSees(wizardPath(), KEY, "en")).toBe(defaultText(KEY, "en"));
    const last = (await audits("TEXTS_UPDATED")).at(-1)!;
    expect(last.after).toEqual({ [KEY]: null });
  });

  it.each([
    ["another organisation's staff", "otherOrg", "not-found"],
    ["read-only staff", "reader", "forbidden"],
    ["nobody", null, "signed-out"],
  ] as const)("refuses %s, nothing changed", async (_n, who, error) => {
    const before = await settings();
    const auditsBefore = (await audits("TEXTS_UPDATED")).length;
    current.session = who ? sessions[who] : null;
    expect(await saveTextAction(slug, null, form({ key: KEY, da: "Hacked" }))).toMatchObject({ ok: false, error });
    expect(await saveContactAction(slug, null, form({ phone: "11 11 11 11" }))).toMatchObject({ ok: false, error });
    expect(await saveLegalAction(slug, null, form({ kind: "privacy", da: "Hacked" }))).toMatchObject({ ok: false, error });
    expect(await settings()).toEqual(before);
    expect((await audits("TEXTS_UPDATED")).length).toBe(auditsBefore);
    expect(redirects).toEqual([]);
  });

  it.each([
    ["too long", { key: KEY, da: "x".repeat(1001) }, "da", /for lang/],
    ["empty Danish", { key: KEY, da: "   ", en: "English only" }, "da", /./],
    ["braces", { key: KEY, da: "Se {secret} her" }, "da", /pladsholdere/],
    ["HTML", { key: KEY, da: "<script>alert(1)</script>" }, "da", /pladsholdere/],
    ["a placeholder its default does not have", { key: "wizard.general.title", da: "Hej {name}" }, "da", /pladsholdere/],
  ])("refuses %s with a field message, nothing changed", async (_n, values, field, message) => {
    const before = await settings();
    const r = await saveTextAction(slug, null, form(values as Record<string, string>));
    expect(r).toMatchObject({ ok: false, error: "invalid-input", status: 400 });
    if (!r.ok) expect(r.fieldErrors?.[field]?.[0]).toMatch(message);
    expect(await settings()).toEqual(before);
  });

  it("refuses a key outside the allow-list", async () => {
    const before = await settings();
    expect(await saveTextAction(slug, null, form({ key: "errors.failed", da: "Alt er fint" }))).toMatchObject({ ok: false, error: "invalid-input" });
    expect(await saveTextAction(slug, null, form({ key: "__proto__", da: "x" }))).toMatchObject({ ok: false, error: "invalid-input" });
    expect(await settings()).toEqual(before);
  });

  it("ignores a stored override outside the allow-list or with message syntax (defence in depth)", () => {
    const merged = withTextOverrides(da, { "errors.failed": { da: "Nope" }, "wizard.general.title": { da: "{x} <b>" } }, "da");
    expect((merged as typeof da).errors.failed).toBe(da.errors.failed);
    expect((merged as typeof da).wizard.general.title).toBe(da.wizard.general.title);
    expect(da.wizard.general.title).toBe("Før du starter"); // the catalogue itself is untouched
  });

  it("every allowed key exists in both catalogues", () => {
    for (const k of TEXT_KEY_LIST) {
      expect(defaultText(k, "da"), k).not.toBe(k);
      expect(defaultText(k, "en"), k).not.toBe(k);
    }
    expect(tenantSlugOfPath("/nordhavn/admin/tekster")).toBeNull();
    expect(tenantSlugOfPath("/api/nordhavn/session")).toBeNull();
    expect(tenantSlugOfPath("/nordhavn/beboer/login")).toBe("nordhavn");
  });
});

describe("the footer's contact details and the legal pages", () => {
  it("saves the contact details with SETTINGS_UPDATED before/after, and refuses a bad phone number", async () => {
    await expect(saveContactAction(slug, null, form({ phone: "70 70 70 70", email: "kontakt@tekstby.example", openingHoursDa: "Hverdage 9–15", openingHoursEn: "" }))).rejects.toThrow("NEXT_REDIRECT");
    expect((await settings()).contact).toEqual({ phone: "70 70 70 70", email: "kontakt@tekstby.example", openingHours: { da: "Hverdage 9–15" } });
    const row = (await audits("SETTINGS_UPDATED")).at(-1)!;
    expect(row.before).toEqual({ contact: { phone: null, email: null, openingHours: null } });
    expect(row.after).toEqual({ contact: { phone: "70 70 70 70", email: "kontakt@tekstby.example", openingHours: { da: "Hverdage 9–15" } } });

    const before = await settings();
    const r = await saveContactAction(slug, null, form({ phone: "call me", email: "nope" }));
    expect(r).toMatchObject({ ok: false, error: "invalid-input" });
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["email", "phone"]);
    expect(await settings()).toEqual(before);
  });

  it("saves the privacy notice's own text and resets it; refuses a javascript: URL", async () => {
    await expect(saveLegalAction(slug, null, form({ kind: "privacy", url: "", da: "## Vores politik\n\nVi passer på dine data.", en: "" }))).rejects.toThrow("NEXT_REDIRECT");
    expect((await settings()).privacyNotice).toEqual({ url: null, text: { da: "## Vores politik\n\nVi passer på dine data." } });
    const before = await settings();
    expect(await saveLegalAction(slug, null, form({ kind: "privacy", url: "javascript:alert(1)" }))).toMatchObject({ ok: false, error: "invalid-input" });
    expect(await settings()).toEqual(before);
    await expect(saveLegalAction(slug, null, form({ kind: "privacy", intent: "reset" }))).rejects.toThrow("NEXT_REDIRECT");
    expect((await settings()).privacyNotice).toEqual({ url: null, text: null });
    expect((await settings()).accessibilityStatement).toEqual({ url: null, text: null });
  });
});
