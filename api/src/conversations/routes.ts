import { Router, type RequestHandler } from "express";
import { uploadsOf } from "../attachments/routes.ts";
import { actorOf, requireAdmin } from "../auth/middleware.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { idParam, sendJson, setContentRange } from "../http/simpleRest.ts";
import { exportConversationsCsv } from "./export.ts";
import type { Operation } from "../openapi/document.ts";
import { messageJsonSchema } from "../messages/schemas.ts";
import { z } from "zod";
import {
  conversationDetailJsonSchema,
  conversationJsonSchema,
  createConversationSchema,
  exportConversationsQuery,
  exportFormatQuery,
  listConversationsQuery,
  postMessageSchema,
  setStatusSchema,
  withFiles,
  unreadCountJsonSchema,
  updateConversationSchema,
} from "./schemas.ts";
import type { ConversationsService } from "./service.ts";
import { idempotent } from "../idempotency/middleware.ts";
import { idempotencyKeySchema } from "../idempotency/schemas.ts";
import { idempotencyStore } from "../idempotency/service.ts";
import { SEARCH_TOTAL_BOUND } from "../search/plan.ts";

/** `files`: the multipart parser in front of the two routes that post a message (attachments/routes.ts). */
export function conversationsRoutes(prisma: PrismaClient, conversations: ConversationsService, files: RequestHandler) {
  const router = Router();

  router.get("/conversations", async (req, res) => {
    const query = listConversationsQuery.parse(req.query);
    const { total, bounded, corrected, count, json } = await conversations.list(actorOf(res), query);
    setContentRange(res, "conversations", query.range.skip, count, total);
    // A search counts up to a bound: the total above is then a lower bound.
    if (bounded) res.setHeader("X-Total-Bound", String(SEARCH_TOTAL_BOUND));
    if (corrected) res.setHeader("X-Search-Corrected", encodeURIComponent(corrected));
    sendJson(res, json);
  });

  router.get("/conversations/export.csv", requireAdmin, async (req, res) => {
    const { format } = exportFormatQuery.parse(req.query);
    await exportConversationsCsv(prisma, actorOf(res), exportConversationsQuery.parse(req.query), res, format);
  });

  const once = idempotent(idempotencyStore(prisma));

  router.post("/conversations", files, once, async (req, res) => {
    const uploads = uploadsOf(req);
    const created = await conversations.create(actorOf(res), withFiles(createConversationSchema, uploads).parse(req.body), uploads);
    sendJson(res, created.json, 201);
  });

  router.get("/conversations/:id", async (req, res) => {
    sendJson(res, await conversations.detail(actorOf(res), idParam.parse(req.params).id));
  });

  router.put("/conversations/:id", requireAdmin, async (req, res) => {
    const { id } = idParam.parse(req.params);
    sendJson(res, await conversations.update(actorOf(res), id, updateConversationSchema.parse(req.body)));
  });

  router.post("/conversations/:id/messages", files, once, async (req, res) => {
    const { id } = idParam.parse(req.params);
    const uploads = uploadsOf(req);
    res.status(201).json(await conversations.postMessage(actorOf(res), id, withFiles(postMessageSchema, uploads).parse(req.body), uploads));
  });

  router.patch("/conversations/:id/read", async (req, res) => {
    res.json(await conversations.markRead(actorOf(res), idParam.parse(req.params).id));
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
  "X-Total-Bound": `With \`q\` only, when the search found more than ${SEARCH_TOTAL_BOUND} conversations: the total in Content-Range is then a lower bound`,
};

const idempotencyHeader = {
  "Idempotency-Key": { description: "Optional: the same key within 24 h answers the first answer without writing again", schema: idempotencyKeySchema },
};
const idempotencyAnswers = { 422: { description: "This Idempotency-Key was already used for another request" } };

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
    method: "post", path: "/api/messaging/conversations", tag: "Conversations", summary: "Start a conversation",
    description: "A pro starts one with the admins; an admin starts one with `professionalId` (an active pro).",
    body: createConversationSchema,
    multipart: true,
    headers: idempotencyHeader,
    responses: {
      201: { description: "The conversation and its first message", schema: conversationDetailJsonSchema },
      413: { description: "A file over ATTACHMENT_MAX_BYTES or more than ATTACHMENT_MAX_FILES: nothing stored" },
      415: { description: "A file of a type not accepted: nothing stored" },
      ...idempotencyAnswers,
    },
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
    method: "post", path: "/api/messaging/conversations/:id/messages", tag: "Conversations", summary: "Post a message",
    description: "Writing to a closed conversation reopens it. With `afterMessageId`, a reply that would ignore a newer message is refused (409).",
    body: postMessageSchema,
    multipart: true,
    headers: idempotencyHeader,
    responses: {
      201: { description: "The message as stored", schema: messageJsonSchema },
      413: { description: "A file over ATTACHMENT_MAX_BYTES (`file_too_large`) or more than ATTACHMENT_MAX_FILES (`too_many_files`): nothing stored" },
      415: { description: "A file of a type not accepted, named in the message (`unsupported_file_type`): nothing stored" },
      409: { description: "Someone wrote since `afterMessageId` (`{message, newMessages}`, nothing written), or the same Idempotency-Key is still being handled" },
      422: idempotencyAnswers[422],
    },
  },
  {
    method: "patch", path: "/api/messaging/conversations/:id/read", tag: "Conversations", summary: "Mark the other side's messages read",
    responses: { 200: { description: "The caller's unread count after marking", schema: unreadCountJsonSchema } },
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
