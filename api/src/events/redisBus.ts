import { Redis } from "ioredis";
import type { Logger } from "pino";
import { busEventSchema, eventIdSchema, listeners, newEpoch, type BusEvent, type EventBus } from "./bus.ts";

/**
 * Numbers the event and publishes it in one atomic step, so the order of ids is the order every subscriber
 * receives them in. A counter that starts again (a Redis that lost its data) starts a new epoch.
 * KEYS: counter, epoch. ARGV: channel, payload, a fresh epoch.
 */
const PUBLISH_SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
local epoch = redis.call('GET', KEYS[2])
if seq == 1 or not epoch then
  epoch = ARGV[3]
  redis.call('SET', KEYS[2], epoch)
end
local id = epoch .. '-' .. seq
redis.call('PUBLISH', ARGV[1], id .. ' ' .. ARGV[2])
return id`;

export type RedisBusOptions = { prefix: string; logger: Logger };

/**
 * Several API processes: every event goes through one Redis channel, so a client connected to any process
 * receives the events written by all of them. While Redis is unreachable the API keeps working: events are
 * delivered inside this process only (without an id), ioredis reconnects by itself, and the first reconnection
 * tells subscribers to `reset` since events of other processes may have been lost meanwhile.
 */
export function redisBus(url: string, { prefix, logger }: RedisBusOptions): EventBus {
  const channel = `${prefix}:events`;
  const keys = [`${prefix}:events:seq`, `${prefix}:events:epoch`];
  const subscribers = listeners((error) => logger.error({ err: error }, "event subscriber failed"));
  const retryStrategy = (attempt: number) => Math.min(attempt * 200, 5000);
  // Publishing fails at once when disconnected (no offline queue): the event is then delivered locally.
  const publisher = new Redis(url, {
    connectionName: `${prefix}:publisher`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    retryStrategy,
  });
  // The subscription waits for Redis however long it takes, and ioredis renews it after every reconnection.
  const subscriber = new Redis(url, { connectionName: `${prefix}:subscriber`, maxRetriesPerRequest: null, retryStrategy });

  let closing = false;
  for (const [role, client] of [["publisher", publisher], ["subscriber", subscriber]] as const) {
    let down = false;
    // ioredis retries every few seconds: one line per outage, not one per attempt.
    const lost = (error?: Error) => {
      if (down || closing) return;
      down = true;
      logger.warn({ err: error, role }, "Redis unreachable: real-time events stay within this process until it is back");
    };
    client.on("error", lost);
    client.on("close", () => lost());
    client.on("ready", () => {
      if (!down) return;
      down = false;
      logger.info({ role }, "Redis reachable again: real-time events are shared between processes");
    });
  }

  let connectedOnce = false;
  subscriber.on("ready", () => {
    if (connectedOnce) subscribers.deliver({ kind: "reset" });
    connectedOnce = true;
  });
  subscriber.subscribe(channel).catch((error: unknown) => logger.error({ err: error }, "Redis subscription failed"));
  subscriber.on("message", (_channel: string, message: string) => {
    const space = message.indexOf(" ");
    const id = eventIdSchema.safeParse(message.slice(0, space));
    const event = id.success ? busEventSchema.safeParse(parseJson(message.slice(space + 1))) : null;
    if (!id.success || !event?.success) {
      logger.warn({ channel }, "ignored a malformed message on the events channel");
      return;
    }
    subscribers.deliver({ kind: "event", id: id.data, event: event.data });
  });

  function deliverLocally(event: BusEvent, error: unknown) {
    logger.debug({ err: error }, "event published within this process only");
    subscribers.deliver({ kind: "event", id: null, event });
  }

  return {
    publish(event) {
      publisher
        .eval(PUBLISH_SCRIPT, keys.length, ...keys, channel, JSON.stringify(event), newEpoch())
        .catch((error: unknown) => deliverLocally(event, error));
    },
    subscribe: (listener) => subscribers.add(listener),
    async close() {
      closing = true;
      subscribers.clear();
      await Promise.allSettled([publisher, subscriber].map((client) => (client.status === "ready" ? client.quit() : client.disconnect())));
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
