import type { Actor } from "../access/policy.ts";
import { conversationScope, isAdmin, unreadCounterOf } from "../access/policy.ts";
import type { EventBus, MessagingEvent } from "../events/bus.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { ConversationStatus, Role, SenderType } from "../generated/prisma/enums.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { conversationOrder, conversationWhere } from "./filters.ts";
import { conversationInclude, messageInclude, presentConversation, previewOf, type ConversationRow } from "./present.ts";
import type { CreateConversationInput, ListConversationsQuery, UpdateConversationInput } from "./schemas.ts";

type Tx = Prisma.TransactionClient;

/** The counter of the side that receives a message from `sender`. */
const receiverCounter = (sender: SenderType) => (sender === "ADMIN" ? "unreadByProfessional" : "unreadByAdmin");
const receiverOf = (sender: SenderType): Role => (sender === "ADMIN" ? "PROFESSIONAL" : "ADMIN");

export function conversationsService(prisma: PrismaClient, events: EventBus) {
  /** Loads a conversation the actor may see, or answers 404 — the same for another pro's and for a missing id. */
  async function visible(tx: Tx | PrismaClient, actor: Actor, id: number): Promise<ConversationRow> {
    const row = await tx.conversation.findFirst({ where: { id, ...conversationScope(actor) }, include: conversationInclude });
    if (!row) throw notFound("Conversation not found");
    return row;
  }

  function announce(row: ConversationRow, type: MessagingEvent["type"], data: MessagingEvent["data"], unreadChangedFor?: Role) {
    events.publish({ type, conversationId: row.id, professionalId: row.professionalId, unreadChangedFor, data });
  }

  async function unreadCount(actor: Actor): Promise<number> {
    const counter = unreadCounterOf(actor);
    // Sums per-conversation counters kept current by every write: the messages table is never scanned.
    const { _sum } = await prisma.conversation.aggregate({
      where: { ...conversationScope(actor), [counter]: { gt: 0 } },
      _sum: { [counter]: true },
    });
    return _sum[counter] ?? 0;
  }

  async function changeStatus(actor: Actor, id: number, changes: UpdateConversationInput) {
    const row = await prisma.$transaction(async (tx) => {
      const current = await visible(tx, actor, id);
      const statusChanged = changes.status !== undefined && changes.status !== current.status;
      return tx.conversation.update({
        where: { id },
        data: {
          subject: changes.subject,
          ...(statusChanged && { status: changes.status, closedAt: changes.status === "closed" ? new Date() : null }),
        },
        include: conversationInclude,
      });
    });
    announce(row, "conversation.updated", { status: row.status, subject: row.subject });
    return presentConversation(row, actor);
  }

  return {
    visible: (actor: Actor, id: number) => visible(prisma, actor, id),
    unreadCount,

    async list(actor: Actor, { filter, sort, range }: ListConversationsQuery) {
      const where = conversationWhere(actor, filter);
      const [total, rows] = await prisma.$transaction([
        prisma.conversation.count({ where }),
        prisma.conversation.findMany({ where, include: conversationInclude, orderBy: conversationOrder(sort), ...range }),
      ]);
      return { total, rows: rows.map((row) => presentConversation(row, actor)) };
    },

    async detail(actor: Actor, id: number) {
      const row = await visible(prisma, actor, id);
      const messages = await prisma.message.findMany({
        where: { conversationId: id },
        include: messageInclude,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return { ...presentConversation(row, actor), messages };
    },

    async create(actor: Actor, input: CreateConversationInput) {
      const professionalId = isAdmin(actor) ? input.professionalId : actor.id;
      if (professionalId === undefined) {
        throw badRequest("An admin must say which professional to contact", { professionalId: "professionalId is required" });
      }
      if (isAdmin(actor)) {
        const pro = await prisma.user.findFirst({ where: { id: professionalId, role: "PROFESSIONAL", active: true } });
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
      const sender: SenderType = actor.role;
      const { message, row } = await prisma.$transaction(async (tx) => {
        const current = await visible(tx, actor, id);
        // Lock the conversation so that concurrent messages update its counters and "last message" in order.
        await tx.$queryRaw`SELECT id FROM "Conversation" WHERE id = ${id} FOR UPDATE`;
        const now = new Date();
        const message = await tx.message.create({
          data: { conversationId: id, senderType: sender, senderId: actor.id, content, createdAt: now },
          include: messageInclude,
        });
        const row = await tx.conversation.update({
          where: { id },
          data: {
            lastMessageAt: now,
            lastMessagePreview: previewOf(content),
            lastMessageSenderType: sender,
            messageCount: { increment: 1 },
            [receiverCounter(sender)]: { increment: 1 },
            // Writing to a closed conversation reopens it: the other side must see it again.
            status: "open" satisfies ConversationStatus,
            closedAt: null,
            ...(sender === "ADMIN" && !current.firstAdminReplyAt && { firstAdminReplyAt: now }),
          },
          include: conversationInclude,
        });
        return { message, row };
      });
      announce(row, "message.created", { message, status: row.status }, receiverOf(sender));
      return message;
    },

    async markRead(actor: Actor, id: number) {
      const counter = unreadCounterOf(actor);
      const otherSide: SenderType = isAdmin(actor) ? "PROFESSIONAL" : "ADMIN";
      const changed = await prisma.$transaction(async (tx) => {
        const row = await visible(tx, actor, id);
        const now = new Date();
        const { count } = await tx.message.updateMany({
          where: { conversationId: id, senderType: otherSide, readAt: null },
          data: { readAt: now },
        });
        // Decrement by exactly what was marked, so a message arriving meanwhile stays counted.
        if (count > 0) await tx.conversation.update({ where: { id }, data: { [counter]: { decrement: count } } });
        return count > 0 ? { row, readAt: now, count } : null;
      });
      if (changed) announce(changed.row, "conversation.updated", { readBy: actor.role, readAt: changed.readAt }, actor.role);
      return { count: await unreadCount(actor) };
    },

    setStatus: (actor: Actor, id: number, status: ConversationStatus) => changeStatus(actor, id, { status, subject: undefined }),
    update: changeStatus,
  };
}
export type ConversationsService = ReturnType<typeof conversationsService>;
