import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useDataProvider } from "react-admin";
import type { AppDataProvider } from "../dataProvider";

/** How often the badge asks the server; push (SSE) replaces this polling in a later issue. */
export const UNREAD_POLL_INTERVAL_MS = 30_000;

/** The badge's react-query key: anything that changes unread messages invalidates or sets it. */
export const UNREAD_COUNT_QUERY_KEY = ["messaging", "unread-count"] as const;

/** Unread messages from professionals, for the signed-in admin. */
export const useUnreadCount = (): number | undefined => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: UNREAD_COUNT_QUERY_KEY,
    queryFn: () => dataProvider.getUnreadCount("conversations").then(({ count }) => count),
    refetchInterval: UNREAD_POLL_INTERVAL_MS,
  });

  // More unread than last time means new messages: the ticket lists are stale too.
  const previous = useRef(data);
  useEffect(() => {
    if (data !== undefined && previous.current !== undefined && data > previous.current) {
      void queryClient.invalidateQueries({ queryKey: ["conversations"] });
    }
    previous.current = data;
  }, [data, queryClient]);

  return data;
};

/** Sets the badge to a count the server just returned, e.g. after marking a conversation read. */
export const useSetUnreadCount = () => {
  const queryClient = useQueryClient();
  return useCallback((count: number) => queryClient.setQueryData(UNREAD_COUNT_QUERY_KEY, count), [queryClient]);
};
