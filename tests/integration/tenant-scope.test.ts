/**
 * Scope inside an organisation (lib/tenancy/access.ts): a tenant reaches only the tenancies on
 * which they are legal tenant 1 or 2, and those tenancies' notices, signatures, documents and
 * sub-leases — through every function of the access module, by any id. A co-tenant (legal tenant
 * 2) reaches the same as legal tenant 1. A new exported function without a case here fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { orgDb, type OrgDb } from "@/lib/db/scoped";
import { createOrganisation } from "@/lib/db/platform";
import { organisationSettingsSchema } from "@/lib/organisation/settings";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import * as access from "@/lib/tenancy/access";
import { tenancyOverview, tenantOverview } from "@/lib/tenancy/overview";
import { findTenantPerson } from "@/lib/tenancy/identify";
import * as documents from "@/lib/tenancy/documents";
import { submittedNotice } from "../support/submitted-notice";
import { cprHash } from "@/lib/crypto";

process.env.DATA_KEY ??= "test-data-key-0123456789abcdefghijklmnopqrstuvwxyz";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const lane = inject("dbLane");

/** P1 and P2 are legal tenants 1 and 2 of tenancy X; P3 is the tenant of Y; P4 has no tenancy. */
type Fixture = {
  db: OrgDb;
  other: OrgDb;
  P1: string;
  P2: string;
  P3: string;
  P4: string;
  X: string;
  Y: string;
  /** Sub-leases of X's and Y's lease units; EX is an ended one of X's. */
  SX: string;
  SY: string;
  NX: string;
  NY: string;
  SigX: string;
  SigY: string;
  /** Documents: of X with its notice, of X only, of NX only, of Y, and two nobody may see. */
  DX: string;
  DX2: string;
  DXN: string;
  DY: string;
  DMixed: string;
  DOrphan: string;
  /** Organisation B: a tenancy and its tenant's person. */
  BX: string;
  BP: string;
};

let prisma: Db;
let f: Fixture;

async function organisation(prefix: string) {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const org = await createOrganisation(prisma, { slug: `${prefix}-${stamp}`, name: prefix, settings: organisationSettingsSchema.parse({}) }, { actor: SYSTEM_ACTOR });
  return orgDb(org.id, prisma);
}

