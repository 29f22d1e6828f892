import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { utcSql, type Clock } from "../clock.ts";
import { businessSecondsSql, type BusinessHours } from "./businessHours.ts";
import type { StatsQuery, TimeseriesQuery } from "./schemas.ts";

type Filters = Pick<StatsQuery, "categoryId" | "adminId" | "priority">;
type Summary = { count: number; median: number | null; p90: number | null; mean: number | null; business?: Omit<Summary, "count" | "business"> };
type Work = { replies: number; medianResponse: number | null; closed: number };

const seconds = (started: Prisma.Sql, finished: Prisma.Sql) => Prisma.sql`extract(epoch FROM (${finished} - ${started}))::double precision`;
const toNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
/** Seconds to the millisecond: the timestamps' own precision (percentiles interpolate in floating point). */
const duration = (value: unknown) => {
  const number = toNumber(value);
  return number === null ? null : Math.round(number * 1000) / 1000;
};

/**
 * The conversations a statistic looks at (alias `c`): category and priority as they are now; `adminId` is the assigned
 * admin for what belongs to a ticket (first response, resolution, volume, backlog) — replies and closings are counted
 * for whoever made them (`actorColumn`).
 */
function conversationFilter({ categoryId, priority, adminId }: Filters, actorColumn?: Prisma.Sql) {
  const parts: Prisma.Sql[] = [];
  if (categoryId !== undefined) parts.push(Prisma.sql`c."categoryId" = ${categoryId}`);
  if (priority !== undefined) parts.push(Prisma.sql`c.priority = ${priority}::"Priority"`);
  if (adminId !== undefined) parts.push(actorColumn ? Prisma.sql`${actorColumn} = ${adminId}` : Prisma.sql`c."adminId" = ${adminId}`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}
const bounds = (q: { from: Date; to: Date }) => ({ from: utcSql(q.from), to: utcSql(q.to) });
const anyFilter = ({ categoryId, priority, adminId }: Filters) => categoryId !== undefined || priority !== undefined || adminId !== undefined;

/**
 * Statistics as SQL aggregates over rows recorded when things happened (Conversation's dates, ResponseTime,
 * StatusChange, Rating), each dated by the event it counts: a first response by the reply, a resolution by the close.
 */
export function statsService(prisma: PrismaClient, { businessHours, clock }: { businessHours?: BusinessHours; clock?: Clock } = {}) {
  const now = () => clock?.() ?? new Date();

  /** Median, p90 and mean of `started → finished` over `source` (SQL after FROM, alias `c` and others). */
  async function summary(started: Prisma.Sql, finished: Prisma.Sql, source: Prisma.Sql): Promise<Summary> {
    const business = businessHours ? businessSecondsSql(businessHours, started, finished) : Prisma.sql`NULL::double precision`;
    const [row] = await prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90, avg(s) AS mean,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY b) AS "businessMedian", percentile_cont(0.9) WITHIN GROUP (ORDER BY b) AS "businessP90",
        avg(b) AS "businessMean"
      FROM (SELECT ${seconds(started, finished)} AS s, ${business} AS b FROM ${source}) durations`;
    return {
      count: Number(row.count),
      median: duration(row.median),
      p90: duration(row.p90),
      mean: duration(row.mean),
      ...(businessHours && { business: { median: duration(row.businessMedian), p90: duration(row.businessP90), mean: duration(row.businessMean) } }),
    };
  }

  const firstResponses = (q: StatsQuery, { from, to } = bounds(q)) =>
    summary(Prisma.sql`c."createdAt"`, Prisma.sql`c."firstAdminReplyAt"`, Prisma.sql`"Conversation" c
      WHERE c."openedBy" = 'PROFESSIONAL' AND c."firstAdminReplyAt" >= ${from} AND c."firstAdminReplyAt" < ${to} AND ${conversationFilter(q)}`);

  const responses = (q: StatsQuery, { from, to } = bounds(q)) =>
    summary(Prisma.sql`r."waitingSince"`, Prisma.sql`r."respondedAt"`, Prisma.sql`"ResponseTime" r JOIN "Conversation" c ON c.id = r."conversationId"
      WHERE r."respondedAt" >= ${from} AND r."respondedAt" < ${to} AND ${conversationFilter(q, Prisma.sql`r."adminId"`)}`);

  // A reopened ticket has only its final close: closedAt is cleared by a reopen and set again by the next close.
  const resolutions = (q: StatsQuery, { from, to } = bounds(q)) =>
    summary(Prisma.sql`c."createdAt"`, Prisma.sql`c."closedAt"`, Prisma.sql`"Conversation" c
      WHERE c.status = 'closed' AND c."closedAt" >= ${from} AND c."closedAt" < ${to} AND ${conversationFilter(q)}`);

  async function volume(q: StatsQuery) {
    const { from, to } = bounds(q);
    const messagesFrom = anyFilter(q)
      ? Prisma.sql`"Message" m JOIN "Conversation" c ON c.id = m."conversationId"`
      : Prisma.sql`"Message" m`;
    const [row] = await prisma.$queryRaw<{ created: number; closed: number; reopened: number; professional: number; admin: number }[]>`
      SELECT
        (SELECT count(*)::int FROM "Conversation" c WHERE c."createdAt" >= ${from} AND c."createdAt" < ${to} AND ${conversationFilter(q)}) AS created,
        changes.closed, changes.reopened, messages.professional, messages.admin
      FROM (
        SELECT count(*) FILTER (WHERE s.status = 'closed')::int AS closed, count(*) FILTER (WHERE s.status = 'open')::int AS reopened
        FROM "StatusChange" s JOIN "Conversation" c ON c.id = s."conversationId"
        WHERE s."changedAt" >= ${from} AND s."changedAt" < ${to} AND ${conversationFilter(q, Prisma.sql`s."userId"`)}
      ) changes, (
        SELECT count(*) FILTER (WHERE m."senderType" = 'PROFESSIONAL')::int AS professional, count(*) FILTER (WHERE m."senderType" = 'ADMIN')::int AS admin
        FROM ${messagesFrom}
        WHERE m."createdAt" >= ${from} AND m."createdAt" < ${to} AND NOT m.internal AND ${conversationFilter(q, Prisma.sql`m."senderId"`)}
      ) messages`;
    return { created: row.created, closed: row.closed, reopened: row.reopened, messages: { professional: row.professional, admin: row.admin } };
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

  async function satisfaction(q: StatsQuery) {
    const { from, to } = bounds(q);
    const [row] = await prisma.$queryRaw<Record<string, number | null>[]>`
      SELECT count(*)::int AS count, avg(r.score)::double precision AS average,
        ${Prisma.join([1, 2, 3, 4, 5].map((score) => Prisma.sql`count(*) FILTER (WHERE r.score = ${score})::int AS ${Prisma.raw(`"s${score}"`)}`))},
        (SELECT count(*)::int FROM "StatusChange" s JOIN "Conversation" c ON c.id = s."conversationId"
          WHERE s.status = 'closed' AND s."changedAt" >= ${from} AND s."changedAt" < ${to} AND ${conversationFilter(q)}) AS closings,
        count(*) FILTER (WHERE r."closedAt" >= ${from} AND r."closedAt" < ${to})::int AS "ratedClosings"
      FROM "Rating" r JOIN "Conversation" c ON c.id = r."conversationId"
      WHERE r."createdAt" >= ${from} AND r."createdAt" < ${to} AND ${conversationFilter(q)}`;
    const closings = Number(row.closings);
    return {
      count: Number(row.count),
      average: toNumber(row.average),
      distribution: { 1: Number(row.s1), 2: Number(row.s2), 3: Number(row.s3), 4: Number(row.s4), 5: Number(row.s5) },
      responseRate: closings > 0 ? Math.min(1, Number(row.ratedClosings) / closings) : null,
    };
  }

  /**
   * Replies, median response and closings grouped by `key` (an expression over `c`, or the admin who acted when
   * `byActor`): three grouped aggregates, merged here.
   */
  async function work(q: StatsQuery, key: (actor: Prisma.Sql) => Prisma.Sql) {
    const { from, to } = bounds(q);
    const [replies, responses, closings] = await Promise.all([
      prisma.$queryRaw<{ key: unknown; n: number }[]>`
        SELECT ${key(Prisma.sql`m."senderId"`)} AS key, count(*)::int AS n FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
        WHERE m."createdAt" >= ${from} AND m."createdAt" < ${to} AND m."senderType" = 'ADMIN' AND NOT m.internal
          AND ${conversationFilter(q, Prisma.sql`m."senderId"`)}
        GROUP BY 1`,
      prisma.$queryRaw<{ key: unknown; n: number }[]>`
        SELECT ${key(Prisma.sql`r."adminId"`)} AS key,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds(Prisma.sql`r."waitingSince"`, Prisma.sql`r."respondedAt"`)}) AS n
        FROM "ResponseTime" r JOIN "Conversation" c ON c.id = r."conversationId"
        WHERE r."respondedAt" >= ${from} AND r."respondedAt" < ${to} AND ${conversationFilter(q, Prisma.sql`r."adminId"`)}
        GROUP BY 1`,
      prisma.$queryRaw<{ key: unknown; n: number }[]>`
        SELECT ${key(Prisma.sql`s."userId"`)} AS key, count(*)::int AS n FROM "StatusChange" s JOIN "Conversation" c ON c.id = s."conversationId"
        WHERE s.status = 'closed' AND s."changedAt" >= ${from} AND s."changedAt" < ${to} AND ${conversationFilter(q, Prisma.sql`s."userId"`)}
        GROUP BY 1`,
    ]);
    const rows = new Map<string, Work & { key: unknown }>();
    const entry = (key: unknown) => {
      const id = JSON.stringify(key);
      let row = rows.get(id);
      if (!row) rows.set(id, (row = { key, replies: 0, medianResponse: null, closed: 0 }));
      return row;
    };
    for (const row of replies) entry(row.key).replies = Number(row.n);
    for (const row of responses) entry(row.key).medianResponse = duration(row.n);
    for (const row of closings) entry(row.key).closed = Number(row.n);
    return [...rows.values()];
  }

  async function perAdmin(q: StatsQuery) {
    const rows = (await work(q, (actor) => actor)).filter((row) => row.key !== null);
    const admins = await prisma.user.findMany({ where: { id: { in: rows.map((row) => Number(row.key)) }, role: "ADMIN" }, select: { id: true, name: true } });
    const names = new Map(admins.map((admin) => [admin.id, admin.name]));
    return rows
      .filter((row) => names.has(Number(row.key)))
      .map(({ key, ...row }) => ({ adminId: Number(key), name: names.get(Number(key))!, ...row }))
      .sort((a, b) => b.replies - a.replies || a.name.localeCompare(b.name));
  }

  async function perCategory(q: StatsQuery) {
    const rows = await work(q, () => Prisma.sql`c."categoryId"`);
    const categories = await prisma.category.findMany({ select: { id: true, name: true } });
    const names = new Map(categories.map((category) => [category.id, category.name]));
    return rows
      .map(({ key, ...row }) => ({ categoryId: key === null ? null : Number(key), name: key === null ? null : (names.get(Number(key)) ?? null), ...row }))
      .sort((a, b) => b.replies - a.replies || (a.name ?? "").localeCompare(b.name ?? ""));
  }

  async function perPriority(q: StatsQuery) {
    const order = ["urgent", "high", "normal", "low"];
    const rows = await work(q, () => Prisma.sql`c.priority::text`);
    return rows
      .map(({ key, ...row }) => ({ priority: String(key) as "low" | "normal" | "high" | "urgent", ...row }))
      .sort((a, b) => order.indexOf(a.priority) - order.indexOf(b.priority));
  }

  return {
    now,

    async overview(q: StatsQuery) {
      const [firstResponse, response, resolution, counts, queue, rated, admins, categories, priorities] = await Promise.all([
        firstResponses(q), responses(q), resolutions(q), volume(q), backlog(q), satisfaction(q), perAdmin(q), perCategory(q), perPriority(q),
      ]);
      return {
        from: q.from.toISOString(),
        to: q.to.toISOString(),
        firstResponse, response, resolution,
        volume: counts,
        backlog: queue,
        satisfaction: rated,
        perAdmin: admins,
        perCategory: categories,
        perPriority: priorities,
      };
    },

    /** One row per day, week or month (starting at midnight in `timeZone`, ISO weeks from Monday), empty ones included. */
    async timeseries(q: TimeseriesQuery) {
      const { from, to } = bounds(q);
      const unit = Prisma.raw(`'${q.interval}'`);
      const step = Prisma.raw(`'1 ${q.interval}'`);
      const bucket = (column: Prisma.Sql) => Prisma.sql`date_trunc(${unit}, (${column} AT TIME ZONE 'UTC') AT TIME ZONE ${q.timeZone})`;
      const range = (column: Prisma.Sql) => Prisma.sql`${column} >= ${from} AND ${column} < ${to}`;
      const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
        WITH buckets AS (
          SELECT generate_series(${bucket(Prisma.sql`${from}`)}, ${bucket(Prisma.sql`(${to} - interval '1 millisecond')`)}, interval ${step}) AS start
        ), created AS (
          SELECT ${bucket(Prisma.sql`c."createdAt"`)} AS start, count(*)::int AS n FROM "Conversation" c
          WHERE ${range(Prisma.sql`c."createdAt"`)} AND ${conversationFilter(q)} GROUP BY 1
        ), changes AS (
          SELECT ${bucket(Prisma.sql`s."changedAt"`)} AS start, count(*) FILTER (WHERE s.status = 'closed')::int AS closed,
            count(*) FILTER (WHERE s.status = 'open')::int AS reopened
          FROM "StatusChange" s JOIN "Conversation" c ON c.id = s."conversationId"
          WHERE ${range(Prisma.sql`s."changedAt"`)} AND ${conversationFilter(q, Prisma.sql`s."userId"`)} GROUP BY 1
        ), messages AS (
          SELECT ${bucket(Prisma.sql`m."createdAt"`)} AS start, count(*) FILTER (WHERE m."senderType" = 'PROFESSIONAL')::int AS professional,
            count(*) FILTER (WHERE m."senderType" = 'ADMIN')::int AS admin
          FROM ${anyFilter(q) ? Prisma.sql`"Message" m JOIN "Conversation" c ON c.id = m."conversationId"` : Prisma.sql`"Message" m`}
          WHERE ${range(Prisma.sql`m."createdAt"`)} AND NOT m.internal AND ${conversationFilter(q, Prisma.sql`m."senderId"`)} GROUP BY 1
        ), responses AS (
          SELECT ${bucket(Prisma.sql`r."respondedAt"`)} AS start,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds(Prisma.sql`r."waitingSince"`, Prisma.sql`r."respondedAt"`)}) AS median
          FROM "ResponseTime" r JOIN "Conversation" c ON c.id = r."conversationId"
          WHERE ${range(Prisma.sql`r."respondedAt"`)} AND ${conversationFilter(q, Prisma.sql`r."adminId"`)} GROUP BY 1
        ), first_responses AS (
          SELECT ${bucket(Prisma.sql`c."firstAdminReplyAt"`)} AS start,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds(Prisma.sql`c."createdAt"`, Prisma.sql`c."firstAdminReplyAt"`)}) AS median
          FROM "Conversation" c
          WHERE c."openedBy" = 'PROFESSIONAL' AND ${range(Prisma.sql`c."firstAdminReplyAt"`)} AND ${conversationFilter(q)} GROUP BY 1
        )
        SELECT to_char((b.start AT TIME ZONE ${q.timeZone}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS start,
          coalesce(created.n, 0) AS created, coalesce(changes.closed, 0) AS closed, coalesce(changes.reopened, 0) AS reopened,
          coalesce(messages.professional, 0) AS "messagesProfessional", coalesce(messages.admin, 0) AS "messagesAdmin",
          responses.median AS "medianResponse", first_responses.median AS "medianFirstResponse"
        FROM buckets b
        LEFT JOIN created USING (start) LEFT JOIN changes USING (start) LEFT JOIN messages USING (start)
        LEFT JOIN responses USING (start) LEFT JOIN first_responses USING (start)
        ORDER BY b.start`;
      return rows.map((row) => ({
        start: String(row.start),
        created: Number(row.created),
        closed: Number(row.closed),
        reopened: Number(row.reopened),
        messagesProfessional: Number(row.messagesProfessional),
        messagesAdmin: Number(row.messagesAdmin),
        medianResponse: duration(row.medianResponse),
        medianFirstResponse: duration(row.medianFirstResponse),
      }));
    },
  };
}
export type StatsService = ReturnType<typeof statsService>;
