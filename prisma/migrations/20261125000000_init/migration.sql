-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "KodeType" AS ENUM ('OPSIGELSESAARSAG', 'OPSIGELSESVARSEL', 'BOLIGTYPE', 'SUMTYPE');

-- CreateEnum
CREATE TYPE "OpsigelseStatus" AS ENUM ('DRAFT', 'AWAITING_SIGNATURES', 'SUBMITTED', 'CONFIRMED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TodoKind" AS ENUM ('PROVIDE_TENANCY_DETAILS', 'CONFIRM_NOTICE');

-- CreateEnum
CREATE TYPE "TodoStatus" AS ENUM ('OPEN', 'COMPLETED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Operator" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "totpSecretEnc" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Operator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Selskab" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "nr" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "stoppedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Selskab_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ejendom" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "selskabId" UUID NOT NULL,
    "nr" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "stoppedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ejendom_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lejemaal" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "ejendomId" UUID NOT NULL,
    "nr" INTEGER NOT NULL,
    "address1" TEXT NOT NULL,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "boligtypeId" UUID,
    "sumtypeId" UUID,
    "endedOn" DATE,
    "mainLejemaalId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lejemaal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lejer" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "lejemaalId" UUID NOT NULL,
    "nr" INTEGER NOT NULL,
    "moveInDate" DATE NOT NULL,
    "noticeRuleId" UUID,
    "renovationDays" INTEGER,
    "terminatedOn" DATE,
    "nonTerminableUntil" DATE,
    "terminableInPeriodFrom" DATE,
    "legalTenant1Id" UUID NOT NULL,
    "legalTenant2Id" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "Lejer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "regNo" TEXT,
    "accountNo" TEXT,
    "nemKontoConsent" BOOLEAN NOT NULL DEFAULT false,
    "cprHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Kode" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "type" "KodeType" NOT NULL,
    "value" TEXT NOT NULL,
    "codeText" TEXT NOT NULL,
    "tagText" TEXT,
    "rule" JSONB,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "Kode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Opsigelse" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "lejerId" UUID NOT NULL,
    "status" "OpsigelseStatus" NOT NULL DEFAULT 'DRAFT',
    "answers" JSONB NOT NULL DEFAULT '{}',
    "ruleSnapshot" JSONB,
    "noticeDate" DATE,
    "moveOutDate" DATE,
    "terminationDate" DATE,
    "vacatingDay" DATE,
    "liabilityFrom" DATE,
    "liabilityTo" DATE,
    "inspectionDate" DATE,
    "relettingDate" DATE,
    "idempotencyKey" TEXT,
    "startedByPersonId" UUID,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Opsigelse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Signature" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "opsigelseId" UUID NOT NULL,
    "personId" UUID,
    "signerRole" TEXT NOT NULL,
    "signingOrder" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "subjectHash" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Signature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "lejerId" UUID,
    "opsigelseId" UUID,
    "folder" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Todo" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "kind" "TodoKind" NOT NULL,
    "status" "TodoStatus" NOT NULL DEFAULT 'OPEN',
    "lejerId" UUID,
    "opsigelseId" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "completedById" UUID,
    "completedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Todo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "totpSecretEnc" TEXT NOT NULL,
    "roles" TEXT[],
    "automation" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "pausedAt" TIMESTAMP(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" UUID NOT NULL,
    "organisationId" UUID,
    "type" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "entityType" TEXT,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Operator_email_key" ON "Operator"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Selskab_organisationId_id_key" ON "Selskab"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Selskab_organisationId_nr_key" ON "Selskab"("organisationId", "nr");

-- CreateIndex
CREATE UNIQUE INDEX "Ejendom_organisationId_id_key" ON "Ejendom"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Ejendom_organisationId_selskabId_nr_key" ON "Ejendom"("organisationId", "selskabId", "nr");

-- CreateIndex
CREATE INDEX "Lejemaal_organisationId_mainLejemaalId_idx" ON "Lejemaal"("organisationId", "mainLejemaalId");

-- CreateIndex
CREATE UNIQUE INDEX "Lejemaal_organisationId_id_key" ON "Lejemaal"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Lejemaal_organisationId_ejendomId_nr_key" ON "Lejemaal"("organisationId", "ejendomId", "nr");

-- CreateIndex
CREATE INDEX "Lejer_organisationId_legalTenant1Id_idx" ON "Lejer"("organisationId", "legalTenant1Id");

-- CreateIndex
CREATE INDEX "Lejer_organisationId_legalTenant2Id_idx" ON "Lejer"("organisationId", "legalTenant2Id");

-- CreateIndex
CREATE UNIQUE INDEX "Lejer_organisationId_id_key" ON "Lejer"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Lejer_organisationId_lejemaalId_nr_key" ON "Lejer"("organisationId", "lejemaalId", "nr");

-- CreateIndex
CREATE UNIQUE INDEX "Person_organisationId_id_key" ON "Person"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Person_organisationId_cprHash_key" ON "Person"("organisationId", "cprHash");

-- CreateIndex
CREATE UNIQUE INDEX "Kode_organisationId_id_key" ON "Kode"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Kode_organisationId_type_value_key" ON "Kode"("organisationId", "type", "value");

-- CreateIndex
CREATE INDEX "Opsigelse_organisationId_status_submittedAt_idx" ON "Opsigelse"("organisationId", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "Opsigelse_organisationId_lejerId_idx" ON "Opsigelse"("organisationId", "lejerId");

-- CreateIndex
CREATE UNIQUE INDEX "Opsigelse_organisationId_id_key" ON "Opsigelse"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Opsigelse_organisationId_idempotencyKey_key" ON "Opsigelse"("organisationId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Signature_organisationId_id_key" ON "Signature"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Signature_organisationId_opsigelseId_subjectHash_key" ON "Signature"("organisationId", "opsigelseId", "subjectHash");

-- CreateIndex
CREATE UNIQUE INDEX "Signature_organisationId_opsigelseId_signingOrder_key" ON "Signature"("organisationId", "opsigelseId", "signingOrder");

-- CreateIndex
CREATE INDEX "Document_organisationId_lejerId_idx" ON "Document"("organisationId", "lejerId");

-- CreateIndex
CREATE UNIQUE INDEX "Document_organisationId_id_key" ON "Document"("organisationId", "id");

-- CreateIndex
CREATE INDEX "Todo_organisationId_status_kind_idx" ON "Todo"("organisationId", "status", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Todo_organisationId_id_key" ON "Todo"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "User_organisationId_id_key" ON "User"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "User_organisationId_email_key" ON "User"("organisationId", "email");

-- CreateIndex
CREATE INDEX "AuditLog_organisationId_createdAt_idx" ON "AuditLog"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_organisationId_entityType_entityId_idx" ON "AuditLog"("organisationId", "entityType", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_organisationId_id_key" ON "AuditLog"("organisationId", "id");

-- AddForeignKey
ALTER TABLE "Selskab" ADD CONSTRAINT "Selskab_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ejendom" ADD CONSTRAINT "Ejendom_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ejendom" ADD CONSTRAINT "Ejendom_organisationId_selskabId_fkey" FOREIGN KEY ("organisationId", "selskabId") REFERENCES "Selskab"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejemaal" ADD CONSTRAINT "Lejemaal_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejemaal" ADD CONSTRAINT "Lejemaal_organisationId_ejendomId_fkey" FOREIGN KEY ("organisationId", "ejendomId") REFERENCES "Ejendom"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejemaal" ADD CONSTRAINT "Lejemaal_organisationId_boligtypeId_fkey" FOREIGN KEY ("organisationId", "boligtypeId") REFERENCES "Kode"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejemaal" ADD CONSTRAINT "Lejemaal_organisationId_sumtypeId_fkey" FOREIGN KEY ("organisationId", "sumtypeId") REFERENCES "Kode"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejemaal" ADD CONSTRAINT "Lejemaal_organisationId_mainLejemaalId_fkey" FOREIGN KEY ("organisationId", "mainLejemaalId") REFERENCES "Lejemaal"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejer" ADD CONSTRAINT "Lejer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejer" ADD CONSTRAINT "Lejer_organisationId_lejemaalId_fkey" FOREIGN KEY ("organisationId", "lejemaalId") REFERENCES "Lejemaal"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejer" ADD CONSTRAINT "Lejer_organisationId_noticeRuleId_fkey" FOREIGN KEY ("organisationId", "noticeRuleId") REFERENCES "Kode"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejer" ADD CONSTRAINT "Lejer_organisationId_legalTenant1Id_fkey" FOREIGN KEY ("organisationId", "legalTenant1Id") REFERENCES "Person"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lejer" ADD CONSTRAINT "Lejer_organisationId_legalTenant2Id_fkey" FOREIGN KEY ("organisationId", "legalTenant2Id") REFERENCES "Person"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Kode" ADD CONSTRAINT "Kode_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opsigelse" ADD CONSTRAINT "Opsigelse_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opsigelse" ADD CONSTRAINT "Opsigelse_organisationId_lejerId_fkey" FOREIGN KEY ("organisationId", "lejerId") REFERENCES "Lejer"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signature" ADD CONSTRAINT "Signature_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signature" ADD CONSTRAINT "Signature_organisationId_opsigelseId_fkey" FOREIGN KEY ("organisationId", "opsigelseId") REFERENCES "Opsigelse"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signature" ADD CONSTRAINT "Signature_organisationId_personId_fkey" FOREIGN KEY ("organisationId", "personId") REFERENCES "Person"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_organisationId_lejerId_fkey" FOREIGN KEY ("organisationId", "lejerId") REFERENCES "Lejer"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_organisationId_opsigelseId_fkey" FOREIGN KEY ("organisationId", "opsigelseId") REFERENCES "Opsigelse"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Todo" ADD CONSTRAINT "Todo_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Todo" ADD CONSTRAINT "Todo_organisationId_lejerId_fkey" FOREIGN KEY ("organisationId", "lejerId") REFERENCES "Lejer"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Todo" ADD CONSTRAINT "Todo_organisationId_opsigelseId_fkey" FOREIGN KEY ("organisationId", "opsigelseId") REFERENCES "Opsigelse"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Todo" ADD CONSTRAINT "Todo_organisationId_completedById_fkey" FOREIGN KEY ("organisationId", "completedById") REFERENCES "User"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- One active notice per tenancy (spec: "one active notice per tenancy"); Prisma cannot express a
-- partial unique index, so it lives here. Two tabs starting a notice at once: one wins, one gets P2002.
CREATE UNIQUE INDEX "Opsigelse_one_active_per_lejer" ON "Opsigelse"("organisationId", "lejerId") WHERE "status" IN ('DRAFT', 'AWAITING_SIGNATURES');
