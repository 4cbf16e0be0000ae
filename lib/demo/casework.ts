/**
 * Demo casework: notices already given, so that the inbox, the move-out cases, the to-dos and the
 * dashboard have something in them after `npm start`, and so that each casework end-to-end
 * scenario has a notice of its own (scenarios never share a notice).
 *
 * Each notice goes through the real submission (lib/notice/submit.ts): a draft with complete
 * answers, one signature per signer slot, then submitNotice in the same transaction — so it gets
 * its dates, rule snapshot, content hash, move-out case, confirm-notice to-do and letter job
 * exactly as a tenant's would. The worker then renders its PDF.
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { toJsonValue } from "@/lib/json";
import { addDays } from "@/lib/rules/calendar";
import { allowedInspectionDates } from "@/lib/notice/dates";
import { loadSigningState } from "@/lib/notice/signing-content";
import { submitNotice } from "@/lib/notice/submit";
import type { NoticeAnswers } from "@/lib/notice/steps";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { todayInDenmark } from "@/lib/time";

/** The demo notices (address → what it is for). The e2e tests and the README use them. */
export const DEMO_NOTICES = {
  inbox: { address1: "Havnegade 21, 1. tv", name: "Inge Indbakke", use: "submitted: the inbox shows it with its PDF (tests/e2e/casework-inbox.spec.ts)" },
  cancel: { address1: "Havnegade 21, 2. tv", username: "tage", use: "submitted: staff cancel it with a reason, Tage is e-mailed and may give notice again" },
  confirm: { address1: "Havnegade 23, 1. tv", name: "Conny Bekræft", use: "submitted: its confirm-notice to-do is completed in the to-do pages" },
  caseFlow: { address1: "Havnegade 23, 2. tv", name: "Palle Pause", use: "submitted: its move-out case is paused (a reminder 8 days later) and finished" },
  processed: { address1: "Havnegade 25, 1. tv", name: "Berit Behandlet", use: "submitted and then processed (CONFIRMED) — for the inbox's status filter" },
  awaiting: { address1: "Havnegade 25, 2. tv", name: "Asger Afventer", use: "awaiting a co-signer (AWAITING_SIGNATURES): one of two legal tenants has signed" },
} as const;

/** Tenancies missing both their notice rule and renovation period: Mads's to-do is completed by tests/e2e/casework-todos.spec.ts; Rita's stays in the missing-data report for tests/e2e/casework-report.spec.ts. */
export const DEMO_MISSING_DATA = [
  { address1: "Havnegade 27, st.", name: "Mads Mangler" },
  { address1: "Havnegade 27, 1.", name: "Rita Rapport" },
] as const;

export type DemoCaseworkHelpers = {
  person(p: { username?: string; name?: string; email?: string; mobile?: string }): Promise<string>;
  lease(address1: string): Promise<string>;
  tenancy(t: { lejemaalId: string; tenant1: string; tenant2?: string; noticeRule?: string | null; renovationDays?: number | null }): Promise<string>;
};

type Demo = { tenant1: string; tenant2?: string; lejerId: string };

async function draftWithAnswers(tx: OrgTx, d: Demo, now: Date, settings: OrganisationSettings, reasonCodeId: string): Promise<string> {
  const today = todayInDenmark(now);
  const moveOutDate = addDays(today, 75);
  const inspection = allowedInspectionDates({ today, moveOut: moveOutDate, settings }).default ?? moveOutDate;
  const people = await tx.person.findMany({ where: { id: { in: [d.tenant1, ...(d.tenant2 ? [d.tenant2] : [])] } }, select: { id: true, email: true, mobile: true } });
  const ordered = [d.tenant1, ...(d.tenant2 ? [d.tenant2] : [])].map((id) => people.find((p) => p.id === id)!);
  const answers: NoticeAnswers = {
    general: {},
    "you-and-lease": { tenants: ordered.map((p) => ({ personId: p.id, mobile: p.mobile ?? "+4520123456", phone: null, email: p.email ?? null })), cohabitant: null },
    "move-out": { reasonCodeId, moveOutDate, inspectionDate: inspection },
    viewing: { phone: ordered[0]!.mobile ?? "+4520123456" },
    "new-address": { mode: "same", address: { kind: "danish", addressId: "demo-address", text: "Åboulevarden 7, 3. th, 8000 Aarhus C" } },
    account: { account: { kind: "nemkonto" } },
    "check-answers": d.tenant2 ? {} : { onlyOccupant: true },
    sign: {},
  };
  const notice = await tx.opsigelse.create({
    data: { organisationId: tx.organisationId, lejerId: d.lejerId, status: "AWAITING_SIGNATURES", startedByPersonId: d.tenant1, answers: toJsonValue(answers) ?? {}, version: 1 },
  });
  return notice.id;
}

