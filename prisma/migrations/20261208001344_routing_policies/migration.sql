-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "mute" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "RoutingPolicy" (
    "owner" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RoutingPolicy_pkey" PRIMARY KEY ("owner")
);

-- The notifier routes each log from here on: what was logged before this release is history, not news.
INSERT INTO "NotificationCursor" ("log", "sequence")
SELECT 'watch-events', COALESCE(MAX("sequence"), 0) FROM "WatchEvent"
ON CONFLICT ("log") DO NOTHING;
INSERT INTO "NotificationCursor" ("log", "sequence")
SELECT 'crossings', COALESCE(MAX("sequence"), 0) FROM "Crossing"
ON CONFLICT ("log") DO NOTHING;
