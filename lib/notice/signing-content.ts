/**
 * What the signers of a notice sign, and where the signing stands: the notice, its tenancy, the
 * required signer slots (by legal role: "tenant1"/"tenant2" are the tenancy's legal tenants 1 and 2,
 * "cohabitant" when step 3 added one), the signatures so far, and the SignedContent
 * (lib/notice/content.ts) with its hash — computed with the dates of lib/notice/dates.ts as they
 * are on the Danish day of `now`.
 *
 * Used by the check-answers page, the signing page, the signing routes and the submission, so all
 * of them show and hash the same. With `personId` the notice is read through lib/tenancy/access.ts
 * (a tenant sees only their own); without it (a signing link's co-signer) the caller has already
 * authorised the notice.
 *
 * The content does not depend on who reads it: `people` are in the order step 3 saved them (the
 * tenant who filled in the wizard first), then the cohabitant.
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import { NotFound } from "@/lib/http/errors";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { noticeForTenant, tenancyForTenant } from "@/lib/tenancy/access";
import { noticeRuleOrNull, type NoticeRule } from "@/lib/rules";
import { todayInDenmark } from "@/lib/time";
import { contentHash, type SignedContent, type SignedPerson, type SignerRole } from "./content";
import { allowedInspectionDates, checkMoveOutDate, noticeDates, type NoticeDates } from "./dates";
import type { NoticeAnswers, StepId } from "./steps";
import { leaseNumber } from "@/lib/text/lease";
import { answersOf } from "./draft";

/** The notice cannot be signed yet: an answer is missing or no longer holds. `step` is the step to go back to. */
export class IncompleteNotice extends Error {
  constructor(
    readonly step: StepId,
    readonly reason: "missing" | "move-out-date" | "inspection-date" | "only-occupant" | "no-rule",
  ) {
    super(`the notice cannot be signed: step ${step} (${reason})`);
    this.name = "IncompleteNotice";
  }
}

export type SignerSlot = {
  role: SignerRole;
  /** The legal tenant's Person row; null for a cohabitant. */
  personId: string | null;
  name: string;
  email: string | null;
  mobile: string | null;
  /** The signature in this slot, if any. */
  signature: { id: string; name: string; signedAt: Date; signingOrder: number; contentHash: string } | null;
};

export type SigningNotice = {
  id: string;
  lejerId: string;
  status: "DRAFT" | "AWAITING_SIGNATURES" | "SUBMITTED" | "CONFIRMED" | "CANCELLED";
  version: number;
  answers: NoticeAnswers;
  startedByPersonId: string | null;
  submittedAt: Date | null;
  contentHash: string | null;
};

export type SigningTenancy = {
  id: string;
  legalTenant1: { id: string; name: string; email: string | null; mobile: string | null; phone: string | null; cprHash: string | null };
  legalTenant2: { id: string; name: string; email: string | null; mobile: string | null; phone: string | null; cprHash: string | null } | null;
  address1: string;
  postalCode: string;
  city: string;
  leaseNumber: string;
  noticeRule: { id: string; codeText: string; codeTextEn: string | null; rule: NoticeRule } | null;
  renovationDays: number | null;
  /** Active sub-leases (bi-lejemål with no end date) of the tenancy's lease unit. */
  subLeases: { lejemaalId: string; address1: string }[];
};

export type SigningState = {
  notice: SigningNotice;
  tenancy: SigningTenancy;
  /** Every required signer, in content order (legal tenants as step 3 lists them, then the cohabitant). */
  slots: SignerSlot[];
  signatures: { id: string; signerRole: string; personId: string | null; name: string; signedAt: Date; signingOrder: number; contentHash: string; subjectHash: string }[];
  /** Null while the answers are incomplete (then `incomplete` says where). */
  content: SignedContent | null;
  contentHash: string | null;
  dates: NoticeDates | null;
  incomplete: IncompleteNotice | null;
  /** Every slot has a signature. */
  complete: boolean;
};

