-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'REPEAT';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "repeatAt" TIMESTAMPTZ(3),
ADD COLUMN     "repeatSeconds" INTEGER,
ADD COLUMN     "templates" JSONB NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "Notification_repeatAt_idx" ON "Notification"("repeatAt");
