-- CreateTable
CREATE TABLE "BreakdownMeasurement" (
    "id" SERIAL NOT NULL,
    "metricId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "breakdown" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "numerator" DOUBLE PRECISION,
    "denominator" DOUBLE PRECISION,
    "derived" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreakdownMeasurement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BreakdownMeasurement_organisationId_metricId_periodEnd_idx" ON "BreakdownMeasurement"("organisationId", "metricId", "periodEnd");

-- CreateIndex
CREATE UNIQUE INDEX "BreakdownMeasurement_metricId_organisationId_period_breakdo_key" ON "BreakdownMeasurement"("metricId", "organisationId", "period", "breakdown");

-- AddForeignKey
ALTER TABLE "BreakdownMeasurement" ADD CONSTRAINT "BreakdownMeasurement_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreakdownMeasurement" ADD CONSTRAINT "BreakdownMeasurement_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written, as for "Measurement": impossible parts are refused whatever writes them, and a
-- change to a part moves the data version, so that no cached answer outlives it.
ALTER TABLE "BreakdownMeasurement" ADD CONSTRAINT "BreakdownMeasurement_value_finite" CHECK ("value" NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE "BreakdownMeasurement" ADD CONSTRAINT "BreakdownMeasurement_rate_parts" CHECK (
  ("numerator" IS NULL AND "denominator" IS NULL)
  OR ("numerator" IS NOT NULL AND "denominator" IS NOT NULL
      AND "numerator" >= 0 AND "denominator" > 0
      AND "numerator" NOT IN ('NaN', 'Infinity') AND "denominator" NOT IN ('NaN', 'Infinity'))
);
ALTER TABLE "BreakdownMeasurement" ADD CONSTRAINT "BreakdownMeasurement_period_span" CHECK ("periodEnd" >= "periodStart");
ALTER TABLE "BreakdownMeasurement" ADD CONSTRAINT "BreakdownMeasurement_revision_positive" CHECK ("revision" >= 1);
-- A percentage's numerator is not above its denominator, checked once per statement over the rows
-- it wrote (an import writes a hundred thousand parts at once: a trigger per row costs seconds).
CREATE FUNCTION "breakdown_percentage_parts"() RETURNS trigger AS $$
DECLARE
  bad record;
BEGIN
  SELECT w."numerator", w."denominator" INTO bad
    FROM written w JOIN "Metric" m ON m."id" = w."metricId"
   WHERE w."numerator" > w."denominator" AND m."unit" = 'PERCENT'
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'BreakdownMeasurement_percentage_parts: a percentage''s numerator (%) is above its denominator (%)', bad."numerator", bad."denominator" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER "BreakdownMeasurement_percentage_parts_inserted" AFTER INSERT ON "BreakdownMeasurement"
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION "breakdown_percentage_parts"();
CREATE TRIGGER "BreakdownMeasurement_percentage_parts_updated" AFTER UPDATE ON "BreakdownMeasurement"
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION "breakdown_percentage_parts"();
CREATE TRIGGER "BreakdownMeasurement_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BreakdownMeasurement"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
