/**
 * What the tenant's "Mine dokumenter" page, the document download, the receipt page and the
 * calendar file read — only through lib/tenancy/access.ts, so only the signed-in tenant's own rows:
 * another tenant's or another organisation's id gives null (→ 404).
 */
import "server-only";
import { documentForTenant, listDocumentsForTenant, noticeForTenant, type TenantDb } from "@/lib/tenancy/access";
import { LETTER_NOTICE_INCLUDE, noticeLetterView } from "@/lib/notice/letter-view";
import type { NoticeLetterViewInput } from "@/lib/letter/view";
import type { OrganisationSettings } from "@/lib/organisation/settings";

export type DocumentListItem = { id: string; title: string; folder: string; createdAt: Date; contentType: string };
export type DocumentFolder = { folder: string; documents: DocumentListItem[] };

/** The tenant's documents that have content, newest first, grouped by folder (folders in order of their newest document). */
export async function tenantDocumentFolders(db: TenantDb, personId: string): Promise<DocumentFolder[]> {
  const rows = await listDocumentsForTenant(db, personId, {
    where: { content: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, title: true, folder: true, createdAt: true, contentType: true },
    take: 500,
  });
  const byFolder = new Map<string, DocumentListItem[]>();
  for (const r of rows) {
    const list = byFolder.get(r.folder) ?? [];
    list.push(r);
    byFolder.set(r.folder, list);
  }
  return [...byFolder.entries()].map(([folder, documents]) => ({ folder, documents }));
}

/** One of the tenant's documents with its bytes, or null. */
export async function tenantDocumentFile(db: TenantDb, personId: string, documentId: unknown) {
  const doc = await documentForTenant(db, personId, documentId, { select: { id: true, title: true, contentType: true, content: true, createdAt: true } });
  return doc && doc.content ? doc : null;
}

export type NoticeReceipt = {
  noticeId: string;
  status: "SUBMITTED" | "CONFIRMED";
  address: string;
  noticeDate: string;
  terminationDate: string;
  vacatingDay: string;
  liabilityFrom: string;
  liabilityTo: string;
  inspectionDate: string;
  /** The confirmation letter, once the job has stored it. */
  letterDocumentId: string | null;
};

const iso = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The receipt of one of the tenant's notices: `{ receipt }` for a submitted or confirmed one,
 * `{ status }` for one in another state (the page sends a draft back to the wizard), null when it
 * is not theirs (→ 404).
 */
export async function tenantNoticeReceipt(db: TenantDb, personId: string, noticeId: unknown): Promise<{ receipt: NoticeReceipt } | { status: string } | null> {
  const n = await noticeForTenant(db, personId, noticeId, {
    select: {
      id: true,
      status: true,
      lejerId: true,
      noticeDate: true,
      terminationDate: true,
      vacatingDay: true,
      liabilityFrom: true,
      liabilityTo: true,
      inspectionDate: true,
      lejer: { select: { lejemaal: { select: { address1: true, postalCode: true, city: true } } } },
    },
  });
  if (!n) return null;
  const dates = [n.noticeDate, n.terminationDate, n.vacatingDay, n.liabilityFrom, n.liabilityTo, n.inspectionDate].map(iso);
  if ((n.status !== "SUBMITTED" && n.status !== "CONFIRMED") || dates.some((d) => d === null)) return { status: n.status };
  const [letter] = await listDocumentsForTenant(db, personId, {
    where: { opsigelseId: n.id, kind: "notice-confirmation", content: { not: null } },
    select: { id: true },
    orderBy: { createdAt: "desc" },
    take: 1,
  });
  const [noticeDate, terminationDate, vacatingDay, liabilityFrom, liabilityTo, inspectionDate] = dates as string[];
  const lm = n.lejer.lejemaal;
  return {
    receipt: {
      noticeId: n.id,
      status: n.status,
      address: `${lm.address1}, ${lm.postalCode} ${lm.city}`,
      noticeDate: noticeDate!,
      terminationDate: terminationDate!,
      vacatingDay: vacatingDay!,
      liabilityFrom: liabilityFrom!,
      liabilityTo: liabilityTo!,
      inspectionDate: inspectionDate!,
      letterDocumentId: letter?.id ?? null,
    },
  };
}

/** The letter view of one of the tenant's submitted (or confirmed) notices — for the calendar file — or null. */
export async function tenantNoticeLetterView(
  db: TenantDb,
  personId: string,
  noticeId: unknown,
  org: { name: string; settings: OrganisationSettings },
): Promise<NoticeLetterViewInput | null> {
  const n = await noticeForTenant(db, personId, noticeId, { include: LETTER_NOTICE_INCLUDE });
  if (!n || (n.status !== "SUBMITTED" && n.status !== "CONFIRMED") || !n.submittedContent) return null;
  return noticeLetterView(db, n, org);
}
