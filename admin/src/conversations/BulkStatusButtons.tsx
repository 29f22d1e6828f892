import LockIcon from "@mui/icons-material/TaskAlt";
import LockOpenIcon from "@mui/icons-material/Replay";
import { Button as MuiButton } from "@mui/material";
import type { ReactElement } from "react";
import {
  Button,
  useCloseNotification,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
  useUpdateMany,
  type Identifier,
} from "react-admin";
import type { Conversation, ConversationStatus } from "@messagerie/client/types";

const OTHER: Record<ConversationStatus, ConversationStatus> = { open: "closed", closed: "open" };
const DONE: Record<ConversationStatus, string> = { closed: "app.notification.closed", open: "app.notification.reopened" };

/** The notice's "Annuler": puts back the tickets the action changed, as a new request (nothing waits to be sent). */
const UndoAction = ({ onUndo }: { onUndo: () => void }) => {
  const close = useCloseNotification();
  const translate = useTranslate();
  return (
    <MuiButton color="primary" size="small" onClick={() => (close(), onUndo())}>
      {translate("ra.action.undo")}
    </MuiButton>
  );
};

/**
 * Sets the status of the selected tickets at once (one partial PUT `{status}` each, sent now rather than after
 * react-admin's undo delay): the list and the tab counts show the result while the notice offers to undo it, and an
 * action taken right after acts on what the server holds. Undo restores only the tickets that changed.
 */
const BulkStatusButton = ({ status, label, icon }: { status: ConversationStatus; label: string; icon: ReactElement }) => {
  const { selectedIds, data = [], onUnselectItems } = useListContext<Conversation>();
  const [updateMany, { isPending }] = useUpdateMany();
  const notify = useNotify();
  const refresh = useRefresh();

  const apply = (ids: Identifier[], to: ConversationStatus, then: () => void) =>
    updateMany(
      "conversations",
      { ids, data: { status: to } },
      {
        mutationMode: "pessimistic",
        onSuccess: () => (refresh(), then()),
        onError: (error) => notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" }),
      },
    );

  const onClick = () => {
    const changed = data.filter((ticket) => selectedIds.includes(ticket.id) && ticket.status !== status).map((ticket) => ticket.id);
    const count = selectedIds.length;
    void apply(selectedIds, status, () => {
      onUnselectItems();
      notify(DONE[status], {
        type: "info",
        messageArgs: { smart_count: count },
        autoHideDuration: 8000,
        // Passed through to MUI's Snackbar.
        ...({ action: changed.length > 0 && <UndoAction onUndo={() => void apply(changed, OTHER[status], () => undefined)} /> } as object),
      });
    });
  };

  return <Button label={label} onClick={onClick} disabled={isPending}>{icon}</Button>;
};

/** Close or reopen the selected tickets. No bulk delete. */
export const BulkStatusButtons = () => (
  <>
    <BulkStatusButton status="closed" label="app.action.close" icon={<LockIcon />} />
    <BulkStatusButton status="open" label="app.action.reopen" icon={<LockOpenIcon />} />
  </>
);
