import { conversationScopeSql, type Actor } from "../access/policy.ts";
import { nowSql, type Clock } from "../clock.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { ConversationStatus, Priority } from "../generated/prisma/enums.ts";
import { retriagedRecordsSql, statusChangeRecordSql } from "../stats/records.ts";

/**
 * A ticket's own changes as one statement under its row lock (as messages/statements.ts writes messages): status,
 * subject, category, priority, assignee — by an admin or pro, one by one or in bulk, and the automatic close.
 */

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
 * Who changes a ticket: a signed-in user (within his scope), or the automatic close — which closes only while `due`
 * (a condition on the ticket's row) still holds once the lock is taken.
 */
export type ChangedBy = Actor | { auto: true; due: Prisma.Sql };

/**
 * Changes what was sent of status, subject, category, priority and assignee (undefined: unchanged; null: none).
 * `closedAt` follows a real change of status only; closing clears whose turn it is, reopening restores it from the
 * last public message. Answers the row, or null.
 */
export async function updateConversationRow(prisma: PrismaClient, by: ChangedBy, id: number, changes: ConversationChanges, clock?: Clock) {
  const now = nowSql(clock);
  const auto = "auto" in by;
  const closedBy = auto ? "auto" : by.role === "ADMIN" ? "admin" : "professional";
  const userId = auto ? null : by.id;
  const where = auto ? by.due : conversationScopeSql(by);
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
      "closedBy" = CASE WHEN ${status}::text = status::text THEN "closedBy" WHEN ${status}::text = 'closed' THEN ${closedBy} ELSE NULL END,
      status = ${status}::"ConversationStatus",
      "waitingOn" = CASE WHEN ${status}::text = 'closed' THEN NULL
        ELSE (CASE "lastMessageSenderType" WHEN 'PROFESSIONAL' THEN 'ADMIN' ELSE 'PROFESSIONAL' END)::"SenderType" END,
      "waitingSince" = CASE WHEN ${status}::text = 'closed' THEN NULL ELSE "turnStartedAt" END`);
  }
  const retriaged = changes.categoryId !== undefined || changes.priority !== undefined;
  const changed = statusChangeRecordSql("changed", Prisma.sql`
    SELECT u.id, u.status, ${userId}::int, u."categoryId", u.priority, u."updatedAt" FROM updated u, previous p WHERE u.status <> p.status`);
  const rows = await prisma.$queryRaw<UpdatedConversation[]>`
    WITH previous AS (
      SELECT id, status, subject, "categoryId", "adminId" FROM "Conversation" WHERE id = ${id} AND ${where} FOR UPDATE
    ), updated AS (
      UPDATE "Conversation" SET ${Prisma.join(set, ", ")}
      WHERE id = (SELECT id FROM previous)
      RETURNING id, "professionalId", status, subject, "categoryId", priority, "adminId", "updatedAt"
    ), ${changed}${retriaged ? Prisma.sql`, ${retriagedRecordsSql("updated")}` : Prisma.empty}
    SELECT id, "professionalId", status::text AS status, subject, "categoryId", priority::text AS priority, "adminId",
      (SELECT json_build_object('status', p.status, 'subject', p.subject, 'categoryId', p."categoryId", 'adminId', p."adminId") FROM previous p) AS previous
    FROM updated`;
  return rows[0] ?? null;
}
