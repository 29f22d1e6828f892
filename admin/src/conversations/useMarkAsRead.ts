import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useDataProvider, type Identifier } from "react-admin";
import type { AppDataProvider } from "../dataProvider";
import { useSetUnreadCount } from "../unread/useUnreadCount";

/**
 * Opening a ticket marks the professional's messages read; the badge takes the count the server answers and
 * the lists (and their tab counts) refetch at once, instead of waiting for the next poll.
 */
export const useMarkAsReadOnOpen = (id: Identifier | undefined) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const setUnreadCount = useSetUnreadCount();
  const { mutate } = useMutation({
    mutationFn: (conversationId: Identifier) =>
      dataProvider.markConversationRead("conversations", { id: conversationId }),
    onSuccess: ({ count }) => {
      setUnreadCount(count);
      void queryClient.invalidateQueries({ queryKey: ["conversations", "getList"] });
    },
  });
  useEffect(() => {
    if (id != null) mutate(id);
  }, [id, mutate]);
};
