import { Router } from "express";
import { z } from "zod";
import { isAdmin, type Actor } from "../access/policy.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { actorOf } from "../http/actor.ts";
import { sendJson } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { anyWordQuerySql } from "../search/query.ts";
import { conversationJsonSchema, suggestionsQuery, type SuggestionsQuery } from "./schemas.ts";
import { matchColumnSql, withSnippets } from "../search/snippets.ts";
import { conversationWhereSql } from "./filters.ts";
import { readConversations } from "./present.ts";

const SUGGESTIONS = 3;

/**
 * The open conversations (the pro's own; for an admin, those of `professionalId`) whose subject shares words with a
 * subject being typed, best first: "Vous avez déjà une conversation ouverte à ce sujet". JSON text of list rows.
 */
export async function suggestedConversations(prisma: PrismaClient, actor: Actor, { subject, professionalId }: SuggestionsQuery): Promise<string> {
  const query = anyWordQuerySql(subject);
  if (!query || (isAdmin(actor) && professionalId === undefined)) return "[]";
  const where = Prisma.sql`${conversationWhereSql(actor, { status: "open", ...(isAdmin(actor) && { professionalId }) })} AND c."subjectVector" @@ ${query}`;
  const orderBy = Prisma.sql`ts_rank(c."subjectVector", ${query}) DESC, c."lastMessageAt" DESC, c.id DESC`;
  const page = await readConversations(prisma, actor, { where, orderBy, skip: 0, take: SUGGESTIONS, extraColumns: matchColumnSql(actor, query) });
  return withSnippets(page.json);
}

/** `/search`: what the list's `q` does not cover (the list itself searches with `filter={"q":…}`). */
export function suggestionsRoutes(prisma: PrismaClient) {
  const router = Router();
  router.get("/suggestions", async (req, res) => {
    sendJson(res, await suggestedConversations(prisma, actorOf(res), suggestionsQuery.parse(req.query)));
  });
  return router;
}

export const suggestionsOperations: Operation[] = [
  {
    method: "get", path: "/api/search/suggestions", tag: "Search", summary: "Open conversations about a subject being typed",
    description:
      "For the new-conversation form: up to 3 open conversations whose subject shares a word with `subject` (the last " +
      "word as a prefix), best first, each with `match`. A pro's own only; an admin's for `professionalId` (none without it).",
    query: suggestionsQuery,
    responses: { 200: { description: "Up to 3 conversations", schema: z.array(conversationJsonSchema) } },
  },
];
