-- AlterTable
ALTER TABLE "Metric" ADD COLUMN     "countsEvents" BOOLEAN NOT NULL DEFAULT false;

-- The metrics that count events in their period, as the seed now says.
UPDATE "Metric" SET "countsEvents" = true
 WHERE "code" IN ('AMB_INCIDENTS', 'AE_ATTENDANCES', 'AE_12HR_DTA', 'EMERGENCY_ADMISSIONS');
