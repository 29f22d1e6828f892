import type { PrismaClient } from "../generated/prisma/client.ts";

/** How long a key answers its first answer. */
const KEPT = "24 hours";
/** A key still without an answer after this long belongs to a request that died (a crash): the next one takes over. */
const ABANDONED = "1 minute";

export type Begun =
  | { kind: "new" }
  | { kind: "replay"; status: number; body: string }
  | { kind: "mismatch" }
  | { kind: "pending" };

/** The Idempotency-Key table: claimed by the first request, answered once it is, forgotten after a day. */
export function idempotencyStore(prisma: PrismaClient) {
  return {
    /** Claims `key` for this request, or says what the first request with it answered (or that it is still running). */
    async begin(userId: number, key: string, requestHash: string): Promise<Begun> {
      // One round trip: claims a new key — or one expired, or abandoned by a request that died — and forgets this
      // user's other expired keys on the way (the primary key's userId prefix finds them).
      const claimed = await prisma.$executeRaw`
        WITH purge AS (
          DELETE FROM "IdempotencyKey" WHERE "userId" = ${userId} AND key <> ${key} AND "createdAt" < (now() AT TIME ZONE 'UTC') - ${KEPT}::interval
        )
        INSERT INTO "IdempotencyKey" ("userId", key, "requestHash", "createdAt") VALUES (${userId}, ${key}, ${requestHash}, now() AT TIME ZONE 'UTC')
        ON CONFLICT ("userId", key) DO UPDATE SET "requestHash" = EXCLUDED."requestHash", status = NULL, body = NULL, "createdAt" = EXCLUDED."createdAt"
          WHERE "IdempotencyKey"."createdAt" < (now() AT TIME ZONE 'UTC') - ${KEPT}::interval
             OR ("IdempotencyKey".status IS NULL AND "IdempotencyKey"."createdAt" < (now() AT TIME ZONE 'UTC') - ${ABANDONED}::interval)`;
      if (claimed === 1) return { kind: "new" };
      const first = await prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
      if (!first) return { kind: "pending" }; // forgotten in between: the caller asks again
      if (first.requestHash !== requestHash) return { kind: "mismatch" };
      if (first.status === null || first.body === null) return { kind: "pending" };
      return { kind: "replay", status: first.status, body: first.body };
    },
    complete: (userId: number, key: string, status: number, body: string) =>
      prisma.idempotencyKey.updateMany({ where: { userId, key }, data: { status, body } }),
    /** The first request wrote nothing worth replaying (a conflict, an outage): the key may be used again. */
    abandon: (userId: number, key: string) => prisma.idempotencyKey.deleteMany({ where: { userId, key } }),
  };
}
export type IdempotencyStore = ReturnType<typeof idempotencyStore>;
