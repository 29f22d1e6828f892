import { conversationScopeSql, proVisibleMessageSql, type Actor } from "../access/policy.ts";
import type { AttachmentRow, StoredFile } from "../attachments/service.ts";
import { nowSql, type Clock } from "../clock.ts";
import { previewOf } from "../conversations/present.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { ConversationStatus, Priority, SenderType } from "../generated/prisma/enums.ts";
import { replyRecordSql, statusChangeRecordSql } from "../stats/records.ts";

/**
 * Every message is written here, as single statements: each takes the conversation's row lock first (the only lock
 * order there is, so two writes cannot deadlock), checks visibility in its WHERE, and commits by itself — no
 * interactive transaction holding a pooled connection across round trips. Timestamps come from the database clock
 * once the lock is held, so messages of one conversation are dated in the order they were written (or from the app's
 * clock, in tests). The same statement moves the conversation's counters, preview and turn, records its files, and
 * what the statistics count of it (stats/records.ts).
 */

export type PostedMessage = {
  id: number;
  conversationId: number;
  senderType: SenderType;
  senderId: number;
  content: string;
  internal: boolean;
  createdAt: Date;
  readAt: Date | null;
  professionalId: number;
  status: ConversationStatus;
  previousStatus: ConversationStatus;
  attachments: AttachmentRow[];
};

/** What a list shows of a message: its text, or the names of its files when it has none. */
export const messagePreview = (content: string, files: Pick<StoredFile, "filename">[]) =>
  previewOf(content.trim() === "" && files.length > 0 ? `📎 ${files.map((file) => file.filename).join(", ")}` : content);

/** The side a message from `sender` waits on. */
export const otherSide = (sender: SenderType): SenderType => (sender === "ADMIN" ? "PROFESSIONAL" : "ADMIN");

/** The files stored for the message of entry `message`, recorded with it or not at all (`attached`). */
const attachedSql = (files: StoredFile[]) => files.length === 0 ? Prisma.empty : Prisma.sql`
  , attached AS (
    INSERT INTO "Attachment" ("messageId", "conversationId", filename, "contentType", size, width, height, sha256, "storageKey", "thumbnailKey", "createdAt")
    SELECT message.id, message."conversationId", f.filename, f."contentType", f.size, f.width, f.height, f.sha256, f."storageKey", f."thumbnailKey", message."createdAt"
    FROM message, json_to_recordset(${JSON.stringify(files)}::json) AS f(
      filename text, "contentType" text, size int, width int, height int, sha256 text, "storageKey" text, "thumbnailKey" text)
    RETURNING id, filename, "contentType", size, width, height, "thumbnailKey"
  )`;

const attachmentsJsonSql = (files: StoredFile[]) =>
  files.length > 0 ? Prisma.sql`(SELECT json_agg(attached ORDER BY attached.id) FROM attached)` : Prisma.sql`'[]'::json`;

/**
 * Adds a message and updates the conversation in one statement. A public message moves everything the other side
 * sees: counters, "last message", status (reopens), whose turn it is and since when (`turnStartedAt` keeps the start
 * of the sender's run of messages; `waitingSince` shows it while open), and the first admin reply assigns an
 * unassigned ticket. An internal note moves only the admins' note preview: nothing a pro can observe.
 */
