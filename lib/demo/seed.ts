/**
 * Demo data (`npm run db:seed`; automatic on the first `npm start`): two organisations, and in the
 * first every case the product spec names. Dates that matter for the tile are relative to `today`
 * so the demo keeps working next year. Idempotent: does nothing when the demo organisation exists.
 */
import "server-only";
import type { Db } from "@/lib/db/client";
import { createOperator, createOrganisation, operatorByEmail, organisationBySlug } from "@/lib/db/platform";
import { orgDb, type OrgTx } from "@/lib/db/scoped";
import { cprHash, encryptSecret, hashPassword } from "@/lib/crypto";
import { organisationSettingsSchema, readSettings } from "@/lib/organisation/settings";
import type { NoticeRule } from "@/lib/rules";
import { addDays } from "@/lib/rules/calendar";
import { writeAudit } from "@/lib/audit/write";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { demoIdentity, demoOidcClients, type DemoUsername } from "./identities";
import { DEMO_PASSWORD, demoOperator, demoStaff } from "./staff";
import { seedCaseworkDemo } from "./casework";
import { seedAutomationDemo } from "./automation";
import { syncTenancyDetailsTodos } from "@/lib/todos/tenancy-details-sync";

/** English texts (codeTextEn / tagTextEn) on some codes only, so that the demo shows both the English text and the Danish fallback. */
type KodeSeed = { value: string; codeText: string; codeTextEn?: string; tagText?: string; tagTextEn?: string; rule?: NoticeRule };

export const NOTICE_RULES: KodeSeed[] = [
  { value: "3M1", codeText: "3 måneder til den 1", codeTextEn: "3 months, ending on the 1st", rule: { months: 3, anchor: "first" } },
  { value: "3M115", codeText: "3 måneder til den 1. eller 15", codeTextEn: "3 months, ending on the 1st or the 15th", rule: { months: 3, anchor: "first-or-fifteenth" } },
  { value: "LM3", codeText: "løbende måned + 3 måneder", rule: { months: 3, anchor: "first", runningMonth: true } },
  { value: "14D", codeText: "14 dage", codeTextEn: "14 days", rule: { months: 0, days: 14, anchor: "any" } },
];

const REASONS: KodeSeed[] = [
  { value: "ALM", codeText: "Almindelig fraflytning", codeTextEn: "Ordinary move", tagText: "Almindelig fraflytning", tagTextEn: "Ordinary move" },
  { value: "STOR", codeText: "Flytter til større bolig", codeTextEn: "Moving to a larger home", tagText: "Jeg flytter til en større bolig", tagTextEn: "I am moving to a larger home" },
  { value: "MINDRE", codeText: "Flytter til mindre bolig", codeTextEn: "Moving to a smaller home", tagText: "Jeg flytter til en mindre bolig", tagTextEn: "I am moving to a smaller home" },
  { value: "ARB", codeText: "Arbejde/uddannelse", codeTextEn: "Work/education", tagText: "Nyt arbejde eller uddannelse", tagTextEn: "A new job or education" },
  { value: "EJER", codeText: "Køb af ejerbolig", tagText: "Jeg har købt en bolig" },
  { value: "PLEJE", codeText: "Plejebolig", tagText: "Jeg flytter i plejebolig" },
  { value: "DOED", codeText: "Dødsfald", tagText: "Dødsfald" },
  { value: "ANDET", codeText: "Andet", tagText: "Andet" },
];

const HOUSING_TYPES: KodeSeed[] = [
  { value: "FAM", codeText: "Familiebolig", codeTextEn: "Family dwelling" },
  { value: "UNG", codeText: "Ungdomsbolig" },
  { value: "AELD", codeText: "Ældrebolig" },
  { value: "GAR", codeText: "Garage" },
  { value: "DEP", codeText: "Depotrum" },
];

const SUM_TYPES: KodeSeed[] = [
  { value: "STD", codeText: "Standard" },
  { value: "ERHV", codeText: "Erhverv" },
];

type Codes = Record<string, string>; // "TYPE:VALUE" -> id

