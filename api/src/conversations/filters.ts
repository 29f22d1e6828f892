import type { Actor } from "../access/policy.ts";
import { conversationScopeSql, unreadCounterOf } from "../access/policy.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { walkingPlan, type SearchPlan } from "../search/plan.ts";
import type { ConversationFilter } from "./schemas.ts";

/**
 * The list's filters as SQL over `"Conversation" c`, always inside what the actor may see. Shared by the list, its
 * total and the CSV export, which all read at the database's pace, outside Prisma's row mapping.
 */
export function conversationWhereSql(actor: Actor, filter: Partial<ConversationFilter>, search?: SearchPlan): Prisma.Sql {
  const conditions: Prisma.Sql[] = [conversationScopeSql(actor, "c")];
  if (filter.status) conditions.push(Prisma.sql`c.status = ${filter.status}::"ConversationStatus"`);
  if (filter.professionalId !== undefined) conditions.push(Prisma.sql`c."professionalId" = ${filter.professionalId}`);
  if (filter.id) conditions.push(Prisma.sql`c.id = ANY(${filter.id}::int[])`);
  if (filter.lastMessageAt_gte) conditions.push(Prisma.sql`c."lastMessageAt" >= ${filter.lastMessageAt_gte.toISOString()}::timestamptz AT TIME ZONE 'UTC'`);
  if (filter.lastMessageAt_lte) conditions.push(Prisma.sql`c."lastMessageAt" <= ${filter.lastMessageAt_lte.toISOString()}::timestamptz AT TIME ZONE 'UTC'`);
  if (filter.categoryId !== undefined) conditions.push(filter.categoryId === null ? Prisma.sql`c."categoryId" IS NULL` : Prisma.sql`c."categoryId" = ${filter.categoryId}`);
  if (filter.priority) conditions.push(Prisma.sql`c.priority = ${filter.priority}::"Priority"`);
  if (filter.adminId !== undefined) {
    const adminId = filter.adminId === "me" ? actor.id : filter.adminId === "none" ? null : filter.adminId;
    conditions.push(adminId === null ? Prisma.sql`c."adminId" IS NULL` : Prisma.sql`c."adminId" = ${adminId}`);
  }
  if (filter.assigned) conditions.push(filter.assigned === "me" ? Prisma.sql`c."adminId" = ${actor.id}` : Prisma.sql`c."adminId" IS NULL`);
  if (filter.waitingSince_lte) conditions.push(Prisma.sql`c."waitingSince" <= ${filter.waitingSince_lte.toISOString()}::timestamptz AT TIME ZONE 'UTC'`);
  if (filter.waitingOn) conditions.push(Prisma.sql`c."waitingOn" = ${filter.waitingOn}::"SenderType"`);
  if (filter.unreadOnly) conditions.push(Prisma.sql`c.${Prisma.raw(`"${unreadCounterOf(actor)}"`)} > 0`);
  if (filter.q) {
    // Full-text, in French and accent-insensitive, over the subject and the messages the actor may see (a pro's
    // search never looks at notes), through the GIN indexes of the generated tsvector columns (search/plan.ts).
    const { subject, messages } = search ?? walkingPlan(actor, filter.q);
    conditions.push(Prisma.sql`(${subject} OR ${messages})`);
  }
  return Prisma.join(conditions, " AND ");
}

/** Each sortable column's SQL type, for keyset comparisons against the last row of a batch (passed back as text). */
export const sortColumnTypes = {
  id: "int",
  subject: "text",
  status: '"ConversationStatus"',
  createdAt: "timestamp(3)",
  updatedAt: "timestamp(3)",
  lastMessageAt: "timestamp(3)",
  messageCount: "int",
  professionalId: "int",
  priority: '"Priority"',
  waitingSince: "timestamp(3)",
} as const;

/**
 * A sort column as a keyset compares it: nullable columns as `infinity` when NULL, which is where PostgreSQL's
 * default ordering puts NULLs (last ascending, first descending), so the comparison and the ORDER BY agree.
 */
export const sortKeySql = (field: keyof typeof sortColumnTypes) =>
  field === "waitingSince" ? `COALESCE(c."waitingSince", 'infinity'::timestamp)` : `c."${field}"`;

export type ConversationSort = { field: keyof typeof sortColumnTypes; order: "asc" | "desc" };

/** `ORDER BY` for a sort over `c`, the id breaking ties in the same direction (pages never overlap). */
export function conversationOrderSql({ field, order }: ConversationSort): Prisma.Sql {
  const direction = order === "asc" ? "ASC" : "DESC";
  return Prisma.raw(`c."${field}" ${direction}, c.id ${direction}`);
}
