import type { ServerResponse } from "node:http";
import type { Logger } from "pino";
import { canReceive, isAdmin, professionalEventData, unreadAudience, unreadAudienceOf, type Actor } from "../access/policy.ts";
import { formatEventId, isAccountEvent, type BusEvent, type Delivery, type EventBus, type EventId } from "./bus.ts";
import { replayBuffer } from "./replay.ts";

export type HubOptions = {
  heartbeatMs: number;
  /** How far back `Last-Event-ID` can resume. */
  replayWindowMs?: number;
  replayMaxEntries?: number;
  /** A client whose unread output exceeds this is cut off: it reconnects and resumes instead of growing our memory. */
  maxBufferedBytes?: number;
  /** The reconnection delay suggested to clients (`retry:`). */
  retryMs?: number;
  /**
   * A stream is closed after about this long; the client reconnects with `Last-Event-ID` and its token is checked
   * again, so an expired token or a deactivated account stops receiving within this delay.
   */
  maxAgeMs?: number;
  /** At most this many open streams per user in this process: opening one more closes his oldest. */
  maxStreamsPerUser?: number;
};

type Connection = { actor: Actor; audience: string; res: ServerResponse; count: number | null };

const frame = (id: string, event: string, json: string) => `id: ${id}\nevent: ${event}\ndata: ${json}\n\n`;

/** The JSON of an event as clients read it: which conversation, whose, and what changed (a pro: what he may see). */
const payloadOf = (event: BusEvent, forAdmins: boolean) =>
  isAccountEvent(event)
    ? "{}"
    : JSON.stringify({ conversationId: event.conversationId, professionalId: event.professionalId, ...(forAdmins ? event.data : professionalEventData(event)) });

/**
 * The open event streams of this process. Each event from the bus is serialized once and written to the
 * connections allowed to receive it; unread counts are computed once per audience (all admins share one count),
 * never once per connection, and one computation at a time per audience, the last one started after the last event.
 */