const TENANCY_SELECT = {
  id: true,
  renovationDays: true,
  noticeRule: { select: { id: true, codeText: true, codeTextEn: true, rule: true } },
  legalTenant1: { select: { id: true, name: true, email: true, mobile: true, phone: true, cprHash: true } },
  legalTenant2: { select: { id: true, name: true, email: true, mobile: true, phone: true, cprHash: true } },
  lejemaal: {
    select: {
      nr: true,
      address1: true,
      postalCode: true,
      city: true,
      ejendom: { select: { nr: true, selskab: { select: { nr: true } } } },
      biLejemaal: { where: { endedOn: null }, select: { id: true, address1: true }, orderBy: { nr: "asc" as const } },
    },
  },
} as const;

const NOTICE_SELECT = {
  id: true,
  lejerId: true,
  status: true,
  version: true,
  answers: true,
  startedByPersonId: true,
  submittedAt: true,
  contentHash: true,
} as const;

const iso = (d: Date) => d.toISOString().slice(0, 10);


/**
 * The signing state of one notice at `now`. A notice (or tenancy) that is not the person's, or
 * not found → NotFound. Incomplete answers do not throw: `incomplete` says which step to go back to.
 */
export async function loadSigningState(
  tx: OrgTx,
  { personId, noticeId, now, settings }: { personId?: string; noticeId: unknown; now: Date; settings: OrganisationSettings },
): Promise<SigningState> {
  const row = personId
    ? await noticeForTenant(tx, personId, noticeId, { select: NOTICE_SELECT })
    : typeof noticeId === "string" && /^[0-9a-f-]{36}$/i.test(noticeId)
      ? await tx.opsigelse.findFirst({ where: { id: noticeId }, select: NOTICE_SELECT })
      : null;
  if (!row) throw new NotFound("notice");
  const t = personId
    ? await tenancyForTenant(tx, personId, row.lejerId, { select: TENANCY_SELECT })
    : await tx.lejer.findFirst({ where: { id: row.lejerId }, select: TENANCY_SELECT });
  if (!t) throw new NotFound("notice");

  const answers = answersOf(row.answers);
  const notice: SigningNotice = { ...row, answers };
  const rule = t.noticeRule ? noticeRuleOrNull(t.noticeRule.rule) : null;
  const lm = t.lejemaal;
  const tenancy: SigningTenancy = {
    id: t.id,
    legalTenant1: t.legalTenant1,
    legalTenant2: t.legalTenant2,
    address1: lm.address1,
    postalCode: lm.postalCode,
    city: lm.city,
    leaseNumber: leaseNumber(lm),
    noticeRule: t.noticeRule && rule ? { id: t.noticeRule.id, codeText: t.noticeRule.codeText, codeTextEn: t.noticeRule.codeTextEn, rule } : null,
    renovationDays: t.renovationDays,
    subLeases: lm.biLejemaal.map((b) => ({ lejemaalId: b.id, address1: b.address1 })),
  };

  const signatures = await tx.signature.findMany({
    where: { opsigelseId: row.id },
    orderBy: { signingOrder: "asc" },
    select: { id: true, signerRole: true, personId: true, name: true, signedAt: true, signingOrder: true, contentHash: true, subjectHash: true },
  });

  // The signers: legal tenants by role, in the order step 3 lists them; then the cohabitant.
  const you = answers["you-and-lease"];
  const legal = [
    { role: "tenant1" as const, p: tenancy.legalTenant1 },
    ...(tenancy.legalTenant2 ? [{ role: "tenant2" as const, p: tenancy.legalTenant2 }] : []),
  ];
  const orderOf = (id: string) => {
    const i = you?.tenants.findIndex((x) => x.personId.toLowerCase() === id.toLowerCase()) ?? -1;
    return i < 0 ? 99 : i;
  };
  legal.sort((a, b) => orderOf(a.p.id) - orderOf(b.p.id));
  const people: SignedPerson[] = legal.map(({ role, p }) => {
    const contact = you?.tenants.find((x) => x.personId.toLowerCase() === p.id.toLowerCase());
    return {
      role,
      personId: p.id,
      name: p.name,
      email: contact ? contact.email : p.email,
      mobile: contact ? contact.mobile : p.mobile,
      phone: contact ? contact.phone : p.phone,
    };
  });
  if (you?.cohabitant && !tenancy.legalTenant2) {
    people.push({ role: "cohabitant", personId: null, name: you.cohabitant.name, email: you.cohabitant.email, mobile: you.cohabitant.mobile, phone: null });
  }
  const slots: SignerSlot[] = people.map((p) => {
    const s = signatures.find((x) => x.signerRole === p.role);
    return {
      role: p.role,
      personId: p.personId,
      name: p.name,
      email: p.email,
      mobile: p.mobile,
      signature: s ? { id: s.id, name: s.name, signedAt: s.signedAt, signingOrder: s.signingOrder, contentHash: s.contentHash } : null,
    };
  });

  const incomplete = checkComplete(notice, tenancy, settings, now);
  let content: SignedContent | null = null;
  let dates: NoticeDates | null = null;
  if (!incomplete && tenancy.noticeRule) {
    const moveOut = answers["move-out"]!;
    dates = noticeDates({ noticeDate: todayInDenmark(now), moveOut: moveOut.moveOutDate, rule: tenancy.noticeRule.rule, renovationDays: tenancy.renovationDays ?? 0, settings });
    content = signedContent({ notice, tenancy, people, dates, inspectionDate: moveOut.inspectionDate ?? "" });
  }
  return {
    notice,
    tenancy,
    slots,
    signatures,
    content,
    contentHash: content ? contentHash(content) : null,
    dates,
    incomplete,
    complete: slots.length > 0 && slots.every((s) => s.signature !== null),
  };
}

