/**
 * "Mine indstillinger": the signed-in tenant's own settings. Today one: the NemKonto consent (the
 * organisation may pay money owed at move-out to the tenant's NemKonto instead of an account the
 * tenant types in step 8). Reads and writes only through lib/tenancy/access.ts.
 */
import "server-only";
import type { Actor, RequestMeta } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write";
import type { OrgDb } from "@/lib/db/scoped";
import { NotFound } from "@/lib/http/errors";
import { maskedAccount } from "@/lib/text/account";
import { ownPersonForTenant, setNemKontoConsentForTenant } from "./access";

export type TenantSettings = {
  nemKontoConsent: boolean;
  /** The account on file, masked ("•••• ••••••4321"), or null when none is on file. */
  accountOnFile: string | null;
};

/** The tenant's settings as the page shows them; NotFound when the person is gone. */
export async function tenantSettings(db: OrgDb, personId: string): Promise<TenantSettings> {
  const p = await ownPersonForTenant(db, personId);
  if (!p) throw new NotFound("person");
  return { nemKontoConsent: p.nemKontoConsent, accountOnFile: maskedAccount(p.regNo, p.accountNo) };
}

/**
 * Gives or withdraws the NemKonto consent of the signed-in person, with an audit row in the same
 * transaction (TENANT_NEMKONTO_CONSENT_CHANGED; also when it was already so: the tenant said it
 * again). Returns whether it changed.
 */
export async function setNemKontoConsent(db: OrgDb, input: { personId: string; consent: boolean; actor: Actor; meta?: RequestMeta }): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const r = await setNemKontoConsentForTenant(tx, input.personId, input.consent);
    if (!r) throw new NotFound("person");
    await writeAudit(tx, {
      type: "TENANT_NEMKONTO_CONSENT_CHANGED",
      actor: input.actor,
      entityType: "Person",
      entityId: input.personId,
      before: { consent: r.before },
      after: { consent: r.after },
      ...(input.meta ? { meta: input.meta } : {}),
    });
    return { changed: r.before !== r.after };
  });
}
