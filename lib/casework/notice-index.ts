/**
 * The columns the notices inbox filters and searches on (Opsigelse.selskabId, ejendomId,
 * searchText, reasonValue), copied from the tenancy when a notice starts and again when it is
 * submitted. With them the inbox's filters are index range scans on Opsigelse alone
 * (indexes lead with organisationId), not joins through four tables for every page.
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import { leaseNumber } from "@/lib/text/lease";

export type NoticeIndexFields = { selskabId: string; ejendomId: string; searchText: string };

/** The search text: lower-case address, postal code, city, the legal tenants' names, the lease number and the tenancy number. */
export function noticeSearchText(parts: { address1: string; postalCode: string; city: string; names: readonly string[]; leaseNumber: string; tenancyNr: number }): string {
  return [parts.address1, parts.postalCode, parts.city, ...parts.names, parts.leaseNumber, `${parts.leaseNumber}-${parts.tenancyNr}`]
    .join(" ")
    .toLocaleLowerCase("da-DK")
    .replace(/\s+/g, " ")
    .trim();
}

/** The inbox columns of the tenancy's notices; null when the tenancy is not this organisation's. */
export async function noticeIndexFields(db: OrgDb | OrgTx, lejerId: string): Promise<NoticeIndexFields | null> {
  const t = await db.lejer.findFirst({
    where: { id: lejerId },
    select: {
      nr: true,
      legalTenant1: { select: { name: true } },
      legalTenant2: { select: { name: true } },
      lejemaal: { select: { nr: true, address1: true, postalCode: true, city: true, ejendomId: true, ejendom: { select: { nr: true, selskabId: true, selskab: { select: { nr: true } } } } } },
    },
  });
  if (!t) return null;
  const lm = t.lejemaal;
  return {
    selskabId: lm.ejendom.selskabId,
    ejendomId: lm.ejendomId,
    searchText: noticeSearchText({
      address1: lm.address1,
      postalCode: lm.postalCode,
      city: lm.city,
      names: [t.legalTenant1.name, ...(t.legalTenant2 ? [t.legalTenant2.name] : [])],
      leaseNumber: leaseNumber(lm),
      tenancyNr: t.nr,
    }),
  };
}
