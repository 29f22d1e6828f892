-- A page of conversations is chosen from an index alone (index-only scan: the sort keys and the id that breaks their
-- ties), then only its rows are read by id: OFFSET used to walk every skipped row (page 50 read 2,300 pages for 25
-- rows). These replace the indexes without the id.
-- DropIndex
DROP INDEX "Conversation_adminId_lastMessageAt_idx";

-- DropIndex
DROP INDEX "Conversation_lastMessageAt_idx";

-- DropIndex
DROP INDEX "Conversation_professionalId_lastMessageAt_idx";

-- DropIndex
DROP INDEX "Conversation_status_lastMessageAt_idx";

-- CreateIndex
CREATE INDEX "Conversation_professionalId_lastMessageAt_id_idx" ON "Conversation"("professionalId", "lastMessageAt", "id");

-- CreateIndex
CREATE INDEX "Conversation_lastMessageAt_id_idx" ON "Conversation"("lastMessageAt", "id");

-- CreateIndex
CREATE INDEX "Conversation_status_lastMessageAt_id_idx" ON "Conversation"("status", "lastMessageAt", "id");

-- CreateIndex
CREATE INDEX "Conversation_adminId_lastMessageAt_id_idx" ON "Conversation"("adminId", "lastMessageAt", "id");
