-- CreateEnum
CREATE TYPE "WatchState" AS ENUM ('INACTIVE', 'PENDING', 'FIRING', 'RESOLVED');

-- CreateEnum
CREATE TYPE "WatchEventKind" AS ENUM ('STATE_CHANGED', 'ACKNOWLEDGED');

-- CreateTable
CREATE TABLE "Watch" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "metricId" INTEGER NOT NULL,
    "selection" JSONB NOT NULL,
    "condition" JSONB NOT NULL,
    "forPeriods" INTEGER NOT NULL,
    "keepFiringForPeriods" INTEGER NOT NULL,
    "labels" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Watch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WatchSeries" (
    "id" SERIAL NOT NULL,
    "watchId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "state" "WatchState" NOT NULL,
    "since" TEXT,
    "period" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgementNote" TEXT,

    CONSTRAINT "WatchSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WatchEvent" (
    "sequence" BIGSERIAL NOT NULL,
    "watchId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "metricId" INTEGER NOT NULL,
    "milestoneId" INTEGER,
    "kind" "WatchEventKind" NOT NULL,
    "fromState" "WatchState" NOT NULL,
    "toState" "WatchState" NOT NULL,
    "period" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "labels" JSONB NOT NULL,
    "silenced" BOOLEAN NOT NULL,
    "actor" TEXT,
    "note" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WatchEvent_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "WatchSilence" (
    "id" SERIAL NOT NULL,
    "watchId" INTEGER NOT NULL,
    "odsCodes" TEXT[],
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WatchSilence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Watch_owner_idx" ON "Watch"("owner");

-- CreateIndex
CREATE INDEX "Watch_metricId_idx" ON "Watch"("metricId");

-- CreateIndex
CREATE UNIQUE INDEX "WatchSeries_watchId_organisationId_key" ON "WatchSeries"("watchId", "organisationId");

-- CreateIndex
CREATE INDEX "WatchEvent_watchId_sequence_idx" ON "WatchEvent"("watchId", "sequence");

-- CreateIndex
CREATE INDEX "WatchSilence_watchId_endsAt_idx" ON "WatchSilence"("watchId", "endsAt");

-- AddForeignKey
ALTER TABLE "Watch" ADD CONSTRAINT "Watch_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchSeries" ADD CONSTRAINT "WatchSeries_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchSeries" ADD CONSTRAINT "WatchSeries_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchEvent" ADD CONSTRAINT "WatchEvent_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchEvent" ADD CONSTRAINT "WatchEvent_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchEvent" ADD CONSTRAINT "WatchEvent_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchEvent" ADD CONSTRAINT "WatchEvent_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchSilence" ADD CONSTRAINT "WatchSilence_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "Watch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: watches are answers' data too (a key's own watches, their states and events), so
-- their changes move the response cache's counter as every other table's do.
DO $$
DECLARE
  source_table text;
BEGIN
  FOREACH source_table IN ARRAY ARRAY['Watch', 'WatchSeries', 'WatchEvent', 'WatchSilence'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"()', source_table || '_bumps_data_version', source_table);
  END LOOP;
END
$$;
ALTER TABLE "Watch" ADD CONSTRAINT "Watch_timing" CHECK ("forPeriods" >= 1 AND "keepFiringForPeriods" >= 0);
