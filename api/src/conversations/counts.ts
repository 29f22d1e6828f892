import { unreadAudience, type Actor } from "../access/policy.ts";
import type { EventBus } from "../events/bus.ts";
import type { ConversationFilter } from "./schemas.ts";

/** Filters whose totals change with every message or read mark, not only when a ticket is created or changes status. */
const volatileFields = ["unreadOnly", "q", "lastMessageAt_gte", "lastMessageAt_lte"] as const;

export type CountCacheOptions = { ttlMs?: number; maxEntries?: number };

/**
 * The lists' totals (`Content-Range`), counted once and shared by everyone with the same view and filter until an
 * event says it may have changed, or `ttlMs` at most. Exact counts stay exact: a creation, a status change or a
 * reopening forgets every total; a message or a read mark forgets the totals of filters that depend on them.
 * Counting every matching row on each page was the list's main cost at 100,000 conversations.
 */
export function countCache(events: EventBus, { ttlMs = 30_000, maxEntries = 5000 }: CountCacheOptions = {}) {
  type Entry = { value: Promise<number>; expires: number; volatile: boolean };
  const entries = new Map<string, Entry>();

  const forget = (which: "all" | "volatile") => {
    if (which === "all") return entries.clear();
    for (const [key, entry] of entries) if (entry.volatile) entries.delete(key);
  };

  const unsubscribe = events.subscribe((delivery) => {
    if (delivery.kind === "reset") return forget("all");
    const { event } = delivery;
    if (event.type === "account.changed") return;
    const data = event.data;
    const membershipChanged = event.type === "message.created" ? !("status" in data) || data.reopened === true : "status" in data;
    forget(membershipChanged ? "all" : "volatile");
  });

  return {
    /** The total for this view and filter: cached, or counted once however many ask at the same time. */
    count(actor: Actor, filter: Partial<ConversationFilter>, counter: () => Promise<number>): Promise<number> {
      const key = `${unreadAudience(actor)} ${JSON.stringify(filter)}`;
      const cached = entries.get(key);
      if (cached && cached.expires > Date.now()) return cached.value;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      const value = counter();
      const entry = { value, expires: Date.now() + ttlMs, volatile: volatileFields.some((field) => filter[field] !== undefined) };
      entries.set(key, entry);
      // A failed count is not remembered.
      value.catch(() => entries.get(key) === entry && entries.delete(key));
      return value;
    },
    forget,
    close: unsubscribe,
  };
}
export type CountCache = ReturnType<typeof countCache>;
