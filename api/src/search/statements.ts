import type { SqlReader } from "../db/sql.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";

export type SearchReaders = {
  /** Every search statement: cancelled by PostgreSQL after the search timeout (57014, which answers 503). */
  timed: SqlReader;
  /** The same, never by a sequential scan: the "how many match?" probes, which must go through the GIN indexes. */
  indexed: SqlReader;
};

/**
 * Search statements run with their own limits, set with `set_config(…, true)` (SET LOCAL) inside a transaction of
 * their own — which holds through PgBouncer's transaction mode, unlike a session setting:
 * - `statement_timeout`: one plan gone bad costs that search a 503 after `timeoutMs`, never a pooled connection for
 *   seconds (and with it everyone else's requests);
 * - `enable_seqscan = off` for the probes: a tsquery's estimate (a prefix term, an exclusion) can make PostgreSQL
 *   read every message for `LIMIT 1001` rather than ask the GIN index, which answers a rare word in a fraction of a
 *   millisecond. The index is there for every probed column, so the setting only takes the bad choice away.
 * PGlite has one session and no timer to cancel a statement (`limits: false`): there the limits do nothing, and a
 * search's statements run as they are, without a transaction of their own.
 */
export function searchReaders(prisma: PrismaClient, { timeoutMs, limits = true }: { timeoutMs: number; limits?: boolean }): SearchReaders {
  if (!limits) return { timed: prisma, indexed: prisma };
  const reader = (indexOnly: boolean): SqlReader => ({
    $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
      const limits = indexOnly
        ? prisma.$queryRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true), set_config('enable_seqscan', 'off', true)`
        : prisma.$queryRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`;
      return prisma.$transaction([limits, prisma.$queryRaw<T>(sql)]).then(([, rows]) => rows);
    },
  });
  return { timed: reader(false), indexed: reader(true) };
}
