import { Router } from "express";
import { actorOf } from "../auth/middleware.ts";
import { messageScopeSql, messageSearchScopeSql } from "../access/policy.ts";
import { readMessage, readMessages } from "../conversations/present.ts";
import type { ConversationsService } from "../conversations/service.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { notFound } from "../http/errors.ts";
import { idParam, sendJson, setContentRange } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { z } from "zod";
import { messageSearchSql, SEARCH_TOTAL_BOUND } from "../search/plan.ts";
import { searchQuerySql } from "../search/query.ts";
import { messageSnippetColumnSql, withMessageSnippets } from "../search/snippets.ts";
import { listMessagesQuery, messageJsonSchema, type ListMessagesQuery, type MessageFilter } from "./schemas.ts";

/** `ORDER BY` for a sort over `m`, the id breaking ties in the same direction. */
const messageOrderSql = ({ field, order }: ListMessagesQuery["sort"]) => {
  const direction = order === "asc" ? "ASC" : "DESC";
  return Prisma.raw(`m."${field}" ${direction}, m.id ${direction}`);
};

/** The filter as SQL over `"Message" m` (the actor's scope is added by readMessages); `q` as messageSearchSql wrote it. */
function messageWhereSql(filter: MessageFilter, search?: Prisma.Sql): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.conversationId !== undefined) conditions.push(Prisma.sql`m."conversationId" = ${filter.conversationId}`);
  if (filter.id) conditions.push(Prisma.sql`m.id = ANY(${filter.id}::int[])`);
  if (search) conditions.push(search);
  return Prisma.join(conditions, " AND ");
}

/** Messages as a react-admin resource: `GET /messages?filter={"conversationId":…}` and getOne. */
export function messagesRoutes(prisma: PrismaClient, conversations: ConversationsService) {
  const router = Router();

  router.get("/messages", async (req, res) => {
    const actor = actorOf(res);
    const { filter, sort, range } = listMessagesQuery.parse(req.query);
    // Listing another pro's conversation answers 404, as its detail does.
    if (filter.conversationId !== undefined) await conversations.visible(actor, filter.conversationId);
    if (filter.q) {
      // A search: newest first unless a sort is asked, a total counted up to a bound.
      const search = await messageSearchSql(prisma, actor, filter.q);
      const where = messageWhereSql(filter, search.condition);
      const scope = messageSearchScopeSql(actor, "m");
      const orderBy = req.query.sort === undefined ? Prisma.sql`m.id DESC` : messageOrderSql(sort);
      // What the search already knows of the total holds only for a search of every message.
      const known = filter.conversationId === undefined && !filter.id ? search.total : undefined;
      const [total, page] = await Promise.all([
        known ?? prisma.$queryRaw<{ count: number }[]>`
          SELECT count(*)::int AS count FROM (SELECT 1 FROM "Message" m WHERE ${where} AND ${scope} LIMIT ${SEARCH_TOTAL_BOUND + 1}) s`.then(([row]) => row.count),
        readMessages(prisma, actor, conversations.links, { where, orderBy, ...range, scope, extraColumns: messageSnippetColumnSql(searchQuerySql(filter.q)) }),
      ]);
      setContentRange(res, "messages", range.skip, page.count, Math.max(total, range.skip + page.count));
      if (total > SEARCH_TOTAL_BOUND) res.setHeader("X-Total-Bound", String(SEARCH_TOTAL_BOUND));
      return sendJson(res, withMessageSnippets(page.json));
    }
    const where = messageWhereSql(filter);
    const [total, page] = await Promise.all([
      prisma.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM "Message" m WHERE ${where} AND ${messageScopeSql(actor, "m")}`.then(([row]) => row.count),
      readMessages(prisma, actor, conversations.links, { where, orderBy: messageOrderSql(sort), ...range }),
    ]);
    setContentRange(res, "messages", range.skip, page.count, total);
    sendJson(res, page.json);
  });

  router.get("/messages/:id", async (req, res) => {
    const { id } = idParam.parse(req.params);
    const json = await readMessage(prisma, actorOf(res), conversations.links, id);
    if (json === null) throw notFound("Message not found");
    sendJson(res, json);
  });

  return router;
}

export const messagesOperations: Operation[] = [
  {
    method: "get", path: "/api/messaging/messages", tag: "Messages", summary: "List messages",
    description: "Messages of the conversations the caller may see; with `conversationId` of another pro's, 404.",
    query: listMessagesQuery,
    responses: { 200: { description: "A page of messages", schema: z.array(messageJsonSchema), headers: { "Content-Range": "`messages <first>-<last>/<total>`" } } },
  },
  {
    method: "get", path: "/api/messaging/messages/:id", tag: "Messages", summary: "A message",
    responses: { 200: { description: "The message", schema: messageJsonSchema } },
  },
];
