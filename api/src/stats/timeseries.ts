import { proVisibleMessageSql } from "../access/policy.ts";
import { secondsSql as seconds } from "../calendar/businessHours.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { anyFilter, bounds, conversationFilter, duration, filterSql } from "./filters.ts";
import type { TimeseriesQuery } from "./schemas.ts";

/**
 * One row per day, week or month (starting at midnight in `timeZone`, ISO weeks from Monday), empty ones included.
 * The buckets' starts are computed once, as UTC instants; each row finds its bucket by a binary search over them
 * (width_bucket) rather than a time-zone conversion, and the five counts run as separate queries, side by side.
 */
export async function timeseries(prisma: PrismaClient, q: TimeseriesQuery) {
  const { from, to } = bounds(q);
  const unit = Prisma.raw(`'${q.interval}'`);
  const step = Prisma.raw(`'1 ${q.interval}'`);
  const local = (instant: Prisma.Sql) => Prisma.sql`date_trunc(${unit}, (${instant} AT TIME ZONE 'UTC') AT TIME ZONE ${q.timeZone})`;
  const [{ starts }] = await prisma.$queryRaw<{ starts: string[] }[]>`
    SELECT coalesce(array_agg(to_char((start AT TIME ZONE ${q.timeZone}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ORDER BY start), '{}') AS starts
    FROM generate_series(${local(from)}, ${local(Prisma.sql`(${to} - interval '1 millisecond')`)}, interval ${step}) start`;
  // The edges as the columns hold instants: UTC timestamps without zone.
  const utcEdges = Prisma.sql`(SELECT array_agg(edge AT TIME ZONE 'UTC' ORDER BY edge) FROM unnest(${starts}::timestamptz[]) edge)`;
  const perBucket = <T,>(column: string, select: Prisma.Sql, source: Prisma.Sql, where: Prisma.Sql) =>
    prisma.$queryRaw<Array<T & { i: number }>>`
      SELECT width_bucket(${Prisma.raw(column)}, edges.bounds) AS i, ${select}
      FROM ${source}, (SELECT ${utcEdges} AS bounds) edges
      WHERE ${Prisma.raw(column)} >= ${from} AND ${Prisma.raw(column)} < ${to} AND ${where}
      GROUP BY 1`;
  const [created, changes, messages, responses, firstResponses] = await Promise.all([
    perBucket<{ n: number }>(`c."createdAt"`, Prisma.sql`count(*)::int AS n`, Prisma.sql`"Conversation" c`, conversationFilter(q)),
    perBucket<{ closed: number; reopened: number }>(`s."changedAt"`,
      Prisma.sql`count(*) FILTER (WHERE s.status = 'closed')::int AS closed, count(*) FILTER (WHERE s.status = 'open')::int AS reopened`,
      Prisma.sql`"StatusChange" s`, filterSql(q, "s", `s."userId"`)),
    perBucket<{ professional: number; admin: number }>(`m."createdAt"`,
      Prisma.sql`count(*) FILTER (WHERE m."senderType" = 'PROFESSIONAL')::int AS professional, count(*) FILTER (WHERE m."senderType" = 'ADMIN')::int AS admin`,
      anyFilter(q) ? Prisma.sql`"Message" m JOIN "Conversation" c ON c.id = m."conversationId"` : Prisma.sql`"Message" m`,
      Prisma.sql`${proVisibleMessageSql("m")} AND ${filterSql(q, "c", `m."senderId"`)}`),
    perBucket<{ median: unknown }>(`r."repliedAt"`,
      Prisma.sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds(Prisma.sql`r."waitingSince"`, Prisma.sql`r."repliedAt"`)}) AS median`,
      Prisma.sql`"Reply" r`, Prisma.sql`r."waitingSince" IS NOT NULL AND ${filterSql(q, "r", `r."adminId"`)}`),
    perBucket<{ median: unknown }>(`c."firstAdminReplyAt"`,
      Prisma.sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds(Prisma.sql`c."createdAt"`, Prisma.sql`c."firstAdminReplyAt"`)}) AS median`,
      Prisma.sql`"Conversation" c`, Prisma.sql`c."openedBy" = 'PROFESSIONAL' AND ${conversationFilter(q)}`),
  ]);
  const byBucket = <T extends { i: number }>(rows: T[]) => new Map(rows.map((row) => [Number(row.i), row]));
  const [c, s, m, r, f] = [byBucket(created), byBucket(changes), byBucket(messages), byBucket(responses), byBucket(firstResponses)];
  return starts.map((start, index) => {
    const i = index + 1;
    return {
      start,
      created: c.get(i)?.n ?? 0,
      closed: s.get(i)?.closed ?? 0,
      reopened: s.get(i)?.reopened ?? 0,
      messagesProfessional: m.get(i)?.professional ?? 0,
      messagesAdmin: m.get(i)?.admin ?? 0,
      medianResponse: duration(r.get(i)?.median ?? null),
      medianFirstResponse: duration(f.get(i)?.median ?? null),
    };
  });
}
