import type { Actor } from "../access/policy.ts";
import { conversationScope, conversationScopeSql, isAdmin, unreadAudience, unreadCounterOf } from "../access/policy.ts";
import type { AttachmentLinks } from "../attachments/links.ts";
import type { Clock } from "../clock.ts";
import type { EventBus, MessagingEvent } from "../events/bus.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { ConversationStatus, Role } from "../generated/prisma/enums.ts";
import { notFound } from "../http/errors.ts";
import { correctedSearch } from "../search/corrections.ts";
import { boundedSearchCount, relevanceOrderSql, relevancePageSql, SEARCH_TOTAL_BOUND, searchPlanner } from "../search/plan.ts";
import { matchColumnSql, withSnippets } from "../search/snippets.ts";
import { searchReaders } from "../search/statements.ts";
import { countCache, sharedReads, unreadCache } from "./counts.ts";
import { conversationOrderSql, conversationWhereSql } from "./filters.ts";
import { readConversation, readConversations } from "./present.ts";
import type { ListConversationsQuery } from "./schemas.ts";
import { updateConversationRow, type ConversationChanges } from "./statements.ts";
import { triageRules } from "./triage.ts";

/**
 * Conversations as tickets: who may see which, their lists, detail and changes, the unread badge, and what every write
 * announces (messages/ writes the messages and announces them here).
 */
export type ConversationsOptions = {
  clock?: Clock;
  /** How long one search statement may run (SEARCH_TIMEOUT_MS). */
  searchTimeoutMs?: number;
  /** Whether search statements get their own limits (false on PGlite: one session, no timer to cancel with). */
  searchLimits?: boolean;
};

export function conversationsService(prisma: PrismaClient, events: EventBus, links: AttachmentLinks, { clock, searchTimeoutMs = 3000, searchLimits = true }: ConversationsOptions = {}) {
  const totals = countCache(events);
  const badges = unreadCache(events);
  const triage = triageRules(prisma);
  const reads = sharedReads(events);
  const search = searchReaders(prisma, { timeoutMs: searchTimeoutMs, limits: searchLimits });
  const planner = searchPlanner(search);

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
    const json = await reads.read(key, () => readConversation(prisma, actor, links, where, options));
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
    return badges.count(actor, async () => {
      // The admins' badge is kept whole by the database (AdminUnread, 32 rows): summing every conversation's counter
      // after each write was most of the database's time under read marks.
      if (isAdmin(actor)) return (await prisma.adminUnread.aggregate({ _sum: { count: true } }))._sum.count ?? 0;
      // A pro's: his own conversations' counters, kept current by every write (the messages table is never scanned).
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
  async function listPage(actor: Actor, { filter: asked, sort, range, byRelevance }: ListConversationsQuery) {
    triage.checkList(actor, asked, sort.field);
    // "me" is this admin: the totals and pages that all admins share are keyed by whom it names.
    const filter = { ...asked, ...(asked.adminId === "me" && { adminId: actor.id }), ...(asked.assigned === "me" && { assigned: undefined, adminId: asked.adminId ?? actor.id }) };
    const plan = filter.q ? await planner.conversations(actor, filter.q) : undefined;
    const where = conversationWhereSql(actor, filter, plan);
    const [total, page] = await Promise.all([
      totals.count(actor, filter, async () => {
        if (plan) return boundedSearchCount(search.timed, where);
        const [{ count }] = await prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "Conversation" c WHERE ${where}`;
        return count;
      }),
      reads.read(`page ${unreadAudience(actor)} ${JSON.stringify({ filter, sort, range, byRelevance })}`, async () => {
        if (!plan) return readConversations(prisma, actor, { where, orderBy: conversationOrderSql(sort), ...range });
        // A search says, for each row, what matched: the subject or the best message, as plain-text segments.
        const rows = byRelevance ? relevancePageSql(conversationWhereSql(actor, { ...filter, q: undefined }), plan, range.skip, range.take) : undefined;
        const orderBy = byRelevance ? relevanceOrderSql : conversationOrderSql(sort);
        const page = await readConversations(search.timed, actor, { where, orderBy, ...range, rows, extraColumns: matchColumnSql(actor, plan.query) });
        return { ...page, json: withSnippets(page.json) };
      }),
    ]);
    const bounded = plan !== undefined && total > SEARCH_TOTAL_BOUND;
    return { total: Math.max(total, range.skip + page.count), bounded, ...page };
  }

  return {
    visible,
    read,
    announce,
    unreadCount,
    triage,
    /** Signs the links of the attachments this service answers. */
    links,
    /** The readers every search statement goes through (a timeout; the probes never scan). */
    search,
    /** How a search of messages themselves finds them (the same memory of common words as the conversations'). */
    planMessageSearch: planner.messages,

    /**
     * A page of conversations. A search that found nothing is tried once more as it was probably meant: a typo in a
     * subject's word is corrected and searched (`corrected` says what was), a merely close word is only offered
     * (`suggested`, when it would find something) beside the empty page.
     */
    async list(actor: Actor, query: ListConversationsQuery) {
      const page: Awaited<ReturnType<typeof listPage>> & { corrected?: string; suggested?: string } = await listPage(actor, query);
      if (!query.filter.q || page.total > 0) return page;
      // Through the indexes only: its checks of whether a word is known probe a tsquery PostgreSQL cannot estimate.
      const correction = await correctedSearch(search.indexed, actor, query.filter.q);
      if (!correction) return page;
      const searched = (q: string) => listPage(actor, { ...query, filter: { ...query.filter, q } });
      if (correction.corrected) {
        const again = await searched(correction.corrected);
        if (again.total > 0) return { ...again, corrected: correction.corrected };
      }
      if (correction.suggested === correction.corrected) return page;
      const offered = await searched(correction.suggested);
      return offered.total > 0 ? { ...page, suggested: correction.suggested } : page;
    },

    /** The conversation and its thread as JSON text: one query, scoped by the same rule for both. */
    detail: (actor: Actor, id: number) => read(actor, id, { messages: true }),

    setStatus: (actor: Actor, id: number, status: ConversationStatus) => changeStatus(actor, id, { status }),
    update: changeStatus,
  };
}
export type ConversationsService = ReturnType<typeof conversationsService>;
