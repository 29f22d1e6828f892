import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useApi } from "../api/ApiContext.tsx";
import { useMessagingEvent, useMessagingEvents } from "./useMessagingEvents.tsx";

export const DEFAULT_POLL_MS = 30_000;
/**
 * localStorage key that overrides the polling interval, in milliseconds (read when the tab starts).
 * The browser tests set it to a second; an operator can too, to lighten or quicken the badge.
 */
export const POLL_MS_KEY = "messagerie.pollMs";
const MIN_POLL_MS = 200;
/**
 * While the event stream is live the count is pushed, and polling only guards against a stream that looks open
 * but delivers nothing (a buffering proxy, say): one request every five minutes is enough for that.
 */
export const LIVE_POLL_MS = 5 * 60_000;

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
  /**
   * Goes up each time a poll finds the count risen: something arrived that no event announced (the stream is down),
   * so lists and threads reload. Pushed counts do not move it: their events update the screens themselves.
   */
  arrivals: number;
}

const UnreadCountContext = createContext<UnreadCount | null>(null);

/** The one place that knows the unread count: pushed by the event stream, polled while the stream is down. */
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

  useMessagingEvent((event) => {
    if (event.type === "unread.changed") setCount(event.count);
    if (event.type === "resync") void refresh();
  });

  useEffect(() => {
    void refresh();
    const onVisible = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [refresh]);

  const { live } = useMessagingEvents();
  const configured = pollMs ?? pollIntervalMs();
  const interval = live ? Math.max(configured, LIVE_POLL_MS) : configured;
  useEffect(() => {
    const timer = window.setInterval(() => void refresh(), interval);
    return () => window.clearInterval(timer);
  }, [refresh, interval]);

  const value = useMemo(() => ({ count, refresh, setCount, arrivals }), [count, refresh, setCount, arrivals]);
  return <UnreadCountContext.Provider value={value}>{children}</UnreadCountContext.Provider>;
}

export function useUnreadCount(): UnreadCount {
  const value = useContext(UnreadCountContext);
  if (!value) throw new Error("useUnreadCount must be used inside <UnreadCountProvider>");
  return value;
}