export function eventHub(bus: EventBus, unreadCount: (actor: Actor) => Promise<number>, logger: Logger, options: HubOptions) {
  const { heartbeatMs, maxBufferedBytes = 1 << 20, retryMs = 3000, maxAgeMs = 15 * 60_000, maxStreamsPerUser = 10 } = options;
  const replay = replayBuffer({ windowMs: options.replayWindowMs ?? 5 * 60_000, maxEntries: options.replayMaxEntries ?? 10_000 });
  const connections = new Set<Connection>();
  const audiences = new Map<string, Set<Connection>>();
  /** Each user's streams, oldest first (a Set keeps insertion order). */
  const byUser = new Map<number, Set<Connection>>();
  const refreshing = new Map<string, { again: boolean }>();
  let heartbeat: NodeJS.Timeout | undefined;

  function send(connection: Connection, chunk: string) {
    const { res } = connection;
    if (res.destroyed) return;
    if (res.writableLength > maxBufferedBytes) {
      logger.warn({ userId: connection.actor.id }, "event stream client too slow: disconnected");
      res.destroy();
      return;
    }
    res.write(chunk);
  }

  const resync = (connection: Connection, id = replay.position()) => send(connection, frame(id, "resync", "{}"));

  function refreshUnread(audience: string) {
    const running = refreshing.get(audience);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    refreshing.set(audience, state);
    void (async () => {
      while (state.again) {
        state.again = false;
        const sample = audiences.get(audience)?.values().next().value;
        if (!sample) break;
        try {
          const count = await unreadCount(sample.actor);
          const chunk = frame(replay.position(), "unread.changed", JSON.stringify({ count }));
          for (const connection of audiences.get(audience) ?? []) {
            if (connection.count === count) continue;
            connection.count = count;
            send(connection, chunk);
          }
        } catch (error) {
          logger.warn({ err: error, audience }, "unread count for the event stream failed");
        }
      }
      refreshing.delete(audience);
    })();
  }

  function onDelivery(delivery: Delivery) {
    if (delivery.kind === "reset") {
      replay.break();
      for (const connection of connections) resync(connection);
      return;
    }
    const { event, id } = delivery;
    const json = payloadOf(event, true);
    let stamp: string;
    if (id) {
      const continuity = replay.record(id, event, json);
      if (continuity === "seen") return;
      // Events were missed here: clients reload, then resume from just before this one.
      if (continuity === "gap") for (const connection of connections) resync(connection, formatEventId({ ...id, seq: id.seq - 1 }));
      stamp = formatEventId(id);
    } else {
      replay.break();
      stamp = replay.position();
    }
    if (isAccountEvent(event)) {
      // A deactivated account stops receiving at once, on every process; the client's reconnection is refused.
      if (!event.active) for (const connection of byUser.get(event.userId) ?? []) connection.res.end();
      return;
    }
    const chunk = frame(stamp, event.type, json);
    let professionalChunk: string | undefined; // serialized once, for the first pro who may receive it
    for (const connection of connections) {
      if (!canReceive(connection.actor, event)) continue;
      send(connection, isAdmin(connection.actor) ? chunk : (professionalChunk ??= frame(stamp, event.type, payloadOf(event, false))));
    }
    const audience = unreadAudienceOf(event);
    if (audience && audiences.has(audience)) refreshUnread(audience);
  }

  const unsubscribe = bus.subscribe((delivery) => {
    try {
      onDelivery(delivery);
    } catch (error) {
      logger.error({ err: error }, "event stream delivery failed");
    }
  });

  function remove(connection: Connection) {
    connections.delete(connection);
    const own = byUser.get(connection.actor.id);
    own?.delete(connection);
    if (own?.size === 0) byUser.delete(connection.actor.id);
    const members = audiences.get(connection.audience);
    members?.delete(connection);
    if (members?.size === 0) audiences.delete(connection.audience);
    if (connections.size === 0) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }

  return {
    /** Takes over a response whose SSE headers are sent: replays what `lastEventId` missed, then streams live. */
    open(actor: Actor, res: ServerResponse, lastEventId?: EventId) {
      if (res.destroyed) return; // the client left while we authenticated it: "close" has already fired
      const connection: Connection = { actor, audience: unreadAudience(actor), res, count: null };
      send(connection, `retry: ${retryMs}\n\n`);
      if (lastEventId) {
        const missed = replay.since(lastEventId);
        if (!missed) resync(connection);
        else
          for (const entry of missed) {
            if (canReceive(actor, entry.event)) send(connection, frame(entry.id, entry.event.type, isAdmin(actor) ? entry.json : payloadOf(entry.event, false)));
          }
      }
      connections.add(connection);
      const own = byUser.get(actor.id) ?? new Set();
      byUser.set(actor.id, own.add(connection));
      // Closing the oldest (not refusing the newest) keeps the tab the person is looking at live.
      for (const oldest of own) {
        if (own.size <= maxStreamsPerUser) break;
        own.delete(oldest);
        oldest.res.end();
      }
      const members = audiences.get(connection.audience) ?? new Set();
      audiences.set(connection.audience, members.add(connection));
      heartbeat ??= setInterval(() => {
        for (const open of connections) send(open, ": heartbeat\n\n");
      }, heartbeatMs).unref();
      // Spread over ±10% so that streams opened together do not all reconnect together.
      const expiry = setTimeout(() => res.end(), maxAgeMs * (0.9 + Math.random() * 0.2)).unref();
      res.once("close", () => {
        clearTimeout(expiry);
        remove(connection);
      });
      // Every stream starts with the current count, so a badge is right from the first frame.
      refreshUnread(connection.audience);
    },

    connections: () => connections.size,

    close() {
      unsubscribe();
      for (const connection of connections) connection.res.end();
      connections.clear();
      audiences.clear();
      byUser.clear();
      clearInterval(heartbeat);
    },
  };
}
export type EventHub = ReturnType<typeof eventHub>;
