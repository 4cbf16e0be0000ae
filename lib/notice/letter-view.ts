/**
 * The confirmation letter's view (lib/letter/view.ts) of a submitted notice: built from what the
 * submission stored — the signed content (Opsigelse.submittedContent), the computed dates (the
 * notice's date columns), the signatures — plus the organisation and the tenancy's sub-leases and
 * reason code. Used by the render job (lib/jobs/notice-letter.ts) and the tenant's calendar file.
 *
 * `LETTER_NOTICE_INCLUDE` is what to read of the notice (through lib/tenancy/access.ts for a
 * tenant: the rows it includes belong to the notice); `noticeLetterView` turns that into the view.
 */
import "server-only";
import type { OrgDb, OrgTx, Prisma } from "@/lib/db/scoped";
import { verificationCode } from "@/lib/crypto";
import type { NoticeLetterViewInput, LetterRole } from "@/lib/letter/view";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import type { SignedContent, SignedPerson } from "./content";
import { leaseNumber } from "@/lib/text/lease";

export const LETTER_NOTICE_INCLUDE = {
  signatures: { orderBy: { signingOrder: "asc" } },
  lejer: {
    include: {
      legalTenant1: true,
      legalTenant2: true,
      lejemaal: { include: { ejendom: { include: { selskab: true } }, biLejemaal: { where: { endedOn: null }, orderBy: { nr: "asc" }, include: { boligtype: true } } } },
    },
  },
} as const satisfies Prisma.OpsigelseInclude;

export type LetterNotice = Prisma.OpsigelseGetPayload<{ include: typeof LETTER_NOTICE_INCLUDE }>;

export class NoticeNotSubmitted extends Error {
  constructor(noticeId: string) {
    super(`notice ${noticeId} has not been submitted (no submitted content)`);
    this.name = "NoticeNotSubmitted";
  }
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString().slice(0, 10) : null);
const mustIso = (d: Date | null | undefined, fallback: string | undefined, what: string): string => {
  const v = iso(d) ?? fallback;
  if (!v) throw new Error(`notice letter: ${what} is missing`);
  return v;
};

/** The last four digits of an account, the rest hidden: "•••• ••••••7890". */
export function maskAccount(regNo: string | null | undefined, accountNo: string): string {
  const digits = accountNo.replace(/\D/g, "");
  const reg = regNo ? regNo.replace(/\D/g, "") : "";
  return `${reg || "••••"} ••••••${digits.slice(-4)}`;
}

/** An IBAN with all but the country, check digits and last four hidden: "DE89 •••• •••• 3000". */
export function maskIban(iban: string): string {
  const c = iban.replace(/\s/g, "").toUpperCase();
  return `${c.slice(0, 4)} •••• •••• ${c.slice(-4)}`;
}

/**
 * The broker a signer authenticated through, for "MitID via …": the known brokers by the issuer's
 * host name, the local identity provider by name, anything else as its host name.
 */
export function brokerName(settings: Pick<OrganisationSettings, "oidc">): string {
  const issuer = settings.oidc?.issuer;
  if (!issuer) return "Fraflyt test-IdP";
  let host: string;
  try {
    host = new URL(issuer).hostname.toLowerCase();
  } catch {
    return "OpenID Connect";
  }
  if (host.includes("signaturgruppen") || host.includes("nemlog-in") || host.includes("nets")) return "Signaturgruppen";
  if (host.includes("idura") || host.includes("criipto")) return "Idura";
  if (host.includes("signicat")) return "Signicat";
  if (host === "localhost" || host === "127.0.0.1" || host === "::1") return "Fraflyt test-IdP";
  return host;
}

/** A Danish address text "Vej 1, 2. th, 8000 Aarhus C" as lines: the postal code and town on their own line. */
export function addressLines(text: string): string[] {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  const last = parts[parts.length - 1];
  if (parts.length > 1 && last && /^\d{4}\s/.test(last)) return [parts.slice(0, -1).join(", "), last];
  return parts.length ? [parts.join(", ")] : [text.trim() || "—"];
}

