import { conversationScopeSql, type Actor } from "../access/policy.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { ConversationStatus, Priority, SenderType } from "../generated/prisma/enums.ts";
import { nowSql, type Clock } from "../clock.ts";
import type { AttachmentRow, StoredFile } from "../attachments/service.ts";
import { previewOf } from "./present.ts";

/**
 * The write path as single statements: each takes the conversation's row lock first (the only lock order there is,
 * so two writes cannot deadlock), checks visibility in its WHERE, and commits by itself — no interactive transaction
 * holding a pooled connection across round trips. Timestamps come from the database clock once the lock is held, so
 * messages of one conversation are dated in the order they were written (or from the app's clock, in tests). What the
 * statistics read is recorded by the same statements: each public admin reply (Reply) and every real change of status
 * (StatusChange).
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
const otherSide = (sender: SenderType): SenderType => (sender === "ADMIN" ? "PROFESSIONAL" : "ADMIN");

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
  const attachedSql = files.length === 0 ? Prisma.empty : Prisma.sql`
    , attached AS (
      -- The files stored for this message, recorded with it or not at all.
      INSERT INTO "Attachment" ("messageId", "conversationId", filename, "contentType", size, width, height, sha256, "storageKey", "thumbnailKey", "createdAt")
      SELECT message.id, message."conversationId", f.filename, f."contentType", f.size, f.width, f.height, f.sha256, f."storageKey", f."thumbnailKey", message."createdAt"
      FROM message, json_to_recordset(${JSON.stringify(files)}::json) AS f(
        filename text, "contentType" text, size int, width int, height int, sha256 text, "storageKey" text, "thumbnailKey" text)
      RETURNING id, filename, "contentType", size, width, height, "thumbnailKey"
    )`;
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
    ), reply AS (
      -- A public admin reply; it answered the pro when he was waiting, since the start of his run of messages.
      INSERT INTO "Reply" ("conversationId", "messageId", "adminId", "categoryId", priority, "waitingSince", "repliedAt")
      SELECT message."conversationId", message.id, ${actor.id}, previous."categoryId", previous.priority,
        CASE WHEN previous."waitingOn" = 'ADMIN' THEN previous."waitingSince" END, message."createdAt"
      FROM message, previous
      WHERE ${fromAdmin && !internal}
    ), reopening AS (
      INSERT INTO "StatusChange" ("conversationId", status, "userId", "categoryId", priority, "changedAt")
      SELECT message."conversationId", 'open', ${actor.id}, previous."categoryId", previous.priority, message."createdAt" FROM message, previous
      WHERE ${!internal} AND previous.status = 'closed'
    )${attachedSql}
    SELECT message.*, conversation."professionalId", conversation.status::text AS status,
           conversation."previousStatus"::text AS "previousStatus",
           ${files.length > 0 ? Prisma.sql`(SELECT json_agg(attached ORDER BY attached.id) FROM attached)` : Prisma.sql`'[]'::json`} AS attachments
    FROM message JOIN conversation ON conversation.id = message."conversationId"`;
  return rows[0] ?? null;
}

export type MarkedRead = { id: number; professionalId: number; marked: number; readAt: Date | null };

/**
 * Marks the other side's messages read and lowers the reader's counter by exactly what was marked, under the
 * conversation's lock: a message posted meanwhile waits for the lock or is not in this statement's snapshot, and
 * either way stays counted.
 */
