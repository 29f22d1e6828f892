import { Router } from "express";
import { actorOf, requireAdmin } from "../http/actor.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { idParam, sendJson, setContentRange } from "../http/simpleRest.ts";
import { exportConversationsCsv } from "./export.ts";
import type { Operation } from "../openapi/document.ts";
import { z } from "zod";
import {
  conversationDetailJsonSchema,
  conversationJsonSchema,
  exportConversationsQuery,
  exportFormatQuery,
  listConversationsQuery,
  setStatusSchema,
  unreadCountJsonSchema,
  updateConversationSchema,
} from "./schemas.ts";
import type { ConversationsService } from "./service.ts";
import { SEARCH_TOTAL_BOUND } from "../search/plan.ts";

/** Conversations as tickets: lists, export, detail, changes and the badge (messages/routes.ts writes messages). */
export function conversationsRoutes(prisma: PrismaClient, conversations: ConversationsService) {
  const router = Router();

  router.get("/conversations", async (req, res) => {
    const query = listConversationsQuery.parse(req.query);
    const { total, bounded, corrected, suggested, count, json } = await conversations.list(actorOf(res), query);
    setContentRange(res, "conversations", query.range.skip, count, total);
    // A search counts up to a bound: the total above is then a lower bound.
    if (bounded) res.setHeader("X-Total-Bound", String(SEARCH_TOTAL_BOUND));
    if (corrected) res.setHeader("X-Search-Corrected", encodeURIComponent(corrected));
    if (suggested) res.setHeader("X-Search-Suggested", encodeURIComponent(suggested));
    sendJson(res, json);
  });

  router.get("/conversations/export.csv", requireAdmin, async (req, res) => {
    const { format } = exportFormatQuery.parse(req.query);
    await exportConversationsCsv(prisma, actorOf(res), exportConversationsQuery.parse(req.query), res, format);
  });

  router.get("/conversations/:id", async (req, res) => {
    sendJson(res, await conversations.detail(actorOf(res), idParam.parse(req.params).id));
  });

  router.put("/conversations/:id", requireAdmin, async (req, res) => {
    const { id } = idParam.parse(req.params);
    sendJson(res, await conversations.update(actorOf(res), id, updateConversationSchema.parse(req.body)));
  });

  router.patch("/conversations/:id/status", async (req, res) => {
    const { id } = idParam.parse(req.params);
    const { status } = setStatusSchema.parse(req.body);
    sendJson(res, await conversations.setStatus(actorOf(res), id, status));
  });

  router.get("/unread-count", async (_req, res) => {
    res.json({ count: await conversations.unreadCount(actorOf(res)) });
  });

  return router;
}

const contentRange = {
  "Content-Range": "`conversations <first>-<last>/<total>` (ra-data-simple-rest reads the total there)",
  "X-Search-Corrected": "With `q` only, when it found nothing and a corrected spelling did: the search that was run instead (URI-encoded)",
  "X-Search-Suggested": "With `q` only, when it found nothing and a close word (not a typo's correction) would find something: that search, offered, not run (URI-encoded)",
  "X-Total-Bound": `With \`q\` only, when the search found more than ${SEARCH_TOTAL_BOUND} conversations: the total in Content-Range is then a lower bound`,
};

export const conversationsOperations: Operation[] = [
  {
    method: "get", path: "/api/messaging/conversations", tag: "Conversations", summary: "List conversations",
    description: "A pro sees his own, admins see all. Default sort: last activity, newest first. The total is exact (cached per view until a write changes it).",
    query: listConversationsQuery,
    responses: { 200: { description: "A page of conversations", schema: z.array(conversationJsonSchema), headers: contentRange } },
  },
  {
    method: "get", path: "/api/messaging/conversations/export.csv", tag: "Conversations", summary: "Export conversations as CSV", access: "admin",
    description:
      "Every conversation matching the list's filter, in its sort order, as it stood when the export began (UTF-8 with BOM). " +
      '`format=excel-fr`: for French Excel — `;` separator, French headers and values, dates "DD/MM/YYYY HH:MM" in Europe/Paris.',
    query: exportConversationsQuery,
    responses: { 200: { description: "CSV, one line per conversation", contentType: "text/csv", schema: z.string() } },
  },
  {
    method: "get", path: "/api/messaging/conversations/:id", tag: "Conversations", summary: "A conversation and its messages",
    responses: { 200: { description: "The conversation with its messages, oldest first", schema: conversationDetailJsonSchema } },
  },
  {
    method: "put", path: "/api/messaging/conversations/:id", tag: "Conversations", summary: "Change a conversation", access: "admin",
    description: "Partial: only the fields sent change; other fields of a full record are ignored.",
    body: updateConversationSchema,
    responses: { 200: { description: "The conversation as changed", schema: conversationJsonSchema } },
  },
  {
    method: "patch", path: "/api/messaging/conversations/:id/status", tag: "Conversations", summary: "Open or close a conversation",
    body: setStatusSchema,
    responses: { 200: { description: "The conversation as changed", schema: conversationJsonSchema } },
  },
  {
    method: "get", path: "/api/messaging/unread-count", tag: "Conversations", summary: "The caller's unread badge",
    responses: { 200: { description: "Messages of the other side the caller has not read", schema: unreadCountJsonSchema } },
  },
];
