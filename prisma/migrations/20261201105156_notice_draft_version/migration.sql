-- AlterTable
ALTER TABLE "Opsigelse" ADD COLUMN     "lastSavedAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

