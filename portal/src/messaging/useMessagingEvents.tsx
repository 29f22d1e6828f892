import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useApi } from "../api/ApiContext.tsx";
import type { MessagingEvent } from "@messagerie/client/events";

type Listener = (event: MessagingEvent) => void;

interface MessagingEvents {
  /** The stream is open: pushed events keep the badge, the list and the thread current. */
  live: boolean;
  subscribe: (listener: Listener) => () => void;
}

const MessagingEventsContext = createContext<MessagingEvents | null>(null);

/**
 * One Server-Sent Events stream for the whole tab, shared by the badge, the list and the thread.
 * It is opened before they load (this provider sits above them), and an open that could not resume
 * from a `Last-Event-ID` is passed on as a `resync`, so nothing falls between a first load and the stream.
 */
export function MessagingEventsProvider({ children }: { children: ReactNode }) {
  const client = useApi();
  const listeners = useRef(new Set<Listener>());
  const [live, setLive] = useState(false);

  useEffect(() => {
    const dispatch = (event: MessagingEvent) => {
      for (const listener of [...listeners.current]) {
        try {
          listener(event);
        } catch (error) {
          // One screen's bug must not cut the stream (a throw here would make fetch-event-source reconnect).
          console.error("messaging event listener failed", error);
        }
      }
    };
    return client.streamEvents({
      onEvent: dispatch,
      onLiveChange: (next, fresh) => {
        setLive(next);
        if (next && fresh) dispatch({ type: "resync" });
      },
    });
  }, [client]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const value = useMemo(() => ({ live, subscribe }), [live, subscribe]);
  return <MessagingEventsContext.Provider value={value}>{children}</MessagingEventsContext.Provider>;
}

export function useMessagingEvents(): MessagingEvents {
  const value = useContext(MessagingEventsContext);
  if (!value) throw new Error("useMessagingEvents must be used inside <MessagingEventsProvider>");
  return value;
}

/** Calls `listener` with every event while the component is mounted; the latest `listener` is always the one called. */
export function useMessagingEvent(listener: Listener): void {
  const { subscribe } = useMessagingEvents();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe]);
}
