-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "events" TEXT[],
    "secretEnc" TEXT NOT NULL,
    "previousSecretEnc" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "secretRotatedAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "resends" INTEGER NOT NULL DEFAULT 0,
    "lastStatus" INTEGER,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "url" TEXT NOT NULL,
    "requestHeaders" JSONB NOT NULL,
    "requestBody" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_organisationId_active_idx" ON "WebhookEndpoint"("organisationId", "active");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_organisationId_id_key" ON "WebhookEndpoint"("organisationId", "id");

-- CreateIndex
CREATE INDEX "WebhookDelivery_organisationId_endpointId_createdAt_idx" ON "WebhookDelivery"("organisationId", "endpointId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_organisationId_id_key" ON "WebhookDelivery"("organisationId", "id");

-- CreateIndex
CREATE INDEX "WebhookAttempt_organisationId_deliveryId_number_idx" ON "WebhookAttempt"("organisationId", "deliveryId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookAttempt_organisationId_id_key" ON "WebhookAttempt"("organisationId", "id");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_organisationId_endpointId_fkey" FOREIGN KEY ("organisationId", "endpointId") REFERENCES "WebhookEndpoint"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_organisationId_deliveryId_fkey" FOREIGN KEY ("organisationId", "deliveryId") REFERENCES "WebhookDelivery"("organisationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: the database refuses changing an existing row's organisationId (as on every organisation table).
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "WebhookEndpoint"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "WebhookDelivery"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "WebhookAttempt"
  FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
