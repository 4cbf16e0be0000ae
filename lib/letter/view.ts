/**
 * What the confirmation letter ("Bekræftelse på opsigelse") and the calendar file show: one plain,
 * fully resolved value, so rendering is a pure function of it. The submission job builds it from the
 * submitted notice (answers, computed dates, signatures) and the organisation; nothing here reads the
 * database or the clock. Dates are ISO calendar dates (`YYYY-MM-DD`, Danish days, as the rules return
 * them); instants are ISO 8601 with `Z` or an offset. Texts the organisation wrote itself (the reason)
 * come as `{ da, en? }` (e.g. `Kode.tagText` / `tagTextEn`): the renderer picks the letter's language
 * with `lib/text/localized.ts`, and Danish text in an English letter is tagged as Danish.
 */
import "server-only";
import { z } from "zod";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a calendar date");

const instant = z.iso.datetime({ offset: true });
const line = z.string().trim().min(1).max(200);
const optionalLine = z.string().trim().max(200).optional();

/** A text the organisation wrote: Danish, optionally English. */
export const organisationTextSchema = z.object({ da: z.string().trim().min(1).max(500), en: z.string().trim().max(500).nullish() });

export const letterRoleSchema = z.enum(["tenant1", "tenant2", "cohabitant"]);
export type LetterRole = z.infer<typeof letterRoleSchema>;

export const letterPersonSchema = z.object({
  name: line,
  role: letterRoleSchema,
  email: optionalLine,
  mobile: optionalLine,
  phone: optionalLine,
});

export const newAddressSchema = z.object({
  /** Whose new address this is: the roles it applies to (both legal tenants for "same address"). */
  roles: z.array(letterRoleSchema).min(1),
  /** The address as lines, e.g. ["Strandvejen 12, 2. th", "2900 Hellerup"]; a foreign one ends with its country. */
  lines: z.array(line).min(1).max(6),
});

export const refundSchema = z.discriminatedUnion("kind", [
  /** NemKonto on file with the tenant's consent; `masked` e.g. "•••• ••••••4321". */
  z.object({ kind: z.literal("nemkonto"), masked: line }),
  /** A Danish reg. no. and account no. the tenant entered, masked. */
  z.object({ kind: z.literal("danish"), masked: line }),
  /** A foreign IBAN, masked. */
  z.object({ kind: z.literal("iban"), masked: line }),
]);

export const subLeaseSchema = z.object({ leaseNumber: line, description: line });

export const letterSignatureSchema = z.object({
  name: line,
  role: letterRoleSchema,
  /** When the signing authentication completed (an instant; shown in Danish time). */
  signedAt: instant,
  /** The broker's name, shown as "MitID via <broker>". */
  broker: line,
  /** The assurance level claim as the provider sent it (e.g. "substantial" or an NSIS URI), if any. */
  assuranceLevel: z.string().trim().max(200).nullable().optional(),
  /** SHA-256 (hex) of the exact content signed: answers plus computed dates, canonical JSON. */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits"),
});

export const noticeLetterViewSchema = z.object({
  /** The notice's id: the calendar's UIDs are derived from it, so they stay stable per notice. */
  noticeId: z.string().trim().min(1).max(100),
  /** Shown on every page and on the signature page; lets the administration find and confirm the letter. */
  verificationCode: z.string().regex(/^[A-Z0-9][A-Z0-9-]{3,31}$/, "expected 4–32 capital letters, digits or dashes"),
  /** When the notice was submitted (the last signature): the letter's date and the calendar's DTSTAMP. */
  submittedAt: instant,
  organisation: z.object({
    name: line,
    /** Postal address as lines, e.g. ["Havnegade 10", "5000 Odense C"]. */
    addressLines: z.array(line).max(5).default([]),
    phone: optionalLine,
    email: optionalLine,
    website: optionalLine,
  }),
  lease: z.object({
    /** The lease unit's address as lines; the first line is used in calendar titles. */
    addressLines: z.array(line).min(1).max(5),
    leaseNumber: line,
  }),
  /** Everyone in the notice: the legal tenants (the signed-in one first) and a cohabitant, with the contact details given. */
  people: z.array(letterPersonSchema).min(1).max(3),
  answers: z.object({
    /** The reason code's tag text (or code text). */
    reason: organisationTextSchema,
    moveOutDate: isoDate,
    /** The notice rule's code text, e.g. "3 måneder til den 1.", if it should be explained. */
    noticeRule: organisationTextSchema.optional(),
    /** null: the tenancy has no sub-leases (the step was skipped); [] : the tenant chose not to terminate them. */
    subLeasesTerminated: z.array(subLeaseSchema).nullable(),
    viewingPhone: optionalLine,
    newAddresses: z.array(newAddressSchema).max(3),
    refund: refundSchema,
    /** true when the sole tenant confirmed being the only occupant; null when the question was not asked. */
    onlyOccupantConfirmed: z.boolean().nullable(),
  }),
  dates: z.object({
    noticeDate: isoDate,
    terminationDate: isoDate,
    liabilityFrom: isoDate,
    liabilityTo: isoDate,
    /** The legal vacating deadline: the tenant must have moved out by 12:00 (Danish time) this day. */
    vacatingDay: isoDate,
    inspectionDate: isoDate,
    reLettingDate: isoDate,
  }),
  signatures: z.array(letterSignatureSchema).min(1).max(3),
}).superRefine((v, ctx) => {
  // The roles tie people, new addresses and signatures together: each must name someone in the notice.
  const roles = v.people.map((p) => p.role);
  if (new Set(roles).size !== roles.length) ctx.addIssue({ code: "custom", path: ["people"], message: "each role at most once" });
  v.signatures.forEach((s, i) => {
    if (!roles.includes(s.role)) ctx.addIssue({ code: "custom", path: ["signatures", i, "role"], message: "signer's role is not among the people" });
  });
  v.answers.newAddresses.forEach((a, i) => {
    if (a.roles.some((r) => !roles.includes(r))) ctx.addIssue({ code: "custom", path: ["answers", "newAddresses", i, "roles"], message: "role is not among the people" });
  });
});

export type NoticeLetterView = z.infer<typeof noticeLetterViewSchema>;
export type NoticeLetterViewInput = z.input<typeof noticeLetterViewSchema>;