async function seedCodes(tx: OrgTx): Promise<Codes> {
  const codes: Codes = {};
  const groups = [
    ["OPSIGELSESVARSEL", NOTICE_RULES],
    ["OPSIGELSESAARSAG", REASONS],
    ["BOLIGTYPE", HOUSING_TYPES],
    ["SUMTYPE", SUM_TYPES],
  ] as const;
  for (const [type, list] of groups) {
    let sortOrder = 0;
    for (const k of list) {
      const row = await tx.kode.create({
        data: {
          organisationId: tx.organisationId,
          type,
          value: k.value,
          codeText: k.codeText,
          codeTextEn: k.codeTextEn ?? null,
          tagText: k.tagText ?? null,
          tagTextEn: k.tagTextEn ?? null,
          ...(k.rule ? { rule: k.rule } : {}),
          sortOrder: sortOrder++,
          updatedBy: "seed",
        },
      });
      codes[`${type}:${k.value}`] = row.id;
    }
  }
  return codes;
}

type PersonSeed = {
  username?: DemoUsername;
  name?: string;
  mobile?: string;
  phone?: string;
  email?: string;
  regNo?: string;
  accountNo?: string;
  nemKontoConsent?: boolean;
};

async function person(tx: OrgTx, p: PersonSeed): Promise<string> {
  const identity = p.username ? demoIdentity(p.username) : undefined;
  const row = await tx.person.create({
    data: {
      organisationId: tx.organisationId,
      name: identity?.name ?? p.name ?? "Ukendt",
      mobile: p.mobile ?? null,
      phone: p.phone ?? null,
      email: p.email ?? identity?.email ?? null,
      regNo: p.regNo ?? null,
      accountNo: p.accountNo ?? null,
      nemKontoConsent: p.nemKontoConsent ?? false,
      cprHash: identity ? cprHash(identity.cpr) : null,
    },
  });
  return row.id;
}

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

type LeaseSeed = {
  ejendomId: string;
  nr: number;
  address1: string;
  boligtype: string;
  mainLejemaalId?: string;
};

async function lease(tx: OrgTx, codes: Codes, l: LeaseSeed): Promise<string> {
  const row = await tx.lejemaal.create({
    data: {
      organisationId: tx.organisationId,
      ejendomId: l.ejendomId,
      nr: l.nr,
      address1: l.address1,
      postalCode: "2150",
      city: "Nordhavn",
      boligtypeId: codes[`BOLIGTYPE:${l.boligtype}`] ?? null,
      sumtypeId: codes["SUMTYPE:STD"] ?? null,
      mainLejemaalId: l.mainLejemaalId ?? null,
    },
  });
  return row.id;
}

type TenancySeed = {
  lejemaalId: string;
  nr: number;
  moveIn: string;
  noticeRule?: string | null;
  renovationDays?: number | null;
  terminatedOn?: string;
  nonTerminableUntil?: string;
  terminableInPeriodFrom?: string;
  tenant1: string;
  tenant2?: string;
};

async function tenancy(tx: OrgTx, codes: Codes, t: TenancySeed): Promise<string> {
  const row = await tx.lejer.create({
    data: {
      organisationId: tx.organisationId,
      lejemaalId: t.lejemaalId,
      nr: t.nr,
      moveInDate: date(t.moveIn),
      noticeRuleId: t.noticeRule === null ? null : (codes[`OPSIGELSESVARSEL:${t.noticeRule ?? "3M1"}`] ?? null),
      renovationDays: t.renovationDays === null ? null : (t.renovationDays ?? 14),
      terminatedOn: t.terminatedOn ? date(t.terminatedOn) : null,
      nonTerminableUntil: t.nonTerminableUntil ? date(t.nonTerminableUntil) : null,
      terminableInPeriodFrom: t.terminableInPeriodFrom ? date(t.terminableInPeriodFrom) : null,
      legalTenant1Id: t.tenant1,
      legalTenant2Id: t.tenant2 ?? null,
      updatedBy: "seed",
    },
  });
  return row.id;
}

function oidcSettings(slug: string, issuer: string) {
  const client = demoOidcClients.find((c) => c.organisationSlug === slug);
  if (!client) throw new Error(`No demo OIDC client for ${slug}`);
  return { issuer, clientId: client.clientId, clientSecretEnc: encryptSecret(client.clientSecret), scope: "openid profile email cpr", cprClaim: "cpr" };
}

async function staff(tx: OrgTx, slug: string): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const s of demoStaff.filter((x) => x.organisationSlug === slug)) {
    await tx.user.create({
      data: {
        organisationId: tx.organisationId,
        email: s.email,
        name: s.name,
        passwordHash,
        totpSecretEnc: encryptSecret(s.totpSecret),
        roles: s.roles,
        updatedBy: "seed",
      },
    });
  }
}

