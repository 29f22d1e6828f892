import { Prisma } from "../generated/prisma/client.ts";

/**
 * What the statistics record of each write, as fragments of the write's own statement (a `WITH` entry each): the
 * write and its record commit together or not at all, and the statistics read these tables alone.
 */

/**
 * A public admin reply (`Reply`): `select` yields, in this order, the conversation, the message, the admin, the
 * ticket's category and priority, when the pro's wait began (null when he was not waiting) and when it was answered.
 */
export const replyRecordSql = (name: string, select: Prisma.Sql) => Prisma.sql`${Prisma.raw(name)} AS (
  INSERT INTO "Reply" ("conversationId", "messageId", "adminId", "categoryId", priority, "waitingSince", "repliedAt")
  ${select}
)`;

/**
 * A real change of status (`StatusChange`): `select` yields, in this order, the conversation, the new status, who
 * changed it (null for the automatic close), the ticket's category and priority, and when.
 */
export const statusChangeRecordSql = (name: string, select: Prisma.Sql) => Prisma.sql`${Prisma.raw(name)} AS (
  INSERT INTO "StatusChange" ("conversationId", status, "userId", "categoryId", priority, "changedAt")
  ${select}
)`;

/**
 * A ticket re-triaged: its replies and closings count from now on under its category and priority as they are now.
 * `updated` names the entry that returns the conversation's `id`, `categoryId` and `priority`.
 */
export const retriagedRecordsSql = (updated: string) => {
  const from = Prisma.raw(updated);
  return Prisma.sql`replies AS (
    UPDATE "Reply" r SET "categoryId" = u."categoryId", priority = u.priority FROM ${from} u WHERE r."conversationId" = u.id
  ), changes AS (
    UPDATE "StatusChange" s SET "categoryId" = u."categoryId", priority = u.priority FROM ${from} u WHERE s."conversationId" = u.id
  )`;
};
