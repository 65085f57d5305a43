-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "ambulanceService" BOOLEAN NOT NULL DEFAULT false;