/** Case descriptions (username → what the demo tenancy shows); the README and the e2e tests use them. */
export const DEMO_CASES: Record<string, string> = {
  anna: "one tenant, 3 måneder til den 1., NemKonto consent with an account on file — may give notice",
  bent: "two legal tenants (with birgit), 3 måneder til den 1. eller 15. — may give notice",
  birgit: "legal tenant 2 of bent's tenancy — may give notice",
  carl: "one tenant who will add a cohabitant, løbende måned + 3 måneder — may give notice",
  dorte: "lease with two sub-leases (garage, storage) — may give notice",
  erik: "tenancy missing its notice rule — cannot",
  frida: "tenancy missing its renovation period — cannot",
  gustav: "non-terminable for another year, no 'can be terminated in period' — cannot",
  hanne: "non-terminable, but 'can be terminated in period' from 30 days ago — may give notice",
  ib: "already terminated — cannot",
  jette: "property stopped (administration ended) — cannot",
  kim: "youth dwelling, 14 dage — may give notice",
  mette: "one tenant, 3 måneder til den 1. — may give notice (the wizard without JavaScript)",
  niels: "two legal tenants (with olga) — may give notice",
  olga: "legal tenant 2 of niels' tenancy — may give notice",
  poul: "one tenant, 3 måneder til den 1. — may give notice",
  rikke: "one tenant, NemKonto on file — may give notice (the wizard by keyboard alone)",
  vibeke: "one tenant, 3 måneder til den 1. — may give notice (the staff code-table scenario: a new reason shows in her wizard)",
  tage: "notice already given (lib/demo/casework.ts): staff cancel it with a reason, then he may give notice again",
  lars: "tenant of the second organisation (solbakken)",
  svend: "one tenant, 3 måneder til den 1. — may give notice (sees the organisation's own wizard texts, tests/e2e/admin-texts.spec.ts)",
};