beforeAll(async () => {
  prisma = createPrismaClient(inject("databaseUrl"));
  const db = await organisation("scope-a");
  const other = await organisation("scope-b");
  const organisationId = db.organisationId;
  f = await db.$transaction(async (tx) => {
    const kode = await tx.kode.create({ data: { organisationId, type: "OPSIGELSESVARSEL", value: "3M1", codeText: "3 måneder", rule: { months: 3, anchor: "first" } } });
    const selskab = await tx.selskab.create({ data: { organisationId, nr: 1, name: "Selskab" } });
    const ejendom = await tx.ejendom.create({ data: { organisationId, selskabId: selskab.id, nr: 1, name: "Ejendom" } });
    const unit = (nr: number, address1: string, mainLejemaalId?: string, endedOn?: Date) =>
      tx.lejemaal.create({ data: { organisationId, ejendomId: ejendom.id, nr, address1, postalCode: "1000", city: "By", mainLejemaalId, endedOn } });
    const LX = await unit(1, "Xvej 1");
    const LY = await unit(2, "Yvej 2");
    const SX = await unit(3, "Garage X", LX.id);
    await unit(5, "Gammelt depot X", LX.id, d("2021-01-01"));
    const SY = await unit(4, "Garage Y", LY.id);
    const person = (name: string, cpr: string) => tx.person.create({ data: { organisationId, name, cprHash: cprHash(cpr) } });
    const [P1, P2, P3, P4] = [await person("Anna", "0101801111"), await person("Bo", "0101802222"), await person("Carl", "0101803333"), await person("Dorte", "0101804444")];
    const tenancy = (lejemaalId: string, legalTenant1Id: string, legalTenant2Id?: string) =>
      tx.lejer.create({ data: { organisationId, lejemaalId, nr: 1, moveInDate: d("2020-01-01"), noticeRuleId: kode.id, renovationDays: 14, legalTenant1Id, legalTenant2Id } });
    const X = await tenancy(LX.id, P1.id, P2.id);
    const Y = await tenancy(LY.id, P3.id);
    // SUBMITTED, so that the tests may start a new (draft) notice on either tenancy.
    const NX = await tx.opsigelse.create({ data: { organisationId, lejerId: X.id, status: "SUBMITTED", answers: { v: "x" } } });
    const NY = await tx.opsigelse.create({ data: { organisationId, lejerId: Y.id, status: "SUBMITTED", answers: { v: "y" } } });
    const sig = (opsigelseId: string, personId: string, name: string) =>
      tx.signature.create({ data: { organisationId, opsigelseId, personId, signerRole: "LEGAL_TENANT_1", signingOrder: 1, name, subjectHash: `sub-${name}`, contentHash: "0".repeat(64) } });
    const SigX = await sig(NX.id, P1.id, "Anna");
    const SigY = await sig(NY.id, P3.id, "Carl");
    const doc = (title: string, lejerId: string | null, opsigelseId: string | null) =>
      tx.document.create({ data: { organisationId, lejerId, opsigelseId, folder: "Opsigelse – Fraflytning", title, kind: "confirmation", contentType: "application/pdf" } });
    return {
      db,
      other,
      P1: P1.id,
      P2: P2.id,
      P3: P3.id,
      P4: P4.id,
      X: X.id,
      Y: Y.id,
      SX: SX.id,
      SY: SY.id,
      NX: NX.id,
      NY: NY.id,
      SigX: SigX.id,
      SigY: SigY.id,
      DX: (await doc("X med opsigelse", X.id, NX.id)).id,
      DX2: (await doc("X", X.id, null)).id,
      DXN: (await doc("Kun opsigelse X", null, NX.id)).id,
      DY: (await doc("Y", Y.id, NY.id)).id,
      DMixed: (await doc("X med Ys opsigelse", X.id, NY.id)).id,
      DOrphan: (await doc("Uden lejer", null, null)).id,
      BX: "",
      BP: "",
    };
  });
  await other.$transaction(async (tx) => {
    const o = other.organisationId;
    const selskab = await tx.selskab.create({ data: { organisationId: o, nr: 1, name: "B" } });
    const ejendom = await tx.ejendom.create({ data: { organisationId: o, selskabId: selskab.id, nr: 1, name: "B" } });
    const lm = await tx.lejemaal.create({ data: { organisationId: o, ejendomId: ejendom.id, nr: 1, address1: "Bvej", postalCode: "1000", city: "By" } });
    const p = await tx.person.create({ data: { organisationId: o, name: "Bente" } });
    const l = await tx.lejer.create({ data: { organisationId: o, lejemaalId: lm.id, nr: 1, moveInDate: d("2020-01-01"), legalTenant1Id: p.id } });
    f.BX = l.id;
    f.BP = p.id;
  });
});

afterAll(async () => {
  await prisma?.$disconnect();
});

