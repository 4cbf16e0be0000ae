-- CreateTable
CREATE TABLE "AutomationUpdate" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "publishedById" UUID NOT NULL,
    "publishedByName" TEXT NOT NULL,

    CONSTRAINT "AutomationUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationReport" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "todoId" UUID,
    "text" TEXT NOT NULL,
    "reportedById" UUID NOT NULL,
    "reportedByName" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "answeredBy" TEXT,

    CONSTRAINT "AutomationReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AutomationUpdate_publishedAt_idx" ON "AutomationUpdate"("publishedAt");

-- CreateIndex
CREATE INDEX "AutomationReport_organisationId_reportedAt_idx" ON "AutomationReport"("organisationId", "reportedAt");

-- CreateIndex
CREATE INDEX "AutomationReport_organisationId_accountId_idx" ON "AutomationReport"("organisationId", "accountId");

-- CreateIndex
CREATE INDEX "AutomationReport_organisationId_todoId_idx" ON "AutomationReport"("organisationId", "todoId");

-- CreateIndex
CREATE INDEX "AutomationReport_organisationId_reportedById_idx" ON "AutomationReport"("organisationId", "reportedById");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationReport_organisationId_id_key" ON "AutomationReport"("organisationId", "id");

-- AddForeignKey
ALTER TABLE "AutomationReport" ADD CONSTRAINT "AutomationReport_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationReport" ADD CONSTRAINT "AutomationReport_organisationId_accountId_fkey" FOREIGN KEY ("organisationId", "accountId") REFERENCES "User"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationReport" ADD CONSTRAINT "AutomationReport_organisationId_todoId_fkey" FOREIGN KEY ("organisationId", "todoId") REFERENCES "Todo"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationReport" ADD CONSTRAINT "AutomationReport_organisationId_reportedById_fkey" FOREIGN KEY ("organisationId", "reportedById") REFERENCES "User"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: organisationId never changes (function from 20261201090625_…; tests/integration/organisation-trigger.test.ts requires it).
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "AutomationReport"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
