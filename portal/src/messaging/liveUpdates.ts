import type { MessagingEvent } from "@messagerie/client/events";
import type { Conversation, ConversationDetail, ConversationStatus, Message } from "@messagerie/client/types";
import type { ConversationFilter } from "../api/client.ts";

// What the list and the open thread do with a pushed event: pure functions, so the rules read (and test) in one place.

const PREVIEW_LENGTH = 140;

/** The list's one-line preview of a message, made as the API makes it (api/src/conversations/present.ts). */
export function previewOf(content: string): string {
  const flat = content.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

const matches = (row: Conversation, { status, unreadOnly }: ConversationFilter) =>
  (!status || row.status === status) && (!unreadOnly || row.unreadCount > 0);

// The API's order: latest message first, then the higher id (ISO dates in UTC compare as strings).
const latestFirst = (a: Conversation, b: Conversation) => b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id - a.id;

const statusChange = (status: ConversationStatus, closedAt: string | null, at: string) => ({
  status,
  closedAt: status === "open" ? null : (closedAt ?? at),
});

/**
 * The list after an event, or "reload" when only the server can tell: a conversation the list does not hold
 * (new, or outside the filter until now) or missed events.
 */
export function updateList(rows: Conversation[], event: MessagingEvent, filter: ConversationFilter): Conversation[] | "reload" {
  if (event.type === "resync") return "reload";
  // A presence is never sent to a pro; if one came, it changes nothing here.
  if (event.type === "unread.changed" || event.type === "presence.changed") return rows;
  const row = rows.find((candidate) => candidate.id === event.conversationId);
  let next: Conversation;

  if (event.type === "message.created") {
    if (!row) return "reload";
    const { message } = event;
    // The list was loaded after this message was written: it is already counted.
    if (message.createdAt <= row.lastMessageAt) return rows;
    next = {
      ...row,
      ...statusChange(event.status ?? row.status, row.closedAt, message.createdAt),
      updatedAt: message.createdAt,
      lastMessageAt: message.createdAt,
      lastMessagePreview: previewOf(message.content),
      lastMessageSenderType: message.senderType,
      // The preview names its writer: this message's sender, not the previous one's.
      lastMessageSender: message.sender,
      messageCount: row.messageCount + 1,
      unreadCount: row.unreadCount + (message.senderType === "ADMIN" ? 1 : 0),
    };
  } else if ("readBy" in event) {
    // An admin reading changes nothing the pro's list shows; the pro reading (here or in another tab) clears the row.
    if (!row || event.readBy === "ADMIN") return rows;
    next = { ...row, unreadCount: 0 };
  } else {
    if (!row) return !filter.status || filter.status === event.status ? "reload" : rows;
    next = { ...row, ...statusChange(event.status, row.closedAt, new Date().toISOString()), subject: event.subject };
  }

  const others = rows.filter((candidate) => candidate.id !== next.id);
  return (matches(next, filter) ? [...others, next] : others).sort(latestFirst);
}

const byTime = (a: Message, b: Message) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id;

/** The thread with one more message, once only: the sender's own answer and its event may both bring it. */
export function withMessage(detail: ConversationDetail, message: Message, status?: ConversationStatus): ConversationDetail {
  if (detail.messages.some((known) => known.id === message.id)) return detail;
  return {
    ...detail,
    ...statusChange(status ?? detail.status, detail.closedAt, message.createdAt),
    messages: [...detail.messages, message].sort(byTime),
  };
}

/** The open thread after an event about it (a `resync` is the caller's: it reloads). */
export function updateThread(detail: ConversationDetail, event: MessagingEvent): ConversationDetail {
  if (!("conversationId" in event) || event.conversationId !== detail.id || event.type === "presence.changed") return detail;
  if (event.type === "message.created") return withMessage(detail, event.message, event.status);
  if (!("readBy" in event)) {
    return { ...detail, ...statusChange(event.status, detail.closedAt, new Date().toISOString()), subject: event.subject };
  }
  // The pro's own messages are the ones with a read mark (✓✓): an admin read those written before `readAt`.
  if (event.readBy !== "ADMIN") return detail;
  const { readAt } = event;
  return {
    ...detail,
    messages: detail.messages.map((message) =>
      message.senderType === "PROFESSIONAL" && message.readAt === null && message.createdAt <= readAt ? { ...message, readAt } : message,
    ),
  };
}
