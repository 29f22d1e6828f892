import { Router } from "express";
import { actorOf, requireAdmin } from "../auth/middleware.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { idParam, setContentRange } from "../http/simpleRest.ts";
import { exportConversationsCsv } from "./export.ts";
import {
  createConversationSchema,
  exportConversationsQuery,
  listConversationsQuery,
  postMessageSchema,
  setStatusSchema,
  updateConversationSchema,
} from "./schemas.ts";
import type { ConversationsService } from "./service.ts";

export function conversationsRoutes(prisma: PrismaClient, conversations: ConversationsService) {
  const router = Router();

  router.get("/conversations", async (req, res) => {
    const query = listConversationsQuery.parse(req.query);
    const { total, rows } = await conversations.list(actorOf(res), query);
    setContentRange(res, "conversations", query.range.skip, rows.length, total);
    res.json(rows);
  });

  router.get("/conversations/export.csv", requireAdmin, async (req, res) => {
    await exportConversationsCsv(prisma, actorOf(res), exportConversationsQuery.parse(req.query), res);
  });

  router.post("/conversations", async (req, res) => {
    res.status(201).json(await conversations.create(actorOf(res), createConversationSchema.parse(req.body)));
  });

  router.get("/conversations/:id", async (req, res) => {
    res.json(await conversations.detail(actorOf(res), idParam.parse(req.params).id));
  });

  router.put("/conversations/:id", requireAdmin, async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await conversations.update(actorOf(res), id, updateConversationSchema.parse(req.body)));
  });

  router.post("/conversations/:id/messages", async (req, res) => {
    const { id } = idParam.parse(req.params);
    const { content } = postMessageSchema.parse(req.body);
    res.status(201).json(await conversations.postMessage(actorOf(res), id, content));
  });

  router.patch("/conversations/:id/read", async (req, res) => {
    res.json(await conversations.markRead(actorOf(res), idParam.parse(req.params).id));
  });

  router.patch("/conversations/:id/status", async (req, res) => {
    const { id } = idParam.parse(req.params);
    const { status } = setStatusSchema.parse(req.body);
    res.json(await conversations.setStatus(actorOf(res), id, status));
  });

  router.get("/unread-count", async (_req, res) => {
    res.json({ count: await conversations.unreadCount(actorOf(res)) });
  });

  return router;
}