export async function seedDemo(opts: { db: Db; today: string; idpIssuer: string }): Promise<{ created: boolean }> {
  const { db, today, idpIssuer } = opts;
  if (await organisationBySlug(db, "nordhavn")) return { created: false };
  const audit = { actor: SYSTEM_ACTOR };

  // ------------------------------------------------------------ organisation A: nordhavn
  const nordhavn = await createOrganisation(
    db,
    {
      slug: "nordhavn",
      name: "Nordhavn Boligadministration",
      settings: organisationSettingsSchema.parse({
        relettingRule: "42;1,15",
        oidc: oidcSettings("nordhavn", idpIssuer),
        contact: {
          phone: "33 12 34 56",
          email: "udlejning@nordhavn.example",
          openingHours: { da: "Mandag–torsdag kl. 9–15, fredag kl. 9–12", en: "Monday–Thursday 9:00–15:00, Friday 9:00–12:00" },
        },
      }),
    },
    audit,
  );
  await orgDb(nordhavn.id, db).$transaction(
    async (tx) => {
      const codes = await seedCodes(tx);
      const selskab = await tx.selskab.create({ data: { organisationId: tx.organisationId, nr: 1, name: "Boligselskabet Nordhavn" } });
      const havnely = await tx.ejendom.create({ data: { organisationId: tx.organisationId, selskabId: selskab.id, nr: 1, name: "Afd. 1 Havnely" } });
      const kajparken = await tx.ejendom.create({
        data: { organisationId: tx.organisationId, selskabId: selskab.id, nr: 2, name: "Afd. 2 Kajparken", stoppedOn: date(addDays(today, -60)) },
      });
      const ungbo = await tx.ejendom.create({ data: { organisationId: tx.organisationId, selskabId: selskab.id, nr: 3, name: "Afd. 3 Ungbo" } });

      let nr = 0;
      const L = (address1: string, boligtype = "FAM", ejendomId = havnely.id, mainLejemaalId?: string) =>
        lease(tx, codes, { ejendomId, nr: ++nr, address1, boligtype, ...(mainLejemaalId ? { mainLejemaalId } : {}) });

      const anna = await person(tx, { username: "anna", mobile: "20112233", regNo: "1234", accountNo: "0012345678", nemKontoConsent: true });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 1, 1. tv"), nr: 2, moveIn: "2019-08-01", tenant1: anna });

      const bent = await person(tx, { username: "bent", mobile: "30445566", phone: "39401020", regNo: "5678", accountNo: "9876543210" });
      const birgit = await person(tx, { username: "birgit", mobile: "30778899" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 1, 2. th"), nr: 2, moveIn: "2015-03-01", noticeRule: "3M115", renovationDays: 21, tenant1: bent, tenant2: birgit });

      const carl = await person(tx, { username: "carl", mobile: "40123456" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 3, st."), nr: 2, moveIn: "2021-01-01", noticeRule: "LM3", tenant1: carl });

      const dorte = await person(tx, { username: "dorte", phone: "35351212", regNo: "4321", accountNo: "1122334455", nemKontoConsent: true });
      const dorteMain = await L("Havnegade 5, 1.");
      await tenancy(tx, codes, { lejemaalId: dorteMain, nr: 2, moveIn: "2018-05-01", tenant1: dorte });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 5, garage 12", "GAR", havnely.id, dorteMain), nr: 2, moveIn: "2018-05-01", tenant1: dorte });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 5, depotrum 4", "DEP", havnely.id, dorteMain), nr: 2, moveIn: "2019-02-01", tenant1: dorte });

      const erik = await person(tx, { username: "erik", mobile: "50112233" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 7, 1. tv"), nr: 2, moveIn: "2022-04-01", noticeRule: null, tenant1: erik });

      const frida = await person(tx, { username: "frida", mobile: "50445566" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 7, 1. th"), nr: 2, moveIn: "2023-06-01", renovationDays: null, tenant1: frida });

      const gustav = await person(tx, { username: "gustav", mobile: "60112233" });
      await tenancy(tx, codes, {
        lejemaalId: await L("Havnegade 9, 2. tv"),
        nr: 2,
        moveIn: addDays(today, -200),
        nonTerminableUntil: addDays(today, 365),
        tenant1: gustav,
      });

      const hanne = await person(tx, { username: "hanne", mobile: "60445566" });
      await tenancy(tx, codes, {
        lejemaalId: await L("Havnegade 9, 2. th"),
        nr: 2,
        moveIn: addDays(today, -200),
        nonTerminableUntil: addDays(today, 365),
        terminableInPeriodFrom: addDays(today, -30),
        tenant1: hanne,
      });

      const ib = await person(tx, { username: "ib", mobile: "70112233" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 11, st. tv"), nr: 2, moveIn: "2010-09-01", terminatedOn: addDays(today, -10), tenant1: ib });

      const jette = await person(tx, { username: "jette", mobile: "70445566" });
      await tenancy(tx, codes, { lejemaalId: await L("Kajgade 2, 1. tv", "FAM", kajparken.id), nr: 2, moveIn: "2016-02-01", tenant1: jette });

      const kim = await person(tx, { username: "kim", mobile: "80112233" });
      await tenancy(tx, codes, { lejemaalId: await L("Ungbovej 4, værelse 12", "UNG", ungbo.id), nr: 2, moveIn: "2025-08-01", noticeRule: "14D", renovationDays: 7, tenant1: kim });

      // Tenants who may give notice, one per end-to-end scenario, so that scenarios never share a notice.
      const mette = await person(tx, { username: "mette", mobile: "81223344" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 13, 1. tv"), nr: 2, moveIn: "2020-03-01", tenant1: mette });
      const niels = await person(tx, { username: "niels", mobile: "82334455" });
      const olga = await person(tx, { username: "olga", mobile: "83445566" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 13, 2. th"), nr: 2, moveIn: "2017-10-01", tenant1: niels, tenant2: olga });
      const poul = await person(tx, { username: "poul", mobile: "84556677" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 15, st. th"), nr: 2, moveIn: "2021-11-01", tenant1: poul });
      const rikke = await person(tx, { username: "rikke", mobile: "85667788", regNo: "2222", accountNo: "3333444455", nemKontoConsent: true });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 15, 1. tv"), nr: 2, moveIn: "2022-02-01", tenant1: rikke });
      const vibeke = await person(tx, { username: "vibeke", mobile: "86778899" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 17, 2. tv"), nr: 2, moveIn: "2021-05-01", tenant1: vibeke });

      // Staff admin (tests/e2e/admin-tenancies.spec.ts): a tenancy missing its renovation period that staff complete in the admin pages (no sign-in of its own; frida's stays as it is).
      const vera = await person(tx, { name: "Vera Vestergaard", email: "vera@nordhavn.example", mobile: "86778899" });
      await tenancy(tx, codes, { lejemaalId: await L("Havnegade 19, 2. tv"), nr: 2, moveIn: "2024-04-01", renovationDays: null, tenant1: vera });

      await staff(tx, "nordhavn");
      await writeAudit(tx, { type: "DEMO_DATA_SEEDED", actor: SYSTEM_ACTOR, entityType: "Organisation", entityId: tx.organisationId });
    },
    { timeout: 60_000 },
  );

  // ------------------------------------------------------------ organisation B: solbakken
  const solbakken = await createOrganisation(
    db,
    {
      slug: "solbakken",
      name: "Solbakken Bolig",
      settings: organisationSettingsSchema.parse({
        oidc: oidcSettings("solbakken", idpIssuer),
        // Opening hours in Danish only (the English page shows them marked lang="da"); the
        // accessibility statement lives on the organisation's own website.
        contact: { phone: "+45 70 20 30 40", email: "kontakt@solbakken.example", openingHours: { da: "Hverdage kl. 10–14" } },
        accessibilityStatement: { url: "https://solbakken.example/tilgaengelighed", text: null },
      }),
    },
    audit,
  );
  await orgDb(solbakken.id, db).$transaction(
    async (tx) => {
      const codes = await seedCodes(tx);
      const selskab = await tx.selskab.create({ data: { organisationId: tx.organisationId, nr: 7, name: "Boligforeningen Solbakken" } });
      const ejendom = await tx.ejendom.create({ data: { organisationId: tx.organisationId, selskabId: selskab.id, nr: 1, name: "Afd. 1 Solhaven" } });
      const lm = await lease(tx, codes, { ejendomId: ejendom.id, nr: 1, address1: "Solbakken 10, 3. mf", boligtype: "FAM" });
      const lars = await person(tx, { username: "lars", mobile: "91112233" });
      await tenancy(tx, codes, { lejemaalId: lm, nr: 2, moveIn: "2020-10-01", tenant1: lars });
      await staff(tx, "solbakken");
      await writeAudit(tx, { type: "DEMO_DATA_SEEDED", actor: SYSTEM_ACTOR, entityType: "Organisation", entityId: tx.organisationId });
    },
    { timeout: 60_000 },
  );

  // ------------------------------------------------------------ added later: one tenant per new scenario
  await orgDb(nordhavn.id, db).$transaction(async (tx) => {
    const codes: Codes = {};
    for (const k of await tx.kode.findMany()) codes[`${k.type}:${k.value}`] = k.id;
    const ejendom = await tx.ejendom.findFirstOrThrow({ where: { nr: 1 } });
    const svend = await person(tx, { username: "svend", mobile: "86778899" });
    const lm = await lease(tx, codes, { ejendomId: ejendom.id, nr: 100, address1: "Havnegade 17, 1. th", boligtype: "FAM" });
    await tenancy(tx, codes, { lejemaalId: lm, nr: 2, moveIn: "2021-05-01", tenant1: svend });
  });

  // Casework (lib/demo/casework.ts): notices already given, through the real submission, and a tenancy missing data.
  await orgDb(nordhavn.id, db).$transaction(
    async (tx) => {
      const codes: Codes = {};
      for (const k of await tx.kode.findMany()) codes[`${k.type}:${k.value}`] = k.id;
      const ejendom = await tx.ejendom.findFirstOrThrow({ where: { nr: 1 } });
      let nr = 200;
      await seedCaseworkDemo(
        tx,
        {
          person: (p) => person(tx, p as Parameters<typeof person>[1]),
          lease: (address1) => lease(tx, codes, { ejendomId: ejendom.id, nr: ++nr, address1, boligtype: "FAM" }),
          tenancy: (t) => tenancy(tx, codes, { ...t, nr: 2, moveIn: "2020-06-01" }),
        },
        new Date(`${today}T10:00:00Z`),
        readSettings(nordhavn.settings),
      );
    },
    { timeout: 60_000 },
  );

  // Automation (lib/demo/automation.ts): approved, terms accepted, one account with a published demo key and TOTP secret.
  await orgDb(nordhavn.id, db).$transaction(async (tx) => {
    const manager = await tx.user.findFirstOrThrow({ where: { email: "admin@nordhavn.example" } });
    await seedAutomationDemo(tx, { organisationName: nordhavn.name, managerId: manager.id, managerName: manager.name, now: new Date(`${today}T10:00:00Z`) });
  });

  // provide-tenancy-details to-dos for the demo tenancies missing data (erik, frida, vera, Mads Mangler), one sync per organisation.
  for (const org of [nordhavn, solbakken]) await orgDb(org.id, db).$transaction((tx) => syncTenancyDetailsTodos(tx, undefined, { now: new Date(`${today}T10:00:00Z`) }), { timeout: 60_000 });

  if (!(await operatorByEmail(db, demoOperator.email))) {
    await createOperator(db, {
      email: demoOperator.email,
      name: demoOperator.name,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      totpSecretEnc: encryptSecret(demoOperator.totpSecret),
    });
  }
  return { created: true };
}
