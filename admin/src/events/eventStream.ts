import { fetchEventSource } from "@microsoft/fetch-event-source";

/**
 * The frames of GET /api/messaging/events (docs/api.md, "Real-time events") that the console acts on, reduced to
 * what it needs: it reloads what an event touches rather than patching its caches, so the server stays the one
 * source of truth for lists, tab counts and threads.
 */
export type MessagingEvent =
  | { type: "message.created" | "conversation.updated"; conversationId: number }
  | { type: "unread.changed"; count: number }
  /** Events were missed and cannot be replayed: reload everything. */
  | { type: "resync" };

export const EVENTS_URL = "/api/messaging/events";

/** One frame into an event; a malformed frame or an event this console does not know (a newer API's) gives null. */
export const parseEvent = (type: string, json: string): MessagingEvent | null => {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  switch (type) {
    case "resync":
      return { type };
    case "unread.changed":
      return "count" in data && typeof data.count === "number" ? { type, count: data.count } : null;
    case "message.created":
    case "conversation.updated":
      return "conversationId" in data && typeof data.conversationId === "number"
        ? { type, conversationId: data.conversationId }
        : null;
    default:
      return null;
  }
};

/** 1 s, 2 s, 4 s… capped at a minute, each cut by up to half at random so that many tabs do not come back in step. */
export const backoffMs = (attempt: number, random: () => number = Math.random): number =>
  Math.round(Math.min(1000 * 2 ** attempt, 60_000) * (1 - random() / 2));

/** A refusal that retrying cannot fix (a 401, an API without the route): the stream stops and polling stays. */
class Refused extends Error {}

export interface StreamHandlers {
  onEvent: (event: MessagingEvent) => void;
  /**
   * The stream opened (`true`), or failed or ended (`false`). `fresh`: it opened without a `Last-Event-ID`, so nothing
   * was replayed and what was loaded before may already be stale.
   */
  onLiveChange: (live: boolean, fresh: boolean) => void;
  /** The token was refused (401). */
  onUnauthorized: () => void;
  retryDelay?: (attempt: number) => number;
}

/**
 * Subscribes with the Bearer header (never a token in the URL, where logs would keep it) and reconnects with backoff
 * after a failure or a close by the server, resuming from the last id. Answers the function that ends it.
 */
export const openEventStream = (token: string, handlers: StreamHandlers): (() => void) => {
  const { onEvent, onLiveChange, onUnauthorized, retryDelay = backoffMs } = handlers;
  const controller = new AbortController();
  let failures = 0;
  let resumable = false;
  let live = false;
  const report = (next: boolean, fresh = false) => {
    if (controller.signal.aborted || next === live) return;
    live = next;
    onLiveChange(next, fresh);
  };

  void fetchEventSource(EVENTS_URL, {
    headers: { Authorization: `Bearer ${token}` },
    signal: controller.signal,
    // Hidden tabs keep their stream: the badge stays right, and no reconnection storm when they come back.
    openWhenHidden: true,
    async onopen(response) {
      if (response.status === 401) {
        onUnauthorized();
        throw new Refused("token refused");
      }
      const transient = response.status >= 500 || response.status === 408 || response.status === 429;
      if (!response.ok && !transient) throw new Refused(`HTTP ${response.status}`);
      if (!response.ok || !response.headers.get("content-type")?.startsWith("text/event-stream")) {
        throw new Error(`no event stream (HTTP ${response.status})`);
      }
      failures = 0;
      report(true, !resumable);
    },
    onmessage({ id, event, data }) {
      if (controller.signal.aborted) return;
      // fetch-event-source sends the last id as Last-Event-ID by itself when it reconnects.
      if (id) resumable = true;
      const parsed = parseEvent(event, data);
      if (parsed) onEvent(parsed);
    },
    onclose() {
      // The server ends streams (after ~15 min, on restart, for a client too slow to read): throwing makes it retry.
      throw new Error("stream closed by the server");
    },
    onerror(error: unknown) {
      report(false);
      if (error instanceof Refused) throw error;
      return retryDelay(failures++);
    },
  }).catch(() => report(false));

  return () => controller.abort();
};
