import CloseTicketIcon from "@mui/icons-material/TaskAlt";
import ReopenIcon from "@mui/icons-material/Replay";
import { useQueryClient } from "@tanstack/react-query";
import { Button, useNotify, useRecordContext, useUpdate } from "react-admin";
import type { Conversation } from "@messagerie/client/types";

/** Close an open ticket, reopen a closed one (partial PUT `{status}`). */
export const StatusToggleButton = () => {
  const record = useRecordContext<Conversation>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [update, { isPending }] = useUpdate<Conversation>();
  if (!record) return null;
  const closing = record.status === "open";

  const toggle = () =>
    update(
      "conversations",
      { id: record.id, data: { status: closing ? "closed" : "open" }, previousData: record },
      {
        onSuccess: () => {
          notify(closing ? "app.notification.closed" : "app.notification.reopened", {
            type: "info",
            messageArgs: { smart_count: 1 },
          });
          // Pessimistic updates patch cached rows but not the tab counts: refetch the lists.
          void queryClient.invalidateQueries({ queryKey: ["conversations", "getList"] });
        },
      },
    );

  return (
    <Button
      label={closing ? "app.action.close" : "app.action.reopen"}
      onClick={toggle}
      disabled={isPending}
      variant={closing ? "outlined" : "contained"}
    >
      {/* Closing a ticket is resolving it (a check), reopening starts it again: never a padlock. */}
      {closing ? <CloseTicketIcon /> : <ReopenIcon />}
    </Button>
  );
};