/** The content signed for given dates (the submission recomputes it with the notice date of the last signature). */
export function signedContent(a: { notice: SigningNotice; tenancy: SigningTenancy; people: SignedPerson[]; dates: NoticeDates; inspectionDate: string }): SignedContent {
  const rule = a.tenancy.noticeRule!;
  return {
    v: 1,
    noticeId: a.notice.id,
    lejerId: a.tenancy.id,
    lease: { addressLines: [a.tenancy.address1, `${a.tenancy.postalCode} ${a.tenancy.city}`], leaseNumber: a.tenancy.leaseNumber },
    people: a.people,
    noticeRule: { codeText: rule.codeText, rule: rule.rule },
    renovationDays: a.tenancy.renovationDays ?? 0,
    answers: a.notice.answers,
    dates: {
      moveOutDate: a.dates.moveOutDate,
      terminationDate: a.dates.terminationDate,
      vacatingDay: a.dates.vacatingDay,
      liabilityTo: a.dates.liabilityTo,
      inspectionDate: a.inspectionDate,
    },
  };
}

/** The steps that apply to this notice, in order. */
export function applicableSteps(tenancy: Pick<SigningTenancy, "subLeases">): StepId[] {
  const steps: StepId[] = ["general", "you-and-lease"];
  if (tenancy.subLeases.length > 0) steps.push("sub-leases");
  steps.push("move-out", "viewing", "new-address", "account", "check-answers");
  return steps;
}

/** The first step whose answer is missing or no longer holds on the Danish day of `now`, or null. */
export function checkComplete(notice: SigningNotice, tenancy: SigningTenancy, settings: OrganisationSettings, now: Date): IncompleteNotice | null {
  const a = notice.answers;
  for (const step of applicableSteps(tenancy)) if (a[step] === undefined) return new IncompleteNotice(step, "missing");
  if (!tenancy.noticeRule) return new IncompleteNotice("move-out", "no-rule");
  const today = todayInDenmark(now);
  const moveOut = a["move-out"]!;
  if (!checkMoveOutDate({ today, moveOut: moveOut.moveOutDate, settings }).ok) return new IncompleteNotice("move-out", "move-out-date");
  if (!allowedInspectionDates({ today, moveOut: moveOut.moveOutDate, settings }).allowed.includes(moveOut.inspectionDate ?? "")) return new IncompleteNotice("move-out", "inspection-date");
  const alone = !tenancy.legalTenant2 && !a["you-and-lease"]?.cohabitant;
  if (alone && a["check-answers"]?.onlyOccupant !== true) return new IncompleteNotice("check-answers", "only-occupant");
  return null;
}

export { iso as isoDay };
