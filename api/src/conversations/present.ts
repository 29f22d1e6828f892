import type { Actor } from "../access/policy.ts";
import { adminOnlyConversationFields, adminOnlyMessageFields, isAdmin, messageScopeSql, unreadCounterOf } from "../access/policy.ts";
import type { AttachmentLinks } from "../attachments/links.ts";
import { isoTimestamp, type SqlReader } from "../db/sql.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";

/**
 * What the API answers for conversations and messages, built as JSON by PostgreSQL in the query that finds the rows:
 * a page, a thread of 200 messages or a ticket is one round trip and one string handed to the response, with no row
 * mapping in JavaScript (which was most of a list's cost). The one place where their JSON shape is decided.
 */

const PREVIEW_LENGTH = 140;

export function previewOf(content: string): string {
  const flat = content.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/*
 * Each row is a plain SELECT whose column names are the JSON keys; json_agg / row_to_json turn it into JSON. That is
 * cheaper in PostgreSQL than json_build_object, which looks up every argument's type again on every row.
 */

/**
 * The columns of a conversation row `c` as the caller sees it: his own `unreadCount`; the pro, the category and the
 * assigned admin found by primary key. Admins also see the priority and, when the newest message is an internal
 * note, its preview (`lastMessageInternal`); a pro sees only what public messages made of the row.
 */
const noteIsNewest = `c."lastNoteAt" IS NOT NULL AND c."lastNoteAt" > c."lastMessageAt"`;
/** The column of each field the policy keeps for admins (a typo or a new field there fails to compile here). */
const adminOnlyConversationColumns: Record<(typeof adminOnlyConversationFields)[number], string> = {
  priority: "c.priority",
  lastMessageInternal: `(${noteIsNewest})`,
};
const adminOnlyColumns = (actor: Actor, columns: Record<string, string>, fields: readonly string[]) =>
  isAdmin(actor) ? fields.map((field) => `${columns[field]} AS "${field}", `).join("") : "";

const conversationColumns = (actor: Actor) => {
  const preview = isAdmin(actor)
    ? `CASE WHEN ${noteIsNewest} THEN c."lastNotePreview" ELSE c."lastMessagePreview" END AS "lastMessagePreview",
       CASE WHEN ${noteIsNewest} THEN 'ADMIN'::"SenderType" ELSE c."lastMessageSenderType" END AS "lastMessageSenderType",
       ${adminOnlyColumns(actor, adminOnlyConversationColumns, adminOnlyConversationFields)}`
    : `c."lastMessagePreview", c."lastMessageSenderType",`;
  // Who wrote the last public message (a note's preview is the admins', and says it is a note).
  const lastSender = `(SELECT s FROM (SELECT u.id, u.name FROM "User" u WHERE u.id = c."lastMessageSenderId") s) AS "lastMessageSender",`;
  return Prisma.raw(`c.id, c.subject, c.status, c."professionalId", c."adminId",
    (SELECT a FROM (SELECT u.id, u.name FROM "User" u WHERE u.id = c."adminId") a) AS admin,
    c."categoryId", (SELECT k FROM (SELECT k.id, k.name FROM "Category" k WHERE k.id = c."categoryId") k) AS category,
    ${isoTimestamp('c."createdAt"')} AS "createdAt", ${isoTimestamp('c."updatedAt"')} AS "updatedAt",
    ${isoTimestamp('c."lastMessageAt"')} AS "lastMessageAt", ${preview} ${lastSender}
    c."messageCount", ${isoTimestamp('c."firstAdminReplyAt"')} AS "firstAdminReplyAt", ${isoTimestamp('c."closedAt"')} AS "closedAt", c."closedBy",
    c."waitingOn", ${isoTimestamp('c."waitingSince"')} AS "waitingSince",
    (SELECT p FROM (SELECT u.id, u.name, u.email FROM "User" u WHERE u.id = c."professionalId") p) AS professional,
    c."${unreadCounterOf(actor)}" AS "unreadCount",
    CASE WHEN c."ratedAt" IS NULL THEN NULL
      ELSE json_build_object('score', c."ratingScore", 'comment', c."ratingComment", 'ratedAt', ${isoTimestamp('c."ratedAt"')}) END AS rating`);
};

/**
 * A message's attachments (those of a message the caller sees: the message's scope is theirs), oldest first, with
 * signed links; width, height and thumbnailUrl only for images.
 */
const attachmentsColumn = (links: AttachmentLinks) => Prisma.sql`(
  SELECT coalesce(json_agg(json_strip_nulls(row_to_json(f)) ORDER BY f.id), '[]') FROM (
    SELECT a.id, a.filename, a."contentType", a.size, a.width, a.height, ${links.urlSql("a", "file")} AS url,
      CASE WHEN a."thumbnailKey" IS NOT NULL THEN ${links.urlSql("a", "thumbnail")} END AS "thumbnailUrl"
    FROM "Attachment" a WHERE a."messageId" = m.id
  ) f) AS attachments`;

const adminOnlyMessageColumns: Record<(typeof adminOnlyMessageFields)[number], string> = { internal: "m.internal" };

/** The columns of a message row `m`, with its sender and attachments; admins also see whether it is an internal note. */
const messageColumns = (actor: Actor, links: AttachmentLinks) =>
  Prisma.sql`${Prisma.raw(`m.id, m."conversationId", m."senderType", m."senderId", m.content, ${adminOnlyColumns(actor, adminOnlyMessageColumns, adminOnlyMessageFields)}
  ${isoTimestamp('m."createdAt"')} AS "createdAt", ${isoTimestamp('m."readAt"')} AS "readAt",
  (SELECT s FROM (SELECT u.id, u.name FROM "User" u WHERE u.id = m."senderId") s) AS sender`)}, ${attachmentsColumn(links)}`;

/** `rows`, when given, replaces the page's plain selection (a search's ranked tiers): its columns, `orderBy`'s order. */
export type Page = { where: Prisma.Sql; orderBy: Prisma.Sql; skip: number; take: number; extraColumns?: Prisma.Sql; rows?: Prisma.Sql };
/** A page as JSON text, with how many rows it holds (for `Content-Range`). */
export type JsonPage = { count: number; json: string };

/*
 * Pages: the rows are chosen first (LIMIT / OFFSET over the bare table), then only they are turned into JSON, in that
 * order — json_agg reads its sorted subquery as it comes (no join or grouping between them to reorder it).
 * Conversations are chosen by id first: OFFSET then walks an index's entries (the sort keys with the id, index-only)
 * rather than every skipped row, and only the page's rows are read.
 */

/** A page of conversations: `where` and `orderBy` over `c` (filters.ts). */
export async function readConversations(prisma: SqlReader, actor: Actor, { where, orderBy, skip, take, extraColumns = Prisma.empty, rows }: Page) {
  const [page] = await prisma.$queryRaw<JsonPage[]>`
    SELECT count(*)::int AS count, coalesce(json_agg(row), '[]')::text AS json FROM (
      SELECT ${conversationColumns(actor)}${extraColumns}
      FROM (${rows ?? Prisma.sql`SELECT * FROM "Conversation" c WHERE c.id IN (SELECT c.id FROM "Conversation" c WHERE ${where} ORDER BY ${orderBy} LIMIT ${take} OFFSET ${skip})`}) c
      ORDER BY ${orderBy}
    ) row`;
  return page;
}

/** One conversation the actor may see (`where` over `c`), with its thread when asked; null when there is none. */
export async function readConversation(prisma: PrismaClient, actor: Actor, links: AttachmentLinks, where: Prisma.Sql, { messages = false } = {}) {
  const thread = messages
    ? Prisma.sql`, (
        SELECT coalesce(json_agg(row), '[]') FROM (
          SELECT ${messageColumns(actor, links)} FROM "Message" m
          WHERE m."conversationId" = c.id AND ${messageScopeSql(actor, "m")} ORDER BY m."createdAt", m.id
        ) row
      ) AS messages`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<{ json: string }[]>`
    SELECT row_to_json(row)::text AS json FROM (SELECT ${conversationColumns(actor)}${thread} FROM "Conversation" c WHERE ${where}) row`;
  return rows[0]?.json ?? null;
}

/** A page of messages the actor may see: `where` and `orderBy` over `m`; `scope`, the actor's scope as a search writes it. */
export async function readMessages(prisma: SqlReader, actor: Actor, links: AttachmentLinks, { where, orderBy, skip, take, extraColumns = Prisma.empty, scope = messageScopeSql(actor, "m") }: Page & { scope?: Prisma.Sql }) {
  const [page] = await prisma.$queryRaw<JsonPage[]>`
    SELECT count(*)::int AS count, coalesce(json_agg(row), '[]')::text AS json FROM (
      SELECT ${messageColumns(actor, links)}${extraColumns}
      FROM (SELECT * FROM "Message" m WHERE ${where} AND ${scope} ORDER BY ${orderBy} LIMIT ${take} OFFSET ${skip}) m
      ORDER BY ${orderBy}
    ) row`;
  return page;
}

/** One message the actor may see, or null. */
export async function readMessage(prisma: PrismaClient, actor: Actor, links: AttachmentLinks, id: number) {
  const rows = await prisma.$queryRaw<{ json: string }[]>`
    SELECT row_to_json(row)::text AS json FROM (
      SELECT ${messageColumns(actor, links)} FROM "Message" m WHERE m.id = ${id} AND ${messageScopeSql(actor, "m")}
    ) row`;
  return rows[0]?.json ?? null;
}
