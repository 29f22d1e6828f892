import { Router } from "express";
import { z } from "zod";
import { actorOf } from "../auth/middleware.ts";
import { conversationJsonSchema } from "../conversations/schemas.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { sendJson } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { suggestionsQuery } from "./schemas.ts";
import { searchService } from "./service.ts";

/** `/search`: what the list's `q` does not cover (the list itself searches with `filter={"q":…}`). */
export function searchRoutes(prisma: PrismaClient) {
  const router = Router();
  const search = searchService(prisma);

  router.get("/suggestions", async (req, res) => {
    sendJson(res, await search.suggestions(actorOf(res), suggestionsQuery.parse(req.query)));
  });

  return router;
}

export const searchOperations: Operation[] = [
  {
    method: "get", path: "/api/search/suggestions", tag: "Search", summary: "Open conversations about a subject being typed",
    description:
      "For the new-conversation form: up to 3 open conversations whose subject shares a word with `subject` (the last " +
      "word as a prefix), best first, each with `match`. A pro's own only; an admin's for `professionalId` (none without it).",
    query: suggestionsQuery,
    responses: { 200: { description: "Up to 3 conversations", schema: z.array(conversationJsonSchema) } },
  },
];
