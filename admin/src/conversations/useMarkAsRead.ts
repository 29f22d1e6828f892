import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useDataProvider } from "react-admin";
import type { AppDataProvider } from "../dataProvider";
import { useSetUnreadCount } from "../unread/useUnreadCount";
import type { Conversation } from "@messagerie/client/types";

/**
 * Opening a ticket marks the professional's messages read, and so does a new message arriving while it is open.
 * The badge takes the count the server answers and the lists (and their tab counts) refetch at once, instead
 * of waiting for the next poll.
 */
export const useMarkAsRead = (record: Conversation | undefined) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const setUnreadCount = useSetUnreadCount();
  const { mutate } = useMutation({
    mutationFn: (id: number) => dataProvider.markConversationRead("conversations", { id }),
    onSuccess: ({ count }) => {
      setUnreadCount(count);
      void queryClient.invalidateQueries({ queryKey: ["conversations", "getList"] });
    },
  });

  // What was last marked read: the ticket and its last message.
  const marked = useRef<{ id: number; lastMessageAt: string } | null>(null);
  const id = record?.id;
  const lastMessageAt = record?.lastMessageAt;
  const hasUnread = (record?.unreadCount ?? 0) > 0;
  useEffect(() => {
    if (id === undefined || lastMessageAt === undefined) return;
    const opened = marked.current?.id !== id;
    const newMessage = hasUnread && marked.current?.lastMessageAt !== lastMessageAt;
    if (!opened && !newMessage) return;
    marked.current = { id, lastMessageAt };
    mutate(id);
  }, [id, lastMessageAt, hasUnread, mutate]);
};
