/**
 * Records one signature after a fresh authentication at the organisation's identity provider
 * (the OIDC part is lib/signing/oidc.ts; this is the rule part, testable with an injected clock):
 *   - a legal tenant's slot accepts only the identity whose CPR hashes to that Person's cprHash;
 *   - the cohabitant's slot refuses the CPR of either legal tenant;
 *   - the same identity (keyed hash of issuer + sub) never signs one notice twice;
 *   - the content the signer saw when starting must still be the content now.
 * The first signature moves the notice to AWAITING_SIGNATURES; the last one submits it in the same
 * transaction (lib/notice/submit.ts). The notice row is updated first, so concurrent signings of
 * one notice run one after the other (a row lock): two completions give one submission.
 */
import "server-only";
import type { OrgDb } from "@/lib/db/scoped";
import { writeAudit } from "@/lib/audit/write";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { NotFound } from "@/lib/http/errors";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { cprHash, normaliseCpr, subjectHash } from "@/lib/crypto";
import { updateNoticeForTenant } from "@/lib/tenancy/access";
import type { SignerRole } from "./content";
import { loadSigningState } from "./signing-content";
import { consumeSigningLink } from "./signing-link";
import { submitNotice, type SubmitResult } from "./submit";

/** Why a signature was refused (the signing page shows `signing.errors.<code>`). */
export const SIGNING_REFUSALS = [
  "incomplete",
  "not-signable",
  "no-slot",
  "already-signed",
  "content-changed",
  "wrong-person",
  "legal-tenant",
  "same-identity",
  "link-invalid",
] as const;
export type SigningRefusal = (typeof SIGNING_REFUSALS)[number];

export type SignIdentity = {
  issuer: string;
  sub: string;
  /** The name the provider gives. */
  name: string;
  /** The CPR number from the provider's claim (settings.oidc.cprClaim), when released. */
  cpr: string | null;
  /** loa / acr claim, when present. */
  assuranceLevel: string | null;
};

export type SignResult =
  | { kind: "refused"; reason: SigningRefusal }
  | { kind: "signed"; noticeId: string; remaining: number }
  | SubmitResult;

export async function recordSignature({
  db,
  settings,
  personId,
  noticeId,
  role,
  identity,
  expectedContentHash,
  signingLinkId,
  actor,
  meta,
  now = new Date(),
}: {
  db: OrgDb;
  settings: OrganisationSettings;
  /** The signed-in tenant who started the signing (the one-window flow); absent for a signing link. */
  personId?: string;
  noticeId: string;
  role: SignerRole;
  identity: SignIdentity;
  /** The content hash the signer was shown when starting; a different one now is refused. */
  expectedContentHash?: string | null;
  signingLinkId?: string | null;
  actor: Actor;
  meta?: RequestMeta;
  now?: Date;
}): Promise<SignResult> {
  return db.$transaction(async (tx) => {
    // Lock the notice row first (every signing of this notice waits here for the one before).
    const locked = personId
      ? await updateNoticeForTenant(tx, personId, noticeId, { updatedAt: now })
      : (await tx.opsigelse.updateMany({ where: { id: noticeId }, data: { updatedAt: now } })).count === 1;
    if (!locked) throw new NotFound("notice");
    const state = await loadSigningState(tx, { personId, noticeId, now, settings });
    const { notice, tenancy } = state;
    const refuse = async (reason: SigningRefusal): Promise<SignResult> => {
      await writeAudit(tx, { type: "NOTICE_SIGNING_REFUSED", actor, entityType: "Opsigelse", entityId: notice.id, after: { role, reason }, meta });
      return { kind: "refused", reason };
    };
    if (notice.status === "SUBMITTED" || notice.status === "CONFIRMED") return { kind: "submitted", noticeId: notice.id, already: true };
    if (notice.status !== "DRAFT" && notice.status !== "AWAITING_SIGNATURES") return refuse("not-signable");
    if (state.incomplete || !state.content || !state.contentHash) return refuse("incomplete");
    const slot = state.slots.find((s) => s.role === role);
    if (!slot) return refuse("no-slot");
    if (slot.signature) return refuse("already-signed");
    if (expectedContentHash && expectedContentHash !== state.contentHash) return refuse("content-changed");

    const subject = subjectHash(identity.issuer, identity.sub);
    if (state.signatures.some((s) => s.subjectHash === subject)) return refuse("same-identity");
    const cpr = identity.cpr ? normaliseCpr(identity.cpr) : null;
    const hashOfCpr = cpr ? cprHash(cpr) : null;
    if (role === "cohabitant") {
      const legal = [tenancy.legalTenant1.cprHash, tenancy.legalTenant2?.cprHash].filter((h): h is string => !!h);
      if (hashOfCpr && legal.includes(hashOfCpr)) return refuse("legal-tenant");
    } else {
      const person = role === "tenant1" ? tenancy.legalTenant1 : tenancy.legalTenant2;
      if (!person?.cprHash || !hashOfCpr || hashOfCpr !== person.cprHash) return refuse("wrong-person");
    }

    // A signing link (sign later) is used by this signature, in this transaction: only a live link
    // of this notice and slot; without a tenant session there is no other authority to sign.
    if (signingLinkId) {
      if (!(await consumeSigningLink(tx, { linkId: signingLinkId, noticeId: notice.id, role, now }))) return refuse("link-invalid");
    } else if (!personId) return refuse("link-invalid");

    const signingOrder = state.signatures.reduce((m, s) => Math.max(m, s.signingOrder), 0) + 1;
    await tx.signature.create({
      data: {
        organisationId: tx.organisationId,
        opsigelseId: notice.id,
        personId: slot.personId,
        signerRole: role,
        signingOrder,
        name: identity.name.slice(0, 200) || slot.name,
        subjectHash: subject,
        signedAt: now,
        contentHash: state.contentHash,
        method: "oidc",
        assuranceLevel: identity.assuranceLevel?.slice(0, 200) ?? null,
        ip: meta?.ip ?? null,
        userAgent: meta?.userAgent ?? null,
        signingLinkId: signingLinkId ?? null,
      },
    });
    if (notice.status === "DRAFT") await tx.opsigelse.updateMany({ where: { id: notice.id, status: "DRAFT" }, data: { status: "AWAITING_SIGNATURES" } });
    await writeAudit(tx, {
      type: "NOTICE_SIGNED",
      actor,
      entityType: "Opsigelse",
      entityId: notice.id,
      after: { role, signingOrder, contentHash: state.contentHash, assuranceLevel: identity.assuranceLevel ?? null },
      meta,
    });

    const after = await loadSigningState(tx, { personId, noticeId, now, settings });
    if (!after.complete) return { kind: "signed", noticeId: notice.id, remaining: after.slots.filter((s) => !s.signature).length };
    return submitNotice(tx, { state: after, now, settings, actor, meta });
  });
}