export async function insertMessage(
  prisma: PrismaClient, actor: Actor, conversationId: number, content: string,
  { internal = false, clock, files = [] }: { internal?: boolean; clock?: Clock; files?: StoredFile[] } = {},
) {
  const now = nowSql(clock);
  const sender: SenderType = actor.role;
  const fromAdmin = sender === "ADMIN";
  const preview = messagePreview(content, files);
  const changes = internal
    ? Prisma.sql`"lastNoteAt" = clock.at, "lastNotePreview" = ${preview}`
    : Prisma.sql`
        "lastMessageAt" = clock.at,
        "lastMessagePreview" = ${preview},
        "lastMessageSenderType" = ${sender}::"SenderType",
        "lastMessageSenderId" = ${actor.id},
        "messageCount" = c."messageCount" + 1,
        "unreadByProfessional" = c."unreadByProfessional" + ${fromAdmin ? 1 : 0},
        "unreadByAdmin" = c."unreadByAdmin" + ${fromAdmin ? 0 : 1},
        -- Writing to a closed conversation reopens it: the other side must see it again.
        status = 'open',
        "closedAt" = NULL,
        "closedBy" = NULL,
        -- A pro's message ends his wait: the next one gets its own reminder.
        "remindedFor" = CASE WHEN ${fromAdmin} THEN c."remindedFor" END,
        "firstAdminReplyAt" = CASE WHEN ${fromAdmin} THEN COALESCE(c."firstAdminReplyAt", clock.at) ELSE c."firstAdminReplyAt" END,
        "adminId" = CASE WHEN ${fromAdmin} THEN COALESCE(c."adminId", ${actor.id}) ELSE c."adminId" END,
        "turnStartedAt" = CASE WHEN c."lastMessageSenderType" = ${sender}::"SenderType" THEN c."turnStartedAt" ELSE clock.at END,
        "waitingOn" = ${otherSide(sender)}::"SenderType",
        "waitingSince" = CASE WHEN c."lastMessageSenderType" = ${sender}::"SenderType" THEN c."turnStartedAt" ELSE clock.at END,
        "updatedAt" = clock.at`;
  // A public admin reply answered the pro when he was waiting, since the start of his run of messages.
  const reply = replyRecordSql("reply", Prisma.sql`
    SELECT message."conversationId", message.id, ${actor.id}, previous."categoryId", previous.priority,
      CASE WHEN previous."waitingOn" = 'ADMIN' THEN previous."waitingSince" END, message."createdAt"
    FROM message, previous WHERE ${fromAdmin && !internal}`);
  const reopening = statusChangeRecordSql("reopening", Prisma.sql`
    SELECT message."conversationId", 'open', ${actor.id}, previous."categoryId", previous.priority, message."createdAt"
    FROM message, previous WHERE ${!internal} AND previous.status = 'closed'`);
  const rows = await prisma.$queryRaw<PostedMessage[]>`
    WITH previous AS (
      SELECT id, status, "waitingOn", "waitingSince", "categoryId", priority FROM "Conversation" WHERE id = ${conversationId} AND ${conversationScopeSql(actor)} FOR UPDATE
    ), conversation AS (
      UPDATE "Conversation" c SET ${changes}
      -- One clock reading, once the lock is held, for every date this write sets.
      FROM previous, LATERAL (SELECT ${now}::timestamp(3) AS at) clock WHERE c.id = previous.id
      RETURNING c.id, c."professionalId", c.status, previous.status AS "previousStatus",
        ${Prisma.raw(internal ? 'c."lastNoteAt"' : 'c."lastMessageAt"')} AS at
    ), message AS (
      -- Dated exactly as the conversation's "last message" (or "last note"): one clock reading per write.
      INSERT INTO "Message" ("conversationId", "senderType", "senderId", content, internal, "createdAt")
      SELECT id, ${sender}::"SenderType", ${actor.id}, ${content}, ${internal}, at FROM conversation
      RETURNING id, "conversationId", "senderType", "senderId", content, internal, "createdAt", "readAt"
    ), ${reply}, ${reopening}${attachedSql(files)}
    SELECT message.*, conversation."professionalId", conversation.status::text AS status,
           conversation."previousStatus"::text AS "previousStatus", ${attachmentsJsonSql(files)} AS attachments
    FROM message JOIN conversation ON conversation.id = message."conversationId"`;
  return rows[0] ?? null;
}

export type NewConversation = {
  subject: string;
  content: string;
  professionalId: number;
  adminId: number | null;
  categoryId: number | null;
  priority?: Priority;
};

