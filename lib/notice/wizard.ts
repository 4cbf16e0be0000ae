/**
 * What every wizard page needs, read once: the signed-in tenant's notice draft, its tenancy (lease
 * address, legal tenants with their contact details, sub-leases, notice rule, renovation period),
 * the organisation's reason codes, and the facts that decide which pages apply. Reads only through
 * lib/tenancy/access.ts, so a notice that is not the tenant's is null (→ 404).
 *
 * `saveWizardPage` is the one service a page's form posts to: the flat form → the step's answers
 * (lib/notice/forms.ts), the checks only the server can make (the move-out date against today and the
 * organisation's formula, the inspection date among the allowed ones, the reason among the
 * organisation's codes, NemKonto only when on file), then saveStep (versioned, audited).
 */
import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { findAddress } from "@/lib/address";
import { readSettings, type OrganisationSettings } from "@/lib/organisation/settings";
import { noticeRuleOrNull, type NoticeRule } from "@/lib/rules";
import { maskedAccount } from "@/lib/text/account";
import { listNoticesForTenant, noticeForTenant, subLeasesForTenant, tenancyForTenant } from "@/lib/tenancy/access";
import { todayInDenmark } from "@/lib/time";
import { DRAFT_SELECT, toDraft, type NoticeDraft } from "./draft";
import { allowedInspectionDates, checkMoveOutDate, noticeDates, type NoticeDates } from "./dates";
import { formFieldOf, formToAnswers, type FormValues } from "./forms";
import { saveStep } from "./save-step";
import { parseStepAnswers, type NoticeErrorKey, type StepFieldErrors } from "./steps";
import type { WizardFacts } from "./wizard-steps";
import { leaseNumber } from "@/lib/text/lease";

export type WizardPerson = { id: string; name: string; mobile: string | null; phone: string | null; email: string | null; role: "tenant1" | "tenant2" };

export type WizardData = {
  draft: NoticeDraft;
  tenancy: {
    id: string;
    address: string;
    postalCity: string;
    leaseNumber: string;
    /** The legal tenants, the signed-in one first. */
    people: WizardPerson[];
    subLeases: { id: string; address: string; kind: string | null }[];
    noticeRule: { codeText: string; codeTextEn: string | null; rule: NoticeRule } | null;
    renovationDays: number | null;
  };
  /** The signed-in tenant's NemKonto: consent given and an account on file (masked), else null. */
  nemKonto: { masked: string } | null;
  reasons: { id: string; text: string; textEn: string | null }[];
  settings: OrganisationSettings;
  facts: WizardFacts;
};

export async function loadWizard(db: OrgDb, personId: string, noticeId: unknown, organisationSettings: unknown): Promise<WizardData | null> {
  const row = await noticeForTenant(db, personId, noticeId, { select: DRAFT_SELECT });
  if (!row) return null;
  const draft = toDraft(row);
  const tenancy = await tenancyForTenant(db, personId, draft.lejerId, {
    select: {
      id: true,
      renovationDays: true,
      noticeRule: { select: { codeText: true, codeTextEn: true, rule: true } },
      legalTenant1: { select: { id: true, name: true, mobile: true, phone: true, email: true, regNo: true, accountNo: true, nemKontoConsent: true } },
      legalTenant2: { select: { id: true, name: true, mobile: true, phone: true, email: true, regNo: true, accountNo: true, nemKontoConsent: true } },
      lejemaal: { select: { id: true, nr: true, address1: true, postalCode: true, city: true, ejendom: { select: { nr: true, selskab: { select: { nr: true } } } } } },
    },
  });
  if (!tenancy) return null;
  const subLeases = await subLeasesForTenant(db, personId, tenancy.id, { select: { id: true, address1: true, endedOn: true, boligtype: { select: { codeText: true } } } });
  const active = subLeases.filter((s) => s.endedOn === null);
  const people: WizardPerson[] = [
    { ...tenancy.legalTenant1, role: "tenant1" as const },
    ...(tenancy.legalTenant2 ? [{ ...tenancy.legalTenant2, role: "tenant2" as const }] : []),
  ]
    .sort((a, b) => (a.id === personId ? -1 : b.id === personId ? 1 : 0))
    .map(({ id, name, mobile, phone, email, role }) => ({ id, name, mobile, phone, email, role }));
  const me = [tenancy.legalTenant1, tenancy.legalTenant2].find((p) => p?.id === personId);
  const masked = me && me.nemKontoConsent ? maskedAccount(me.regNo, me.accountNo) : null;
  const rule = noticeRuleOrNull(tenancy.noticeRule?.rule);
  const codes = await db.kode.findMany({ where: { type: "OPSIGELSESAARSAG", active: true }, orderBy: [{ sortOrder: "asc" }, { value: "asc" }], select: { id: true, codeText: true, tagText: true, tagTextEn: true, codeTextEn: true } });
  const l = tenancy.lejemaal;
  return {
    draft,
    tenancy: {
      id: tenancy.id,
      address: l.address1,
      postalCity: `${l.postalCode} ${l.city}`,
      leaseNumber: leaseNumber(l),
      people,
      subLeases: active.map((s) => ({ id: s.id, address: s.address1, kind: s.boligtype?.codeText ?? null })),
      noticeRule: tenancy.noticeRule && rule ? { codeText: tenancy.noticeRule.codeText, codeTextEn: tenancy.noticeRule.codeTextEn, rule } : null,
      renovationDays: tenancy.renovationDays,
    },
    nemKonto: masked ? { masked } : null,
    reasons: codes.map((c) => ({ id: c.id, text: c.tagText ?? c.codeText, textEn: c.tagTextEn ?? c.codeTextEn })),
    settings: readSettings(organisationSettings),
    facts: { hasSubLeases: active.length > 0 },
  };
}

