import { proVisibleMessageSql } from "../access/policy.ts";
import { businessDurationsSql, secondsSql as seconds, type BusinessHours } from "../calendar/businessHours.ts";
import { utcSql, type Clock } from "../clock.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { anyFilter, bounds, conversationFilter, duration, filterSql, toNumber, type Filters, type Summary, type Work } from "./filters.ts";
import type { StatsQuery } from "./schemas.ts";
import { PRIORITIES, replyGroupFigures, type ReplyGroup } from "./replyGroups.ts";

/** The admins and categories (and no category) that statistics are given for. */
type GroupKeys = { admins: number[]; categories: Array<number | null>; priorities: Array<(typeof PRIORITIES)[number]> };

/** The columns of a duration summary over `s` (seconds) and `b` (business seconds); a null `s` is not a duration. */
const summaryColumns = Prisma.sql`
  count(s)::int AS count, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY s) AS percentiles, avg(s) AS mean,
  percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY b) AS "businessPercentiles", avg(b) AS "businessMean"`;
type SummaryRow = { count: unknown; percentiles: unknown; mean: unknown; businessPercentiles: unknown; businessMean: unknown };
const pair = (value: unknown) => (Array.isArray(value) ? value : [null, null]);

/**
 * Statistics as SQL aggregates over rows recorded when things happened (Conversation's dates, Reply, StatusChange,
 * Rating), each dated by the event it counts: a first response by the reply, a resolution by the close. Replies and
 * status changes carry the ticket's triage, so that they are read alone, from their covering indexes; one scan of
 * each gives the totals and the per-admin, per-category and per-priority figures (GROUPING SETS).
 */
