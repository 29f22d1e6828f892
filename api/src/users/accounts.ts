import type { EventBus } from "../events/bus.ts";
import { isAccountEvent } from "../events/bus.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

const accountFields = { id: true, role: true, name: true, email: true, active: true, tokenGeneration: true } as const;
export type Account = { id: number; role: "PROFESSIONAL" | "ADMIN"; name: string; email: string; active: boolean; tokenGeneration: number };

export type AccountCacheOptions = { ttlMs?: number; maxEntries?: number };

/**
 * What authentication needs of each user, remembered a few seconds so that a request costs one query, not two.
 * A change is never served stale: the service that changes an account calls `forget` before answering, and
 * the `account.changed` event makes every other process forget it too (within the TTL if Redis is down).
 */
export function accountCache(prisma: PrismaClient, events: EventBus, { ttlMs = 5000, maxEntries = 10_000 }: AccountCacheOptions = {}) {
  const entries = new Map<number, { account: Account | null; expires: number }>();
  const unsubscribe = events.subscribe((delivery) => {
    if (delivery.kind === "reset") entries.clear();
    else if (isAccountEvent(delivery.event)) entries.delete(delivery.event.userId);
  });

  return {
    async get(id: number): Promise<Account | null> {
      const cached = entries.get(id);
      if (cached && cached.expires > Date.now()) return cached.account;
      const account = await prisma.user.findUnique({ where: { id }, select: accountFields });
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as number);
      entries.delete(id); // re-inserted last: the first key stays the oldest
      entries.set(id, { account, expires: Date.now() + ttlMs });
      return account;
    },
    forget: (id: number) => void entries.delete(id),
    close: unsubscribe,
  };
}
export type AccountCache = ReturnType<typeof accountCache>;