/** The dates of the draft's move-out date, as if notice were given today (null until a date is saved or when the tenancy lacks a rule). */
export function draftDates(w: WizardData, today: string, moveOut = w.draft.answers["move-out"]?.moveOutDate): NoticeDates | null {
  if (!moveOut || !w.tenancy.noticeRule || w.tenancy.renovationDays === null) return null;
  return noticeDates({ noticeDate: today, moveOut, rule: w.tenancy.noticeRule.rule, renovationDays: w.tenancy.renovationDays, settings: w.settings });
}

export type PageFieldErrors = Record<string, NoticeErrorKey[]>;

export type SaveWizardPageResult = { ok: true; draft: NoticeDraft; facts: WizardFacts; voided: number } | { ok: false; fieldErrors: PageFieldErrors };

function toPageErrors(slug: string, errors: StepFieldErrors, values: FormValues): PageFieldErrors {
  const out: PageFieldErrors = {};
  for (const [path, keys] of Object.entries(errors)) {
    const field = formFieldOf(slug, path, values);
    out[field] = [...new Set([...(out[field] ?? []), ...keys])];
  }
  return out;
}

/** Saves one page's form on the tenant's draft (see the module comment). NotFound / StaleDraft as saveStep. */
export async function saveWizardPage(opts: {
  db: OrgDb;
  personId: string;
  noticeId: string;
  slug: string;
  values: FormValues;
  expectedVersion: number;
  organisationSettings: unknown;
  actor: Actor;
  meta?: RequestMeta;
  now?: Date;
}): Promise<SaveWizardPageResult | null> {
  const now = opts.now ?? new Date();
  const w = await loadWizard(opts.db, opts.personId, opts.noticeId, opts.organisationSettings);
  if (!w) return null;
  const form = formToAnswers(opts.slug, opts.values, w.draft.answers);
  if (!form) return null;
  const today = todayInDenmark(now);
  const extra: PageFieldErrors = {};
  const answers = form.answers as Record<string, unknown>;

  if (opts.slug === "fraflytning") {
    const reason = String(answers.reasonCodeId ?? "");
    if (reason !== "" && !w.reasons.some((r) => r.id === reason)) extra.reasonCodeId = ["notice.errors.id"];
    const moveOut = String(answers.moveOutDate ?? "");
    if (moveOut !== "") {
      const check = checkMoveOutDate({ today, moveOut, settings: w.settings });
      if (!check.ok) extra.moveOutDay = [check.error === "before-today" ? "notice.errors.beforeToday" : "notice.errors.moveOutFormula"];
    }
  }
  if (opts.slug === "flyttesyn") {
    const moveOut = w.draft.answers["move-out"]?.moveOutDate;
    const wanted = String(answers.inspectionDate ?? "");
    if (moveOut && wanted !== "" && !allowedInspectionDates({ today, moveOut, settings: w.settings }).allowed.includes(wanted)) extra.inspectionDate = ["notice.errors.inspectionNotAllowed"];
    if (wanted === "") extra.inspectionDate = ["notice.errors.chooseOne"];
  }
  if (opts.slug === "ny-adresse") {
    // A Danish address is what the look-up says for the chosen id (never a text the form sent).
    const blocks: { address: Record<string, unknown>; field: string }[] =
      answers.mode === "each" && Array.isArray(answers.addresses)
        ? (answers.addresses as { address: Record<string, unknown> }[]).map((a, i) => ({ address: a.address, field: `a${i}` }))
        : answers.address
          ? [{ address: answers.address as Record<string, unknown>, field: "a0" }]
          : [];
    for (const b of blocks) {
      if (b.address.kind !== "danish") continue;
      const id = String(b.address.addressId ?? "");
      if (id === "") {
        extra[`${b.field}AddressQuery`] = ["notice.errors.chooseAddress"];
        continue;
      }
      const found = await findAddress(id);
      if (!found.ok) extra[`${b.field}AddressQuery`] = ["notice.errors.addressLookup"];
      else if (!found.value) extra[`${b.field}AddressQuery`] = ["notice.errors.chooseAddress"];
      else b.address.text = found.value.text;
    }
  }
  if (opts.slug === "konto" && answers.account && (answers.account as { kind?: string }).kind === "nemkonto" && !w.nemKonto) extra.accountKind = ["notice.errors.invalid"];
  if (opts.slug === "konto" && answers.account && !(answers.account as { kind?: string }).kind) extra.accountKind = ["notice.errors.chooseOne"];
  if (opts.slug === "bilejemaal" && answers.terminateAll === undefined) extra.terminateAll = ["notice.errors.chooseOne"];
  if (opts.slug === "tjek-svar") {
    const you = w.draft.answers["you-and-lease"];
    const alone = w.tenancy.people.length === 1 && !you?.cohabitant;
    if (alone && answers.onlyOccupant !== true) extra.onlyOccupant = ["notice.errors.mustConfirm"];
  }
  if (opts.slug === "dig-og-lejemaalet" && opts.values.addCohabitant === undefined && w.tenancy.people.length === 1) extra.addCohabitant = ["notice.errors.chooseOne"];

  if (Object.keys(extra).length > 0) {
    // Show the schema's errors too, so the tenant sees every problem at once.
    const parsed = parseStepAnswers(form.step, form.answers);
    const schemaErrors = parsed.ok ? {} : toPageErrors(opts.slug, parsed.fieldErrors, opts.values);
    return { ok: false, fieldErrors: { ...schemaErrors, ...extra } };
  }
  const r = await saveStep({ db: opts.db, personId: opts.personId, noticeId: opts.noticeId, step: form.step, answers: form.answers, expectedVersion: opts.expectedVersion, actor: opts.actor, ...(opts.meta ? { meta: opts.meta } : {}), now });
  if (!r.ok) return { ok: false, fieldErrors: toPageErrors(opts.slug, r.fieldErrors, opts.values) };
  return { ok: true, draft: r.draft, facts: w.facts, voided: r.voided };
}

/** The tenancy's notice in progress or given (not cancelled), newest first, with who started it — for the start page. */
export async function activeNoticeForTenancy(
  db: OrgDb,
  personId: string,
  lejerId: string,
): Promise<{ id: string; status: NoticeDraft["status"]; version: number; createdAt: Date; startedBy: string | null } | null> {
  const tenancy = await tenancyForTenant(db, personId, lejerId, { select: { legalTenant1: { select: { id: true, name: true } }, legalTenant2: { select: { id: true, name: true } } } });
  if (!tenancy) return null;
  const [n] = await listNoticesForTenant(db, personId, {
    where: { lejerId, status: { in: ["DRAFT", "AWAITING_SIGNATURES", "SUBMITTED", "CONFIRMED"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, version: true, createdAt: true, startedByPersonId: true },
    take: 1,
  });
  if (!n) return null;
  const starter = [tenancy.legalTenant1, tenancy.legalTenant2].find((p) => p && p.id === n.startedByPersonId);
  return { id: n.id, status: n.status, version: n.version, createdAt: n.createdAt, startedBy: starter?.name ?? null };
}
