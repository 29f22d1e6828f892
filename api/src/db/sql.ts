import type { Prisma } from "../generated/prisma/client.ts";

/**
 * A `timestamp(3)` column (stored in UTC) as the API writes every date: ISO 8601 with milliseconds and `Z`, exactly
 * what `JSON.stringify(new Date())` gives — so that rows built as JSON by PostgreSQL read like rows mapped in
 * JavaScript. NULL stays NULL.
 */
export const isoTimestamp = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** What reads a page or a count: the Prisma client itself, or a reader with limits of its own (search/statements.ts). */
export type SqlReader = { $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T> };
