-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "categoryId" INTEGER,
ADD COLUMN     "lastNoteAt" TIMESTAMP(3),
ADD COLUMN     "lastNotePreview" TEXT,
ADD COLUMN     "priority" "Priority" NOT NULL DEFAULT 'normal',
ADD COLUMN     "turnStartedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "waitingOn" "SenderType",
ADD COLUMN     "waitingSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "internal" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Category" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Category_nameKey_key" ON "Category"("nameKey");

-- CreateIndex
CREATE INDEX "Conversation_adminId_lastMessageAt_idx" ON "Conversation"("adminId", "lastMessageAt");

-- CreateIndex
CREATE INDEX "Conversation_categoryId_lastMessageAt_idx" ON "Conversation"("categoryId", "lastMessageAt");

-- CreateIndex
CREATE INDEX "Conversation_waitingOn_waitingSince_idx" ON "Conversation"("waitingOn", "waitingSince");

-- CreateIndex
CREATE INDEX "Conversation_priority_lastMessageAt_idx" ON "Conversation"("priority", "lastMessageAt");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill what existing conversations already tell: the start of the last public sender's run of messages, and
-- who is expected to answer (the other side) while open.
UPDATE "Conversation" c SET "turnStartedAt" = COALESCE((
  SELECT min(m."createdAt") FROM "Message" m
  WHERE m."conversationId" = c.id AND m."senderType" = c."lastMessageSenderType"
    AND m."createdAt" > COALESCE((
      SELECT max(o."createdAt") FROM "Message" o WHERE o."conversationId" = c.id AND o."senderType" <> c."lastMessageSenderType"
    ), '-infinity')
), c."createdAt");

UPDATE "Conversation" SET
  "waitingOn" = (CASE "lastMessageSenderType" WHEN 'PROFESSIONAL' THEN 'ADMIN' ELSE 'PROFESSIONAL' END)::"SenderType",
  "waitingSince" = "turnStartedAt"
WHERE status = 'open';

-- Existing conversations started by an admin are his, as new ones will be.
UPDATE "Conversation" c SET "adminId" = (
  SELECT m."senderId" FROM "Message" m WHERE m."conversationId" = c.id AND m."senderType" = 'ADMIN' ORDER BY m."createdAt", m.id LIMIT 1
) WHERE c."adminId" IS NULL AND c."firstAdminReplyAt" IS NOT NULL;
