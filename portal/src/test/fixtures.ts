import type { Conversation, ConversationDetail, Message } from "@messagerie/client/types";

export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A conversation of pro1's as the API lists it; tests override what they assert on. */
export function conversation(overrides: Partial<Conversation>): Conversation {
  return {
    id: 1,
    subject: "Sujet",
    status: "open",
    professionalId: 2,
    professional: { id: 2, name: "Paul Durand", email: "pro1@demo.local" },
    adminId: null,
    admin: null,
    categoryId: null,
    category: null,
    waitingOn: "ADMIN",
    waitingSince: minutesAgo(5),
    createdAt: minutesAgo(60),
    updatedAt: minutesAgo(5),
    closedAt: null,
    firstAdminReplyAt: null,
    lastMessageAt: minutesAgo(5),
    lastMessagePreview: "Aperçu",
    lastMessageSenderType: "PROFESSIONAL",
    messageCount: 1,
    unreadCount: 0,
    rating: null,
    ...overrides,
  };
}

export function message(overrides: Partial<Message>): Message {
  return {
    id: 1,
    conversationId: 1,
    senderType: "PROFESSIONAL",
    senderId: 2,
    sender: { id: 2, name: "Paul Durand" },
    content: "Bonjour",
    createdAt: minutesAgo(5),
    readAt: null,
    attachments: [],
    ...overrides,
  };
}

/** An admin's message, as Alice Martin writes them. */
export const adminMessage = (overrides: Partial<Message>) =>
  message({ senderType: "ADMIN", senderId: 1, sender: { id: 1, name: "Alice Martin" }, ...overrides });

export function detail(overrides: Partial<ConversationDetail>): ConversationDetail {
  return { ...conversation({}), messages: [], ...overrides };
}
