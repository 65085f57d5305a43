-- AlterTable
ALTER TABLE "Metric" ADD COLUMN     "rollUpToIcb" BOOLEAN NOT NULL DEFAULT true;

-- A mean (minutes over incidents) has its numerator above its denominator; only a percentage is
-- a part of its whole, and the domain holds that bound for percentages.
ALTER TABLE "Measurement" DROP CONSTRAINT "Measurement_rate_parts";
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_rate_parts" CHECK (
  ("numerator" IS NULL AND "denominator" IS NULL)
  OR ("numerator" IS NOT NULL AND "denominator" IS NOT NULL
      AND "numerator" >= 0 AND "denominator" > 0
      AND "numerator" NOT IN ('NaN', 'Infinity') AND "denominator" NOT IN ('NaN', 'Infinity'))
);

-- The bound the check above no longer holds, for percentages only: their metric says which.
CREATE FUNCTION "measurement_percentage_parts"() RETURNS trigger AS $$
BEGIN
  IF NEW."numerator" > NEW."denominator" THEN
    IF (SELECT "unit" FROM "Metric" WHERE "id" = NEW."metricId") = 'PERCENT' THEN
      RAISE EXCEPTION 'Measurement_percentage_parts: a percentage''s numerator (%) is above its denominator (%)', NEW."numerator", NEW."denominator" USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Measurement_percentage_parts" BEFORE INSERT OR UPDATE OF "numerator", "denominator" ON "Measurement"
  FOR EACH ROW EXECUTE FUNCTION "measurement_percentage_parts"();
