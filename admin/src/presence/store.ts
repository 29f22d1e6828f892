import type { PresenceChanged } from "@messagerie/client/events";

/** Who else is on each ticket, as the event stream told (presence.changed); each entry expires by itself. */
export type Presence = { admin: { id: number; name: string }; state: "viewing" | "typing"; expiresAt: number };

const byConversation = new Map<number, Map<number, Presence>>();
const listeners = new Set<() => void>();
const EMPTY: Presence[] = [];
let snapshots = new Map<number, Presence[]>();

function changed() {
  snapshots = new Map();
  for (const listener of listeners) listener();
}

export const presenceStore = {
  apply(event: PresenceChanged) {
    const admins = byConversation.get(event.conversationId) ?? new Map<number, Presence>();
    const expiresAt = Date.parse(event.expiresAt);
    if (event.state === "left" || expiresAt <= Date.now()) admins.delete(event.admin.id);
    else admins.set(event.admin.id, { admin: event.admin, state: event.state, expiresAt });
    byConversation.set(event.conversationId, admins);
    changed();
  },
  /** An admin's message arrived: he has stopped typing it (his presence's expiry would say so seconds later). */
  sent(conversationId: number, adminId: number) {
    const entry = byConversation.get(conversationId)?.get(adminId);
    if (entry?.state !== "typing") return;
    byConversation.get(conversationId)!.set(adminId, { ...entry, state: "viewing" });
    changed();
  },
  /** The live entries of a ticket (a stable array between changes, for useSyncExternalStore). */
  of(conversationId: number): Presence[] {
    const cached = snapshots.get(conversationId);
    if (cached) return cached;
    const live = [...(byConversation.get(conversationId)?.values() ?? [])].filter((entry) => entry.expiresAt > Date.now());
    const snapshot = live.length ? live : EMPTY;
    snapshots.set(conversationId, snapshot);
    return snapshot;
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  /** Expired entries drop out when time passes, not only when an event comes. */
  tick: changed,
  clear() {
    byConversation.clear();
    changed();
  },
};
