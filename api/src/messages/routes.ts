import { Router } from "express";
import { messageScope } from "../access/policy.ts";
import { actorOf } from "../auth/middleware.ts";
import { messageInclude } from "../conversations/present.ts";
import type { ConversationsService } from "../conversations/service.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { notFound } from "../http/errors.ts";
import { idParam, setContentRange } from "../http/simpleRest.ts";
import { listMessagesQuery } from "./schemas.ts";

/** Messages as a react-admin resource: `GET /messages?filter={"conversationId":…}` and getOne. */
export function messagesRoutes(prisma: PrismaClient, conversations: ConversationsService) {
  const router = Router();

  router.get("/messages", async (req, res) => {
    const actor = actorOf(res);
    const { filter, sort, range } = listMessagesQuery.parse(req.query);
    // Listing another pro's conversation answers 404, as its detail does.
    if (filter.conversationId !== undefined) await conversations.visible(actor, filter.conversationId);
    const where = {
      AND: [messageScope(actor), { conversationId: filter.conversationId, id: filter.id ? { in: filter.id } : undefined }],
    };
    const [total, rows] = await prisma.$transaction([
      prisma.message.count({ where }),
      prisma.message.findMany({ where, include: messageInclude, orderBy: [{ [sort.field]: sort.order }, { id: sort.order }], ...range }),
    ]);
    setContentRange(res, "messages", range.skip, rows.length, total);
    res.json(rows);
  });

  router.get("/messages/:id", async (req, res) => {
    const { id } = idParam.parse(req.params);
    const message = await prisma.message.findFirst({ where: { id, ...messageScope(actorOf(res)) }, include: messageInclude });
    if (!message) throw notFound("Message not found");
    res.json(message);
  });

  return router;
}
