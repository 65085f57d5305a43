-- CreateTable
CREATE TABLE "SeriesState" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "milestoneId" INTEGER NOT NULL,
    "metricId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "periodEnd" DATE NOT NULL,
    "targetId" INTEGER NOT NULL,
    "state" "TargetState" NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SeriesState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SeriesState_organisationId_milestoneId_metricId_key" ON "SeriesState"("organisationId", "milestoneId", "metricId");

-- AddForeignKey
ALTER TABLE "SeriesState" ADD CONSTRAINT "SeriesState_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesState" ADD CONSTRAINT "SeriesState_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesState" ADD CONSTRAINT "SeriesState_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesState" ADD CONSTRAINT "SeriesState_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;
