import { conversationScopeSql, type Actor } from "../access/policy.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { ConversationStatus, SenderType } from "../generated/prisma/enums.ts";
import { previewOf } from "./present.ts";

/**
 * The write path as single statements: each takes the conversation's row lock first (the only lock order there is,
 * so two writes cannot deadlock), checks visibility in its WHERE, and commits by itself — no interactive transaction
 * holding a pooled connection across round trips. Timestamps come from the database clock once the lock is held, so
 * messages of one conversation are dated in the order they were written.
 */
const now = Prisma.sql`(clock_timestamp() AT TIME ZONE 'UTC')`;

export type PostedMessage = {
  id: number;
  conversationId: number;
  senderType: SenderType;
  senderId: number;
  content: string;
  createdAt: Date;
  readAt: Date | null;
  professionalId: number;
  status: ConversationStatus;
  previousStatus: ConversationStatus;
};

/** Adds a message and updates the conversation's counters, "last message" and status in one statement. */
export async function insertMessage(prisma: PrismaClient, actor: Actor, conversationId: number, content: string) {
  const sender: SenderType = actor.role;
  const fromAdmin = sender === "ADMIN";
  const rows = await prisma.$queryRaw<PostedMessage[]>`
    WITH previous AS (
      SELECT id, status FROM "Conversation" WHERE id = ${conversationId} AND ${conversationScopeSql(actor)} FOR UPDATE
    ), conversation AS (
      UPDATE "Conversation" c SET
        "lastMessageAt" = ${now},
        "lastMessagePreview" = ${previewOf(content)},
        "lastMessageSenderType" = ${sender}::"SenderType",
        "messageCount" = c."messageCount" + 1,
        "unreadByProfessional" = c."unreadByProfessional" + ${fromAdmin ? 1 : 0},
        "unreadByAdmin" = c."unreadByAdmin" + ${fromAdmin ? 0 : 1},
        -- Writing to a closed conversation reopens it: the other side must see it again.
        status = 'open',
        "closedAt" = NULL,
        "firstAdminReplyAt" = CASE WHEN ${fromAdmin} THEN COALESCE(c."firstAdminReplyAt", ${now}) ELSE c."firstAdminReplyAt" END,
        "updatedAt" = ${now}
      FROM previous WHERE c.id = previous.id
      RETURNING c.id, c."professionalId", c.status, c."lastMessageAt", previous.status AS "previousStatus"
    ), message AS (
      INSERT INTO "Message" ("conversationId", "senderType", "senderId", content, "createdAt")
      SELECT id, ${sender}::"SenderType", ${actor.id}, ${content}, "lastMessageAt" FROM conversation
      RETURNING id, "conversationId", "senderType", "senderId", content, "createdAt", "readAt"
    )
    SELECT message.*, conversation."professionalId", conversation.status::text AS status,
           conversation."previousStatus"::text AS "previousStatus"
    FROM message JOIN conversation ON conversation.id = message."conversationId"`;
  return rows[0] ?? null;
}

export type MarkedRead = { id: number; professionalId: number; marked: number; readAt: Date | null };

/**
 * Marks the other side's messages read and lowers the reader's counter by exactly what was marked, under the
 * conversation's lock: a message posted meanwhile waits for the lock or is not in this statement's snapshot, and
 * either way stays counted.
 */
export async function markMessagesRead(prisma: PrismaClient, actor: Actor, conversationId: number) {
  const otherSide: SenderType = actor.role === "ADMIN" ? "PROFESSIONAL" : "ADMIN";
  const counter = Prisma.raw(actor.role === "ADMIN" ? `"unreadByAdmin"` : `"unreadByProfessional"`);
  const rows = await prisma.$queryRaw<MarkedRead[]>`
    WITH conversation AS (
      SELECT id, "professionalId" FROM "Conversation" WHERE id = ${conversationId} AND ${conversationScopeSql(actor)} FOR UPDATE
    ), marked AS (
      UPDATE "Message" SET "readAt" = ${now}
      WHERE "conversationId" = (SELECT id FROM conversation) AND "senderType" = ${otherSide}::"SenderType" AND "readAt" IS NULL
      RETURNING "readAt"
    ), counted AS (
      UPDATE "Conversation" SET ${counter} = ${counter} - (SELECT count(*) FROM marked)
      WHERE id = (SELECT id FROM conversation) AND EXISTS (SELECT 1 FROM marked)
      RETURNING id
    )
    SELECT id, "professionalId", (SELECT count(*)::int FROM marked) AS marked, (SELECT max("readAt") FROM marked) AS "readAt"
    FROM conversation`;
  return rows[0] ?? null;
}

export type StatusChanges = { status?: ConversationStatus; subject?: string };

export type UpdatedConversation = { id: number; professionalId: number; status: ConversationStatus; subject: string };

/** Changes status and/or subject; `closedAt` follows a real change of status only. Answers the row, or null. */
export async function updateConversationRow(prisma: PrismaClient, actor: Actor, id: number, changes: StatusChanges) {
  const status = changes.status ?? null;
  const rows = await prisma.$queryRaw<UpdatedConversation[]>`
    UPDATE "Conversation" SET
      subject = COALESCE(${changes.subject ?? null}::text, subject),
      "closedAt" = CASE
        WHEN ${status}::text IS NULL OR ${status}::text = status::text THEN "closedAt"
        WHEN ${status}::text = 'closed' THEN ${now}
        ELSE NULL END,
      status = COALESCE(${status}::text::"ConversationStatus", status),
      "updatedAt" = ${now}
    WHERE id = ${id} AND ${conversationScopeSql(actor)}
    RETURNING id, "professionalId", status::text AS status, subject`;
  return rows[0] ?? null;
}
