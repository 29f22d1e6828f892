import { fetchEventSource, type EventSourceMessage } from "@microsoft/fetch-event-source";
import type { ConversationStatus, Message, Role } from "./types.ts";

// The frames of GET /api/messaging/events (docs/api.md, "Real-time events"), as the console and the portal receive them.

/** The stream's path on the API. */
export const EVENTS_PATH = "/api/messaging/events";

export interface MessageCreated {
  type: "message.created";
  conversationId: number;
  professionalId: number;
  message: Message;
  /** "open" when posted into an existing conversation (which a message reopens); absent for a new conversation. */
  status?: ConversationStatus;
}

export interface StatusChanged {
  type: "conversation.updated";
  conversationId: number;
  professionalId: number;
  status: ConversationStatus;
  subject: string;
}

export interface ReadChanged {
  type: "conversation.updated";
  conversationId: number;
  professionalId: number;
  /** Who read the other side's messages. */
  readBy: Role;
  readAt: string;
}

/** Admins only: another admin views or types on a ticket, until `expiresAt` unless renewed ("left": expired at once). */
export interface PresenceChanged {
  type: "presence.changed";
  conversationId: number;
  professionalId: number;
  admin: { id: number; name: string };
  state: "viewing" | "typing" | "left";
  expiresAt: string;
}

export type MessagingEvent =
  | MessageCreated
  | StatusChanged
  | ReadChanged
  | PresenceChanged
  | { type: "unread.changed"; count: number }
  /** Events were missed: whatever shows server data reloads it. */
  | { type: "resync" };

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === "object" && value !== null;
const isRole = (value: unknown): value is Role => value === "ADMIN" || value === "PROFESSIONAL";
const isStatus = (value: unknown): value is ConversationStatus => value === "open" || value === "closed";

function isMessage(value: unknown): value is Message {
  if (!isFields(value) || !isFields(value.sender)) return false;
  const { id, conversationId, senderType, content, createdAt, readAt } = value;
  return (
    typeof id === "number" &&
    typeof conversationId === "number" &&
    isRole(senderType) &&
    typeof content === "string" &&
    typeof createdAt === "string" &&
    (readAt === null || typeof readAt === "string")
  );
}

/** One frame into a typed event; anything this client does not know (a newer API's event) is left out. */
export function parseEvent(type: string, json: string): MessagingEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isFields(data)) return null;
  if (type === "resync") return { type };
  if (type === "unread.changed") return typeof data.count === "number" ? { type, count: data.count } : null;

  const { conversationId, professionalId } = data;
  if (typeof conversationId !== "number" || typeof professionalId !== "number") return null;
  const about = { conversationId, professionalId };
  if (type === "message.created" && isMessage(data.message)) {
    return { type, ...about, message: data.message, ...(isStatus(data.status) && { status: data.status }) };
  }
  if (type === "conversation.updated" && isStatus(data.status) && typeof data.subject === "string") {
    return { type, ...about, status: data.status, subject: data.subject };
  }
  if (type === "conversation.updated" && isRole(data.readBy) && typeof data.readAt === "string") {
    return { type, ...about, readBy: data.readBy, readAt: data.readAt };
  }
  const { admin, state, expiresAt } = data;
  if (
    type === "presence.changed" && isFields(admin) && typeof admin.id === "number" && typeof admin.name === "string" &&
    (state === "viewing" || state === "typing" || state === "left") && typeof expiresAt === "string"
  ) {
    return { type, ...about, admin: { id: admin.id, name: admin.name }, state, expiresAt };
  }
  return null;
}

/** Waits before the next attempt: 1 s, 2 s, 4 s… up to a minute, each shortened at random so tabs do not reconnect in step. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(1000 * 2 ** attempt, 60_000);
  return Math.round(ceiling * (0.5 + random() / 2));
}

export interface EventStreamOptions {
  /** Where the stream is: `EVENTS_PATH`, behind the API's base URL if it has one. */
  url: string;
  token: string;
  onEvent: (event: MessagingEvent) => void;
  /**
   * The stream opened (`true`) or failed or ended (`false`). `fresh` says it opened without a `Last-Event-ID`:
   * nothing was replayed, so what was loaded before it may already be stale.
   */
  onLiveChange: (live: boolean, fresh: boolean) => void;
  /** The token was refused (401): the stream stops for good. */
  onUnauthorized?: () => void;
  retryDelay?: (attempt: number) => number;
}

/** The stream cannot work with these settings (refused token, no such route): stop and leave the screens to polling. */
class StreamRefused extends Error {}

/**
 * Subscribes to the signed-in user's events, with the Bearer header (never a token in the URL), and keeps
 * reconnecting with backoff after a failure or a close by the server. Answers the function that ends it.
 */
export function openEventStream({ url, token, onEvent, onLiveChange, onUnauthorized, retryDelay = retryDelayMs }: EventStreamOptions): () => void {
  const controller = new AbortController();
  let attempt = 0;
  let lastId = "";
  let live = false;
  const setLive = (next: boolean, fresh = false) => {
    if (next === live || controller.signal.aborted) return;
    live = next;
    onLiveChange(next, fresh);
  };

  void fetchEventSource(url, {
    headers: { Authorization: `Bearer ${token}` },
    signal: controller.signal,
    // A hidden tab keeps its stream: badges stay right, and no reconnection storm when it comes back.
    openWhenHidden: true,
    async onopen(response) {
      if (response.status === 401) {
        onUnauthorized?.();
        throw new StreamRefused("token refused");
      }
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      if (!response.ok && !retryable) throw new StreamRefused(`HTTP ${response.status}`);
      if (!response.ok || !response.headers.get("content-type")?.startsWith("text/event-stream")) {
        throw new Error(`no event stream (HTTP ${response.status})`);
      }
      attempt = 0;
      setLive(true, lastId === "");
    },
    onmessage(frame: EventSourceMessage) {
      if (controller.signal.aborted) return;
      if (frame.id) lastId = frame.id;
      const event = parseEvent(frame.event, frame.data);
      if (event) onEvent(event);
    },
    onclose() {
      // The server ended the stream (after ~15 min, on restart, for a client too slow to read): throwing makes
      // fetch-event-source retry, and it sends the last id as Last-Event-ID by itself.
      throw new Error("stream closed by the server");
    },
    onerror(error: unknown) {
      setLive(false);
      if (error instanceof StreamRefused) throw error;
      return retryDelay(attempt++);
    },
  }).catch(() => {
    // Refused for good: polling keeps the screens right, and a 401 has already ended the session.
    setLive(false);
  });

  return () => controller.abort();
}
