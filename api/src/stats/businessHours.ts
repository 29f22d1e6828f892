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

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Parses `<IANA zone> <days> <HH:MM-HH:MM>`, days as `mon-fri` or `mon,wed,sat`; answers a problem as text. */
export function parseBusinessHours(text: string, holidays = ""): BusinessHours | string {
  const [timeZone, dayText, hours, ...rest] = text.trim().split(/\s+/);
  if (!timeZone || !dayText || !hours || rest.length > 0) return 'must look like "Europe/Paris mon-fri 09:00-18:00"';
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    return `unknown time zone "${timeZone}"`;
  }
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
  const wrong = dates.find((day) => !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)));
  if (wrong) return `HOLIDAYS must be ISO dates separated by commas (got "${wrong}")`;
  return { timeZone, days: [...days].sort(), opens, closes, holidays: dates };
}

const seconds = (time: string) => Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60;
const isoDay = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** Seconds between two UTC timestamps (SQL), as double precision: date_part, not extract (numeric since PostgreSQL 14, slower). */
export const secondsSql = (started: Prisma.Sql, finished: Prisma.Sql) => Prisma.sql`date_part('epoch', ${finished} - ${started})`;

/**
 * A subquery (for FROM) of the durations `started → finished` over the rows of `source` (SQL after FROM): `s`, the
 * seconds, and `b`, the business seconds, as B(finished) − B(started) where B(t) counts the business seconds from a fixed
 * Monday to t on the zone's wall clock: whole weeks, the open days of the week so far, minus the holidays before (a
 * binary search in their sorted list), plus today's part of the opening hours. Constant work per row, whatever the span:
 * no day-by-day walk. Each instant is converted to the zone once: every step is its own level, kept apart by OFFSET 0
 * (PostgreSQL would otherwise fold the levels into one expression and repeat the conversion wherever it is used).
 */
export function businessDurationsSql(hours: BusinessHours, started: Prisma.Sql, finished: Prisma.Sql, source: Prisma.Sql) {
  const opens = seconds(hours.opens);
  const closes = seconds(hours.closes);
  // cumulative[k] (1-based in SQL): open days among the first k − 1 days of the week, Monday first.
  const cumulative = [0];
  for (let day = 1; day <= 7; day += 1) cumulative.push(cumulative[day - 1] + (hours.days.includes(day) ? 1 : 0));
  // Only holidays on open days take time away; a date before any instant keeps the list never empty.
  const holidays = ["1900-01-01", ...hours.holidays.filter((date) => hours.days.includes(isoDay(date))).sort()];
  const cum = Prisma.sql`${cumulative}::int[]`;
  const list = Prisma.sql`${holidays}::date[]`;
  const local = (instant: Prisma.Sql) => Prisma.sql`((${instant} AT TIME ZONE 'UTC') AT TIME ZONE ${hours.timeZone})`;
  // Per end (0: started, 1: finished): its local time `l`, day `d` and days since Monday 29 December 1969 `n`.
  const days = (i: number) => {
    const [l, d] = [Prisma.raw(`l${i}`), Prisma.raw(`d${i}`)];
    return Prisma.sql`${d} - DATE '1969-12-29' AS ${Prisma.raw(`n${i}`)}, width_bucket(${d} - 1, ${list}) AS ${Prisma.raw(`h${i}`)},
      width_bucket(${d}, ${list}) AS ${Prisma.raw(`t${i}`)}, date_part('epoch', ${l} - ${d}::timestamp) AS ${Prisma.raw(`o${i}`)}`;
  };
  const b = (i: number) => {
    const [n, h, t, o] = ["n", "h", "t", "o"].map((name) => Prisma.raw(`${name}${i}`));
    const weekday = Prisma.sql`(${n} % 7)`;
    const openToday = Prisma.sql`((${cum})[${weekday} + 2] - (${cum})[${weekday} + 1]) * (1 - (${t} - ${h}))`;
    return Prisma.sql`(((${n} / 7) * ${cumulative[7]} + (${cum})[${weekday} + 1] - ${h}) * ${closes - opens}::double precision
      + ${openToday} * (least(greatest(${o}, ${opens}), ${closes}) - ${opens}))`;
  };
  return Prisma.sql`(SELECT s, ${b(1)} - ${b(0)} AS b FROM (
      SELECT s, ${days(0)}, ${days(1)} FROM (
        SELECT s, l0, l0::date AS d0, l1, l1::date AS d1 FROM (
          SELECT ${secondsSql(started, finished)} AS s, ${local(started)} AS l0, ${local(finished)} AS l1 FROM ${source} OFFSET 0
        ) instants OFFSET 0
      ) dated OFFSET 0
    ) counted)`;
}