function countryName(code: string, locale: "da" | "en"): string {
  try {
    return new Intl.DisplayNames([locale === "en" ? "en-GB" : "da-DK"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

type NewAddress = NonNullable<SignedContent["answers"]["new-address"]>;
type AddressAnswer = Extract<NewAddress, { mode: "same" }>["address"];

export function newAddressLines(a: AddressAnswer, locale: "da" | "en"): string[] {
  if (a.kind === "danish") return addressLines(a.text);
  const lines = a.text.split(/\r?\n|,/).map((l) => l.trim()).filter(Boolean).slice(0, 5);
  return [...(lines.length ? lines : [a.text.trim()]), countryName(a.country, locale)];
}

function roleOfPerson(people: SignedPerson[], personId: string): LetterRole | null {
  return people.find((p) => p.personId && p.personId.toLowerCase() === personId.toLowerCase())?.role ?? null;
}

/** The notice rule's English text from the submission's rule snapshot, when the organisation gave one. */
function ruleTextEn(snapshot: unknown): string | null {
  const en = snapshot && typeof snapshot === "object" ? (snapshot as { codeTextEn?: unknown }).codeTextEn : null;
  return typeof en === "string" && en.trim() ? en.trim() : null;
}

/** The signed content as stored (the submission wrote it); throws when the notice has none. */
export function signedContentOf(notice: { id: string; submittedContent: unknown }): SignedContent {
  const c = notice.submittedContent as SignedContent | null;
  if (!c || typeof c !== "object" || !Array.isArray(c.people) || !c.lease || !c.dates) throw new NoticeNotSubmitted(notice.id);
  return c;
}

/**
 * The letter's view of a submitted notice. `db` reads the reason code (a code table of the
 * organisation); everything else comes from `notice` as read with LETTER_NOTICE_INCLUDE.
 */
export async function noticeLetterView(
  db: OrgDb | OrgTx,
  notice: LetterNotice,
  org: { name: string; settings: OrganisationSettings },
  opts: { locale?: "da" | "en" } = {},
): Promise<NoticeLetterViewInput> {
  const locale = opts.locale ?? "da";
  const content = signedContentOf(notice);
  const a = content.answers;
  const people = content.people;
  const reasonId = a["move-out"]?.reasonCodeId;
  const reason = reasonId ? await db.kode.findFirst({ where: { id: reasonId }, select: { codeText: true, codeTextEn: true, tagText: true, tagTextEn: true } }) : null;

  const sub = a["sub-leases"];
  const subLeases = notice.lejer.lejemaal.biLejemaal;
  const subLeasesTerminated =
    sub === undefined && subLeases.length === 0
      ? null
      : sub?.terminateAll
        ? subLeases.map((b) => ({ leaseNumber: leaseNumber({ nr: b.nr, ejendom: notice.lejer.lejemaal.ejendom }), description: b.boligtype?.codeText ? `${b.boligtype.codeText}, ${b.address1}` : b.address1 }))
        : [];

  const na = a["new-address"];
  const newAddresses =
    na === undefined
      ? []
      : na.mode === "same"
        ? [{ roles: people.map((p) => p.role), lines: newAddressLines(na.address, locale) }]
        : na.addresses.flatMap((x) => {
            const role = roleOfPerson(people, x.personId);
            return role ? [{ roles: [role], lines: newAddressLines(x.address, locale) }] : [];
          });

  const acc = a.account?.account;
  const first = [notice.lejer.legalTenant1, notice.lejer.legalTenant2].find((p) => p && p.id === people[0]?.personId) ?? notice.lejer.legalTenant1;
  const refund =
    acc?.kind === "danish"
      ? { kind: "danish" as const, masked: maskAccount(acc.regNo, acc.accountNo) }
      : acc?.kind === "iban"
        ? { kind: "iban" as const, masked: maskIban(acc.iban) }
        : { kind: "nemkonto" as const, masked: first?.accountNo ? maskAccount(null, first.accountNo) : "NemKonto" };

  const onlyOne = people.length === 1;
  const contentHash = notice.contentHash ?? notice.signatures[0]?.contentHash ?? "";
  const broker = brokerName(org.settings);
  const contact = org.settings.contact;
  return {
    noticeId: notice.id,
    verificationCode: verificationCode(notice.id, contentHash),
    submittedAt: (notice.submittedAt ?? notice.updatedAt).toISOString(),
    organisation: {
      name: org.name,
      addressLines: [],
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.email ? { email: contact.email } : {}),
    },
    lease: { addressLines: content.lease.addressLines, leaseNumber: content.lease.leaseNumber },
    people: people.map((p) => ({
      name: p.name,
      role: p.role,
      ...(p.email ? { email: p.email } : {}),
      ...(p.mobile ? { mobile: p.mobile } : {}),
      ...(p.phone ? { phone: p.phone } : {}),
    })),
    answers: {
      reason: reason ? { da: reason.tagText?.trim() || reason.codeText, en: reason.tagTextEn?.trim() || reason.codeTextEn || null } : { da: "—" },
      moveOutDate: mustIso(notice.moveOutDate, content.dates.moveOutDate, "the move-out date"),
      ...(content.noticeRule?.codeText ? { noticeRule: { da: content.noticeRule.codeText, en: ruleTextEn(notice.ruleSnapshot) } } : {}),
      subLeasesTerminated,
      ...(a.viewing?.phone ? { viewingPhone: a.viewing.phone } : {}),
      newAddresses,
      refund,
      onlyOccupantConfirmed: onlyOne ? a["check-answers"]?.onlyOccupant === true : null,
    },
    dates: {
      noticeDate: mustIso(notice.noticeDate, undefined, "the notice date"),
      terminationDate: mustIso(notice.terminationDate, content.dates.terminationDate, "the termination date"),
      liabilityFrom: mustIso(notice.liabilityFrom, iso(notice.noticeDate) ?? undefined, "the liability period's start"),
      liabilityTo: mustIso(notice.liabilityTo, content.dates.liabilityTo, "the liability period's end"),
      vacatingDay: mustIso(notice.vacatingDay, content.dates.vacatingDay, "the vacating day"),
      inspectionDate: mustIso(notice.inspectionDate, content.dates.inspectionDate, "the inspection date"),
      reLettingDate: mustIso(notice.relettingDate, content.dates.terminationDate, "the re-letting date"),
    },
    signatures: notice.signatures.map((s) => ({
      name: s.name,
      role: s.signerRole as LetterRole,
      signedAt: s.signedAt.toISOString(),
      broker,
      assuranceLevel: s.assuranceLevel,
      contentSha256: s.contentHash,
    })),
  };
}
