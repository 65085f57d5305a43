-- AlterTable
ALTER TABLE "Metric" ADD COLUMN     "icbsReport" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "partOfWhole" BOOLEAN NOT NULL DEFAULT true;

-- Hand-written: a percentage's numerator is bounded by its denominator only where it is a part of
-- it (an occupancy, patients over beds, can pass 100%).
CREATE OR REPLACE FUNCTION "measurement_percentage_parts"() RETURNS trigger AS $$
BEGIN
  IF NEW."numerator" > NEW."denominator" THEN
    IF (SELECT "unit" = 'PERCENT' AND "partOfWhole" FROM "Metric" WHERE "id" = NEW."metricId") THEN
      RAISE EXCEPTION 'Measurement_percentage_parts: a percentage''s numerator (%) is above its denominator (%)', NEW."numerator", NEW."denominator" USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "breakdown_percentage_parts"() RETURNS trigger AS $$
DECLARE
  bad record;
BEGIN
  SELECT w."numerator", w."denominator" INTO bad
    FROM written w JOIN "Metric" m ON m."id" = w."metricId"
   WHERE w."numerator" > w."denominator" AND m."unit" = 'PERCENT' AND m."partOfWhole"
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'BreakdownMeasurement_percentage_parts: a percentage''s numerator (%) is above its denominator (%)', bad."numerator", bad."denominator" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
