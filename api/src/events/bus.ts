import { randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * What happened in the messaging domain, published after the transaction commits.
 * `professionalId` says whose conversation it is: the only pro allowed to receive it.
 * `unreadChangedFor` says whose unread count the event changed (the receiving side of a message, the reader of a read).
 */
export const messagingEventSchema = z.object({
  /** `presence.changed`: an admin views or types on a ticket (presence/); admins only, and it changes no data. */
  type: z.enum(["message.created", "conversation.updated", "presence.changed"]),
  conversationId: z.number().int(),
  professionalId: z.number().int(),
  unreadChangedFor: z.enum(["ADMIN", "PROFESSIONAL"]).optional(),
  /** For admins only (a note, a change only admins see): the pro never receives it (access/policy.ts). */
  adminsOnly: z.boolean().optional(),
  data: z.record(z.string(), z.unknown()),
});
export type MessagingEvent = z.infer<typeof messagingEventSchema>;

/**
 * An account changed (deactivated, renamed, role changed): every process drops what it remembers of the user and,
 * when he may no longer sign in, closes his event streams. Never sent to clients.
 */
export const accountEventSchema = z.object({
  type: z.literal("account.changed"),
  userId: z.number().int(),
  active: z.boolean(),
});
export type AccountEvent = z.infer<typeof accountEventSchema>;

export const busEventSchema = z.union([messagingEventSchema, accountEventSchema]);
export type BusEvent = z.infer<typeof busEventSchema>;
export const isAccountEvent = (event: BusEvent): event is AccountEvent => event.type === "account.changed";
/** Whether an event may change what is stored (a presence never does: caches keep what they hold). */
export const changesData = (event: BusEvent): event is MessagingEvent => event.type !== "account.changed" && event.type !== "presence.changed";

/**
 * Where an event stands in the one sequence every process sees: `seq` grows by one per event within an `epoch`.
 * A new epoch (a restarted process without Redis, a Redis that lost its counter) makes older ids unknown.
 */
export type EventId = { epoch: string; seq: number };

const eventIdPattern = /^([0-9a-z]{1,24})-(\d{1,15})$/;
export const formatEventId = ({ epoch, seq }: EventId) => `${epoch}-${seq}`;
export const eventIdSchema = z
  .string()
  .regex(eventIdPattern, "an event id as sent in a frame's id: field")
  .transform((value): EventId => {
    const [, epoch, seq] = eventIdPattern.exec(value) ?? [];
    return { epoch, seq: Number(seq) };
  });

/** An epoch nobody else has: the time in base 36 plus a little randomness. */
export const newEpoch = () => `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;

/**
 * What subscribers receive, in the order of the global sequence:
 * - an event with its id, or with `id: null` when it could only be delivered inside this process (Redis unreachable);
 * - `reset` when events may have been lost (the Redis connection came back): clients must reload what they show.
 */
export type Delivery = { kind: "event"; id: EventId | null; event: BusEvent } | { kind: "reset" };
export type DeliveryListener = (delivery: Delivery) => void;

export interface EventBus {
  publish(event: BusEvent): void;
  subscribe(listener: DeliveryListener): () => void;
  close(): Promise<void>;
}

/** Calls every listener; one that throws is reported and does not stop the others (nor the publisher). */
export function listeners(onError: (error: unknown) => void) {
  const set = new Set<DeliveryListener>();
  return {
    add(listener: DeliveryListener) {
      set.add(listener);
      return () => void set.delete(listener);
    },
    deliver(delivery: Delivery) {
      for (const listener of set) {
        try {
          listener(delivery);
        } catch (error) {
          onError(error);
        }
      }
    },
    clear: () => set.clear(),
  };
}

/** One process: events stay in memory, numbered in publication order. */
export function inProcessBus(onError = (error: unknown) => console.error("event subscriber failed", error)): EventBus {
  const subscribers = listeners(onError);
  const epoch = newEpoch();
  let seq = 0;
  return {
    publish: (event) => subscribers.deliver({ kind: "event", id: { epoch, seq: ++seq }, event }),
    subscribe: (listener) => subscribers.add(listener),
    close: async () => subscribers.clear(),
  };
}
