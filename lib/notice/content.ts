/**
 * What a signer signs: the notice's answers and its computed dates, as one plain value, and its
 * SHA-256 over the canonical JSON (RFC 8785, the `canonicalize` package): the same content gives the
 * same hash on every machine and in every key order. Each Signature stores the hash of what that
 * signer saw; the submission stores the content itself (Opsigelse.submittedContent) and its hash
 * (Opsigelse.contentHash), and the letter is built from it.
 *
 * The notice date itself and the liability period's first day (the day notice is given) are not
 * part of it: they move with the day of the last signature, which decides them (noticeDateOf). What
 * the signers commit to — the termination date, the liability period's end, the vacating deadline,
 * the move-out and inspection dates and every answer — is.
 *
 * Pure: no I/O.
 */
import "server-only";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { NoticeAnswers } from "./steps";
import type { NoticeDates } from "./dates";

export const SIGNER_ROLES = ["tenant1", "tenant2", "cohabitant"] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

export type SignedPerson = {
  role: SignerRole;
  /** The Person row of a legal tenant; null for a cohabitant (no Person row until staff create one). */
  personId: string | null;
  name: string;
  email: string | null;
  mobile: string | null;
  phone: string | null;
};

export type SignedContent = {
  /** Format version of this object. */
  v: 1;
  noticeId: string;
  lejerId: string;
  lease: { addressLines: string[]; leaseNumber: string };
  /** The signers in signing order: the signed-in legal tenant first, then the other legal tenant, then a cohabitant. */
  people: SignedPerson[];
  /** The notice rule as it was (Kode code text + structured rule). */
  noticeRule: { codeText: string; rule: unknown };
  renovationDays: number;
  /** The answers of every step, as saved (normalised by lib/notice/steps.ts). */
  answers: NoticeAnswers;
  /** The dates the signers commit to. */
  dates: Pick<NoticeDates, "moveOutDate" | "terminationDate" | "vacatingDay" | "liabilityTo"> & { inspectionDate: string };
};

/** The canonical JSON of a value (RFC 8785): sorted keys, no whitespace, ECMAScript number form. */
export function canonicalJson(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new Error("canonicalJson: the value has no JSON form");
  return s;
}

/** SHA-256 (lowercase hex) of the canonical JSON of the signed content. */
export function contentHash(content: SignedContent): string {
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}
