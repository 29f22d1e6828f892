import { Router, type RequestHandler } from "express";
import { z } from "zod";
import { uploadsOf } from "../attachments/routes.ts";
import { conversationDetailJsonSchema, messageJsonSchema, unreadCountJsonSchema } from "../conversations/schemas.ts";
import type { ConversationsService } from "../conversations/service.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { actorOf } from "../http/actor.ts";
import { idParam, sendJson, setContentRange } from "../http/simpleRest.ts";
import { idempotent } from "../idempotency/middleware.ts";
import { idempotencyKeySchema } from "../idempotency/schemas.ts";
import { idempotencyStore } from "../idempotency/service.ts";
import type { Operation } from "../openapi/document.ts";
import { SEARCH_TOTAL_BOUND } from "../search/plan.ts";
import { messageReads } from "./list.ts";
import { createConversationSchema, listMessagesQuery, postMessageSchema, withFiles } from "./schemas.ts";
import type { MessagesService } from "./service.ts";

/**
 * What writes or reads messages: a new conversation (its first message), a message or note, the read mark, and
 * messages as a react-admin resource. `files`: the multipart parser in front of the two routes that post a message.
 */
export function messagesRoutes(prisma: PrismaClient, conversations: ConversationsService, messages: MessagesService, files: RequestHandler) {
  const router = Router();
  const reads = messageReads(prisma, conversations);
  const once = idempotent(idempotencyStore(prisma));

  router.post("/conversations", files, once, async (req, res) => {
    const uploads = uploadsOf(req);
    const created = await messages.create(actorOf(res), withFiles(createConversationSchema, uploads).parse(req.body), uploads);
    sendJson(res, created.json, 201);
  });

  router.post("/conversations/:id/messages", files, once, async (req, res) => {
    const { id } = idParam.parse(req.params);
    const uploads = uploadsOf(req);
    res.status(201).json(await messages.post(actorOf(res), id, withFiles(postMessageSchema, uploads).parse(req.body), uploads));
  });

  router.patch("/conversations/:id/read", async (req, res) => {
    res.json(await messages.markRead(actorOf(res), idParam.parse(req.params).id));
  });

  router.get("/messages", async (req, res) => {
    const query = listMessagesQuery.parse(req.query);
    const page = await reads.list(actorOf(res), query, req.query.sort !== undefined);
    setContentRange(res, "messages", query.range.skip, page.count, page.total);
    if (page.bounded) res.setHeader("X-Total-Bound", String(SEARCH_TOTAL_BOUND));
    sendJson(res, page.json);
  });

  router.get("/messages/:id", async (req, res) => {
    sendJson(res, await reads.one(actorOf(res), idParam.parse(req.params).id));
  });

  return router;
}

const idempotencyHeader = {
  "Idempotency-Key": { description: "Optional: the same key within 24 h answers the first answer without writing again", schema: idempotencyKeySchema },
};
const reusedKey = { 422: { description: "This Idempotency-Key was already used for another request" } };

export const messagesOperations: Operation[] = [
  {
    method: "post", path: "/api/messaging/conversations", tag: "Conversations", summary: "Start a conversation",
    description: "A pro starts one with the admins; an admin starts one with `professionalId` (an active pro). Unknown fields answer 400.",
    body: createConversationSchema,
    multipart: true,
    headers: idempotencyHeader,
    responses: {
      201: { description: "The conversation and its first message", schema: conversationDetailJsonSchema },
      413: { description: "A file over ATTACHMENT_MAX_BYTES or more than ATTACHMENT_MAX_FILES: nothing stored" },
      415: { description: "A file of a type not accepted: nothing stored" },
      ...reusedKey,
    },
  },
  {
    method: "post", path: "/api/messaging/conversations/:id/messages", tag: "Conversations", summary: "Post a message",
    description: "Writing to a closed conversation reopens it. With `afterMessageId`, a reply that would ignore a newer message is refused (409). Unknown fields answer 400.",
    body: postMessageSchema,
    multipart: true,
    headers: idempotencyHeader,
    responses: {
      201: { description: "The message as stored", schema: messageJsonSchema },
      413: { description: "A file over ATTACHMENT_MAX_BYTES (`file_too_large`) or more than ATTACHMENT_MAX_FILES (`too_many_files`): nothing stored" },
      415: { description: "A file of a type not accepted, named in the message (`unsupported_file_type`): nothing stored" },
      409: { description: "Someone wrote since `afterMessageId` (`{message, newMessages}`, nothing written), or the same Idempotency-Key is still being handled" },
      ...reusedKey,
    },
  },
  {
    method: "patch", path: "/api/messaging/conversations/:id/read", tag: "Conversations", summary: "Mark the other side's messages read",
    responses: { 200: { description: "The caller's unread count after marking", schema: unreadCountJsonSchema } },
  },
  {
    method: "get", path: "/api/messaging/messages", tag: "Messages", summary: "List messages",
    description: "Messages of the conversations the caller may see; with `conversationId` of another pro's, 404.",
    query: listMessagesQuery,
    responses: {
      200: { description: "A page of messages", schema: z.array(messageJsonSchema), headers: { "Content-Range": "`messages <first>-<last>/<total>`" } },
      404: { description: "`conversationId` names no conversation the caller may see (another pro's, as a missing one)" },
    },
  },
  {
    method: "get", path: "/api/messaging/messages/:id", tag: "Messages", summary: "A message",
    responses: { 200: { description: "The message", schema: messageJsonSchema } },
  },
];
