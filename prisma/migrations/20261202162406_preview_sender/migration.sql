-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "lastMessageSenderId" INTEGER;

-- Who wrote each conversation's last public message, from the messages.
UPDATE "Conversation" c SET "lastMessageSenderId" = m."senderId"
FROM (
  SELECT DISTINCT ON ("conversationId") "conversationId", "senderId" FROM "Message"
  WHERE NOT internal ORDER BY "conversationId", "createdAt" DESC, id DESC
) m
WHERE m."conversationId" = c.id;
