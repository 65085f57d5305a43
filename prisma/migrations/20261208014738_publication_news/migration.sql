-- CreateEnum
CREATE TYPE "PublicationNewsKind" AS ENUM ('IMPORTED', 'REFUSED', 'OVERDUE');

-- CreateTable
CREATE TABLE "PublicationNews" (
    "sequence" BIGSERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "kind" "PublicationNewsKind" NOT NULL,
    "period" TEXT,
    "fileName" TEXT,
    "reason" TEXT,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "revised" INTEGER NOT NULL DEFAULT 0,
    "crossings" INTEGER NOT NULL DEFAULT 0,
    "dueOn" TEXT,
    "overdueKey" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PublicationNews_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublicationNews_overdueKey_key" ON "PublicationNews"("overdueKey");

-- AddForeignKey
ALTER TABLE "PublicationNews" ADD CONSTRAINT "PublicationNews_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The notifier routes the new log from its start: it is empty as it is made.
INSERT INTO "NotificationCursor" ("log", "sequence") VALUES ('publication-news', 0)
ON CONFLICT ("log") DO NOTHING;
