-- AlterTable
ALTER TABLE "Operator" ADD COLUMN     "totpLastStep" INTEGER;

-- AlterTable
ALTER TABLE "Kode" ADD COLUMN     "codeTextEn" TEXT,
ADD COLUMN     "tagTextEn" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "totpLastStep" INTEGER;

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "orgSlug" TEXT,
    "idTokenEnc" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AuthSession_kind_subjectId_idx" ON "AuthSession"("kind", "subjectId");

-- CreateIndex
CREATE INDEX "AuthSession_expiresAt_idx" ON "AuthSession"("expiresAt");


-- Hand-written: the database itself refuses moving an existing row to another organisation, so SQL
-- that bypasses the organisation accessor (lib/db/scoped.ts) cannot do it either. One trigger on every
-- table that has an "organisationId" column; tests/integration/isolation.test.ts checks that every
-- organisation model of the schema has it, so a new model's migration must add it too:
--   CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON "<Table>"
--     FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change();
CREATE FUNCTION fraflyt_refuse_organisation_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."organisationId" IS DISTINCT FROM OLD."organisationId" THEN
    RAISE EXCEPTION 'organisationId of an existing % row cannot change', TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;

DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.column_name = 'organisationId'
    ORDER BY c.table_name
  LOOP
    EXECUTE format('CREATE TRIGGER organisation_id_immutable BEFORE UPDATE OF "organisationId" ON %I FOR EACH ROW EXECUTE FUNCTION fraflyt_refuse_organisation_change()', t);
  END LOOP;
END
$$;
