import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useApi } from "../api/ApiContext.tsx";

export const DEFAULT_POLL_MS = 30_000;
/**
 * localStorage key that overrides the polling interval, in milliseconds (read when the tab starts).
 * The browser tests set it to a second; an operator can too, to lighten or quicken the badge.
 */
export const POLL_MS_KEY = "messagerie.pollMs";
const MIN_POLL_MS = 200;

export function pollIntervalMs(): number {
  try {
    const value = Number(localStorage.getItem(POLL_MS_KEY));
    return Number.isFinite(value) && value >= MIN_POLL_MS ? value : DEFAULT_POLL_MS;
  } catch {
    return DEFAULT_POLL_MS;
  }
}

interface UnreadCount {
  /** Unread admin messages for the signed-in pro; null until the first answer. */
  count: number | null;
  /** Asks the server now (after anything that may change the count). */
  refresh: () => Promise<void>;
  /** Takes a count the server just returned (PATCH …/read answers it), without asking again. */
  setCount: (count: number) => void;
  /** Goes up each time the count rises on its own: something arrived, lists and threads reload. */
  arrivals: number;
}

const UnreadCountContext = createContext<UnreadCount | null>(null);

/** The one place that knows the unread count: polled today, pushed by Server-Sent Events later. */
export function UnreadCountProvider({ pollMs, children }: { pollMs?: number; children: ReactNode }) {
  const client = useApi();
  const [count, setState] = useState<number | null>(null);
  const [arrivals, setArrivals] = useState(0);
  const known = useRef<number | null>(null);
  // Every change takes a ticket; an answer that comes back after a newer change is stale and dropped.
  const latest = useRef(0);

  const setCount = useCallback((next: number) => {
    latest.current += 1;
    known.current = next;
    setState(next);
  }, []);

  const refresh = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const { count: next } = await client.unreadCount();
      if (ticket !== latest.current) return;
      if (known.current !== null && next > known.current) setArrivals((n) => n + 1);
      known.current = next;
      setState(next);
    } catch {
      // Keep the last known count; a 401 has already sent the user back to the login page.
    }
  }, [client]);

  const interval = pollMs ?? pollIntervalMs();
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), interval);
    const onVisible = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh, interval]);

  const value = useMemo(() => ({ count, refresh, setCount, arrivals }), [count, refresh, setCount, arrivals]);
  return <UnreadCountContext.Provider value={value}>{children}</UnreadCountContext.Provider>;
}

export function useUnreadCount(): UnreadCount {
  const value = useContext(UnreadCountContext);
  if (!value) throw new Error("useUnreadCount must be used inside <UnreadCountProvider>");
  return value;
}
