import { messageScopeSql, messageSearchScopeSql, type Actor } from "../access/policy.ts";
import { readMessage, readMessages } from "../conversations/present.ts";
import type { ConversationsService } from "../conversations/service.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { notFound } from "../http/errors.ts";
import { SEARCH_TOTAL_BOUND } from "../search/plan.ts";
import { searchQuerySql } from "../search/query.ts";
import { messageSnippetColumnSql, withMessageSnippets } from "../search/snippets.ts";
import type { ListMessagesQuery, MessageFilter } from "./schemas.ts";

/** `ORDER BY` for a sort over `m`, the id breaking ties in the same direction. */
const messageOrderSql = ({ field, order }: ListMessagesQuery["sort"]) => {
  const direction = order === "asc" ? "ASC" : "DESC";
  return Prisma.raw(`m."${field}" ${direction}, m.id ${direction}`);
};

/** The filter as SQL over `"Message" m` (the actor's scope is added by readMessages); `q` as the search planner wrote it. */
function messageWhereSql(filter: MessageFilter, search?: Prisma.Sql): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.conversationId !== undefined) conditions.push(Prisma.sql`m."conversationId" = ${filter.conversationId}`);
  if (filter.id) conditions.push(Prisma.sql`m.id = ANY(${filter.id}::int[])`);
  if (search) conditions.push(search);
  return Prisma.join(conditions, " AND ");
}

export type MessagePage = { total: number; bounded: boolean; count: number; json: string };

/**
 * Messages as a react-admin resource: a page of those the actor may see (a search: newest first unless a sort is
 * asked, its total counted up to a bound), and one by id.
 */
export function messageReads(prisma: PrismaClient, conversations: ConversationsService) {
  return {
    async list(actor: Actor, { filter, sort, range }: ListMessagesQuery, sorted: boolean): Promise<MessagePage> {
      // Listing another pro's conversation answers 404, as its detail does.
      if (filter.conversationId !== undefined) await conversations.visible(actor, filter.conversationId);
      if (!filter.q) {
        const where = messageWhereSql(filter);
        const [total, page] = await Promise.all([
          prisma.$queryRaw<{ count: number }[]>`
            SELECT count(*)::int AS count FROM "Message" m WHERE ${where} AND ${messageScopeSql(actor, "m")}`.then(([row]) => row.count),
          readMessages(prisma, actor, conversations.links, { where, orderBy: messageOrderSql(sort), ...range }),
        ]);
        return { total, bounded: false, ...page };
      }
      const search = await conversations.planMessageSearch(actor, filter.q);
      const where = messageWhereSql(filter, search.condition);
      const scope = messageSearchScopeSql(actor, "m");
      const orderBy = sorted ? messageOrderSql(sort) : Prisma.sql`m.id DESC`;
      // What the search already knows of the total holds only for a search of every message.
      const known = filter.conversationId === undefined && !filter.id ? search.total : undefined;
      const [total, page] = await Promise.all([
        known ?? conversations.search.timed.$queryRaw<{ count: number }[]>`
          SELECT count(*)::int AS count FROM (SELECT 1 FROM "Message" m WHERE ${where} AND ${scope} LIMIT ${SEARCH_TOTAL_BOUND + 1}) s`.then(([row]) => row.count),
        readMessages(conversations.search.timed, actor, conversations.links, { where, orderBy, ...range, scope, extraColumns: messageSnippetColumnSql(searchQuerySql(filter.q)) }),
      ]);
      return { total: Math.max(total, range.skip + page.count), bounded: total > SEARCH_TOTAL_BOUND, count: page.count, json: withMessageSnippets(page.json) };
    },

    async one(actor: Actor, id: number): Promise<string> {
      const json = await readMessage(prisma, actor, conversations.links, id);
      if (json === null) throw notFound("Message not found");
      return json;
    },
  };
}
