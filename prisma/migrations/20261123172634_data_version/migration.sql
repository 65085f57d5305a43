-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
);

-- Hand-written (Prisma cannot express them): the one row, and the triggers that count changes to
-- everything a query's answer is made from. Keys, persisted operations and the audit log are left
-- out: only admins read them, and admins' answers are never cached.
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);
ALTER TABLE "DataVersion" ADD CONSTRAINT "DataVersion_one_row" CHECK ("id" = 1);

CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  source_table text;
BEGIN
  FOREACH source_table IN ARRAY ARRAY['Source', 'Organisation', 'OrganisationName', 'Mandate', 'Priority', 'Milestone', 'Metric', 'Target', 'TargetScope', 'Measurement', 'MeasurementRevision', 'Crossing', 'SeriesState'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"()', source_table || '_bumps_data_version', source_table);
  END LOOP;
END
$$;
