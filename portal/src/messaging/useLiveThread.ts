import { useCallback, useEffect, useRef, type Dispatch, type SetStateAction } from "react";
import { useApi } from "../api/ApiContext.tsx";
import type { ConversationDetail } from "@messagerie/client/types";
import { updateThread } from "./liveUpdates.ts";
import { useMessagingEvent } from "./useMessagingEvents.tsx";
import { useUnreadCount } from "./useUnreadCount.tsx";

const visible = () => document.visibilityState === "visible";

/**
 * Keeps the open thread current from pushed events: new messages join it, read marks and status follow, and a
 * `resync` reloads it. An admin's message is marked read at once if the pro can see it, or when the tab shows again.
 */
export function useLiveThread(
  id: number,
  setConversation: Dispatch<SetStateAction<ConversationDetail | null>>,
  reload: () => void,
): void {
  const client = useApi();
  const { setCount } = useUnreadCount();
  const unreadWhileHidden = useRef(false);

  const markRead = useCallback(async () => {
    unreadWhileHidden.current = false;
    try {
      const { count } = await client.markRead(id);
      setCount(count);
    } catch {
      // Still unread: the badge says so, and opening the thread again reads it.
    }
  }, [client, id, setCount]);

  useMessagingEvent((event) => {
    if (event.type === "resync") return reload();
    if (!("conversationId" in event) || event.conversationId !== id) return;
    setConversation((previous) => (previous && previous.id === id ? updateThread(previous, event) : previous));
    if (event.type === "message.created" && event.message.senderType === "ADMIN") {
      if (visible()) void markRead();
      else unreadWhileHidden.current = true;
    }
  });

  useEffect(() => {
    unreadWhileHidden.current = false;
    const onVisibility = () => {
      if (visible() && unreadWhileHidden.current) void markRead();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [markRead]);
}
