import { Router } from "express";
import { actorOf } from "../auth/middleware.ts";
import { messageScopeSql } from "../access/policy.ts";
import { readMessage, readMessages } from "../conversations/present.ts";
import type { ConversationsService } from "../conversations/service.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { notFound } from "../http/errors.ts";
import { idParam, sendJson, setContentRange } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { z } from "zod";
import { searchQuerySql } from "../search/query.ts";
import { messageSnippetColumnSql, withMessageSnippets } from "../search/snippets.ts";
import { listMessagesQuery, messageJsonSchema, type MessageFilter } from "./schemas.ts";

/** The filter as SQL over `"Message" m` (the actor's scope is added by readMessages). */
function messageWhereSql(filter: MessageFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.conversationId !== undefined) conditions.push(Prisma.sql`m."conversationId" = ${filter.conversationId}`);
  if (filter.id) conditions.push(Prisma.sql`m.id = ANY(${filter.id}::int[])`);
  if (filter.q) conditions.push(Prisma.sql`m."searchVector" @@ ${searchQuerySql(filter.q)}`);
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
    const where = messageWhereSql(filter);
    const direction = sort.order === "asc" ? "ASC" : "DESC";
    const orderBy = Prisma.raw(`m."${sort.field}" ${direction}, m.id ${direction}`);
    const [total, page] = await Promise.all([
      prisma.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM "Message" m WHERE ${where} AND ${messageScopeSql(actor, "m")}`.then(([row]) => row.count),
      readMessages(prisma, actor, { where, orderBy, ...range, extraColumns: filter.q ? messageSnippetColumnSql(searchQuerySql(filter.q)) : undefined }),
    ]);
    setContentRange(res, "messages", range.skip, page.count, total);
    sendJson(res, filter.q ? withMessageSnippets(page.json) : page.json);
  });

  router.get("/messages/:id", async (req, res) => {
    const { id } = idParam.parse(req.params);
    const json = await readMessage(prisma, actorOf(res), id);
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
