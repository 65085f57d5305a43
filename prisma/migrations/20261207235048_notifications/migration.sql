-- CreateEnum
CREATE TYPE "ReceiverKind" AS ENUM ('WEBHOOK', 'TEAMS', 'EMAIL');

-- CreateEnum
CREATE TYPE "NotificationState" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('EVENTS', 'TEST');

-- CreateTable
CREATE TABLE "Receiver" (
    "id" SERIAL NOT NULL,
    "owner" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ReceiverKind" NOT NULL,
    "url" TEXT,
    "emailTo" TEXT[],
    "secret" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Receiver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" BIGSERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "receiverId" INTEGER NOT NULL,
    "owner" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "groupKey" TEXT NOT NULL,
    "events" JSONB NOT NULL,
    "state" "NotificationState" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "triesSince" TIMESTAMPTZ(3) NOT NULL,
    "firstEventAt" TIMESTAMPTZ(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "leaseUntil" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "id" BIGSERIAL NOT NULL,
    "notificationId" BIGINT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "NotificationAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationCursor" (
    "log" TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,

    CONSTRAINT "NotificationCursor_pkey" PRIMARY KEY ("log")
);

-- CreateIndex
CREATE UNIQUE INDEX "Receiver_owner_name_key" ON "Receiver"("owner", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_messageId_key" ON "Notification"("messageId");

-- CreateIndex
CREATE INDEX "Notification_state_dueAt_idx" ON "Notification"("state", "dueAt");

-- CreateIndex
CREATE INDEX "Notification_receiverId_groupKey_id_idx" ON "Notification"("receiverId", "groupKey", "id");

-- CreateIndex
CREATE INDEX "Notification_owner_id_idx" ON "Notification"("owner", "id");

-- CreateIndex
CREATE INDEX "NotificationAttempt_notificationId_attempt_idx" ON "NotificationAttempt"("notificationId", "attempt");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_receiverId_fkey" FOREIGN KEY ("receiverId") REFERENCES "Receiver"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