class Rollback extends Error {}
/** Runs a write in a transaction that is rolled back afterwards; returns what it returned. */
async function rolledBack<T>(fn: (tx: access.TenantDb) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await f.db
    .$transaction(async (tx) => {
      out = await fn(tx);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out as T;
}

const ids = (rows: { id: string }[] | null | undefined) => (rows ?? []).map((r) => r.id).sort();
const one = (row: { id: string } | null) => (row ? [row.id] : []);

type Person = "P1" | "P2" | "P3" | "P4";
/**
 * For each function of lib/tenancy/access.ts: what it reaches for a person and a target, as ids,
 * and what each person must reach. `targets` are the ids it is tried with (the person's own, the
 * neighbour's, another organisation's, and ids that are not ids at all).
 */
type Case = {
  targets: () => unknown[];
  reach: (personId: string, target: unknown) => Promise<string[]>;
  expected: (p: Person, target: unknown) => string[];
};

const NOT_IDS: unknown[] = [undefined, null, "", "1 OR 1=1", "00000000-0000-0000-0000-000000000000", { id: "x" }, ["x"], 42];
const tenantOf = (p: Person, lejerId: unknown) => (lejerId === f.X && (p === "P1" || p === "P2")) || (lejerId === f.Y && p === "P3");
const noticeOf = (p: Person, n: unknown) => (n === f.NX && tenantOf(p, f.X)) || (n === f.NY && tenantOf(p, f.Y));
const docsOf = (p: Person) => (p === "P1" || p === "P2" ? [f.DX, f.DX2, f.DXN] : p === "P3" ? [f.DY] : []);

const CASES: Record<string, Case> = {
  tenantScope: {
    // The where-builders themselves, used on the accessor directly.
    targets: () => ["tenancy", "notice", "signature", "document", "leaseUnit"],
    reach: async (personId, part) => {
      const s = access.tenantScope(personId);
      switch (part) {
        case "tenancy":
          return ids(await f.db.lejer.findMany({ where: s.tenancy }));
        case "notice":
          return ids(await f.db.opsigelse.findMany({ where: s.notice }));
        case "signature":
          return ids(await f.db.signature.findMany({ where: s.signature }));
        case "document":
          return ids(await f.db.document.findMany({ where: s.document }));
        default:
          return ids(await f.db.lejemaal.findMany({ where: { AND: [s.leaseUnit, { mainLejemaalId: { not: null } }, { endedOn: null }] } }));
      }
    },
    expected: (p, part) => {
      const x = p === "P1" || p === "P2";
      const y = p === "P3";
      const pick = (forX: string[], forY: string[]) => [...(x ? forX : []), ...(y ? forY : [])].sort();
      switch (part) {
        case "tenancy":
          return pick([f.X], [f.Y]);
        case "notice":
          return pick([f.NX], [f.NY]);
        case "signature":
          return pick([f.SigX], [f.SigY]);
        case "document":
          return docsOf(p).sort();
        default:
          return pick([f.SX], [f.SY]);
      }
    },
  },
  listTenanciesForTenant: {
    targets: () => [null],
    reach: async (personId) => ids(await access.listTenanciesForTenant(f.db, personId)),
    expected: (p) => [f.X, f.Y].filter((l) => tenantOf(p, l)).sort(),
  },
  tenancyForTenant: {
    targets: () => [f.X, f.Y, f.BX, ...NOT_IDS],
    reach: async (personId, id) => one(await access.tenancyForTenant(f.db, personId, id)),
    expected: (p, id) => (tenantOf(p, id) ? [id as string] : []),
  },
  subLeasesForTenant: {
    targets: () => [f.X, f.Y, f.BX, ...NOT_IDS],
    reach: async (personId, id) => ids(await access.subLeasesForTenant(f.db, personId, id, { where: { endedOn: null } })),
    expected: (p, id) => (tenantOf(p, id) ? [id === f.X ? f.SX : f.SY] : []),
  },
  listNoticesForTenant: {
    targets: () => [null],
    reach: async (personId) => ids(await access.listNoticesForTenant(f.db, personId)),
    expected: (p) => [f.NX, f.NY].filter((n) => noticeOf(p, n)).sort(),
  },
  noticeForTenant: {
    targets: () => [f.NX, f.NY, ...NOT_IDS],
    reach: async (personId, id) => one(await access.noticeForTenant(f.db, personId, id)),
    expected: (p, id) => (noticeOf(p, id) ? [id as string] : []),
  },
  updateNoticeForTenant: {
    targets: () => [f.NX, f.NY, ...NOT_IDS],
    reach: async (personId, id) => {
      const changed = await rolledBack(async (tx) => {
        const r = await access.updateNoticeForTenant(tx, personId, id, { answers: { v: "changed" } });
        // Inside the same transaction: did the row really change (and only this one)?
        const rows = await tx.opsigelse.findMany({ where: { answers: { equals: { v: "changed" } } }, select: { id: true } });
        expect(ids(rows)).toEqual(one(r));
        return r;
      });
      return one(changed);
    },
    expected: (p, id) => (noticeOf(p, id) ? [id as string] : []),
  },
  createNoticeForTenant: {
    targets: () => [f.X, f.Y, f.BX, ...NOT_IDS],
    reach: async (personId, lejerId) => {
      const created = await rolledBack(async (tx) => {
        const before = await tx.opsigelse.count();
        const r = await access.createNoticeForTenant(tx, personId, lejerId, { answers: { v: "new" } });
        expect(await tx.opsigelse.count()).toBe(before + (r ? 1 : 0));
        if (r) {
          expect(r.startedByPersonId).toBe(personId);
          expect(r.status).toBe("DRAFT");
        }
        return r;
      });
      return created ? [created.lejerId] : [];
    },
    expected: (p, id) => (tenantOf(p, id) ? [id as string] : []),
  },
  signaturesForTenant: {
    targets: () => [f.NX, f.NY, ...NOT_IDS],
    reach: async (personId, id) => ids(await access.signaturesForTenant(f.db, personId, id)),
    expected: (p, id) => (noticeOf(p, id) ? [id === f.NX ? f.SigX : f.SigY] : []),
  },
  listDocumentsForTenant: {
    targets: () => [null],
    reach: async (personId) => ids(await access.listDocumentsForTenant(f.db, personId)),
    expected: (p) => docsOf(p).sort(),
  },
  documentForTenant: {
    targets: () => [f.DX, f.DX2, f.DXN, f.DY, f.DMixed, f.DOrphan, ...NOT_IDS],
    reach: async (personId, id) => one(await access.documentForTenant(f.db, personId, id)),
    expected: (p, id) => (docsOf(p).includes(id as string) ? [id as string] : []),
  },
  ownPersonForTenant: {
    // Only the person's own row: no id to pass, so none of another person's to try.
    targets: () => [null],
    reach: async (personId) => one(await access.ownPersonForTenant(f.db, personId)),
    expected: (p) => [f[p]],
  },
  setNemKontoConsentForTenant: {
    targets: () => [true, false],
    reach: async (personId, consent) =>
      rolledBack(async (tx) => {
        const before = await tx.person.findMany({ select: { id: true, nemKontoConsent: true, name: true, regNo: true, accountNo: true } });
        const r = await access.setNemKontoConsentForTenant(tx, personId, consent as boolean);
        const after = await tx.person.findMany({ select: { id: true, nemKontoConsent: true, name: true, regNo: true, accountNo: true } });
        // Only this person's consent may differ; nobody else's row and none of their other fields.
        for (const b of before) {
          const a = after.find((x) => x.id === b.id)!;
          expect(a).toEqual(b.id === personId ? { ...b, nemKontoConsent: consent } : b);
        }
        expect(r).toEqual({ before: before.find((b) => b.id === personId)!.nemKontoConsent, after: consent });
        return r ? [personId] : [];
      }),
    expected: (p) => [f[p]],
  },
};

const PEOPLE: Person[] = ["P1", "P2", "P3", "P4"];
const exportedFunctions = Object.entries(access)
  .filter(([name, v]) => typeof v === "function" && !name.endsWith("Error"))
  .map(([name]) => name)
  .sort();

describe(`a tenant reaches only their own tenancies, notices, signatures, documents and sub-leases (${lane} lane)`, () => {
  it("every exported function of lib/tenancy/access.ts has a case here", () => {
    expect(Object.keys(CASES).sort()).toEqual(exportedFunctions);
  });

  it.each(Object.keys(CASES).map((name) => [name]))("%s: each person reaches exactly their own, by any id", async (name) => {
    const c = CASES[name]!;
    let reached = 0;
    for (const p of PEOPLE) {
      for (const target of c.targets()) {
        const got = await c.reach(f[p], target);
        expect(got, `${name} as ${p} with ${JSON.stringify(target)}`).toEqual(c.expected(p, target));
        reached += got.length;
      }
    }
    // Not vacuous: someone reaches something through every function.
    expect(reached).toBeGreaterThan(0);
  });

  it("a change refused for another tenant leaves the notice as it was", async () => {
    const before = await f.db.opsigelse.findUnique({ where: { id: f.NX } });
    expect(await access.updateNoticeForTenant(f.db, f.P3, f.NX, { status: "CANCELLED", answers: { v: "hacked" } })).toBeNull();
    expect(await access.updateNoticeForTenant(f.db, f.P4, f.NX, { status: "CANCELLED" })).toBeNull();
    expect(await f.db.opsigelse.findUnique({ where: { id: f.NX } })).toEqual(before);
  });

  it("updateNoticeForTenant cannot re-point a notice at another tenancy or organisation, and honours the expected state", async () => {
    const r = await rolledBack(async (tx) => {
      const sneaky = { answers: { v: "mine" }, lejerId: f.Y, organisationId: f.other.organisationId, id: f.NY } as unknown as access.TenantNoticeData;
      const changed = await access.updateNoticeForTenant(tx, f.P1, f.NX, sneaky);
      const stale = await access.updateNoticeForTenant(tx, f.P1, f.NX, { answers: { v: "again" } }, { status: "DRAFT" });
      return { changed, stale };
    });
    expect(r.changed?.id).toBe(f.NX);
    expect(r.changed?.lejerId).toBe(f.X);
    expect(r.changed?.organisationId).toBe(f.db.organisationId);
    expect(r.stale).toBeNull();
  });

  it("a person id is required: anything else throws instead of matching every row", async () => {
    for (const bad of [undefined, null, "", "x", "1 OR 1=1", 7] as unknown as string[]) {
      expect(() => access.tenantScope(bad)).toThrow(access.TenantScopeError);
      for (const name of exportedFunctions.filter((n) => n !== "tenantScope")) {
        const fn = (access as unknown as Record<string, (db: unknown, p: unknown, ...rest: unknown[]) => Promise<unknown>>)[name]!;
        await expect(fn(f.db, bad, f.X, {}), `${name}(${JSON.stringify(bad)})`).rejects.toThrow(access.TenantScopeError);
      }
    }
  });

  it("another organisation's accessor cannot read or change a person's own row", async () => {
    expect(await access.ownPersonForTenant(f.other, f.P1)).toBeNull();
    expect(await access.setNemKontoConsentForTenant(f.other, f.P1, true)).toBeNull();
    expect((await access.ownPersonForTenant(f.db, f.P1))?.nemKontoConsent).toBe(false);
    expect(await access.ownPersonForTenant(f.db, f.BP)).toBeNull();
    // the consent must be a boolean, not something that Prisma might read as "unset"
    await expect(access.setNemKontoConsentForTenant(f.db, f.P1, undefined as unknown as boolean)).rejects.toThrow(access.TenantScopeError);
  });

  it("another organisation's person and tenancy are out of reach, in both directions", async () => {
    // B's person id through A's accessor, and A's person through B's.
    expect(await access.listTenanciesForTenant(f.db, f.BP)).toEqual([]);
    expect(await access.tenancyForTenant(f.db, f.BP, f.BX)).toBeNull();
    expect(await access.listTenanciesForTenant(f.other, f.P1)).toEqual([]);
    expect(await access.tenancyForTenant(f.other, f.P1, f.X)).toBeNull();
    expect(ids(await access.listTenanciesForTenant(f.other, f.BP))).toEqual([f.BX]);
  });

  it("the overview (lib/tenancy/overview.ts) reads through the access module: own tenancies only, the co-tenant named", async () => {
    const today = "2026-12-01";
    const forP2 = await tenantOverview(f.db, f.P2, today);
    expect(forP2.map((t) => t.lejerId)).toEqual([f.X]);
    expect(forP2[0]!.coTenant).toBe("Anna");
    expect(forP2[0]!.subLeases.map((s) => s.address)).toEqual(["Garage X"]);
    expect((await tenantOverview(f.db, f.P3, today)).map((t) => t.lejerId)).toEqual([f.Y]);
    expect(await tenantOverview(f.db, f.P4, today)).toEqual([]);
    expect((await tenancyOverview(f.db, f.P1, f.X, today))?.lejerId).toBe(f.X);
    expect(await tenancyOverview(f.db, f.P3, f.X, today)).toBeNull();
    expect(await tenancyOverview(f.db, f.P1, "not-an-id", today)).toBeNull();
  });

  it("sign-in (lib/tenancy/identify.ts) accepts a person by the same rule: legal tenant 1 or 2 here", async () => {
    expect((await findTenantPerson(f.db.organisationId, "010180-1111"))?.id).toBe(f.P1);
    expect((await findTenantPerson(f.db.organisationId, "0101802222"))?.id).toBe(f.P2);
    expect((await findTenantPerson(f.db.organisationId, "0101804444"))).toBeNull();
    expect((await findTenantPerson(f.other.organisationId, "0101801111"))).toBeNull();
    expect((await findTenantPerson(f.db.organisationId, "not a cpr"))).toBeNull();
  });
});

describe(`the documents, receipt and calendar reads (lib/tenancy/documents.ts) reach only the tenant's own (${lane} lane)`, () => {
  it("every exported function of lib/tenancy/documents.ts gives a legal tenant their own and anyone else nothing", async () => {
    const S = await submittedNotice(f.db, { tenants: 2 });
    const organisationId = f.db.organisationId;
    const doc = await f.db.document.create({
      data: { organisationId, lejerId: S.lejerId, opsigelseId: S.noticeId, folder: "Opsigelse – Fraflytning", title: "Bekræftelse på opsigelse", kind: "notice-confirmation", contentType: "application/pdf", content: new Uint8Array(Buffer.from("%PDF-1.7 test")) },
    });
    const owners = [S.p1, S.p2!];
    const others = [f.P1, f.P2, f.P3, f.P4];
    const org = { name: "A", settings: organisationSettingsSchema.parse({}) };
    const exported = Object.entries(documents).filter(([, v]) => typeof v === "function").map(([k]) => k).sort();
    expect(exported).toEqual(["tenantDocumentFile", "tenantDocumentFolders", "tenantNoticeLetterView", "tenantNoticeReceipt"]);

    for (const p of owners) {
      expect((await documents.tenantDocumentFolders(f.db, p)).flatMap((x) => x.documents.map((d) => d.id))).toEqual([doc.id]);
      expect((await documents.tenantDocumentFile(f.db, p, doc.id))?.id).toBe(doc.id);
      const r = await documents.tenantNoticeReceipt(f.db, p, S.noticeId);
      expect(r && "receipt" in r ? r.receipt.letterDocumentId : null).toBe(doc.id);
      expect((await documents.tenantNoticeLetterView(f.db, p, S.noticeId, org))?.noticeId).toBe(S.noticeId);
    }
    for (const p of others) {
      // Nobody else gets the document or the notice; their own documents have no content (the fixture's), so none is listed.
      expect(await documents.tenantDocumentFolders(f.db, p)).toEqual([]);
      expect(await documents.tenantDocumentFile(f.db, p, doc.id)).toBeNull();
      expect(await documents.tenantNoticeReceipt(f.db, p, S.noticeId)).toBeNull();
      expect(await documents.tenantNoticeLetterView(f.db, p, S.noticeId, org)).toBeNull();
    }
    // Another organisation's accessor reaches nothing, even for the owners; ids that are not ids give nothing.
    expect(await documents.tenantDocumentFile(f.other, S.p1, doc.id)).toBeNull();
    expect(await documents.tenantNoticeReceipt(f.other, S.p1, S.noticeId)).toBeNull();
    for (const bad of NOT_IDS) {
      expect(await documents.tenantDocumentFile(f.db, S.p1, bad)).toBeNull();
      expect(await documents.tenantNoticeReceipt(f.db, S.p1, bad)).toBeNull();
      expect(await documents.tenantNoticeLetterView(f.db, S.p1, bad, org)).toBeNull();
    }
    // A notice of their own that is not submitted (the fixture's NX has no dates or content): no receipt, no calendar.
    expect(await documents.tenantNoticeReceipt(f.db, f.P1, f.NX)).toEqual({ status: "SUBMITTED" });
    expect(await documents.tenantNoticeLetterView(f.db, f.P1, f.NX, org)).toBeNull();
  });
});
