import { Router } from "express";
import { z } from "zod";
import { actorOf } from "../auth/middleware.ts";
import { eventIdSchema } from "./bus.ts";
import type { EventHub } from "./hub.ts";

const streamHeaders = z.object({ "last-event-id": eventIdSchema.optional() });

/** `GET /messaging/events`: the Server-Sent Events stream of the signed-in user (mounted behind `authenticate`). */
export function eventsRoutes(hub: EventHub) {
  const router = Router();

  router.get("/events", (req, res) => {
    const actor = actorOf(res);
    const { "last-event-id": lastEventId } = streamHeaders.parse({ "last-event-id": req.get("last-event-id") || undefined });
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: proxies must not compress or rewrite it; X-Accel-Buffering: nginx must not hold it back.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);
    hub.open(actor, res, lastEventId);
  });

  return router;
}
