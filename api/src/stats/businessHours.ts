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

/**
 * The business seconds between two UTC timestamps (SQL expressions), through the migration's `business_seconds`:
 * the overlap of the interval with each open day's hours, on the wall clock of the zone.
 */
export const businessSecondsSql = (hours: BusinessHours, started: Prisma.Sql, finished: Prisma.Sql) =>
  Prisma.sql`business_seconds(${started}, ${finished}, ${hours.timeZone}, ${hours.days}::int[], ${hours.opens}::time, ${hours.closes}::time, ${hours.holidays}::date[])`;
