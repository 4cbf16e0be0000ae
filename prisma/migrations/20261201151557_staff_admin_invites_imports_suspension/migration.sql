-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('uploaded', 'validating', 'validated', 'applying', 'applied', 'failed');

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "suspendedAt" TIMESTAMP(3),
ADD COLUMN     "suspendedReason" TEXT;

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "passwordHash" DROP NOT NULL,
ALTER COLUMN "totpSecretEnc" DROP NOT NULL;

-- CreateTable
CREATE TABLE "UserInvite" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'invite',
    "tokenHash" TEXT NOT NULL,
    "pendingTotpEnc" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BYTEA,
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "status" "ImportStatus" NOT NULL DEFAULT 'uploaded',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "error" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UserInvite_tokenHash_key" ON "UserInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "UserInvite_organisationId_userId_idx" ON "UserInvite"("organisationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "UserInvite_organisationId_id_key" ON "UserInvite"("organisationId", "id");

-- CreateIndex
CREATE INDEX "ImportRun_organisationId_createdAt_idx" ON "ImportRun"("organisationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ImportRun_organisationId_id_key" ON "ImportRun"("organisationId", "id");

-- AddForeignKey
ALTER TABLE "UserInvite" ADD CONSTRAINT "UserInvite_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserInvite" ADD CONSTRAINT "UserInvite_organisationId_userId_fkey" FOREIGN KEY ("organisationId", "userId") REFERENCES "User"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRun" ADD CONSTRAINT "ImportRun_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: the database refuses changing an existing row's organisationId (as for every org-owned table).
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "UserInvite"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "ImportRun"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
