import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useDataProvider } from "react-admin";
import type { AppDataProvider } from "../dataProvider";
import { useStreamLive } from "../events/liveState";

/** How often the badge asks the server while the event stream is down. */
export const UNREAD_POLL_INTERVAL_MS = 30_000;
/**
 * While the stream is live the count is pushed; polling stays only as a safety net against a stream that looks
 * open but delivers nothing (a buffering proxy), and every five minutes is enough for that.
 */
export const LIVE_POLL_INTERVAL_MS = 5 * 60_000;
/** localStorage key overriding the interval in ms (read at start): the browser tests set it high to rule polling out. */
export const POLL_MS_KEY = "messagerie.admin.pollMs";

const pollIntervalMs = (): number => {
  const value = Number(localStorage.getItem(POLL_MS_KEY) ?? Number.NaN);
  return Number.isFinite(value) && value >= 200 ? value : UNREAD_POLL_INTERVAL_MS;
};

/** The badge's react-query key: anything that changes unread messages invalidates or sets it. */
export const UNREAD_COUNT_QUERY_KEY = ["messaging", "unread-count"] as const;

/** Unread messages from professionals, for the signed-in admin. */
export const useUnreadCount = (): number | undefined => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const live = useStreamLive();
  const [configured] = useState(pollIntervalMs);
  const { data } = useQuery({
    queryKey: UNREAD_COUNT_QUERY_KEY,
    queryFn: () => dataProvider.getUnreadCount("conversations").then(({ count }) => count),
    refetchInterval: live ? Math.max(configured, LIVE_POLL_INTERVAL_MS) : configured,
  });

  // Polled, more unread than last time means new messages: the ticket lists are stale too. While live, the events
  // that raised the count reload the lists themselves.
  const previous = useRef(data);
  useEffect(() => {
    if (!live && data !== undefined && previous.current !== undefined && data > previous.current) {
      void queryClient.invalidateQueries({ queryKey: ["conversations"] });
    }
    previous.current = data;
  }, [data, live, queryClient]);

  return data;
};

/** Sets the badge to a count the server just returned, e.g. after marking a conversation read. */
export const useSetUnreadCount = () => {
  const queryClient = useQueryClient();
  return useCallback((count: number) => queryClient.setQueryData(UNREAD_COUNT_QUERY_KEY, count), [queryClient]);
};