export function statsOverview(
  prisma: PrismaClient,
  { businessHours, clock, filteredGroupsMax }: { businessHours?: BusinessHours; clock?: Clock; filteredGroupsMax?: number } = {},
) {
  const now = () => clock?.() ?? new Date();
  /** The durations `s` (seconds) and `b` (business seconds, or null) over the rows of `source`, as a subquery. */
  // Every instant measured is at or after its conversation's creation: the first one is where business time starts.
  const span = (until: Prisma.Sql) => ({ since: Prisma.sql`(SELECT min("createdAt") FROM "Conversation")`, until });
  const durations = (started: Prisma.Sql, finished: Prisma.Sql, source: Prisma.Sql, until: Prisma.Sql) =>
    businessHours
      ? businessDurationsSql(businessHours, started, finished, source, span(until))
      : Prisma.sql`(SELECT ${seconds(started, finished)} AS s, NULL::double precision AS b FROM ${source})`;
  const summaryOf = (row: SummaryRow): Summary => {
    const [median, p90] = pair(row.percentiles);
    const [businessMedian, businessP90] = pair(row.businessPercentiles);
    return {
      count: Number(row.count),
      median: duration(median),
      p90: duration(p90),
      mean: duration(row.mean),
      ...(businessHours && { business: { median: duration(businessMedian), p90: duration(businessP90), mean: duration(row.businessMean) } }),
    };
  };

  /** Median, p90 and mean of `started → finished` over `source` (SQL after FROM). */
  async function summary(started: Prisma.Sql, finished: Prisma.Sql, source: Prisma.Sql, until: Prisma.Sql): Promise<Summary> {
    const [row] = await prisma.$queryRaw<SummaryRow[]>`
      SELECT ${summaryColumns} FROM ${durations(started, finished, source, until)} durations`;
    return summaryOf(row);
  }

  const firstResponses = (q: StatsQuery, { from, to } = bounds(q)) =>
    summary(Prisma.sql`c."createdAt"`, Prisma.sql`c."firstAdminReplyAt"`, Prisma.sql`"Conversation" c
      WHERE c."openedBy" = 'PROFESSIONAL' AND c."firstAdminReplyAt" >= ${from} AND c."firstAdminReplyAt" < ${to} AND ${conversationFilter(q)}`, to);

  // A reopened ticket has only its final close: closedAt is cleared by a reopen and set again by the next close.
  const resolutions = (q: StatsQuery, { from, to } = bounds(q)) =>
    summary(Prisma.sql`c."createdAt"`, Prisma.sql`c."closedAt"`, Prisma.sql`"Conversation" c
      WHERE c.status = 'closed' AND c."closedAt" >= ${from} AND c."closedAt" < ${to} AND ${conversationFilter(q)}`, to);

  /**
   * The replies: every one counts, those that answered a waiting pro are the response times. Two queries side by side
   * (one per core): the response times' median, p90 and mean (with business time), and the replies and median
   * response per admin, category and priority (replyGroups.ts).
   */
  async function replies(q: StatsQuery, keys: GroupKeys) {
    const { from, to } = bounds(q);
    const rows = Prisma.sql`"Reply" r WHERE r."repliedAt" >= ${from} AND r."repliedAt" < ${to} AND ${filterSql(q, "r", `r."adminId"`)}`;
    const groups: ReplyGroup[] = [
      ...keys.admins.map((key) => ({ kind: "admin" as const, key })),
      ...keys.categories.map((key) => ({ kind: "category" as const, key })),
      ...keys.priorities.map((key) => ({ kind: "priority" as const, key })),
    ];
    const [response, figures] = await Promise.all([
      // No "waitingSince IS NOT NULL" in the WHERE: PostgreSQL would then read the table rather than its covering index.
      summary(Prisma.sql`r."waitingSince"`, Prisma.sql`r."repliedAt"`, rows, to),
      replyGroupFigures(prisma, rows, groups, filteredGroupsMax),
    ]);
    const of = <K extends ReplyGroup["kind"]>(kind: K) =>
      groups.flatMap((group, i) =>
        group.kind === kind && figures[i].replies > 0
          ? [{ key: group.key as Extract<ReplyGroup, { kind: K }>["key"], replies: figures[i].replies, medianResponse: duration(figures[i].median) }]
          : [],
      );
    return { response, perAdmin: of("admin"), perCategory: of("category"), perPriority: of("priority") };
  }

  /** One scan of the status changes: closings and reopenings, the whole and per admin, category and priority. */
  async function statusChanges(q: StatsQuery) {
    const { from, to } = bounds(q);
    const rows = await prisma.$queryRaw<Array<{ g: number; userId: number | null; categoryId: number | null; priority: string | null; closed: number; reopened: number }>>`
      SELECT GROUPING(s."userId", s."categoryId", s.priority)::int AS g, s."userId", s."categoryId", s.priority::text AS priority,
        count(*) FILTER (WHERE s.status = 'closed')::int AS closed, count(*) FILTER (WHERE s.status = 'open')::int AS reopened
      FROM "StatusChange" s WHERE s."changedAt" >= ${from} AND s."changedAt" < ${to} AND ${filterSql(q, "s", `s."userId"`)}
      GROUP BY GROUPING SETS ((), (s."userId"), (s."categoryId"), (s.priority))`;
    const whole = rows.find((row) => row.g === 7);
    return {
      closed: whole?.closed ?? 0,
      reopened: whole?.reopened ?? 0,
      perAdmin: rows.filter((row) => row.g === 3).map((row) => ({ key: row.userId, closed: row.closed })),
      perCategory: rows.filter((row) => row.g === 5).map((row) => ({ key: row.categoryId, closed: row.closed })),
      perPriority: rows.filter((row) => row.g === 6).map((row) => ({ key: row.priority, closed: row.closed })),
    };
  }

  /** Conversations created, and public messages by side (index-only without a filter). */
  async function created(q: StatsQuery) {
    const { from, to } = bounds(q);
    const messagesFrom = anyFilter(q) ? Prisma.sql`"Message" m JOIN "Conversation" c ON c.id = m."conversationId"` : Prisma.sql`"Message" m`;
    const [row] = await prisma.$queryRaw<{ created: number; professional: number; admin: number }[]>`
      SELECT
        (SELECT count(*)::int FROM "Conversation" c WHERE c."createdAt" >= ${from} AND c."createdAt" < ${to} AND ${conversationFilter(q)}) AS created,
        count(*) FILTER (WHERE m."senderType" = 'PROFESSIONAL')::int AS professional, count(*) FILTER (WHERE m."senderType" = 'ADMIN')::int AS admin
      FROM ${messagesFrom}
      WHERE m."createdAt" >= ${from} AND m."createdAt" < ${to} AND ${proVisibleMessageSql("m")} AND ${filterSql(q, "c", `m."senderId"`)}`;
    return row;
  }

  async function backlog(q: StatsQuery) {
    const age = Prisma.sql`(${utcSql(now())} - c."waitingSince")`;
    const [row] = await prisma.$queryRaw<Record<string, number>[]>`
      SELECT count(*)::int AS open,
        count(*) FILTER (WHERE c."waitingOn" = 'ADMIN')::int AS "waitingOnAdmin",
        count(*) FILTER (WHERE c."waitingOn" = 'ADMIN' AND ${age} < interval '1 hour')::int AS under1h,
        count(*) FILTER (WHERE c."waitingOn" = 'ADMIN' AND ${age} >= interval '1 hour' AND ${age} < interval '4 hours')::int AS from1to4h,
        count(*) FILTER (WHERE c."waitingOn" = 'ADMIN' AND ${age} >= interval '4 hours' AND ${age} < interval '24 hours')::int AS from4to24h,
        count(*) FILTER (WHERE c."waitingOn" = 'ADMIN' AND ${age} >= interval '24 hours')::int AS over24h,
        count(*) FILTER (WHERE c."waitingOn" = 'PROFESSIONAL')::int AS "waitingOnProfessional",
        count(*) FILTER (WHERE c."adminId" IS NULL)::int AS unassigned
      FROM "Conversation" c WHERE c.status = 'open' AND ${conversationFilter(q)}`;
    return {
      open: row.open,
      waitingOnAdmin: { total: row.waitingOnAdmin, under1h: row.under1h, from1to4h: row.from1to4h, from4to24h: row.from4to24h, over24h: row.over24h },
      waitingOnProfessional: row.waitingOnProfessional,
      unassigned: row.unassigned,
    };
  }

  /** Ratings given in the range; the response rate counts the closings of the range that were rated. */
  async function satisfaction(q: StatsQuery, closings: Promise<number>) {
    const { from, to } = bounds(q);
    const [[row], closed] = await Promise.all([prisma.$queryRaw<Record<string, number | null>[]>`
      SELECT count(*)::int AS count, avg(r.score)::double precision AS average,
        ${Prisma.join([1, 2, 3, 4, 5].map((score) => Prisma.sql`count(*) FILTER (WHERE r.score = ${score})::int AS ${Prisma.raw(`"s${score}"`)}`))},
        count(*) FILTER (WHERE r."closedAt" >= ${from} AND r."closedAt" < ${to})::int AS "ratedClosings"
      FROM "Rating" r ${anyFilter(q) ? Prisma.sql`JOIN "Conversation" c ON c.id = r."conversationId"` : Prisma.empty}
      WHERE r."createdAt" >= ${from} AND r."createdAt" < ${to} AND ${conversationFilter(q)}`, closings]);
    return {
      count: Number(row.count),
      average: toNumber(row.average),
      distribution: { 1: Number(row.s1), 2: Number(row.s2), 3: Number(row.s3), 4: Number(row.s4), 5: Number(row.s5) },
      responseRate: closed > 0 ? Math.min(1, Number(row.ratedClosings) / closed) : null,
    };
  }

  /** Replies and closings merged by key, named: admins by their name, categories by theirs (none: null). */
  function merge<K>(replied: Array<{ key: K } & Omit<Work, "closed">>, closedRows: Array<{ key: K; closed: number }>) {
    const rows = new Map<string, Work & { key: K }>();
    const entry = (key: K) => {
      const id = JSON.stringify(key);
      let row = rows.get(id);
      if (!row) rows.set(id, (row = { key, replies: 0, medianResponse: null, closed: 0 }));
      return row;
    };
    for (const { key, replies, medianResponse } of replied) Object.assign(entry(key), { replies, medianResponse });
    for (const { key, closed } of closedRows) entry(key).closed = closed;
    return [...rows.values()];
  }

  return {
    now,

    async overview(q: StatsQuery) {
      const named = Promise.all([
        prisma.user.findMany({ where: { role: "ADMIN" }, select: { id: true, name: true } }),
        prisma.category.findMany({ select: { id: true, name: true } }),
      ]);
      // Only the groups a filter leaves can have figures.
      const keys = named.then(([admins, categories]) => ({
        admins: q.adminId !== undefined ? [q.adminId] : admins.map(({ id }) => id),
        categories: q.categoryId !== undefined ? [q.categoryId] : [...categories.map(({ id }) => id), null],
        priorities: q.priority !== undefined ? [q.priority] : [...PRIORITIES],
      }));
      const changed = statusChanges(q);
      const [firstResponse, resolution, answered, changes, counts, queue, rated, [admins, categories]] = await Promise.all([
        firstResponses(q), resolutions(q), keys.then((groups) => replies(q, groups)), changed, created(q), backlog(q),
        satisfaction(q, changed.then(({ closed }) => closed)), named,
      ]);
      const adminNames = new Map(admins.map((admin) => [admin.id, admin.name]));
      const categoryNames = new Map(categories.map((category) => [category.id, category.name]));
      return {
        from: q.from.toISOString(),
        to: q.to.toISOString(),
        firstResponse,
        response: answered.response,
        resolution,
        volume: { created: counts.created, closed: changes.closed, reopened: changes.reopened, messages: { professional: counts.professional, admin: counts.admin } },
        backlog: queue,
        satisfaction: rated,
        // Closings of unknown authors (before statistics were recorded) and pros' own belong to no admin.
        perAdmin: merge(answered.perAdmin, changes.perAdmin)
          .filter((row) => row.key !== null && adminNames.has(row.key))
          .map(({ key, ...row }) => ({ adminId: key!, name: adminNames.get(key!)!, ...row }))
          .sort((a, b) => b.replies - a.replies || a.name.localeCompare(b.name)),
        perCategory: merge(answered.perCategory, changes.perCategory)
          .map(({ key, ...row }) => ({ categoryId: key, name: key === null ? null : (categoryNames.get(key) ?? null), ...row }))
          .sort((a, b) => b.replies - a.replies || (a.name ?? "").localeCompare(b.name ?? "")),
        perPriority: merge(answered.perPriority, changes.perPriority)
          .map(({ key, ...row }) => ({ priority: key as (typeof PRIORITIES)[number], ...row }))
          .sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority)),
      };
    },
  };
}
export type StatsOverview = ReturnType<typeof statsOverview>;
