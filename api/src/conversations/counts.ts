import { unreadAudience, unreadAudienceOf, type Actor } from "../access/policy.ts";
import { changesData, type BusEvent, type EventBus } from "../events/bus.ts";
import type { ConversationFilter } from "./schemas.ts";

/** Filters whose totals change with every message or read mark, not only when a ticket is created or changes status. */
const volatileFields = ["unreadOnly", "q", "lastMessageAt_gte", "lastMessageAt_lte", "waitingOn", "adminId", "assigned"] as const;

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

  /** What an event makes stale: a creation (a message without status), a status change or a reopening, every total. */
  function forgetFor(event: BusEvent) {
    if (!changesData(event)) return;
    const data = event.data;
    const membershipChanged = event.type === "message.created" ? !("status" in data) || data.reopened === true : "status" in data;
    forget(membershipChanged ? "all" : "volatile");
  }
  const unsubscribe = events.subscribe((delivery) => (delivery.kind === "reset" ? forget("all") : forgetFor(delivery.event)));

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
    forgetFor,
    close: unsubscribe,
  };
}
export type CountCache = ReturnType<typeof countCache>;

/**
 * The unread badges, one per audience (all admins share one; each pro his own), computed once and kept until an
 * event changes that audience's count — or `ttlMs` at most, for a process that missed an event while Redis was down.
 * A count started before the change is never served after it: each change starts a new generation.
 */
export function unreadCache(events: EventBus, { ttlMs = 10_000, maxEntries = 20_000 }: CountCacheOptions = {}) {
  const entries = new Map<string, { value: Promise<number>; expires: number }>();
  /** Forgets the count of the audience whose unread count the event changed. */
  function forgetFor(event: BusEvent) {
    const audience = unreadAudienceOf(event);
    if (audience) entries.delete(audience);
  }
  const unsubscribe = events.subscribe((delivery) => (delivery.kind === "reset" ? entries.clear() : forgetFor(delivery.event)));
  return {
    count(actor: Actor, counter: () => Promise<number>): Promise<number> {
      const audience = unreadAudience(actor);
      const cached = entries.get(audience);
      if (cached && cached.expires > Date.now()) return cached.value;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      const entry = { value: counter(), expires: Date.now() + ttlMs };
      entries.set(audience, entry);
      entry.value.catch(() => entries.get(audience) === entry && entries.delete(audience));
      return entry.value;
    },
    forgetFor,
    close: unsubscribe,
  };
}

/**
 * Identical reads running at the same time share one query: when an event arrives, every console showing the same
 * view refetches it at once, and one query answers them all. Nothing is kept once the query settles, and any write
 * (an event, forgotten by `announce` before the writer gets his answer) makes the next read start afresh: a reader
 * never joins a query that began before a write he could have seen.
 */
export function sharedReads(events: EventBus, { maxEntries = 10_000 } = {}) {
  const running = new Map<string, Promise<unknown>>();
  const forget = () => running.clear();
  const unsubscribe = events.subscribe((delivery) => (delivery.kind === "reset" || changesData(delivery.event)) && forget());
  return {
    read<T>(key: string, query: () => Promise<T>): Promise<T> {
      const current = running.get(key);
      if (current) return current as Promise<T>;
      if (running.size >= maxEntries) return query();
      const started = query();
      running.set(key, started);
      const settle = () => void (running.get(key) === started && running.delete(key));
      started.then(settle, settle);
      return started;
    },
    forget,
    close: unsubscribe,
  };
}
