import { Prisma } from "../generated/prisma/client.ts";

/** Opening hours for durations in business time: `BUSINESS_HOURS="Europe/Paris mon-fri 09:00-18:00"` and `HOLIDAYS`. */
export type BusinessHours = {
  timeZone: string;
  /** ISO days of the week (1 = Monday … 7 = Sunday). */
  days: number[];
  opens: string;
  closes: string;
  /** Days closed all day, as ISO dates in the time zone. */
  holidays: string[];
};

const ZONES = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Parses `<IANA zone> <days> <HH:MM-HH:MM>`, days as `mon-fri` or `mon,wed,sat`; answers a problem as text. */
export function parseBusinessHours(text: string, holidays = ""): BusinessHours | string {
  const [timeZone, dayText, hours, ...rest] = text.trim().split(/\s+/);
  if (!timeZone || !dayText || !hours || rest.length > 0) return 'must look like "Europe/Paris mon-fri 09:00-18:00"';
  // The zones of the IANA database by their canonical names (ICU also takes retired aliases such as US/Pacific-New,
  // which PostgreSQL does not know: every statistic would then fail).
  if (!ZONES.has(timeZone)) return `unknown time zone "${timeZone}" (an IANA name such as Europe/Paris)`;
  const days = new Set<number>();
  for (const part of dayText.toLowerCase().split(",")) {
    const [first, last = first] = part.split("-");
    const from = DAYS.indexOf(first);
    const to = DAYS.indexOf(last);
    if (from < 0 || to < 0 || to < from) return `days must be like mon-fri or mon,wed (got "${part}")`;
    for (let day = from; day <= to; day += 1) days.add(day + 1);
  }
  const [opens, closes] = hours.split("-");
  if (!TIME.test(opens ?? "") || !TIME.test(closes ?? "") || closes <= opens) return `hours must be like 09:00-18:00 (got "${hours}")`;
  const dates = holidays.split(",").map((day) => day.trim()).filter(Boolean);
  // A real day of the calendar: 2026-02-30 is not one (Date.parse rolls it over to March).
  const wrong = dates.find((day) => !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day);
  if (wrong) return `HOLIDAYS must be ISO dates separated by commas (got "${wrong}")`;
  return { timeZone, days: [...days].sort(), opens, closes, holidays: dates };
}

/** Seconds between two UTC timestamps (SQL), as double precision: date_part, not extract (numeric since PostgreSQL 14, slower). */
export const secondsSql = (started: Prisma.Sql, finished: Prisma.Sql) => Prisma.sql`date_part('epoch', ${finished} - ${started})`;

/** The span of the instants whose business time is asked (UTC timestamps, SQL): none before `since`, none after `until`. */
export type Span = { since: Prisma.Sql; until: Prisma.Sql };

/**
 * One row of four arrays, a day each from the day before `since` to two days after `until`, in the zone: `e`, the
 * instant the day begins; `o`, the instant it opens; `len`, its open seconds (0 when closed: a day of the week not
 * open, a holiday); `cum`, the open seconds of all the days before it. Instants are seconds since 1970 (UTC). A few
 * hundred days for a year of history: built in a millisecond or two, once per query.
 */
function calendarSql(hours: BusinessHours, { since, until }: Span) {
  const zone = hours.timeZone;
  const at = (time: string) => Prisma.sql`date_part('epoch', (day + ${time}::interval) AT TIME ZONE ${zone})`;
  const localDay = (instant: Prisma.Sql, shift: number) => Prisma.sql`(((${instant} AT TIME ZONE 'UTC') AT TIME ZONE ${zone})::date + ${shift}::int)::timestamp`;
  return Prisma.sql`SELECT array_agg(e ORDER BY day) AS e, array_agg(o ORDER BY day) AS o, array_agg(len ORDER BY day) AS len,
      array_agg(cum ORDER BY day) AS cum
    FROM (SELECT day, e, o, len, sum(len) OVER (ORDER BY day) - len AS cum FROM (
      SELECT day, date_part('epoch', day AT TIME ZONE ${zone}) AS e, ${at(hours.opens)} AS o,
        CASE WHEN extract(isodow FROM day)::int = ANY(${hours.days}::int[]) AND NOT day::date = ANY(${hours.holidays}::date[])
          THEN ${at(hours.closes)} - ${at(hours.opens)} ELSE 0 END AS len
      FROM generate_series(${localDay(since, -1)}, ${localDay(until, 2)}, interval '1 day') day
    ) days) days`;
}

/**
 * A subquery (for FROM) of the durations `started → finished` over the rows of `source` (SQL after FROM): `s`, the
 * seconds, and `b`, the business seconds — the time that passed while open, B(finished) −
 * B(started) where B(t) is the open seconds from the calendar's first day to t: the open seconds of the days before
 * t's day plus the part of its own opening hours already gone. Each instant finds its day by a binary search
 * (width_bucket) in a calendar of the `span` built once per query (calendarSql), so a row costs two searches and a
 * little arithmetic: no time-zone conversion, no day-by-day walk. The days are found in their own level, kept apart by
 * OFFSET 0 (PostgreSQL would otherwise repeat the search wherever it is used).
 */
export function businessDurationsSql(hours: BusinessHours, started: Prisma.Sql, finished: Prisma.Sql, source: Prisma.Sql, span: Span) {
  const b = (i: number) => {
    const [x, d] = [Prisma.raw(`x${i}`), Prisma.raw(`d${i}`)];
    return Prisma.sql`(calendar.cum[${d}] + least(greatest(${x} - calendar.o[${d}], 0), calendar.len[${d}]))`;
  };
  return Prisma.sql`(WITH calendar AS MATERIALIZED (${calendarSql(hours, span)})
    SELECT s, ${b(1)} - ${b(0)} AS b FROM (
      SELECT s, x0, x1, width_bucket(x0, calendar.e) AS d0, width_bucket(x1, calendar.e) AS d1 FROM (
        SELECT ${secondsSql(started, finished)} AS s, date_part('epoch', ${started}) AS x0, date_part('epoch', ${finished}) AS x1
        FROM ${source} OFFSET 0
      ) instants, calendar OFFSET 0
    ) located, calendar)`;
}
