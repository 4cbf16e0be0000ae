/**
 * A submitted notice written straight into the database, as lib/notice/submit.ts leaves it: status
 * SUBMITTED, every date column, the signed content and its hash, one Signature per signer. For the
 * letter, receipt and tenant-page tests, which must not depend on the signing flow.
 */
import type { OrgDb } from "@/lib/db/scoped";
import { contentHash, type SignedContent } from "@/lib/notice/content";
import { toJsonValue } from "@/lib/json";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

export type SubmittedFixture = {
  noticeId: string;
  lejerId: string;
  p1: string;
  p2: string | null;
  hash: string;
  content: SignedContent;
};

export const FIXTURE_DATES = {
  noticeDate: "2026-12-01",
  moveOutDate: "2027-02-28",
  terminationDate: "2027-03-01",
  vacatingDay: "2027-02-26",
  liabilityFrom: "2026-12-01",
  liabilityTo: "2027-02-28",
  inspectionDate: "2027-03-01",
  relettingDate: "2027-03-15",
} as const;

let counter = 0;

/**
 * A tenancy (one or two legal tenants, a sub-lease) with a SUBMITTED notice. `emails` false: the
 * people have no e-mail addresses. `status` lets a test make a CONFIRMED or CANCELLED one.
 */
export async function submittedNotice(
  db: OrgDb,
  opts: {
    tenants?: 1 | 2;
    status?: "SUBMITTED" | "CONFIRMED" | "CANCELLED" | "DRAFT";
    tag?: string;
    emails?: boolean;
    /** The legal tenants as existing people (found or created by cprHash), e.g. demo identities for the e2e tests. */
    people?: { name: string; email: string; cprHash: string }[];
  } = {},
): Promise<SubmittedFixture> {
  const organisationId = db.organisationId;
  const n = ++counter;
  const tag = opts.tag ?? `${Date.now().toString(36)}${n}`;
  const two = opts.people ? opts.people.length === 2 : (opts.tenants ?? 2) === 2;
  return db.$transaction(async (tx) => {
    const rule = await tx.kode.upsert({
      where: { organisationId_type_value: { organisationId, type: "OPSIGELSESVARSEL", value: "3M1" } },
      create: { organisationId, type: "OPSIGELSESVARSEL", value: "3M1", codeText: "3 måneder til den 1.", rule: { months: 3, anchor: "first" } },
      update: {},
    });
    const reason = await tx.kode.upsert({
      where: { organisationId_type_value: { organisationId, type: "OPSIGELSESAARSAG", value: "KOEB" } },
      create: { organisationId, type: "OPSIGELSESAARSAG", value: "KOEB", codeText: "Køb", tagText: "Køb af egen bolig" },
      update: {},
    });
    const selskab = await tx.selskab.upsert({
      where: { organisationId_nr: { organisationId, nr: 1 } },
      create: { organisationId, nr: 1, name: "Selskab" },
      update: {},
    });
    const ejendom = await tx.ejendom.upsert({
      where: { organisationId_selskabId_nr: { organisationId, selskabId: selskab.id, nr: 1 } },
      create: { organisationId, selskabId: selskab.id, nr: 1, name: "Ejendom" },
      update: {},
    });
    const highest = await tx.lejemaal.aggregate({ where: { ejendomId: ejendom.id }, _max: { nr: true } });
    const unitNr = Math.max(100, highest._max.nr ?? 0) + 1;
    const lm = await tx.lejemaal.create({ data: { organisationId, ejendomId: ejendom.id, nr: unitNr, address1: `Havnegade ${n}, 1. tv`, postalCode: "5000", city: "Odense C" } });
    await tx.lejemaal.create({ data: { organisationId, ejendomId: ejendom.id, nr: unitNr + 1, address1: `Garage ${n}`, postalCode: "5000", city: "Odense C", mainLejemaalId: lm.id } });
    const email = (who: string) => (opts.emails === false ? null : `${who}.${tag}@example.dk`);
    const known = (i: number) => {
      const p = opts.people?.[i];
      return p
        ? tx.person.upsert({ where: { organisationId_cprHash: { organisationId, cprHash: p.cprHash } }, create: { organisationId, name: p.name, email: p.email, cprHash: p.cprHash }, update: {} })
        : null;
    };
    const p1 = (await known(0)) ?? (await tx.person.create({ data: { organisationId, name: `Bent Hansen ${n}`, email: email("bent"), regNo: "1234", accountNo: "0001234567", nemKontoConsent: true } }));
    const p2 = two ? ((await known(1)) ?? (await tx.person.create({ data: { organisationId, name: `Birgit Sørensen ${n}`, email: email("birgit") } }))) : null;
    const lejer = await tx.lejer.create({
      data: { organisationId, lejemaalId: lm.id, nr: 1, moveInDate: d("2020-01-01"), noticeRuleId: rule.id, renovationDays: 14, legalTenant1Id: p1.id, legalTenant2Id: p2?.id ?? null },
    });
    const notice = await tx.opsigelse.create({ data: { organisationId, lejerId: lejer.id, status: "DRAFT", startedByPersonId: p1.id } });
    const people: SignedContent["people"] = [
      { role: "tenant1", personId: p1.id, name: p1.name, email: p1.email, mobile: "+4520123456", phone: null },
      ...(p2 ? [{ role: "tenant2" as const, personId: p2.id, name: p2.name, email: p2.email, mobile: "+4530987654", phone: null }] : []),
    ];
    const content: SignedContent = {
      v: 1,
      noticeId: notice.id,
      lejerId: lejer.id,
      lease: { addressLines: [lm.address1, `${lm.postalCode} ${lm.city}`], leaseNumber: `1-1-${unitNr}` },
      people,
      noticeRule: { codeText: rule.codeText, rule: rule.rule },
      renovationDays: 14,
      answers: {
        general: {},
        "you-and-lease": { tenants: people.map((p) => ({ personId: p.personId!, mobile: p.mobile, phone: null, email: p.email })), cohabitant: null },
        "sub-leases": { terminateAll: true },
        "move-out": { reasonCodeId: reason.id, moveOutDate: FIXTURE_DATES.moveOutDate, inspectionDate: FIXTURE_DATES.inspectionDate },
        viewing: { phone: "+4520123456" },
        "new-address": { mode: "same", address: { kind: "danish", addressId: "a-1", text: "Åboulevarden 7, 3. th, 8000 Aarhus C" } },
        account: { account: { kind: "nemkonto" } },
        "check-answers": two ? {} : { onlyOccupant: true },
        sign: {},
      },
      dates: {
        moveOutDate: FIXTURE_DATES.moveOutDate,
        terminationDate: FIXTURE_DATES.terminationDate,
        vacatingDay: FIXTURE_DATES.vacatingDay,
        liabilityTo: FIXTURE_DATES.liabilityTo,
        inspectionDate: FIXTURE_DATES.inspectionDate,
      },
    };
    const hash = contentHash(content);
    const status = opts.status ?? "SUBMITTED";
    const submitted = status !== "DRAFT";
    await tx.opsigelse.update({
      where: { id: notice.id },
      data: {
        status,
        ...(submitted
          ? {
              submittedAt: new Date("2026-12-01T13:03:22Z"),
              noticeDate: d(FIXTURE_DATES.noticeDate),
              moveOutDate: d(FIXTURE_DATES.moveOutDate),
              terminationDate: d(FIXTURE_DATES.terminationDate),
              vacatingDay: d(FIXTURE_DATES.vacatingDay),
              liabilityFrom: d(FIXTURE_DATES.liabilityFrom),
              liabilityTo: d(FIXTURE_DATES.liabilityTo),
              inspectionDate: d(FIXTURE_DATES.inspectionDate),
              relettingDate: d(FIXTURE_DATES.relettingDate),
              ruleSnapshot: { codeText: rule.codeText, rule: rule.rule },
              submittedContent: toJsonValue(content) ?? {},
              contentHash: hash,
              idempotencyKey: `submit-${notice.id}`,
            }
          : {}),
      },
    });
    if (submitted) {
      for (const [i, p] of people.entries()) {
        await tx.signature.create({
          data: {
            organisationId,
            opsigelseId: notice.id,
            personId: p.personId,
            signerRole: p.role,
            signingOrder: i + 1,
            name: p.name,
            subjectHash: `sub-${notice.id}-${i}`,
            signedAt: new Date(Date.UTC(2026, 11, 1, 12, 58 + i * 5, 10)),
            contentHash: hash,
            method: "oidc",
            assuranceLevel: "substantial",
          },
        });
      }
    }
    return { noticeId: notice.id, lejerId: lejer.id, p1: p1.id, p2: p2?.id ?? null, hash, content };
  });
}