export async function markMessagesRead(prisma: PrismaClient, actor: Actor, conversationId: number, clock?: Clock) {
  const now = nowSql(clock);
  const otherSide: SenderType = actor.role === "ADMIN" ? "PROFESSIONAL" : "ADMIN";
  const counter = Prisma.raw(actor.role === "ADMIN" ? `"unreadByAdmin"` : `"unreadByProfessional"`);
  const rows = await prisma.$queryRaw<MarkedRead[]>`
    WITH conversation AS (
      SELECT id, "professionalId" FROM "Conversation" WHERE id = ${conversationId} AND ${conversationScopeSql(actor)} FOR UPDATE
    ), marked AS (
      UPDATE "Message" SET "readAt" = ${now}
      WHERE "conversationId" = (SELECT id FROM conversation) AND "senderType" = ${otherSide}::"SenderType" AND "readAt" IS NULL
        AND NOT internal
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

export type ConversationChanges = {
  status?: ConversationStatus;
  subject?: string;
  categoryId?: number | null;
  priority?: Priority;
  adminId?: number | null;
};

export type UpdatedConversation = {
  id: number;
  professionalId: number;
  status: ConversationStatus;
  subject: string;
  categoryId: number | null;
  priority: Priority;
  adminId: number | null;
  /** What a pro sees of the row, as it was before. */
  previous: { status: ConversationStatus; subject: string; categoryId: number | null; adminId: number | null };
};

/**
 * Changes what was sent of status, subject, category, priority and assignee (undefined: unchanged; null: none).
 * `closedAt` follows a real change of status only; closing clears whose turn it is, reopening restores it from the
 * last public message. Answers the row, or null.
 */
export async function updateConversationRow(prisma: PrismaClient, actor: Actor, id: number, changes: ConversationChanges, clock?: Clock) {
  const now = nowSql(clock);
  const status = changes.status ?? null;
  const set: Prisma.Sql[] = [Prisma.sql`"updatedAt" = ${now}`];
  if (changes.subject !== undefined) set.push(Prisma.sql`subject = ${changes.subject}`);
  // (Inside SET, bare names are the row's own columns as they were.)
  if (changes.categoryId !== undefined) set.push(Prisma.sql`"categoryId" = ${changes.categoryId}::int`);
  if (changes.priority !== undefined) set.push(Prisma.sql`priority = ${changes.priority}::"Priority"`);
  if (changes.adminId !== undefined) set.push(Prisma.sql`"adminId" = ${changes.adminId}::int`);
  if (status !== null) {
    set.push(Prisma.sql`
      "closedAt" = CASE WHEN ${status}::text = status::text THEN "closedAt" WHEN ${status}::text = 'closed' THEN ${now} ELSE NULL END,
      "closedBy" = CASE WHEN ${status}::text = status::text THEN "closedBy" WHEN ${status}::text = 'closed' THEN ${actor.role === "ADMIN" ? "admin" : "professional"} ELSE NULL END,
      status = ${status}::"ConversationStatus",
      "waitingOn" = CASE WHEN ${status}::text = 'closed' THEN NULL
        ELSE (CASE "lastMessageSenderType" WHEN 'PROFESSIONAL' THEN 'ADMIN' ELSE 'PROFESSIONAL' END)::"SenderType" END,
      "waitingSince" = CASE WHEN ${status}::text = 'closed' THEN NULL ELSE "turnStartedAt" END`);
  }
  const retriaged = changes.categoryId !== undefined || changes.priority !== undefined;
  // The statistics count each reply and closing under the ticket's category and priority as they are now.
  const retriagedSql = Prisma.sql`, replies AS (
      UPDATE "Reply" r SET "categoryId" = u."categoryId", priority = u.priority FROM updated u WHERE r."conversationId" = u.id
    ), changes AS (
      UPDATE "StatusChange" s SET "categoryId" = u."categoryId", priority = u.priority FROM updated u WHERE s."conversationId" = u.id
    )`;
  const rows = await prisma.$queryRaw<UpdatedConversation[]>`
    WITH previous AS (
      SELECT id, status, subject, "categoryId", "adminId" FROM "Conversation" WHERE id = ${id} AND ${conversationScopeSql(actor)} FOR UPDATE
    ), updated AS (
      UPDATE "Conversation" SET ${Prisma.join(set, ", ")}
      WHERE id = (SELECT id FROM previous)
      RETURNING id, "professionalId", status, subject, "categoryId", priority, "adminId", "updatedAt"
    ), changed AS (
      INSERT INTO "StatusChange" ("conversationId", status, "userId", "categoryId", priority, "changedAt")
      SELECT u.id, u.status, ${actor.id}, u."categoryId", u.priority, u."updatedAt" FROM updated u, previous p WHERE u.status <> p.status
    )${retriaged ? retriagedSql : Prisma.empty}
    SELECT id, "professionalId", status::text AS status, subject, "categoryId", priority::text AS priority, "adminId",
      (SELECT json_build_object('status', p.status, 'subject', p.subject, 'categoryId', p."categoryId", 'adminId', p."adminId") FROM previous p) AS previous
    FROM updated`;
  return rows[0] ?? null;
}
