import type { Actor } from "../access/policy.ts";
import { conversationScope, conversationScopeSql, isAdmin, unreadAudience, unreadCounterOf } from "../access/policy.ts";
import type { EventBus, MessagingEvent } from "../events/bus.ts";
import type { ConversationStatus, Role, SenderType } from "../generated/prisma/enums.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { countCache, sharedReads, unreadCache } from "./counts.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { conversationOrderSql, conversationWhereSql } from "./filters.ts";
import { readConversation, readConversations } from "./present.ts";
import type { CreateConversationInput, ListConversationsQuery, PostMessageInput } from "./schemas.ts";
import type { Clock } from "../clock.ts";
import { insertMessage, markMessagesRead, messagePreview, updateConversationRow, type ConversationChanges } from "./statements.ts";
import type { AttachmentFiles, StoredFile, Upload } from "../attachments/service.ts";
import { triageRules } from "./triage.ts";
import { boundedSearchCount, relevanceOrderSql, relevancePageSql, SEARCH_TOTAL_BOUND, searchPlanner } from "../search/plan.ts";
import { correctedSearch } from "../search/corrections.ts";
import { refuseStaleReply } from "./staleReply.ts";
import { matchColumnSql, withSnippets } from "../search/snippets.ts";

/** The counter of the side that receives a message from `sender`. */
const receiverCounter = (sender: SenderType) => (sender === "ADMIN" ? "unreadByProfessional" : "unreadByAdmin");
const receiverOf = (sender: SenderType): Role => (sender === "ADMIN" ? "PROFESSIONAL" : "ADMIN");

/** What happens after a message is written, elsewhere (notifications/service.ts: emails, reminders). */
export type FollowUps = { messagePosted(message: { conversationId: number; sender: Role; internal: boolean }): void };

