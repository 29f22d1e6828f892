import { Router } from "express";
import { z } from "zod";
import { actorOf } from "../http/actor.ts";
import { eventIdSchema } from "./bus.ts";
import type { EventHub } from "./hub.ts";
import type { Operation } from "../openapi/document.ts";

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

export const eventsOperations: Operation[] = [
  {
    method: "get", path: "/api/messaging/events", tag: "Events", summary: "Live updates (Server-Sent Events)",
    description:
      "Events `message.created`, `conversation.updated`, `unread.changed` and `resync` (reload: events may have been missed), each with an id; " +
      "reconnecting with `Last-Event-ID` replays what was missed. A pro receives only his own conversations' events. " +
      "At most SSE_MAX_STREAMS_PER_USER streams per user (the oldest is closed); a deactivated user's streams end.",
    headers: { "Last-Event-ID": { description: "The id of the last event received", schema: eventIdSchema } },
    responses: {
      200: { description: "An event stream that stays open", contentType: "text/event-stream", schema: z.string() },
      400: { description: "A `Last-Event-ID` that is not an event id as the stream sends them" },
    },
  },
];
