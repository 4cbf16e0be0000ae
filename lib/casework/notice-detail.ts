/**
 * Staff: one notice of the organisation for its detail page (issue 12 §2) — every answer in words
 * (the same view the confirmation letter is rendered from, lib/notice/letter-view.ts), the computed
 * dates, the signatures with their content hashes (and whether each names the notice's hash), the
 * documents, the jobs of the notice (the letter `notice-letter:<id>`, the receipts
 * `notice-receipt:<id>:<role>`, the signing-link mails, the cancellation mails
 * `notice-cancelled:<id>:<role>`), its to-dos and its move-out case. A draft, or another
 * organisation's id, is null (→ 404). Reads through the organisation-bound accessor only.
 */
import "server-only";
import type { OrgDb, OrgTx, Prisma } from "@/lib/db/scoped";
import type { OrganisationSettings } from "@/lib/organisation/settings";
import { LETTER_NOTICE_INCLUDE, noticeLetterView } from "@/lib/notice/letter-view";
import type { NoticeLetterViewInput } from "@/lib/letter/view";
import { leaseNumber } from "@/lib/text/lease";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export type NoticeDetail = {
  id: string;
  status: string;
  version: number;
  lejerId: string;
  leaseNumber: string;
  address: string;
  postalCity: string;
  names: string[];
  submittedAt: Date | null;
  createdAt: Date;
  contentHash: string | null;
  caseReference: string | null;
  processedAt: Date | null;
  cancelledAt: Date | null;
  cancelledReason: string | null;
  cancelledBy: string | null;
  /** The answers in words, as the letter shows them; null before submission. */
  answers: NoticeLetterViewInput["answers"] | null;
  people: NoticeLetterViewInput["people"];
  dates: {
    noticeDate: string | null;
    moveOutDate: string | null;
    terminationDate: string | null;
    vacatingDay: string | null;
    liabilityFrom: string | null;
    liabilityTo: string | null;
    inspectionDate: string | null;
    relettingDate: string | null;
  };
  signatures: { id: string; name: string; role: string; signedAt: Date; method: string; assuranceLevel: string | null; contentHash: string; matches: boolean }[];
  documents: { id: string; title: string; createdAt: Date; contentType: string }[];
  jobs: NoticeJob[];
  todos: { id: string; kind: string; status: string; title: string | null; dueDate: string | null; createdAt: Date }[];
  moveOutCase: { phase: string; pausedAt: Date | null; finishedAt: Date | null } | null;
};

export type NoticeJob = { id: string; name: string; key: string; status: string; attempts: number; maxAttempts: number; runAt: Date; updatedAt: Date; finishedAt: Date | null };

/** The where of every job that belongs to the notice (by its keys). */
export async function noticeJobsWhere(db: OrgDb | OrgTx, noticeId: string): Promise<Prisma.JobWhereInput> {
  const id = noticeId.toLowerCase();
  const links = await db.signingLink.findMany({ where: { opsigelseId: id }, select: { id: true } });
  return {
    OR: [
      { key: `notice-letter:${id}` },
      { key: { startsWith: `notice-receipt:${id}:` } },
      { key: { startsWith: `notice-cancelled:${id}:` } },
      ...links.flatMap((l) => [{ key: `signing-link:${l.id}` }, { key: { startsWith: `signing-link-reminder:${l.id}:` } }]),
    ],
  };
}

export async function noticeJobs(db: OrgDb | OrgTx, noticeId: string): Promise<NoticeJob[]> {
  return db.job.findMany({
    where: await noticeJobsWhere(db, noticeId),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 100,
    select: { id: true, name: true, key: true, status: true, attempts: true, maxAttempts: true, runAt: true, updatedAt: true, finishedAt: true },
  });
}

/** Whether the job is one of the notice's (the retry button may only retry those). */
export async function isNoticeJob(db: OrgDb | OrgTx, noticeId: string, jobId: string): Promise<boolean> {
  if (!UUID_RE.test(noticeId) || !UUID_RE.test(jobId)) return false;
  return (await db.job.count({ where: { AND: [{ id: jobId }, await noticeJobsWhere(db, noticeId)] } })) > 0;
}

/** One non-draft notice of this organisation, or null. */
export async function noticeDetail(db: OrgDb, noticeId: string, org: { name: string; settings: OrganisationSettings }): Promise<NoticeDetail | null> {
  if (!UUID_RE.test(noticeId)) return null;
  const n = await db.opsigelse.findFirst({
    where: { id: noticeId.toLowerCase(), status: { not: "DRAFT" } },
    include: {
      ...LETTER_NOTICE_INCLUDE,
      dokumenter: { select: { id: true, title: true, createdAt: true, contentType: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      todos: { select: { id: true, kind: true, status: true, title: true, dueDate: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      moveOutCase: { select: { phase: true, pausedAt: true, finishedAt: true } },
    },
  });
  if (!n) return null;
  let view: NoticeLetterViewInput | null = null;
  if (n.submittedContent) {
    try {
      view = await noticeLetterView(db, n, org);
    } catch {
      view = null;
    }
  }
  const cancelledBy = n.cancelledById ? ((await db.user.findFirst({ where: { id: n.cancelledById }, select: { name: true, email: true } })) ?? null) : null;
  const lm = n.lejer.lejemaal;
  return {
    id: n.id,
    status: n.status,
    version: n.version,
    lejerId: n.lejerId,
    leaseNumber: leaseNumber(lm),
    address: lm.address1,
    postalCity: `${lm.postalCode} ${lm.city}`,
    names: [n.lejer.legalTenant1.name, n.lejer.legalTenant2?.name].filter((x): x is string => !!x),
    submittedAt: n.submittedAt,
    createdAt: n.createdAt,
    contentHash: n.contentHash,
    caseReference: n.caseReference,
    processedAt: n.processedAt,
    cancelledAt: n.cancelledAt,
    cancelledReason: n.cancelledReason,
    cancelledBy: cancelledBy ? cancelledBy.name || cancelledBy.email : null,
    answers: view?.answers ?? null,
    people: view?.people ?? [],
    dates: {
      noticeDate: iso(n.noticeDate),
      moveOutDate: iso(n.moveOutDate),
      terminationDate: iso(n.terminationDate),
      vacatingDay: iso(n.vacatingDay),
      liabilityFrom: iso(n.liabilityFrom),
      liabilityTo: iso(n.liabilityTo),
      inspectionDate: iso(n.inspectionDate),
      relettingDate: iso(n.relettingDate),
    },
    signatures: n.signatures.map((s) => ({
      id: s.id,
      name: s.name,
      role: s.signerRole,
      signedAt: s.signedAt,
      method: s.method,
      assuranceLevel: s.assuranceLevel,
      contentHash: s.contentHash,
      matches: n.contentHash !== null && s.contentHash === n.contentHash,
    })),
    documents: n.dokumenter,
    jobs: await noticeJobs(db, n.id),
    todos: n.todos.map((t) => ({ ...t, dueDate: iso(t.dueDate) })),
    moveOutCase: n.moveOutCase,
  };
}

/** One document of one notice of this organisation (the staff PDF route), or null. */
export async function noticeDocumentFile(db: OrgDb, noticeId: string, documentId: string) {
  if (!UUID_RE.test(noticeId) || !UUID_RE.test(documentId)) return null;
  return db.document.findFirst({
    where: { id: documentId.toLowerCase(), opsigelseId: noticeId.toLowerCase(), opsigelse: { status: { not: "DRAFT" } } },
    select: { id: true, title: true, contentType: true, content: true, createdAt: true },
  });
}
