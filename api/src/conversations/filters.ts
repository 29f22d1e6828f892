import type { Actor } from "../access/policy.ts";
import { conversationScope, conversationScopeSql, unreadCounterOf } from "../access/policy.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { ConversationFilter } from "./schemas.ts";

/** The list's filters, always inside what the actor may see. Shared by the list and the CSV export. */
export function conversationWhere(actor: Actor, filter: Partial<ConversationFilter>): Prisma.ConversationWhereInput {
  const lastMessageAt =
    filter.lastMessageAt_gte || filter.lastMessageAt_lte
      ? { gte: filter.lastMessageAt_gte, lte: filter.lastMessageAt_lte }
      : undefined;
  return {
    AND: [
      conversationScope(actor),
      {
        status: filter.status,
        professionalId: filter.professionalId,
        id: filter.id ? { in: filter.id } : undefined,
        lastMessageAt,
        ...(filter.unreadOnly && { [unreadCounterOf(actor)]: { gt: 0 } }),
      },
      filter.q
        ? {
            OR: [
              { subject: { contains: filter.q, mode: "insensitive" } },
              { messages: { some: { content: { contains: filter.q, mode: "insensitive" } } } },
            ],
          }
        : {},
    ],
  };
}

export function conversationOrder(sort: { field: string; order: "asc" | "desc" }) {
  return [{ [sort.field]: sort.order }, { id: sort.order }] satisfies Prisma.ConversationOrderByWithRelationInput[];
}

/**
 * The same filter as SQL over `"Conversation" c`, for the CSV export (which reads at the database's pace, outside
 * Prisma's row mapping). A test checks that both translations select the same rows.
 */
export function conversationWhereSql(actor: Actor, filter: Partial<ConversationFilter>): Prisma.Sql {
  const conditions: Prisma.Sql[] = [conversationScopeSql(actor, "c")];
  if (filter.status) conditions.push(Prisma.sql`c.status = ${filter.status}::"ConversationStatus"`);
  if (filter.professionalId !== undefined) conditions.push(Prisma.sql`c."professionalId" = ${filter.professionalId}`);
  if (filter.id) conditions.push(Prisma.sql`c.id = ANY(${filter.id}::int[])`);
  if (filter.lastMessageAt_gte) conditions.push(Prisma.sql`c."lastMessageAt" >= ${filter.lastMessageAt_gte.toISOString()}::timestamptz AT TIME ZONE 'UTC'`);
  if (filter.lastMessageAt_lte) conditions.push(Prisma.sql`c."lastMessageAt" <= ${filter.lastMessageAt_lte.toISOString()}::timestamptz AT TIME ZONE 'UTC'`);
  if (filter.unreadOnly) conditions.push(Prisma.sql`c.${Prisma.raw(`"${unreadCounterOf(actor)}"`)} > 0`);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(
      Prisma.sql`(c.subject ILIKE ${pattern} OR EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND m.content ILIKE ${pattern}))`,
    );
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
} as const;
