-- DropIndex
DROP INDEX "Conversation_closedAt_idx";

-- DropIndex
DROP INDEX "Conversation_firstAdminReplyAt_idx";

-- CreateIndex
CREATE INDEX "Conversation_closedAt_status_createdAt_categoryId_priority__idx" ON "Conversation"("closedAt", "status", "createdAt", "categoryId", "priority", "adminId");

-- CreateIndex
CREATE INDEX "Conversation_firstAdminReplyAt_openedBy_createdAt_categoryI_idx" ON "Conversation"("firstAdminReplyAt", "openedBy", "createdAt", "categoryId", "priority", "adminId");