/**
 * A conversation and its first message (and its files) in one statement: the counters, preview and turn start as a
 * first message sets them, waiting on the other side. Only a pro-opened conversation has a first response to time.
 */
export async function insertConversation(prisma: PrismaClient, actor: Actor, input: NewConversation, { clock, files = [] }: { clock?: Clock; files?: StoredFile[] } = {}) {
  const sender: SenderType = actor.role;
  const fromAdmin = sender === "ADMIN";
  const rows = await prisma.$queryRaw<PostedMessage[]>`
    WITH clock AS (SELECT ${nowSql(clock)}::timestamp(3) AS at), conversation AS (
      INSERT INTO "Conversation" (subject, "professionalId", "adminId", "categoryId", priority, "createdAt", "updatedAt", "openedBy",
        "turnStartedAt", "waitingOn", "waitingSince", "lastMessageAt", "lastMessagePreview", "lastMessageSenderType", "lastMessageSenderId",
        "messageCount", "unreadByProfessional", "unreadByAdmin")
      SELECT ${input.subject}, ${input.professionalId}, ${input.adminId}::int, ${input.categoryId}::int, ${input.priority ?? "normal"}::"Priority",
        at, at, ${sender}::"SenderType", at, ${otherSide(sender)}::"SenderType", at, at, ${messagePreview(input.content, files)},
        ${sender}::"SenderType", ${actor.id}, 1, ${fromAdmin ? 1 : 0}, ${fromAdmin ? 0 : 1}
      FROM clock
      RETURNING id, "professionalId", status, "createdAt"
    ), message AS (
      INSERT INTO "Message" ("conversationId", "senderType", "senderId", content, internal, "createdAt")
      SELECT id, ${sender}::"SenderType", ${actor.id}, ${input.content}, FALSE, "createdAt" FROM conversation
      RETURNING id, "conversationId", "senderType", "senderId", content, internal, "createdAt", "readAt"
    )${attachedSql(files)}
    SELECT message.*, conversation."professionalId", conversation.status::text AS status, conversation.status::text AS "previousStatus",
      ${attachmentsJsonSql(files)} AS attachments
    FROM message JOIN conversation ON conversation.id = message."conversationId"`;
  return rows[0];
}

export type MarkedRead = { id: number; professionalId: number; marked: number; readAt: Date | null };

/**
 * Marks the other side's messages read and lowers the reader's counter by exactly what was marked, under the
 * conversation's lock: a message posted meanwhile waits for the lock or is not in this statement's snapshot, and
 * either way stays counted. Only messages the pro may see are ever counted unread, so only they are marked.
 */
export async function markMessagesRead(prisma: PrismaClient, actor: Actor, conversationId: number, clock?: Clock) {
  const now = nowSql(clock);
  const counter = Prisma.raw(actor.role === "ADMIN" ? `"unreadByAdmin"` : `"unreadByProfessional"`);
  const rows = await prisma.$queryRaw<MarkedRead[]>`
    WITH conversation AS (
      SELECT id, "professionalId" FROM "Conversation" WHERE id = ${conversationId} AND ${conversationScopeSql(actor)} FOR UPDATE
    ), marked AS (
      UPDATE "Message" m SET "readAt" = ${now}
      WHERE m."conversationId" = (SELECT id FROM conversation) AND m."senderType" = ${otherSide(actor.role)}::"SenderType" AND m."readAt" IS NULL
        AND ${proVisibleMessageSql("m")}
      RETURNING m."readAt"
    ), counted AS (
      UPDATE "Conversation" SET ${counter} = ${counter} - (SELECT count(*) FROM marked)
      WHERE id = (SELECT id FROM conversation) AND EXISTS (SELECT 1 FROM marked)
      RETURNING id
    )
    SELECT id, "professionalId", (SELECT count(*)::int FROM marked) AS marked, (SELECT max("readAt") FROM marked) AS "readAt"
    FROM conversation`;
  return rows[0] ?? null;
}
