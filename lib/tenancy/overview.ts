/**
 * What a signed-in tenant sees on the notice page: each of their tenancies (main leases; the
 * sub-leases tied to them listed underneath), the notice rule in a sentence, and whether notice
 * can be given online today — with every reason why not (docs/rules.md: "Tile criteria"). It reads only
 * through lib/tenancy/access.ts, which decides what the signed-in person may reach.
 */
import "server-only";
import type { Prisma } from "@/lib/db/scoped";
import { listTenanciesForTenant, tenancyForTenant, type TenantDb } from "@/lib/tenancy/access";
import type { TileReason } from "@/lib/rules";
import { isoDay as iso, tenancyTile } from "@/lib/tenancy/tile";
import { leaseNumber } from "@/lib/text/lease";

export type TenancyOverview = {
  lejerId: string;
  address: string;
  postalCity: string;
  lejemaalNr: string;
  /** The notice rule's code text, e.g. "3 måneder til den 1."; null when not set. */
  noticeRuleText: string | null;
  /** Its English text, when the organisation gave one (Kode.codeTextEn). */
  noticeRuleTextEn: string | null;
  canStart: boolean;
  reasons: TileReason[];
  /** The dates the tile names: when it was terminated, since when it is not administered, from when it may be terminated. */
  terminatedOn: string | null;
  stoppedOn: string | null;
  terminableFrom: string | null;
  /** A notice already in progress (draft or awaiting signatures) to resume. */
  activeNoticeId: string | null;
  /**
   * A notice already given (submitted, or confirmed by staff): the tile shows it and links to its
   * receipt, and no second notice can start until staff cancel it.
   */
  submittedNotice: { id: string; noticeDate: string; vacatingDay: string } | null;
  coTenant: string | null;
  subLeases: { address: string; kind: string | null }[];
};

/** What the overview reads of a tenancy (through lib/tenancy/access.ts, so only the tenant's own). */
const OVERVIEW_INCLUDE = {
  noticeRule: true,
  legalTenant1: { select: { id: true, name: true } },
  legalTenant2: { select: { id: true, name: true } },
  lejemaal: {
    include: {
      ejendom: { include: { selskab: true } },
      // The tenancy's own lease unit's sub-leases: in the tenant's scope by construction.
      biLejemaal: { where: { endedOn: null }, include: { boligtype: true } },
    },
  },
  opsigelser: {
    where: { status: { in: ["DRAFT", "AWAITING_SIGNATURES", "SUBMITTED", "CONFIRMED"] } },
    select: { id: true, status: true, noticeDate: true, vacatingDay: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  },
} as const satisfies Prisma.LejerInclude;

type OverviewRow = Prisma.LejerGetPayload<{ include: typeof OVERVIEW_INCLUDE }>;

/** The tenant's tenancies on main lease units, newest first. */
export async function tenantOverview(db: TenantDb, personId: string, today: string): Promise<TenancyOverview[]> {
  const tenancies = await listTenanciesForTenant(db, personId, {
    where: { lejemaal: { mainLejemaalId: null } },
    orderBy: { moveInDate: "desc" },
    include: OVERVIEW_INCLUDE,
  });
  return tenancies.map((t) => toOverview(t, personId, today));
}

/** One tenancy of the tenant (on a main lease unit) as the overview shows it, or null (→ 404). */
export async function tenancyOverview(db: TenantDb, personId: string, lejerId: unknown, today: string): Promise<TenancyOverview | null> {
  const t = await tenancyForTenant(db, personId, lejerId, { include: OVERVIEW_INCLUDE });
  return t && t.lejemaal.mainLejemaalId === null ? toOverview(t, personId, today) : null;
}

function toOverview(t: OverviewRow, personId: string, today: string): TenancyOverview {
  const lm = t.lejemaal;
  const active = t.opsigelser.find((o) => o.status === "DRAFT" || o.status === "AWAITING_SIGNATURES");
  // The same function as the staff pages (lib/tenancy/tile.ts): the tile the tenant sees is the one staff see.
  const tile = tenancyTile(t, today);
  const given = tile.given;
  const reasons = tile.reasons;
  const other = t.legalTenant1.id === personId ? t.legalTenant2 : t.legalTenant1;
  return {
    lejerId: t.id,
    address: lm.address1,
    postalCity: `${lm.postalCode} ${lm.city}`,
    lejemaalNr: leaseNumber(lm),
    noticeRuleText: t.noticeRule?.codeText ?? null,
    noticeRuleTextEn: t.noticeRule?.codeTextEn ?? null,
    canStart: reasons.length === 0,
    reasons,
    terminatedOn: tile.terminatedOn,
    stoppedOn: tile.stoppedOn,
    terminableFrom: tile.terminableFrom,
    activeNoticeId: active?.id ?? null,
    submittedNotice: given?.noticeDate && given.vacatingDay ? { id: given.id, noticeDate: iso(given.noticeDate)!, vacatingDay: iso(given.vacatingDay)! } : null,
    coTenant: other?.name ?? null,
    subLeases: lm.biLejemaal.map((b) => ({ address: b.address1, kind: b.boligtype?.codeText ?? null })),
  };
}
