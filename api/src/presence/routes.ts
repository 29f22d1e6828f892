import { Router } from "express";
import { z } from "zod";
import { actorOf, requireAdmin } from "../http/actor.ts";
import type { EventBus } from "../events/bus.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { idParam } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { presenceSchema } from "./schemas.ts";
import { presenceService } from "./service.ts";

/** `POST /messaging/conversations/:id/presence`: an admin says he is on a ticket (admins only). */
export function presenceRoutes(prisma: PrismaClient, events: EventBus) {
  const router = Router();
  const presence = presenceService(prisma, events);

  router.post("/conversations/:id/presence", requireAdmin, async (req, res) => {
    const { id } = idParam.parse(req.params);
    res.json(await presence.announce(actorOf(res), id, presenceSchema.parse(req.body)));
  });

  return router;
}

export const presenceOperations: Operation[] = [
  {
    method: "post", path: "/api/messaging/conversations/:id/presence", tag: "Conversations", summary: "Say that you are on a ticket", access: "admin",
    description:
      "Other admins receive `presence.changed` {admin: {id, name}, state, expiresAt} on their event stream (never a pro). " +
      "Renew it every few seconds while the ticket is open; it expires by itself 15 s after the last call, or at once with `left`.",
    body: presenceSchema,
    responses: { 200: { description: "When this presence expires", schema: z.object({ expiresAt: z.iso.datetime() }) } },
  },
];