async function sign(tx: OrgTx, noticeId: string, signers: { role: string; personId: string; name: string }[], now: Date, hash: string): Promise<void> {
  for (const [i, s] of signers.entries()) {
    await tx.signature.create({
      data: {
        organisationId: tx.organisationId,
        opsigelseId: noticeId,
        personId: s.personId,
        signerRole: s.role,
        signingOrder: i + 1,
        name: s.name,
        subjectHash: `demo-${noticeId}-${s.role}`,
        signedAt: now,
        contentHash: hash,
        method: "oidc",
        assuranceLevel: "substantial",
      },
    });
  }
}

/** A demo notice given `now` through the real submission; `signOnly` signs only that many of its slots (awaiting a co-signer). */
async function demoNotice(tx: OrgTx, d: Demo, now: Date, settings: OrganisationSettings, opts: { signOnly?: number } = {}): Promise<string> {
  const reason = await tx.kode.findFirstOrThrow({ where: { type: "OPSIGELSESAARSAG", active: true }, orderBy: { sortOrder: "asc" }, select: { id: true } });
  const noticeId = await draftWithAnswers(tx, d, now, settings, reason.id);
  const before = await loadSigningState(tx, { noticeId, now, settings });
  if (!before.contentHash) throw new Error(`demo notice ${noticeId}: incomplete answers (${before.incomplete?.message})`);
  const slots = before.slots.slice(0, opts.signOnly ?? before.slots.length).map((s) => ({ role: s.role, personId: s.personId!, name: s.name }));
  await sign(tx, noticeId, slots, now, before.contentHash);
  if (opts.signOnly !== undefined) return noticeId;
  const state = await loadSigningState(tx, { noticeId, now, settings });
  const r = await submitNotice(tx, { state, now, settings, actor: SYSTEM_ACTOR });
  if (r.kind !== "submitted") throw new Error(`demo notice ${noticeId} was not submitted (${r.kind})`);
  return noticeId;
}

/** Seeds the demo notices and the missing-data tenancy into the organisation of `tx` (nordhavn). */
export async function seedCaseworkDemo(tx: OrgTx, h: DemoCaseworkHelpers, now: Date, settings: OrganisationSettings): Promise<void> {
  const tenancyOf = async (address1: string, who: { username?: string; name?: string; email?: string }, second?: { name: string }) => {
    const tenant1 = await h.person({ ...who, mobile: "87001122" });
    const tenant2 = second ? await h.person({ name: second.name, mobile: "87003344" }) : undefined;
    const lejerId = await h.tenancy({ lejemaalId: await h.lease(address1), tenant1, ...(tenant2 ? { tenant2 } : {}) });
    return { tenant1, ...(tenant2 ? { tenant2 } : {}), lejerId };
  };
  const n = DEMO_NOTICES;
  await demoNotice(tx, await tenancyOf(n.inbox.address1, { name: n.inbox.name, email: "inge.indbakke@example.dk" }), now, settings);
  await demoNotice(tx, await tenancyOf(n.cancel.address1, { username: n.cancel.username }), now, settings);
  await demoNotice(tx, await tenancyOf(n.confirm.address1, { name: n.confirm.name, email: "conny.bekraeft@example.dk" }), now, settings);
  await demoNotice(tx, await tenancyOf(n.caseFlow.address1, { name: n.caseFlow.name, email: "palle.pause@example.dk" }), now, settings);
  const processed = await demoNotice(tx, await tenancyOf(n.processed.address1, { name: n.processed.name, email: "berit.behandlet@example.dk" }), addDaysUtc(now, -14), settings);
  await tx.opsigelse.update({ where: { id: processed }, data: { status: "CONFIRMED", processedAt: now, caseReference: "SAG-2026-0412" } });
  await tx.todo.updateMany({ where: { opsigelseId: processed, kind: "CONFIRM_NOTICE" }, data: { status: "COMPLETED", completedAt: now, result: { caseReference: "SAG-2026-0412" }, version: { increment: 1 } } });
  await demoNotice(tx, await tenancyOf(n.awaiting.address1, { name: n.awaiting.name, email: "asger.afventer@example.dk" }, { name: "Aase Afventer" }), now, settings, { signOnly: 1 });
  for (const m of DEMO_MISSING_DATA) {
    const tenant1 = await h.person({ name: m.name, mobile: "87005566" });
    await h.tenancy({ lejemaalId: await h.lease(m.address1), tenant1, noticeRule: null, renovationDays: null });
  }
}

function addDaysUtc(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}
