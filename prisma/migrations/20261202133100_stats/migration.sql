-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "openedBy" "SenderType" NOT NULL DEFAULT 'PROFESSIONAL',
ADD COLUMN     "ratedAt" TIMESTAMP(3),
ADD COLUMN     "ratingComment" TEXT,
ADD COLUMN     "ratingScore" INTEGER;

-- CreateTable
CREATE TABLE "Reply" (
    "id" SERIAL NOT NULL,
    "conversationId" INTEGER NOT NULL,
    "messageId" INTEGER NOT NULL,
    "adminId" INTEGER NOT NULL,
    "categoryId" INTEGER,
    "priority" "Priority" NOT NULL,
    "waitingSince" TIMESTAMP(3),
    "repliedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" SERIAL NOT NULL,
    "conversationId" INTEGER NOT NULL,
    "status" "ConversationStatus" NOT NULL,
    "userId" INTEGER,
    "categoryId" INTEGER,
    "priority" "Priority" NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rating" (
    "id" SERIAL NOT NULL,
    "conversationId" INTEGER NOT NULL,
    "professionalId" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Reply_messageId_key" ON "Reply"("messageId");

-- CreateIndex
CREATE INDEX "Reply_repliedAt_adminId_categoryId_priority_waitingSince_idx" ON "Reply"("repliedAt", "adminId", "categoryId", "priority", "waitingSince");

-- CreateIndex
CREATE INDEX "Reply_conversationId_idx" ON "Reply"("conversationId");

-- CreateIndex
CREATE INDEX "StatusChange_changedAt_status_userId_categoryId_priority_idx" ON "StatusChange"("changedAt", "status", "userId", "categoryId", "priority");

-- CreateIndex
CREATE INDEX "StatusChange_conversationId_idx" ON "StatusChange"("conversationId");

-- CreateIndex
CREATE INDEX "Rating_createdAt_idx" ON "Rating"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Rating_conversationId_closedAt_key" ON "Rating"("conversationId", "closedAt");

-- CreateIndex
CREATE INDEX "Conversation_createdAt_idx" ON "Conversation"("createdAt");

-- CreateIndex
CREATE INDEX "Conversation_closedAt_idx" ON "Conversation"("closedAt");

-- CreateIndex
CREATE INDEX "Conversation_firstAdminReplyAt_idx" ON "Conversation"("firstAdminReplyAt");

-- CreateIndex
CREATE INDEX "Message_createdAt_internal_senderType_idx" ON "Message"("createdAt", "internal", "senderType");

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill what the existing history already tells.
-- Who opened each conversation: the sender of its first public message.
UPDATE "Conversation" c SET "openedBy" = first."senderType"
FROM (
  SELECT DISTINCT ON ("conversationId") "conversationId", "senderType" FROM "Message"
  WHERE NOT internal ORDER BY "conversationId", "createdAt", id
) first
WHERE first."conversationId" = c.id AND first."senderType" <> 'PROFESSIONAL';

-- Each public admin message but the one that opened a conversation is a reply; one that followed a pro's answered
-- him, from the start of the pro's run of messages.
WITH public_messages AS (
  SELECT id, "conversationId", "senderType", "senderId", "createdAt",
         lag("senderType") OVER (PARTITION BY "conversationId" ORDER BY "createdAt", id) AS previous
  FROM "Message" WHERE NOT internal
), runs AS (
  SELECT *, sum(CASE WHEN previous IS DISTINCT FROM "senderType" THEN 1 ELSE 0 END)
              OVER (PARTITION BY "conversationId" ORDER BY "createdAt", id) AS run
  FROM public_messages
), starts AS (
  SELECT "conversationId", run, min("createdAt") AS started FROM runs GROUP BY "conversationId", run
)
INSERT INTO "Reply" ("conversationId", "messageId", "adminId", "categoryId", priority, "waitingSince", "repliedAt")
SELECT r."conversationId", r.id, r."senderId", c."categoryId", c.priority,
       CASE WHEN r.previous = 'PROFESSIONAL' THEN s.started END, r."createdAt"
FROM runs r
JOIN "Conversation" c ON c.id = r."conversationId"
LEFT JOIN starts s ON s."conversationId" = r."conversationId" AND s.run = r.run - 1
WHERE r."senderType" = 'ADMIN' AND r.previous IS NOT NULL;

-- The last close of each closed conversation (who closed it is not known).
INSERT INTO "StatusChange" ("conversationId", status, "userId", "categoryId", priority, "changedAt")
SELECT id, 'closed', NULL, "categoryId", priority, "closedAt" FROM "Conversation" WHERE status = 'closed' AND "closedAt" IS NOT NULL;
