/** A duration in seconds as a person reads it, in the console's language: "45 s", "12 min", "3,5 h", "2,1 j". */
export function formatDuration(seconds: number, translate: (key: string, options?: object) => string, locale: string): string {
  const number = (value: number, digits = 0) => value.toLocaleString(locale, { maximumFractionDigits: digits });
  if (seconds < 60) return translate("app.dashboard.duration.seconds", { n: number(Math.round(seconds)) });
  if (seconds < 3600) return translate("app.dashboard.duration.minutes", { n: number(Math.round(seconds / 60)) });
  if (seconds < 86_400) return translate("app.dashboard.duration.hours", { n: number(seconds / 3600, 1) });
  return translate("app.dashboard.duration.days", { n: number(seconds / 86_400, 1) });
}

export type RangeChoice = 7 | 30 | 90 | "custom";
const DAY_MS = 86_400_000;

/** The range a choice means now: the last n days up to this minute, or the custom days from the first to the last (inclusive). */
export function rangeOf(choice: RangeChoice, custom: { from: string; to: string }, now = new Date()): { from: string; to: string } | null {
  if (choice !== "custom") return { from: new Date(now.getTime() - choice * DAY_MS).toISOString(), to: now.toISOString() };
  if (!custom.from || !custom.to) return null;
  const from = new Date(`${custom.from}T00:00:00`);
  const to = new Date(new Date(`${custom.to}T00:00:00`).getTime() + DAY_MS);
  return Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to ? null : { from: from.toISOString(), to: to.toISOString() };
}

/** The ticket list's URL with this filter (open tickets by default, as the list's tabs say). */
export const ticketListUrl = (filter: Record<string, unknown>) =>
  `/conversations?${new URLSearchParams({ filter: JSON.stringify({ status: "open", ...filter }) })}`;
