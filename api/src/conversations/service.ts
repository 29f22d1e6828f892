import type { Actor } from "../access/policy.ts";
import { conversationScope, isAdmin, messageScope, unreadCounterOf } from "../access/policy.ts";
import type { EventBus, MessagingEvent } from "../events/bus.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ConversationStatus, Role, SenderType } from "../generated/prisma/enums.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { countCache, unreadCache } from "./counts.ts";
import { conversationOrder, conversationWhere } from "./filters.ts";
import { conversationInclude, messageInclude, presentConversation, previewOf, withSenders, type ConversationRow } from "./present.ts";
import type { CreateConversationInput, ListConversationsQuery, UpdateConversationInput } from "./schemas.ts";
import { insertMessage, markMessagesRead, updateConversationRow } from "./statements.ts";

/** The counter of the side that receives a message from `sender`. */
const receiverCounter = (sender: SenderType) => (sender === "ADMIN" ? "unreadByProfessional" : "unreadByAdmin");
const receiverOf = (sender: SenderType): Role => (sender === "ADMIN" ? "PROFESSIONAL" : "ADMIN");

export function conversationsService(prisma: PrismaClient, events: EventBus) {
  const totals = countCache(events);
  const badges = unreadCache(events);

  /** Loads a conversation the actor may see, or answers 404 — the same for another pro's and for a missing id. */
  async function visible(actor: Actor, id: number): Promise<ConversationRow> {
    const row = await prisma.conversation.findFirst({
      where: { id, ...conversationScope(actor) },
      include: conversationInclude,
      relationLoadStrategy: "join",
    });
    if (!row) throw notFound("Conversation not found");
    return row;
  }

  function announce(
    conversation: { id: number; professionalId: number },
    type: MessagingEvent["type"],
    data: MessagingEvent["data"],
    unreadChangedFor?: Role,
  ) {
    const event: MessagingEvent = { type, conversationId: conversation.id, professionalId: conversation.professionalId, unreadChangedFor, data };
    // This process forgets what the write made stale before it answers; other processes do so on the event
    // (through Redis it arrives here too, later: forgetting twice is harmless).
    totals.forgetFor(event);
    badges.forgetFor(event);
    events.publish(event);
  }

  function unreadCount(actor: Actor): Promise<number> {
    const counter = unreadCounterOf(actor);
    // Sums per-conversation counters kept current by every write: the messages table is never scanned.
    return badges.count(actor, async () => {
      const { _sum } = await prisma.conversation.aggregate({
        where: { ...conversationScope(actor), [counter]: { gt: 0 } },
        _sum: { [counter]: true },
      });
      return _sum[counter] ?? 0;
    });
  }

  async function changeStatus(actor: Actor, id: number, changes: UpdateConversationInput) {
    const changed = await updateConversationRow(prisma, actor, id, changes);
    if (changed === null) throw notFound("Conversation not found");
    const row = await visible(actor, id);
    announce(row, "conversation.updated", { status: row.status, subject: row.subject });
    return presentConversation(row, actor);
  }

  return {
    visible,
    unreadCount,

    async list(actor: Actor, { filter, sort, range }: ListConversationsQuery) {
      const where = conversationWhere(actor, filter);
      const [total, rows] = await Promise.all([
        totals.count(actor, filter, () => prisma.conversation.count({ where })),
        prisma.conversation.findMany({ where, include: conversationInclude, relationLoadStrategy: "join", orderBy: conversationOrder(sort), ...range }),
      ]);
      return { total, rows: rows.map((row) => presentConversation(row, actor)) };
    },

    async detail(actor: Actor, id: number) {
      // Both at once: the messages are scoped by the same rule, so nothing leaks if the conversation is not visible.
      const [row, messages] = await Promise.all([
        visible(actor, id),
        prisma.message.findMany({ where: { conversationId: id, ...messageScope(actor) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      ]);
      return { ...presentConversation(row, actor), messages: await withSenders(prisma, messages) };
    },

    async create(actor: Actor, input: CreateConversationInput) {
      const professionalId = isAdmin(actor) ? input.professionalId : actor.id;
      if (professionalId === undefined) {
        throw badRequest("An admin must say which professional to contact", { professionalId: "professionalId is required" });
      }
      if (isAdmin(actor)) {
        const pro = await prisma.user.findFirst({ where: { id: professionalId, role: "PROFESSIONAL", active: true }, select: { id: true } });
        if (!pro) throw badRequest("No active professional with this id", { professionalId: "No active professional with this id" });
      }
      const sender: SenderType = actor.role;
      const now = new Date();
      // The conversation and its first message are one write: Prisma runs nested creates in one transaction.
      const row = await prisma.conversation.create({
        data: {
          subject: input.subject,
          professionalId,
          adminId: isAdmin(actor) ? actor.id : null,
          lastMessageAt: now,
          lastMessagePreview: previewOf(input.content),
          lastMessageSenderType: sender,
          messageCount: 1,
          [receiverCounter(sender)]: 1,
          messages: { create: { senderType: sender, senderId: actor.id, content: input.content, createdAt: now } },
        },
        include: { ...conversationInclude, messages: { include: messageInclude } },
      });
      const { messages, ...conversation } = row;
      announce(conversation, "message.created", { message: messages[0] }, receiverOf(sender));
      return { ...presentConversation(conversation, actor), messages };
    },

    async postMessage(actor: Actor, id: number, content: string) {
      const posted = await insertMessage(prisma, actor, id, content);
      if (!posted) throw notFound("Conversation not found");
      const { professionalId, status, previousStatus, ...stored } = posted;
      const message = { ...stored, sender: { id: actor.id, name: actor.name } };
      const reopened = previousStatus !== status;
      announce({ id, professionalId }, "message.created", { message, status, ...(reopened && { reopened }) }, receiverOf(actor.role));
      return message;
    },

    async markRead(actor: Actor, id: number) {
      const read = await markMessagesRead(prisma, actor, id);
      if (!read) throw notFound("Conversation not found");
      if (read.marked > 0) announce(read, "conversation.updated", { readBy: actor.role, readAt: read.readAt }, actor.role);
      return { count: await unreadCount(actor) };
    },

    setStatus: (actor: Actor, id: number, status: ConversationStatus) => changeStatus(actor, id, { status, subject: undefined }),
    update: changeStatus,
  };
}
export type ConversationsService = ReturnType<typeof conversationsService>;
