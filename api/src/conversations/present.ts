import type { Actor } from "../access/policy.ts";
import { unreadCounterOf } from "../access/policy.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/** What every conversation row loads: its own columns plus the pro's name, in the same query. */
export const conversationInclude = {
  professional: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ConversationInclude;

export const messageInclude = { sender: { select: { id: true, name: true } } } satisfies Prisma.MessageInclude;

export type ConversationRow = Prisma.ConversationGetPayload<{ include: typeof conversationInclude }>;
export type MessageRow = Prisma.MessageGetPayload<{ include: typeof messageInclude }>;

const PREVIEW_LENGTH = 140;

export function previewOf(content: string): string {
  const flat = content.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/** A conversation as the caller sees it: one `unreadCount`, his own. */
export function presentConversation(row: ConversationRow, actor: Actor) {
  const { unreadByAdmin: _a, unreadByProfessional: _p, ...rest } = row;
  return { ...rest, unreadCount: row[unreadCounterOf(actor)] };
}
export type ConversationJson = ReturnType<typeof presentConversation>;

export const presentMessage = (message: MessageRow) => message;
export type MessageJson = ReturnType<typeof presentMessage>;

/** Adds `sender: {id, name}` to each message, loading each distinct sender once. */
export async function withSenders<M extends { senderId: number }>(prisma: PrismaClient, messages: M[]) {
  const ids = [...new Set(messages.map((message) => message.senderId))];
  const senders = ids.length ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const byId = new Map(senders.map((sender) => [sender.id, sender]));
  return messages.map((message) => ({ ...message, sender: byId.get(message.senderId) ?? { id: message.senderId, name: "" } }));
}
