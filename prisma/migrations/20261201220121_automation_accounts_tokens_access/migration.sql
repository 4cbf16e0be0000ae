-- AlterTable
ALTER TABLE "User" ADD COLUMN     "apiKeyCreatedAt" TIMESTAMP(3),
ADD COLUMN     "apiKeyHash" TEXT,
ADD COLUMN     "automationNumber" INTEGER,
ADD COLUMN     "automationSlot" INTEGER,
ADD COLUMN     "switchedOffAt" TIMESTAMP(3),
ADD COLUMN     "switchedOffBy" TEXT,
ADD COLUMN     "switchedOffReason" TEXT,
ADD COLUMN     "totpEnrolledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationAccess" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "requestedById" UUID NOT NULL,
    "approvedAt" TIMESTAMP(3),
    "approvedById" UUID,
    "refusedAt" TIMESTAMP(3),
    "refusedReason" TEXT,
    "revokedAt" TIMESTAMP(3),
    "note" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AutomationAccess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationTermsAcceptance" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "termsVersion" INTEGER NOT NULL,
    "acceptedById" UUID NOT NULL,
    "acceptedByName" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL,
    "locale" TEXT NOT NULL,

    CONSTRAINT "AutomationTermsAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationPolicy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "maxRequestsPerMinute" INTEGER NOT NULL DEFAULT 60,
    "errorWindow" INTEGER NOT NULL DEFAULT 20,
    "maxErrorsInWindow" INTEGER NOT NULL DEFAULT 10,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "AutomationPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationRequest" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "validateOnly" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AutomationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_organisationId_userId_expiresAt_idx" ON "ApiToken"("organisationId", "userId", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_organisationId_id_key" ON "ApiToken"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationAccess_organisationId_key" ON "AutomationAccess"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationAccess_organisationId_id_key" ON "AutomationAccess"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationTermsAcceptance_organisationId_termsVersion_key" ON "AutomationTermsAcceptance"("organisationId", "termsVersion");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationTermsAcceptance_organisationId_id_key" ON "AutomationTermsAcceptance"("organisationId", "id");

-- CreateIndex
CREATE INDEX "AutomationRequest_organisationId_userId_at_idx" ON "AutomationRequest"("organisationId", "userId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationRequest_organisationId_id_key" ON "AutomationRequest"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "User_apiKeyHash_key" ON "User"("apiKeyHash");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_organisationId_userId_fkey" FOREIGN KEY ("organisationId", "userId") REFERENCES "User"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationAccess" ADD CONSTRAINT "AutomationAccess_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationTermsAcceptance" ADD CONSTRAINT "AutomationTermsAcceptance_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationRequest" ADD CONSTRAINT "AutomationRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written (listed in HAND_WRITTEN_EXTRAS of tests/integration/schema-drift.test.ts):
-- The landlord-portal policy's "at most 2 active automation accounts per organisation", held by the
-- database even when two accounts are created at the same moment: an active automation account
-- takes slot 1 or 2, and a slot is unique per organisation among active accounts.
ALTER TABLE "User" ADD CONSTRAINT "User_automation_slot_range" CHECK ("automationSlot" IS NULL OR "automationSlot" IN (1, 2));
CREATE UNIQUE INDEX "User_one_active_automation_per_slot" ON "User" ("organisationId", "automationSlot") WHERE "automation" AND "active" AND "automationSlot" IS NOT NULL;
CREATE UNIQUE INDEX "User_automation_number" ON "User" ("organisationId", "automationNumber") WHERE "automation";

-- The operator's default thresholds (one row).
INSERT INTO "AutomationPolicy" ("id", "maxRequestsPerMinute", "errorWindow", "maxErrorsInWindow", "updatedAt") VALUES (1, 60, 20, 10, CURRENT_TIMESTAMP);

-- organisationId never changes (function from 20261201090625_…; tests/integration/organisation-trigger.test.ts requires it).
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "ApiToken"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "AutomationAccess"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "AutomationTermsAcceptance"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "AutomationRequest"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
