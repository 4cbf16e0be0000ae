-- CreateEnum
CREATE TYPE "MoveOutPhase" AS ENUM ('NOTICE_RECEIVED', 'INSPECTION', 'SETTLEMENT', 'FINISHED');

-- AlterTable
ALTER TABLE "Opsigelse" ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "cancelledReason" TEXT,
ADD COLUMN     "contentHash" TEXT,
ADD COLUMN     "submittedContent" JSONB;

-- AlterTable
ALTER TABLE "Signature" ADD COLUMN     "assuranceLevel" TEXT,
ADD COLUMN     "contentHash" TEXT NOT NULL,
ADD COLUMN     "ip" TEXT,
ADD COLUMN     "method" TEXT NOT NULL DEFAULT 'oidc',
ADD COLUMN     "signingLinkId" UUID,
ADD COLUMN     "userAgent" TEXT;

-- CreateTable
CREATE TABLE "SigningLink" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "opsigelseId" UUID NOT NULL,
    "signerRole" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT,
    "mobile" TEXT,
    "createdByPersonId" UUID,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SigningLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MoveOutCase" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "opsigelseId" UUID NOT NULL,
    "phase" "MoveOutPhase" NOT NULL DEFAULT 'NOTICE_RECEIVED',
    "pausedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MoveOutCase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SigningLink_tokenHash_key" ON "SigningLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SigningLink_organisationId_opsigelseId_idx" ON "SigningLink"("organisationId", "opsigelseId");

-- CreateIndex
CREATE UNIQUE INDEX "SigningLink_organisationId_id_key" ON "SigningLink"("organisationId", "id");

-- CreateIndex
CREATE INDEX "MoveOutCase_organisationId_phase_idx" ON "MoveOutCase"("organisationId", "phase");

-- CreateIndex
CREATE UNIQUE INDEX "MoveOutCase_organisationId_id_key" ON "MoveOutCase"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "MoveOutCase_organisationId_opsigelseId_key" ON "MoveOutCase"("organisationId", "opsigelseId");

-- CreateIndex
CREATE UNIQUE INDEX "Signature_organisationId_opsigelseId_signerRole_key" ON "Signature"("organisationId", "opsigelseId", "signerRole");

-- AddForeignKey
ALTER TABLE "SigningLink" ADD CONSTRAINT "SigningLink_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SigningLink" ADD CONSTRAINT "SigningLink_organisationId_opsigelseId_fkey" FOREIGN KEY ("organisationId", "opsigelseId") REFERENCES "Opsigelse"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MoveOutCase" ADD CONSTRAINT "MoveOutCase_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MoveOutCase" ADD CONSTRAINT "MoveOutCase_organisationId_opsigelseId_fkey" FOREIGN KEY ("organisationId", "opsigelseId") REFERENCES "Opsigelse"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The organisation of an existing row never changes (see 20261201090625_…): the new organisation tables too.
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "SigningLink"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "MoveOutCase"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
