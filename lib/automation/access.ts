/**
 * Whether an organisation may use automation now (landlord-portal policy): it has told the operator
 * (AutomationAccess.requestedAt), the operator has approved (approvedAt, not revoked), and a person
 * of the organisation has accepted the current version of the automation terms. Accounts can be
 * created, and their tokens used, only while this holds.
 */
import "server-only";
import type { OrgDb, OrgTx } from "@/lib/db/scoped";
import { currentTerms } from "./terms";

export type AutomationAccessState = {
  requested: boolean;
  approved: boolean;
  refused: boolean;
  revoked: boolean;
  /** The latest terms version the organisation accepted, or null. */
  acceptedVersion: number | null;
  currentVersion: number;
  /** Approved, not revoked, and the current terms accepted. */
  enabled: boolean;
};

export async function automationAccessState(db: OrgDb | OrgTx, termsVersion: number = currentTerms().version): Promise<AutomationAccessState> {
  const [access, accepted] = await Promise.all([
    db.automationAccess.findFirst({}),
    db.automationTermsAcceptance.findFirst({ orderBy: { termsVersion: "desc" }, select: { termsVersion: true } }),
  ]);
  const approved = !!access?.approvedAt && !access.revokedAt;
  const acceptedVersion = accepted?.termsVersion ?? null;
  return {
    requested: !!access,
    approved,
    refused: !!access?.refusedAt && !access.approvedAt,
    revoked: !!access?.revokedAt,
    acceptedVersion,
    currentVersion: termsVersion,
    enabled: approved && acceptedVersion !== null && acceptedVersion >= termsVersion,
  };
}
