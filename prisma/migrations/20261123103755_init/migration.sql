-- CreateEnum
CREATE TYPE "OrganisationType" AS ENUM ('GOVERNMENT_DEPARTMENT', 'NATIONAL_BODY', 'REGION', 'ICB', 'SUB_ICB_LOCATION', 'TRUST', 'OTHER_PROVIDER');

-- CreateEnum
CREATE TYPE "Unit" AS ENUM ('PERCENT', 'MINUTES', 'COUNT', 'GBP');

-- CreateEnum
CREATE TYPE "Polarity" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "Aggregation" AS ENUM ('RATIO', 'SUM', 'NONE');

-- CreateEnum
CREATE TYPE "Frequency" AS ENUM ('MONTHLY', 'QUARTERLY', 'ANNUAL');

-- CreateEnum
CREATE TYPE "Comparator" AS ENUM ('AT_LEAST', 'AT_MOST');

-- CreateEnum
CREATE TYPE "CrossingDirection" AS ENUM ('BREACHED', 'RECOVERED');

-- CreateEnum
CREATE TYPE "TargetState" AS ENUM ('MEETING', 'NOT_MEETING', 'NO_DATA');

-- CreateTable
CREATE TABLE "Source" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "publishedOn" DATE,
    "url" TEXT,
    "licence" TEXT,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" SERIAL NOT NULL,
    "odsCode" TEXT NOT NULL,
    "onsCode" TEXT,
    "name" TEXT NOT NULL,
    "type" "OrganisationType" NOT NULL,
    "parentId" INTEGER,
    "regionId" INTEGER,
    "icbId" INTEGER,
    "openedOn" DATE,
    "closedOn" DATE,
    "sourceId" INTEGER NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationName" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "designation" TEXT NOT NULL,
    "validFrom" DATE,
    "validTo" DATE,
    "sourceId" INTEGER NOT NULL,

    CONSTRAINT "OrganisationName_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mandate" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "issuedById" INTEGER NOT NULL,
    "issuedToId" INTEGER NOT NULL,
    "publishedOn" DATE NOT NULL,
    "inForceFrom" DATE NOT NULL,
    "sourceId" INTEGER NOT NULL,

    CONSTRAINT "Mandate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Priority" (
    "id" SERIAL NOT NULL,
    "mandateId" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "sourceId" INTEGER NOT NULL,

    CONSTRAINT "Priority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "mandateId" INTEGER NOT NULL,
    "priorityId" INTEGER,
    "parentId" INTEGER,
    "ordinal" INTEGER NOT NULL,
    "section" TEXT,
    "title" TEXT NOT NULL,
    "dueBy" DATE,
    "sourceId" INTEGER NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "unit" "Unit" NOT NULL,
    "polarity" "Polarity" NOT NULL,
    "aggregation" "Aggregation" NOT NULL,
    "frequency" "Frequency" NOT NULL,
    "sourceId" INTEGER NOT NULL,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" SERIAL NOT NULL,
    "milestoneId" INTEGER NOT NULL,
    "metricId" INTEGER NOT NULL,
    "comparator" "Comparator" NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "step" INTEGER NOT NULL DEFAULT 1,
    "inForceFrom" DATE,
    "inForceTo" DATE,
    "dueBy" DATE,
    "note" TEXT,
    "sourceId" INTEGER NOT NULL,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetScope" (
    "id" SERIAL NOT NULL,
    "targetId" INTEGER NOT NULL,
    "organisationId" INTEGER,
    "organisationType" "OrganisationType",

    CONSTRAINT "TargetScope_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measurement" (
    "id" SERIAL NOT NULL,
    "metricId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "numerator" DOUBLE PRECISION,
    "denominator" DOUBLE PRECISION,
    "derived" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Measurement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasurementRevision" (
    "id" SERIAL NOT NULL,
    "measurementId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "numerator" DOUBLE PRECISION,
    "denominator" DOUBLE PRECISION,
    "source" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "replacedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeasurementRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Crossing" (
    "sequence" BIGSERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "targetId" INTEGER NOT NULL,
    "metricId" INTEGER NOT NULL,
    "milestoneId" INTEGER,
    "period" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "direction" "CrossingDirection" NOT NULL,
    "previousState" "TargetState" NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Crossing_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_key_key" ON "Source"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_odsCode_key" ON "Organisation"("odsCode");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_onsCode_key" ON "Organisation"("onsCode");

-- CreateIndex
CREATE INDEX "Organisation_type_idx" ON "Organisation"("type");

-- CreateIndex
CREATE INDEX "Organisation_parentId_idx" ON "Organisation"("parentId");

-- CreateIndex
CREATE INDEX "Organisation_regionId_type_idx" ON "Organisation"("regionId", "type");

-- CreateIndex
CREATE INDEX "Organisation_icbId_idx" ON "Organisation"("icbId");

-- CreateIndex
CREATE INDEX "OrganisationName_organisationId_idx" ON "OrganisationName"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationName_organisationId_name_validFrom_key" ON "OrganisationName"("organisationId", "name", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "Mandate_slug_key" ON "Mandate"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Priority_mandateId_ordinal_key" ON "Priority"("mandateId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_key_key" ON "Milestone"("key");

-- CreateIndex
CREATE INDEX "Milestone_mandateId_idx" ON "Milestone"("mandateId");

-- CreateIndex
CREATE INDEX "Milestone_priorityId_idx" ON "Milestone"("priorityId");

-- CreateIndex
CREATE INDEX "Milestone_parentId_idx" ON "Milestone"("parentId");

-- CreateIndex
CREATE INDEX "Milestone_dueBy_idx" ON "Milestone"("dueBy");

-- CreateIndex
CREATE UNIQUE INDEX "Metric_code_key" ON "Metric"("code");

-- CreateIndex
CREATE INDEX "Target_metricId_idx" ON "Target"("metricId");

-- CreateIndex
CREATE UNIQUE INDEX "Target_milestoneId_metricId_step_key" ON "Target"("milestoneId", "metricId", "step");

-- CreateIndex
CREATE INDEX "TargetScope_organisationType_idx" ON "TargetScope"("organisationType");

-- CreateIndex
CREATE UNIQUE INDEX "TargetScope_targetId_organisationId_organisationType_key" ON "TargetScope"("targetId", "organisationId", "organisationType");

-- CreateIndex
CREATE INDEX "Measurement_organisationId_metricId_periodEnd_idx" ON "Measurement"("organisationId", "metricId", "periodEnd");

-- CreateIndex
CREATE INDEX "Measurement_metricId_periodEnd_idx" ON "Measurement"("metricId", "periodEnd");

-- CreateIndex
CREATE UNIQUE INDEX "Measurement_metricId_organisationId_period_key" ON "Measurement"("metricId", "organisationId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "MeasurementRevision_measurementId_revision_key" ON "MeasurementRevision"("measurementId", "revision");

-- CreateIndex
CREATE INDEX "Crossing_organisationId_sequence_idx" ON "Crossing"("organisationId", "sequence");

-- CreateIndex
CREATE INDEX "Crossing_metricId_sequence_idx" ON "Crossing"("metricId", "sequence");

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_icbId_fkey" FOREIGN KEY ("icbId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationName" ADD CONSTRAINT "OrganisationName_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationName" ADD CONSTRAINT "OrganisationName_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mandate" ADD CONSTRAINT "Mandate_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mandate" ADD CONSTRAINT "Mandate_issuedToId_fkey" FOREIGN KEY ("issuedToId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mandate" ADD CONSTRAINT "Mandate_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_mandateId_fkey" FOREIGN KEY ("mandateId") REFERENCES "Mandate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_mandateId_fkey" FOREIGN KEY ("mandateId") REFERENCES "Mandate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetScope" ADD CONSTRAINT "TargetScope_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetScope" ADD CONSTRAINT "TargetScope_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasurementRevision" ADD CONSTRAINT "MeasurementRevision_measurementId_fkey" FOREIGN KEY ("measurementId") REFERENCES "Measurement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Crossing" ADD CONSTRAINT "Crossing_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Crossing" ADD CONSTRAINT "Crossing_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Crossing" ADD CONSTRAINT "Crossing_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Crossing" ADD CONSTRAINT "Crossing_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Checks Prisma's schema language cannot express (added by hand).
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_not_own_parent" CHECK ("parentId" IS NULL OR "parentId" <> "id");
ALTER TABLE "OrganisationName" ADD CONSTRAINT "OrganisationName_valid_span" CHECK ("validTo" IS NULL OR "validFrom" IS NULL OR "validTo" >= "validFrom");
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_ordinal_positive" CHECK ("ordinal" > 0);
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_not_own_parent" CHECK ("parentId" IS NULL OR "parentId" <> "id");
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_ordinal_positive" CHECK ("ordinal" > 0);
ALTER TABLE "Target" ADD CONSTRAINT "Target_value_finite" CHECK ("value" NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE "Target" ADD CONSTRAINT "Target_step_positive" CHECK ("step" >= 1);
ALTER TABLE "Target" ADD CONSTRAINT "Target_in_force_span" CHECK ("inForceTo" IS NULL OR "inForceFrom" IS NULL OR "inForceTo" >= "inForceFrom");
ALTER TABLE "TargetScope" ADD CONSTRAINT "TargetScope_one_subject" CHECK (num_nonnulls("organisationId", "organisationType") = 1);
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_value_finite" CHECK ("value" NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_rate_parts" CHECK (
  ("numerator" IS NULL AND "denominator" IS NULL)
  OR ("numerator" IS NOT NULL AND "denominator" IS NOT NULL
      AND "numerator" >= 0 AND "denominator" > 0 AND "numerator" <= "denominator"
      AND "numerator" NOT IN ('NaN', 'Infinity') AND "denominator" NOT IN ('NaN', 'Infinity'))
);
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_period_span" CHECK ("periodEnd" >= "periodStart");
ALTER TABLE "Measurement" ADD CONSTRAINT "Measurement_revision_positive" CHECK ("revision" >= 1);
ALTER TABLE "MeasurementRevision" ADD CONSTRAINT "MeasurementRevision_value_finite" CHECK ("value" NOT IN ('NaN', 'Infinity', '-Infinity'));
ALTER TABLE "Crossing" ADD CONSTRAINT "Crossing_values_finite" CHECK ("value" NOT IN ('NaN', 'Infinity', '-Infinity') AND "threshold" NOT IN ('NaN', 'Infinity', '-Infinity'));
