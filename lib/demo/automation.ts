/**
 * Demo automation for nordhavn: the organisation has told the operator it uses automation and
 * accepted the current terms, the demo operator has approved, and one automation account
 * "Nordhavn Boligadministration Automation 1" has an enrolled TOTP second factor and an API key —
 * both published in the README (demo data only), so `examples/automation-client.ts` runs against a
 * fresh `npm start` (`npm run demo:totp` prints the account's code of the moment).
 */
import "server-only";
import type { OrgTx } from "@/lib/db/scoped";
import { encryptSecret, tokenHash } from "@/lib/crypto";
import { currentTerms } from "@/lib/automation/terms";

export const demoAutomation = {
  organisationSlug: "nordhavn",
  email: "automation1@nordhavn.example",
  /** Demo data only: a real key is random (lib/automation/keys.ts) and shown once. */
  apiKey: "ffk_DEMOnordhavnAutomation1ApiKeyNotForProd0000",
  totpSecret: "NORDHAVNAUTOMATIONDEMOAAAAAAAAAA",
} as const;

export async function seedAutomationDemo(tx: OrgTx, opts: { organisationName: string; managerId: string; managerName: string; now: Date }): Promise<void> {
  const organisationId = tx.organisationId;
  await tx.automationAccess.create({ data: { organisationId, requestedAt: opts.now, requestedById: opts.managerId, approvedAt: opts.now, note: "Demo: robot der udfylder manglende lejemålsdata og behandler opsigelser" } });
  await tx.automationTermsAcceptance.create({
    data: { organisationId, termsVersion: currentTerms().version, acceptedById: opts.managerId, acceptedByName: opts.managerName, acceptedAt: opts.now, locale: "da" },
  });
  await tx.user.create({
    data: {
      organisationId,
      email: demoAutomation.email,
      name: `${opts.organisationName} Automation 1`,
      roles: ["COMPLETE_TODOS"],
      automation: true,
      automationSlot: 1,
      automationNumber: 1,
      apiKeyHash: tokenHash(demoAutomation.apiKey),
      apiKeyCreatedAt: opts.now,
      totpSecretEnc: encryptSecret(demoAutomation.totpSecret),
      totpEnrolledAt: opts.now,
    },
  });
}