export function conversationsService(prisma: PrismaClient, events: EventBus, files: AttachmentFiles, clock?: Clock, followUps?: FollowUps) {
  const totals = countCache(events);
  const badges = unreadCache(events);
  const triage = triageRules(prisma);
  const reads = sharedReads(events);
  const searchPlan = searchPlanner(prisma);

  /** A conversation the actor may see, or 404 — the same for another pro's and for a missing id. */
  async function visible(actor: Actor, id: number) {
    const row = await prisma.conversation.findFirst({ where: { id, ...conversationScope(actor) }, select: { id: true, professionalId: true } });
    if (!row) throw notFound("Conversation not found");
    return row;
  }

  /** The conversation as JSON text (with its thread when asked), or 404. */
  async function read(actor: Actor, id: number, options?: { messages?: boolean }) {
    const where = Prisma.sql`c.id = ${id} AND ${conversationScopeSql(actor, "c")}`;
    // Everyone of one audience sees the same JSON (admins share their unread count).
    const key = `conversation ${unreadAudience(actor)} ${id} ${options?.messages === true}`;
    const json = await reads.read(key, () => readConversation(prisma, actor, files.links, where, options));
    if (json === null) throw notFound("Conversation not found");
    return json;
  }

  function announce(
    conversation: { id: number; professionalId: number },
    type: MessagingEvent["type"],
    data: MessagingEvent["data"],
    unreadChangedFor?: Role,
    adminsOnly?: boolean,
  ) {
    const event: MessagingEvent = {
      type,
      conversationId: conversation.id,
      professionalId: conversation.professionalId,
      unreadChangedFor,
      ...(adminsOnly && { adminsOnly }),
      data,
    };
    // This process forgets what the write made stale before it answers; other processes do so on the event
    // (through Redis it arrives here too, later: forgetting twice is harmless).
    totals.forgetFor(event);
    badges.forgetFor(event);
    reads.forget();
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

  /** What conversation.updated tells of the ticket (a pro receives it without what only admins see). */
  const updatedFields = ["status", "closedBy", "subject", "categoryId", "category", "adminId", "admin", "priority", "waitingOn", "waitingSince"] as const;

  async function changeStatus(actor: Actor, id: number, changes: ConversationChanges) {
    if (changes.categoryId != null || changes.adminId != null) {
      const current = await prisma.conversation.findFirst({ where: { id, ...conversationScope(actor) }, select: { categoryId: true } });
      if (!current) throw notFound("Conversation not found");
      await triage.check(actor, changes, current);
    }
    const row = await updateConversationRow(prisma, actor, id, changes, clock);
    if (!row) throw notFound("Conversation not found");
    // The answer and the event must show this write: never join a read that began before it.
    reads.forget();
    const json = await read(actor, id);
    const view = JSON.parse(json) as Record<string, unknown>;
    const data = Object.fromEntries(updatedFields.filter((field) => field in view).map((field) => [field, view[field]]));
    // Only the priority changed: nothing a pro can see did.
    const seenByPro = row.status !== row.previous.status || row.subject !== row.previous.subject ||
      row.categoryId !== row.previous.categoryId || row.adminId !== row.previous.adminId;
    announce(row, "conversation.updated", data, undefined, !seenByPro);
    return json;
  }

  /**
   * A page of conversations as JSON text, with its size and the (cached) total of the filter. A search's total is
   * counted up to SEARCH_TOTAL_BOUND + 1 (`bounded` then says the true total is higher).
   */
  async function listPage(actor: Actor, { filter, sort, range, byRelevance }: ListConversationsQuery) {
    triage.checkList(actor, filter, sort.field);
    const search = filter.q ? await searchPlan(actor, filter.q) : undefined;
    const where = conversationWhereSql(actor, filter, search);
    const [total, page] = await Promise.all([
      totals.count(actor, filter, async () => {
        if (search) return boundedSearchCount(prisma, where);
        const [{ count }] = await prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "Conversation" c WHERE ${where}`;
        return count;
      }),
      reads.read(`page ${unreadAudience(actor)} ${JSON.stringify({ filter: { ...filter, adminId: filter.adminId === "me" ? actor.id : filter.adminId }, sort, range, byRelevance })}`, async () => {
        if (!search) return readConversations(prisma, actor, { where, orderBy: conversationOrderSql(sort), ...range });
        // A search says, for each row, what matched: the subject or the best message, as plain-text segments.
        const rows = byRelevance ? relevancePageSql(conversationWhereSql(actor, { ...filter, q: undefined }), search, range.skip, range.take) : undefined;
        const orderBy = byRelevance ? relevanceOrderSql : conversationOrderSql(sort);
        const page = await readConversations(prisma, actor, { where, orderBy, ...range, rows, extraColumns: matchColumnSql(actor, search.query) });
        return { ...page, json: withSnippets(page.json) };
      }),
    ]);
    const bounded = search !== undefined && total > SEARCH_TOTAL_BOUND;
    return { total: Math.max(total, range.skip + page.count), bounded, ...page };
  }

  return {
    visible,
    unreadCount,
    /** Signs the links of the attachments this service answers. */
    links: files.links,

    /**
     * A page of conversations. A search that found nothing is tried once more as it was probably meant (a typo in a
     * subject's word); `corrected` then says what was searched.
     */
    async list(actor: Actor, query: ListConversationsQuery) {
      const page: Awaited<ReturnType<typeof listPage>> & { corrected?: string } = await listPage(actor, query);
      if (!query.filter.q || page.total > 0) return page;
      const corrected = await correctedSearch(prisma, actor, query.filter.q);
      if (!corrected) return page;
      const again = await listPage(actor, { ...query, filter: { ...query.filter, q: corrected } });
      return again.total > 0 ? { ...again, corrected } : page;
    },

    /** The conversation and its thread as JSON text: one query, scoped by the same rule for both. */
    detail: (actor: Actor, id: number) => read(actor, id, { messages: true }),

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
      await triage.check(actor, input);
      const sender: SenderType = actor.role;
      const now = clock?.() ?? new Date();
      const conversation = (stored: StoredFile[]) => ({
        subject: input.subject,
        professionalId,
        // An admin who starts a conversation is assigned to it unless he says otherwise.
        adminId: isAdmin(actor) ? (input.adminId === undefined ? actor.id : input.adminId) : null,
        categoryId: input.categoryId ?? null,
        ...(input.priority && { priority: input.priority }),
        createdAt: now,
        openedBy: sender,
        turnStartedAt: now,
        waitingOn: receiverOf(sender),
        waitingSince: now,
        lastMessageAt: now,
        lastMessagePreview: messagePreview(input.content, stored),
        lastMessageSenderType: sender,
        lastMessageSenderId: actor.id,
        messageCount: 1,
        [receiverCounter(sender)]: 1,
        messages: { create: { senderType: sender, senderId: actor.id, content: input.content, createdAt: now } },
      });
      const select = { id: true, professionalId: true, messages: { include: { sender: { select: { id: true, name: true } } } } } as const;
      const row = await files.storedFor(uploads, async (stored) => {
        // The conversation and its first message are one write (Prisma runs nested creates in one transaction)…
        if (stored.length === 0) {
          const created = await prisma.conversation.create({ data: conversation(stored), select });
          return { ...created, message: { ...created.messages[0], attachments: [] } };
        }
        // … and with files, one transaction records them too.
        return prisma.$transaction(async (tx) => {
          const created = await tx.conversation.create({ data: conversation(stored), select });
          const [message] = created.messages;
          const attachments = await tx.attachment.createManyAndReturn({
            data: stored.map((file) => ({ ...file, messageId: message.id, conversationId: created.id, createdAt: now })),
            select: { id: true, filename: true, contentType: true, size: true, width: true, height: true, thumbnailKey: true },
          });
          return { ...created, message: { ...message, attachments: attachments.map(files.json) } };
        });
      });
      announce(row, "message.created", { message: row.message }, receiverOf(sender)); // forgets shared reads too
      followUps?.messagePosted({ conversationId: row.id, sender, internal: false });
      return { id: row.id, json: await read(actor, row.id, { messages: true }) };
    },

    /** A public message, or (admins) an internal note: `internal`, which a pro may not send at all. */
    async postMessage(actor: Actor, id: number, { content, internal, afterMessageId }: PostMessageInput, uploads: Upload[] = []) {
      if (!isAdmin(actor) && internal !== undefined) throw badRequest("internal is for admins only", { internal: "internal is for admins only" });
      await refuseStaleReply(prisma, actor, id, afterMessageId, files.links);
      const posted = await files.storedFor(uploads, async (stored) => {
        const row = await insertMessage(prisma, actor, id, content, { internal: internal === true, clock, files: stored });
        if (!row) throw notFound("Conversation not found");
        return row;
      });
      const { professionalId, status, previousStatus, internal: isNote, attachments, ...stored } = posted;
      const message = {
        ...stored, ...(isAdmin(actor) && { internal: isNote }), sender: { id: actor.id, name: actor.name }, attachments: attachments.map(files.json),
      };
      followUps?.messagePosted({ conversationId: id, sender: actor.role, internal: isNote });
      if (isNote) {
        // For admins only: no status, no unread count, nothing a pro's stream may carry.
        announce({ id, professionalId }, "message.created", { message: { ...message, internal: true } }, undefined, true);
        return message;
      }
      const reopened = previousStatus !== status;
      announce({ id, professionalId }, "message.created", { message: { ...message, internal: false }, status, ...(reopened && { reopened }) }, receiverOf(actor.role));
      return message;
    },

    async markRead(actor: Actor, id: number) {
      const read = await markMessagesRead(prisma, actor, id, clock);
      if (!read) throw notFound("Conversation not found");
      if (read.marked > 0) announce(read, "conversation.updated", { readBy: actor.role, readAt: read.readAt }, actor.role);
      return { count: await unreadCount(actor) };
    },

    setStatus: (actor: Actor, id: number, status: ConversationStatus) => changeStatus(actor, id, { status }),
    update: changeStatus,
  };
}
export type ConversationsService = ReturnType<typeof conversationsService>;
