-- AlterEnum
ALTER TYPE "TodoKind" ADD VALUE 'REMINDER';

-- DropIndex
DROP INDEX "Opsigelse_organisationId_status_submittedAt_idx";

-- DropIndex
DROP INDEX "Todo_organisationId_status_kind_idx";

-- AlterTable
ALTER TABLE "Opsigelse" ADD COLUMN     "cancelledById" UUID,
ADD COLUMN     "caseReference" TEXT,
ADD COLUMN     "ejendomId" UUID,
ADD COLUMN     "processedAt" TIMESTAMP(3),
ADD COLUMN     "processedById" UUID,
ADD COLUMN     "reasonValue" TEXT,
ADD COLUMN     "searchText" TEXT,
ADD COLUMN     "selskabId" UUID;

-- AlterTable
ALTER TABLE "Todo" ADD COLUMN     "assignedToId" UUID,
ADD COLUMN     "category" TEXT,
ADD COLUMN     "dueDate" DATE,
ADD COLUMN     "source" TEXT,
ADD COLUMN     "title" TEXT;

-- AlterTable
ALTER TABLE "MoveOutCase" ADD COLUMN     "agreedInspectionDate" DATE,
ADD COLUMN     "caseworkerId" UUID,
ADD COLUMN     "inspectionDeadline" DATE,
ADD COLUMN     "settlementPaymentDate" DATE,
ADD COLUMN     "settlementSentDate" DATE,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "viewingDate" DATE;

-- CreateIndex
CREATE INDEX "Opsigelse_organisationId_status_submittedAt_id_idx" ON "Opsigelse"("organisationId", "status", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Opsigelse_organisationId_submittedAt_id_idx" ON "Opsigelse"("organisationId", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Opsigelse_organisationId_ejendomId_submittedAt_id_idx" ON "Opsigelse"("organisationId", "ejendomId", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Opsigelse_organisationId_selskabId_submittedAt_id_idx" ON "Opsigelse"("organisationId", "selskabId", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Opsigelse_organisationId_moveOutDate_id_idx" ON "Opsigelse"("organisationId", "moveOutDate", "id");

-- CreateIndex
CREATE INDEX "Todo_organisationId_status_kind_createdAt_id_idx" ON "Todo"("organisationId", "status", "kind", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Todo_organisationId_kind_status_dueDate_idx" ON "Todo"("organisationId", "kind", "status", "dueDate");

-- CreateIndex
CREATE INDEX "Todo_organisationId_opsigelseId_idx" ON "Todo"("organisationId", "opsigelseId");

-- CreateIndex
CREATE INDEX "Todo_organisationId_lejerId_idx" ON "Todo"("organisationId", "lejerId");

-- CreateIndex
CREATE INDEX "MoveOutCase_organisationId_caseworkerId_idx" ON "MoveOutCase"("organisationId", "caseworkerId");

-- AddForeignKey
ALTER TABLE "Opsigelse" ADD CONSTRAINT "Opsigelse_organisationId_selskabId_fkey" FOREIGN KEY ("organisationId", "selskabId") REFERENCES "Selskab"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opsigelse" ADD CONSTRAINT "Opsigelse_organisationId_ejendomId_fkey" FOREIGN KEY ("organisationId", "ejendomId") REFERENCES "Ejendom"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Todo" ADD CONSTRAINT "Todo_organisationId_assignedToId_fkey" FOREIGN KEY ("organisationId", "assignedToId") REFERENCES "User"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MoveOutCase" ADD CONSTRAINT "MoveOutCase_organisationId_caseworkerId_fkey" FOREIGN KEY ("organisationId", "caseworkerId") REFERENCES "User"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: at most one open provide-tenancy-details to-do per tenancy (opened and closed as the
-- data changes, lib/todos/tenancy-details-sync.ts), and one confirm-notice to-do per notice.
CREATE UNIQUE INDEX "Todo_one_open_tenancy_details" ON "Todo"("organisationId", "lejerId") WHERE "kind" = 'PROVIDE_TENANCY_DETAILS' AND "status" = 'OPEN';
CREATE UNIQUE INDEX "Todo_one_confirm_per_notice" ON "Todo"("organisationId", "opsigelseId") WHERE "kind" = 'CONFIRM_NOTICE';

-- Hand-written: the missing-data report (lib/casework/missing-data.ts) reads only tenancies that lack
-- a notice rule or a renovation period and are not terminated: a small partial index, led by organisationId.
CREATE INDEX "Lejer_missing_data" ON "Lejer"("organisationId", "lejemaalId") WHERE ("noticeRuleId" IS NULL OR "renovationDays" IS NULL) AND "terminatedOn" IS NULL;

-- Backfill the inbox columns of notices that exist already (lib/casework/notice-index.ts computes them for new ones).
UPDATE "Opsigelse" o SET
  "selskabId" = e."selskabId",
  "ejendomId" = lm."ejendomId",
  "searchText" = lower(concat_ws(' ', lm."address1", lm."postalCode", lm."city", p1."name", p2."name",
                 s."nr" || '-' || e."nr" || '-' || lm."nr", s."nr" || '-' || e."nr" || '-' || lm."nr" || '-' || l."nr"))
FROM "Lejer" l
JOIN "Lejemaal" lm ON lm."organisationId" = l."organisationId" AND lm."id" = l."lejemaalId"
JOIN "Ejendom" e ON e."organisationId" = lm."organisationId" AND e."id" = lm."ejendomId"
JOIN "Selskab" s ON s."organisationId" = e."organisationId" AND s."id" = e."selskabId"
JOIN "Person" p1 ON p1."organisationId" = l."organisationId" AND p1."id" = l."legalTenant1Id"
LEFT JOIN "Person" p2 ON p2."organisationId" = l."organisationId" AND p2."id" = l."legalTenant2Id"
WHERE o."organisationId" = l."organisationId" AND o."lejerId" = l."id";

UPDATE "Opsigelse" o SET "reasonValue" = k."value"
FROM "Kode" k
WHERE k."organisationId" = o."organisationId" AND k."type" = 'OPSIGELSESAARSAG' AND k."id"::text = o."answers"->'move-out'->>'reasonCodeId';
