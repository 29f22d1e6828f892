import { useQueryClient, type Query, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { HttpError, useLogoutIfAccessDenied } from "react-admin";
import { readSession } from "../auth/session";
import { UNREAD_COUNT_QUERY_KEY } from "../unread/useUnreadCount";
import { EVENTS_PATH, openEventStream, type MessagingEvent } from "@messagerie/client/events";
import { LiveStateContext } from "./liveState";
import { presenceStore } from "../presence/store";

/** react-admin's query keys are [resource, method, params]: every conversation query but other tickets' getOne. */
const touches =
  (conversationId: number) =>
  ({ queryKey: [, method, params] }: Query): boolean =>
    method !== "getOne" ||
    (typeof params === "object" && params !== null && "id" in params && params.id === String(conversationId));

/** What an event does to react-query's caches: the badge takes pushed counts, the rest reloads what it touches. */
export const applyEvent = (queryClient: QueryClient, event: MessagingEvent): void => {
  switch (event.type) {
    case "unread.changed":
      queryClient.setQueryData(UNREAD_COUNT_QUERY_KEY, event.count);
      return;
    case "resync":
      void queryClient.invalidateQueries();
      return;
    case "presence.changed":
      // Who else is on a ticket: no data changed.
      presenceStore.apply(event);
      return;
    default:
      if (event.type === "message.created" && event.message.senderType === "ADMIN") presenceStore.sent(event.conversationId, event.message.senderId);
      // The lists and tab counts (new row, moved row, status, unread) and the ticket if it is open (new message,
      // ✓✓ read marks). An open ticket refetched with an unread message is then marked read by useMarkAsRead.
      // A fetch still in flight may have been answered before this change: it is cancelled first, for react-query
      // joins a query fetching its first data instead of fetching again (a new search's list kept its stale page).
      const touched = { queryKey: ["conversations"], predicate: touches(event.conversationId) };
      void queryClient.cancelQueries(touched).then(() => queryClient.invalidateQueries(touched));
  }
};

/**
 * One event stream for the signed-in admin, opened by the Layout (so only once signed in, and closed on logout).
 * Admins receive every conversation's events. A 401 goes through authProvider.checkError like any other call.
 */
export const LiveUpdates = ({ children }: { children: ReactNode }) => {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  // Its identity changes with navigation, which must not reopen the stream: the effect reads the latest one.
  const checkError = useRef(logoutIfAccessDenied);
  useEffect(() => {
    checkError.current = logoutIfAccessDenied;
  });

  useEffect(() => {
    const session = readSession();
    if (!session) return;
    return openEventStream({
      url: EVENTS_PATH,
      token: session.token,
      onEvent: (event) => applyEvent(queryClient, event),
      onLiveChange: (next, fresh) => {
        setLive(next);
        // Nothing was replayed: what loaded before the stream opened may have missed events.
        if (next && fresh) applyEvent(queryClient, { type: "resync" });
      },
      onUnauthorized: () => void checkError.current(new HttpError("Unauthorized", 401)),
    });
  }, [queryClient]);

  return <LiveStateContext.Provider value={live}>{children}</LiveStateContext.Provider>;
};
