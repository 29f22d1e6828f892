import { Router } from "express";
import { actorOf } from "../http/actor.ts";
import type { Clock } from "../clock.ts";
import type { EventBus } from "../events/bus.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { idParam } from "../http/simpleRest.ts";
import type { Operation } from "../openapi/document.ts";
import { rateSchema, ratingJsonSchema } from "./schemas.ts";
import { ratingsService } from "./service.ts";

/** `/messaging/conversations/:id/rating`: the pro's satisfaction with the answer, once the ticket is closed. */
export function ratingsRoutes(prisma: PrismaClient, events: EventBus, clock?: Clock) {
  const router = Router();
  const ratings = ratingsService(prisma, clock);

  router.post("/conversations/:id/rating", async (req, res) => {
    const { id } = idParam.parse(req.params);
    const actor = actorOf(res);
    const rating = await ratings.rate(actor, id, rateSchema.parse(req.body));
    // Whoever shows the ticket (an admin on it, the lists' Satisfaction column) sees it at once.
    events.publish({ type: "conversation.updated", conversationId: id, professionalId: actor.id, data: { rating } });
    res.status(201).json(rating);
  });

  return router;
}

export const ratingsOperations: Operation[] = [
  {
    method: "post", path: "/api/messaging/conversations/:id/rating", tag: "Conversations",
    summary: "Rate the answer (the conversation's own pro, once per closing)",
    body: rateSchema,
    responses: {
      201: { description: "The rating, now on the conversation", schema: ratingJsonSchema },
      403: { description: "Admins do not rate" },
      409: { description: "The conversation is open (not_closed), or this closing was already rated (already_rated)" },
    },
  },
];
