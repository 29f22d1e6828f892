import type { Actor } from "../access/policy.ts";
import { conversationScope, unreadCounterOf } from "../access/policy.ts";
import type { Prisma } from "../generated/prisma/client.ts";
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
