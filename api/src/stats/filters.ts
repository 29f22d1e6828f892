import { utcSql } from "../clock.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { StatsQuery } from "./schemas.ts";

export type Filters = Pick<StatsQuery, "categoryId" | "adminId" | "priority">;
export type Summary = { count: number; median: number | null; p90: number | null; mean: number | null; business?: Omit<Summary, "count" | "business"> };
export type Work = { replies: number; medianResponse: number | null; closed: number };

export const toNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
/** Seconds to the millisecond: the timestamps' own precision (percentiles interpolate in floating point). */
export const duration = (value: unknown) => {
  const number = toNumber(value);
  return number === null ? null : Math.round(number * 1000) / 1000;
};

/**
 * What a statistic looks at, over rows of `alias` that carry the ticket's `categoryId` and `priority` (conversations,
 * replies, status changes — the last two keep them current). `adminId` is the assigned admin for what belongs to a
 * ticket (first response, resolution, creation, backlog); replies and closings are counted for whoever made them
 * (`actorColumn`).
 */
export function filterSql({ categoryId, priority, adminId }: Filters, alias: string, actorColumn?: string) {
  const parts: Prisma.Sql[] = [];
  if (categoryId !== undefined) parts.push(Prisma.sql`${Prisma.raw(alias)}."categoryId" = ${categoryId}`);
  if (priority !== undefined) parts.push(Prisma.sql`${Prisma.raw(alias)}.priority = ${priority}::"Priority"`);
  if (adminId !== undefined) parts.push(Prisma.sql`${Prisma.raw(actorColumn ?? `${alias}."adminId"`)} = ${adminId}`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}
export const conversationFilter = (q: Filters) => filterSql(q, "c");
export const bounds = (q: { from: Date; to: Date }) => ({ from: utcSql(q.from), to: utcSql(q.to) });
export const anyFilter = ({ categoryId, priority, adminId }: Filters) => categoryId !== undefined || priority !== undefined || adminId !== undefined;
