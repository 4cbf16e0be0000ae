/**
 * Website and MitID settings (lib/admin/website.ts, lib/admin/discovery.ts and the actions of
 * app/[organisation]/admin/hjemmeside) against this lane's database, in an organisation of this
 * file's own: saving merges into the stored settings under a lock and audits only what changed (the
 * client secret encrypted, write-only, "(changed)" in the audit row); refusals (private issuer, a new
 * client without a secret, bad input) change nothing; another organisation's staff → not-found;
 * read-only staff → refused; "test the connection" reads the local identity provider's discovery
 * document; the send-mail job uses the organisation's sender.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { current, form, redirects, staffSession, staffSessionOf } from "../support/action-harness";
import type { AppSession } from "@/lib/auth/types";

vi.mock("@/lib/auth/session", async () => (await import("../support/action-harness")).sessionMock());
vi.mock("next/headers", async () => (await import("../support/action-harness")).headersMock({ ip: "192.0.2.41" }));
vi.mock("next/navigation", async (orig) => (await import("../support/action-harness")).navigationMock(orig));

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const { createPrismaClient } = await import("@/lib/db/client");
const { createOrganisation } = await import("@/lib/db/platform");
const { orgDb } = await import("@/lib/db/scoped");
const { organisationSettingsSchema, readSettings } = await import("@/lib/organisation/settings");
const { decryptSecret, encryptSecret, hashPassword } = await import("@/lib/crypto");
const { newTotpSecret } = await import("@/lib/auth/totp");
const { websiteView } = await import("@/lib/admin/website");
const { sendMailJob } = await import("@/lib/jobs/send-mail");
const { startIdentityProvider } = await import("@/lib/idp/provider");
const actions = await import("@/app/[organisation]/admin/hjemmeside/actions");
const { demoDatabase } = await import("../support/db");

let prisma: ReturnType<typeof createPrismaClient>;
let org: { id: string; slug: string };
const sessions: Record<string, AppSession> = {};
const SECRET = "broker-client-secret-Ø-1234567890";

async function staff(o: { id: string; slug: string }, email: string, roles: string[]): Promise<AppSession> {
  const u = await orgDb(o.id, prisma).user.create({ data: { organisationId: o.id, email, name: email, roles, passwordHash: await hashPassword("x-x-x-x-x-x-x"), totpSecretEnc: encryptSecret(newTotpSecret()) } });
  return staffSessionOf(u, o);
}

beforeAll(async () => {
  prisma = await demoDatabase();
  const settings = organisationSettingsSchema.parse({ relettingRule: "42;1,15", closingDays: ["12-24"] });
  org = await createOrganisation(prisma, { slug: `hjemmeside-${process.pid}`, name: "Hjemmeside A/S", settings }, { actor: { type: "SYSTEM", label: "test" } });
  sessions.caseworker = await staff(org, "sag@hjemmeside.example", ["CASEWORKER"]);
  sessions.reader = await staff(org, "laeser@hjemmeside.example", ["READ_ONLY"]);
  sessions.stranger = await staffSession(prisma, "solbakken", "admin@solbakken.example");
});
afterAll(async () => {
  await prisma?.$disconnect();
});
beforeEach(() => {
  current.session = sessions.caseworker!;
  redirects.length = 0;
});

const valid = {
  issuer: "https://pp.netseidbroker.dk/op",
  clientId: "fraflyt-hjemmeside",
  clientSecret: SECRET,
  scope: "openid  mitid ssn",
  cprClaim: "dk.cpr",
  signingTextParam: "reference_text",
  documentFolder: "Fraflytning 2027",
  mailSenderName: "Hjemmeside Udlejning",
  mailSenderAddress: "Udlejning@Hjemmeside.example",
};
const stored = async () => (await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } })).settings as Record<string, unknown>;
const audits = () => orgDb(org.id, prisma).auditLog.findMany({ where: { type: "SETTINGS_UPDATED", entityId: org.id }, orderBy: { createdAt: "asc" } });

describe("saving the website settings", () => {
  it("stores the client (secret encrypted), folder and sender; keeps other settings; audits the change without the secret", async () => {
    await expect(actions.saveWebsite(org.slug, null, form(valid))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects).toEqual([`/${org.slug}/admin/hjemmeside?gemt=1`]);
    const raw = await stored();
    const s = readSettings(raw);
    expect(s.oidc).toMatchObject({ issuer: valid.issuer, clientId: valid.clientId, scope: "openid mitid ssn", cprClaim: "dk.cpr", signingTextParam: "reference_text" });
    expect(decryptSecret(s.oidc!.clientSecretEnc)).toBe(SECRET);
    expect(JSON.stringify(raw)).not.toContain(SECRET);
    expect(s.documentFolder).toBe("Fraflytning 2027");
    expect(s.mailSender).toEqual({ name: "Hjemmeside Udlejning", address: "udlejning@hjemmeside.example" });
    expect(s.relettingRule).toBe("42;1,15");
    expect(s.closingDays).toEqual(["12-24"]);

    const [row] = await audits();
    expect(row).toMatchObject({ actorId: sessions.caseworker!.uid, ip: "192.0.2.41" });
    expect(row!.after).toMatchObject({ "oidc.issuer": valid.issuer, "oidc.clientSecret": "(changed)", documentFolder: "Fraflytning 2027", "mailSender.address": "udlejning@hjemmeside.example" });
    expect(row!.before).toMatchObject({ "oidc.issuer": null, "oidc.clientSecret": "(none)", documentFolder: "Opsigelse – Fraflytning" });
    expect(JSON.stringify([row!.before, row!.after])).not.toContain(SECRET);
    expect(JSON.stringify([row!.before, row!.after])).not.toContain(s.oidc!.clientSecretEnc);

    // the page's view never carries the secret
    const view = websiteView({ slug: org.slug, settings: s });
    expect(view.oidc).toMatchObject({ hasSecret: true });
    expect(JSON.stringify(view)).not.toContain(s.oidc!.clientSecretEnc);
    expect(view.deepLink).toBe(`http://localhost:3000/${org.slug}/beboer/selvbetjening/opsigelse`);
  });

  it("a blank secret keeps the stored one; only what changed is audited; no change writes nothing", async () => {
    const before = readSettings(await stored()).oidc!.clientSecretEnc;
    const n = (await audits()).length;
    await expect(actions.saveWebsite(org.slug, null, form({ ...valid, clientSecret: "", cprClaim: "mitid.cpr" }))).rejects.toThrow("NEXT_REDIRECT");
    const s = readSettings(await stored());
    expect(s.oidc!.clientSecretEnc).toBe(before);
    expect(s.oidc!.cprClaim).toBe("mitid.cpr");
    const rows = await audits();
    expect(rows).toHaveLength(n + 1);
    expect([rows.at(-1)!.before, rows.at(-1)!.after]).toEqual([{ "oidc.cprClaim": "dk.cpr" }, { "oidc.cprClaim": "mitid.cpr" }]);

    await expect(actions.saveWebsite(org.slug, null, form({ ...valid, clientSecret: "", cprClaim: "mitid.cpr" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirects.at(-1)).toBe(`/${org.slug}/admin/hjemmeside?gemt=0`);
    expect(await audits()).toHaveLength(n + 1);
  });

  it("refuses a private-network issuer and a new client without a secret, nothing changed", async () => {
    const before = await stored();
    const n = (await audits()).length;
    for (const issuer of ["https://10.0.0.1/op", "https://169.254.169.254", "http://pp.netseidbroker.dk/op"]) {
      const r = await actions.saveWebsite(org.slug, null, form({ ...valid, issuer }));
      expect(r, issuer).toMatchObject({ ok: false, status: 422, fieldErrors: { issuer: [expect.any(String)] } });
    }
    const other = await createOrganisation(prisma, { slug: `hjemmeside-ny-${process.pid}`, name: "Ny", settings: organisationSettingsSchema.parse({}) }, { actor: { type: "SYSTEM", label: "test" } });
    current.session = await staff(other, "sag@ny.example", ["CASEWORKER"]);
    const r = await actions.saveWebsite(other.slug, null, form({ ...valid, clientSecret: "" }));
    expect(r).toMatchObject({ ok: false, status: 422, fieldErrors: { clientSecret: [expect.stringContaining("hemmelighed")] } });
    expect(readSettings((await prisma.organisation.findUniqueOrThrow({ where: { id: other.id } })).settings).oidc).toBeNull();
    expect(await stored()).toEqual(before);
    expect(await audits()).toHaveLength(n);
  });

  it("bad input → field messages, nothing changed", async () => {
    const before = await stored();
    const r = await actions.saveWebsite(org.slug, null, form({ ...valid, cprClaim: "cpr claim", documentFolder: "a/b", signingTextParam: "other" }));
    expect(r).toMatchObject({ ok: false, status: 400 });
    if (!r.ok) {
      expect(r.fieldErrors?.cprClaim?.[0]).toContain("bogstaver");
      expect(r.fieldErrors?.documentFolder?.[0]).toContain("/");
      expect(r.fieldErrors?.signingTextParam).toBeDefined();
    }
    // the rules across fields (checked once every field is well-formed)
    const across = await actions.saveWebsite(org.slug, null, form({ ...valid, issuer: "", mailSenderName: "" }));
    expect(across).toMatchObject({ ok: false, status: 400, fieldErrors: { issuer: ["Udfyld udstederen."], mailSenderName: [expect.stringContaining("afsenderens navn")] } });
    const noOpenid = await actions.saveWebsite(org.slug, null, form({ ...valid, scope: "profile email" }));
    expect(noOpenid).toMatchObject({ ok: false, fieldErrors: { scope: [expect.stringContaining("openid")] } });
    expect(await stored()).toEqual(before);
  });

  it("another organisation's staff → not-found; read-only staff → refused; nothing changed", async () => {
    const before = await stored();
    const n = (await audits()).length;
    current.session = sessions.stranger!;
    expect(await actions.saveWebsite(org.slug, null, form(valid))).toMatchObject({ ok: false, error: "not-found" });
    expect(await actions.testConnection(org.slug, null, form({ issuer: valid.issuer }))).toMatchObject({ ok: false, error: "not-found" });
    current.session = sessions.reader!;
    expect(await actions.saveWebsite(org.slug, null, form(valid))).toMatchObject({ ok: false, error: "forbidden" });
    expect(await actions.testConnection(org.slug, null, form({ issuer: valid.issuer }))).toMatchObject({ ok: false, error: "forbidden" });
    expect(await stored()).toEqual(before);
    expect(await audits()).toHaveLength(n);
  });
});

describe("test the connection", () => {
  async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const srv = createServer();
      srv.once("error", reject);
      srv.listen(0, "127.0.0.1", () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });
  }

  it("reads the local identity provider's discovery document", async () => {
    const port = await freePort();
    const idp = await startIdentityProvider({ port, issuer: `http://localhost:${port}`, redirectUris: ["http://localhost:3999"] });
    try {
      const r = await actions.testConnection(org.slug, null, form({ ...valid, issuer: idp.issuer }));
      expect(r).toMatchObject({ ok: true, data: { ok: true, issuer: idp.issuer, authorizationEndpoint: expect.stringContaining(idp.issuer), tokenEndpoint: expect.stringContaining(idp.issuer) } });
      const mismatch = await actions.testConnection(org.slug, null, form({ issuer: `http://127.0.0.1:${port}` }));
      expect(mismatch).toMatchObject({ ok: true, data: { ok: false, reason: "issuer-mismatch", found: idp.issuer } });
    } finally {
      await idp.close();
    }
    const closed = await actions.testConnection(org.slug, null, form({ issuer: `http://localhost:${port}` }));
    expect(closed).toMatchObject({ ok: true, data: { ok: false, reason: "network" } });
    const metadata = await actions.testConnection(org.slug, null, form({ issuer: "http://169.254.169.254" }));
    expect(metadata).toMatchObject({ ok: true, data: { ok: false, reason: "scheme" } });
    expect(await actions.testConnection(org.slug, null, form({ issuer: "" }))).toMatchObject({ ok: false, status: 400, fieldErrors: { issuer: ["Udfyld udstederen."] } });
  });
});

describe("the e-mail sender", () => {
  it("send-mail uses the organisation's sender, else the transport's default", async () => {
    const sent: Array<{ from?: string }> = [];
    const services = { mail: { send: async (m: { from?: string }) => void sent.push(m) } };
    const ctx = (mailSender: unknown) =>
      ({ job: { id: "j1" }, services, settings: async () => readSettings({ mailSender }) }) as unknown as Parameters<typeof sendMailJob.run>[1];
    await sendMailJob.run({ to: ["a@b.dk"], subject: "s", text: "t" }, ctx({ name: "Hjemmeside Udlejning", address: "udlejning@hjemmeside.example" }));
    await sendMailJob.run({ to: ["a@b.dk"], subject: "s", text: "t" }, ctx(null));
    expect(sent.map((m) => m.from)).toEqual(['"Hjemmeside Udlejning" <udlejning@hjemmeside.example>', undefined]);
  });
});
