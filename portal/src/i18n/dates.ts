import { format, formatDistanceToNow, isSameDay, isSameYear, type Locale } from "date-fns";
import { enUS, fr } from "date-fns/locale";
import { useI18n } from "./I18nContext.tsx";

/** date-fns' locale for the portal's language. */
export const useDateLocale = (): Locale => (useI18n().locale === "en" ? enUS : fr);

/** "il y a 5 minutes" / "5 minutes ago". */
export const relativeTime = (iso: string, locale: Locale): string =>
  formatDistanceToNow(new Date(iso), { addSuffix: true, locale });

/** A message's time: the hour today, the day and hour this year, the full date before. */
export function messageTime(iso: string, locale: Locale, now = new Date()): string {
  const date = new Date(iso);
  if (isSameDay(date, now)) return format(date, "p", { locale });
  if (isSameYear(date, now)) return format(date, "d MMM, p", { locale });
  return format(date, "PP, p", { locale });
}

/** The full date and time, for tooltips and `title`s. */
export const fullTime = (iso: string, locale: Locale): string => format(new Date(iso), "PPPp", { locale });
