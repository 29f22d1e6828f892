-- CreateIndex
CREATE INDEX "Conversation_unreadByAdmin_idx" ON "Conversation"("unreadByAdmin");
