import type { Actor } from "../access/policy.ts";
import type { EventBus } from "../events/bus.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { notFound } from "../http/errors.ts";
import type { PresenceInput } from "./schemas.ts";

/** A presence lasts this long unless renewed: consoles renew it every few seconds, a closed tab simply stops. */
export const PRESENCE_TTL_MS = 15_000;

/**
 * Collision: which admins are on a ticket, and who is typing, told to the other admins through the event stream (and
 * so across processes through Redis). Nothing is stored: each announcement carries its expiry.
 */
export function presenceService(prisma: PrismaClient, events: EventBus, now = () => new Date()) {
  return {
    async announce(actor: Actor, conversationId: number, { state }: PresenceInput) {
      const conversation = await prisma.conversation.findUnique({ where: { id: conversationId }, select: { professionalId: true } });
      if (!conversation) throw notFound("Conversation not found");
      const expiresAt = new Date(now().getTime() + (state === "left" ? 0 : PRESENCE_TTL_MS)).toISOString();
      events.publish({
        type: "presence.changed",
        conversationId,
        professionalId: conversation.professionalId,
        adminsOnly: true,
        data: { admin: { id: actor.id, name: actor.name }, state, expiresAt },
      });
      return { expiresAt };
    },
  };
}
