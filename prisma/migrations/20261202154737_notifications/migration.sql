-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "adminNotifiedThrough" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "closedBy" TEXT,
ADD COLUMN     "proNotifiedThrough" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "remindedFor" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailNotifications" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'fr';

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "recipientId" INTEGER NOT NULL,
    "conversationId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "detail" TEXT,
    "messageIds" INTEGER[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");

-- CreateIndex
CREATE INDEX "Notification_conversationId_status_idx" ON "Notification"("conversationId", "status");

-- CreateIndex
CREATE INDEX "Notification_recipientId_createdAt_idx" ON "Notification"("recipientId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_status_updatedAt_idx" ON "Notification"("status", "updatedAt");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What was written before notifications existed is never emailed: each conversation starts notified up to its newest message.
UPDATE "Conversation" c SET "proNotifiedThrough" = m.newest, "adminNotifiedThrough" = m.newest
FROM (SELECT "conversationId", max(id) AS newest FROM "Message" GROUP BY "conversationId") m
WHERE m."conversationId" = c.id;

-- Waits on the pro that began before this existed get no reminder and are not closed by themselves: the epoch marks
-- them (until the pro writes again, which ends the wait).
UPDATE "Conversation" SET "remindedFor" = '1970-01-01' WHERE status = 'open' AND "waitingOn" = 'PROFESSIONAL';
