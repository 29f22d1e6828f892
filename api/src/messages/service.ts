import { isAdmin, type Actor } from "../access/policy.ts";
import type { AttachmentFiles, Upload } from "../attachments/service.ts";
import type { Clock } from "../clock.ts";
import type { ConversationsService } from "../conversations/service.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { badRequest, notFound } from "../http/errors.ts";
import type { CreateConversationInput, PostMessageInput } from "./schemas.ts";
import { refuseStaleReply } from "./staleReply.ts";
import { insertConversation, insertMessage, markMessagesRead, otherSide, type PostedMessage } from "./statements.ts";

/** What happens after a message is written, elsewhere (notifications/: emails, reminders). */
export type FollowUps = { messagePosted(message: { conversationId: number; sender: Role; internal: boolean }): void };

export type MessagesDependencies = {
  prisma: PrismaClient;
  conversations: ConversationsService;
  files: AttachmentFiles;
  clock?: Clock;
  followUps?: FollowUps;
};

/**
 * The one way a message is written — a pro's, an admin's reply or note, the first of a new conversation — and read:
 * each write is one statement (statements.ts), then announced, then handed to what follows it (emails, reminders).
 */
export function messagesService({ prisma, conversations, files, clock, followUps }: MessagesDependencies) {
  /** The message as its writer sees it in the answer and as the event carries it. */
  const asJson = (actor: Actor, { professionalId: _p, status: _s, previousStatus: _ps, internal, attachments, ...stored }: PostedMessage) => ({
    ...stored, ...(isAdmin(actor) && { internal }), sender: { id: actor.id, name: actor.name }, attachments: attachments.map(files.json),
  });

  /** Tells everyone who shows it, and what follows a message (a note: admins alone, and no email). */
  function announce(actor: Actor, posted: PostedMessage, json: ReturnType<typeof asJson>, { created = false } = {}) {
    const conversation = { id: posted.conversationId, professionalId: posted.professionalId };
    followUps?.messagePosted({ conversationId: posted.conversationId, sender: actor.role, internal: posted.internal });
    if (posted.internal) {
      // For admins only: no status, no unread count, nothing a pro's stream may carry.
      return conversations.announce(conversation, "message.created", { message: { ...json, internal: true } }, undefined, true);
    }
    const reopened = posted.previousStatus !== posted.status;
    const data = { message: { ...json, internal: false }, ...(!created && { status: posted.status }), ...(reopened && { reopened }) };
    conversations.announce(conversation, "message.created", data, otherSide(actor.role));
  }

  return {
    /** A conversation and its first message, with the files sent (stored first, removed if the write fails). */
    async create(actor: Actor, input: CreateConversationInput, uploads: Upload[] = []) {
      const professionalId = isAdmin(actor) ? input.professionalId : actor.id;
      if (professionalId === undefined) {
        throw badRequest("An admin must say which professional to contact", { professionalId: "professionalId is required" });
      }
      if (isAdmin(actor)) {
        const pro = await prisma.user.findFirst({ where: { id: professionalId, role: "PROFESSIONAL", active: true }, select: { id: true } });
        if (!pro) throw badRequest("No active professional with this id", { professionalId: "No active professional with this id" });
      }
      await conversations.triage.check(actor, input);
      const conversation = {
        subject: input.subject,
        content: input.content,
        professionalId,
        // An admin who starts a conversation is assigned to it unless he says otherwise.
        adminId: isAdmin(actor) ? (input.adminId === undefined ? actor.id : input.adminId) : null,
        categoryId: input.categoryId ?? null,
        priority: input.priority,
      };
      const posted = await files.storedFor(actor, uploads, (stored) => insertConversation(prisma, actor, conversation, { clock, files: stored }));
      announce(actor, posted, asJson(actor, posted), { created: true }); // forgets shared reads too
      return { id: posted.conversationId, json: await conversations.read(actor, posted.conversationId, { messages: true }) };
    },

    /** A public message, or (admins) an internal note: `internal`, which a pro may not send at all. */
    async post(actor: Actor, id: number, { content, internal, afterMessageId }: PostMessageInput, uploads: Upload[] = []) {
      if (!isAdmin(actor) && internal !== undefined) throw badRequest("internal is for admins only", { internal: "internal is for admins only" });
      await refuseStaleReply(prisma, actor, id, afterMessageId, files.links);
      const posted = await files.storedFor(actor, uploads, async (stored) => {
        const row = await insertMessage(prisma, actor, id, content, { internal: internal === true, clock, files: stored });
        if (!row) throw notFound("Conversation not found");
        return row;
      });
      const json = asJson(actor, posted);
      announce(actor, posted, json);
      return json;
    },

    /** Marks the other side's messages read; answers the reader's unread count. */
    async markRead(actor: Actor, id: number) {
      const read = await markMessagesRead(prisma, actor, id, clock);
      if (!read) throw notFound("Conversation not found");
      if (read.marked > 0) conversations.announce(read, "conversation.updated", { readBy: actor.role, readAt: read.readAt }, actor.role);
      return { count: await conversations.unreadCount(actor) };
    },
  };
}
export type MessagesService = ReturnType<typeof messagesService>;
