import { EventEmitter } from "node:events";

/**
 * What happened in the messaging domain, published after the transaction commits.
 * `professionalId` says whose conversation it is: the only pro allowed to receive it.
 */
export type MessagingEvent = {
  type: "message.created" | "conversation.updated";
  conversationId: number;
  professionalId: number;
  data: Record<string, unknown>;
};

export interface EventBus {
  publish(event: MessagingEvent): void;
  subscribe(listener: (event: MessagingEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: events stay in memory. */
export function inProcessBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => void emitter.emit("event", event),
    subscribe(listener) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
    close: async () => void emitter.removeAllListeners(),
  };
}
