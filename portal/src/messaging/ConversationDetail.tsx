import ArrowBackIcon from "@mui/icons-material/ArrowBack";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import IconButton from "@mui/material/IconButton";
import LinearProgress from "@mui/material/LinearProgress";
import Typography from "@mui/material/Typography";
import { useCallback, useEffect, useId, useReducer, useRef, useState } from "react";
import { Link } from "react-router";
import { useApi } from "../api/ApiContext.tsx";
import { ApiError } from "../api/client.ts";
import type { ConversationDetail as Detail, Message } from "@messagerie/client/types";
import { useI18n } from "../i18n/I18nContext.tsx";
import { MessageForm, type SendOptions } from "./MessageForm.tsx";
import { draftKey } from "@messagerie/client/drafts";
import { MessageThread } from "./MessageThread.tsx";
import { useLiveThread } from "./useLiveThread.ts";
import { withMessage } from "./liveUpdates.ts";
import { useUnreadCount } from "./useUnreadCount.tsx";
import { RatingForm } from "../ratings/RatingForm.tsx";
import { DropZone, useFileDraft, useFreshLinks } from "@messagerie/client/ui/Attachments";
import { useAttachmentLimits, useAttachmentTexts } from "../attachments/useAttachments.ts";

interface ConversationDetailProps {
  id: number;
  /** Where the back arrow goes; shown only where the list is not beside the thread. */
  backTo?: string;
  /** Something the list shows changed: read marks, last message, status. */
  onChanged: () => void;
}

type LoadError = "notFound" | "failed";

export function ConversationDetail({ id, backTo, onChanged }: ConversationDetailProps) {
  const client = useApi();
  const { t } = useI18n();
  const { setCount, arrivals } = useUnreadCount();
  const [conversation, setConversation] = useState<Detail | null>(null);
  const [error, setError] = useState<LoadError | null>(null);
  const [statusFailed, setStatusFailed] = useState(false);
  const [reloads, reload] = useReducer((n: number) => n + 1, 0);
  // Files dropped onto the thread go with the next message; another conversation starts with none.
  const files = useFileDraft(useAttachmentLimits());
  const attachmentTexts = useAttachmentTexts();
  const { clear: clearFiles } = files;
  useEffect(() => clearFiles(), [id, clearFiles]);
  useFreshLinks(conversation?.messages ?? [], reload);
  useLiveThread(id, setConversation, reload);
  const subjectId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const shownId = conversation?.id;
  const messageCount = conversation?.messages.length ?? 0;

  // Open on the latest message and follow new ones, scrolling only this box: never the host page around it.
  useEffect(() => {
    const box = scroller.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [shownId, messageCount]);

  // Opening the thread reads it: the admins' messages are marked read and the badge takes the new total at once.
  const load = useCallback(
    async (isCurrent: () => boolean) => {
      try {
        const detail = await client.getConversation(id);
        if (!isCurrent()) return;
        setConversation(detail);
        setError(null);
        const { count } = await client.markRead(id);
        setCount(count);
        if (detail.unreadCount > 0) onChanged();
      } catch (caught) {
        // 400 is an id that cannot exist (/messagerie/abc); 404 also covers another pro's conversation.
        const missing = caught instanceof ApiError && (caught.status === 404 || caught.status === 400);
        if (isCurrent()) setError(missing ? "notFound" : "failed");
      }
    },
    [client, id, setCount, onChanged],
  );

  useEffect(() => {
    let current = true;
    setError(null);
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load, arrivals, reloads]);

  async function send(content: string, { idempotencyKey, force, files, onProgress }: SendOptions) {
    const newest = conversation?.messages.at(-1)?.id;
    let message: Message;
    try {
      message = await client.postMessage(id, content, { idempotencyKey, afterMessageId: force ? undefined : newest, files, onProgress });
    } catch (error) {
      // Someone wrote since this thread was shown: show it (the form keeps the text and offers to send anyway).
      if (error instanceof ApiError && error.status === 409) reload();
      throw error;
    }
    // The API reopens a closed conversation when someone writes in it.
    setConversation((previous) => previous && withMessage(previous, message, "open"));
    onChanged();
  }

  async function toggleStatus(current: Detail) {
    setStatusFailed(false);
    try {
      const updated = await client.setStatus(current.id, current.status === "open" ? "closed" : "open");
      setConversation((previous) => previous && { ...previous, ...updated });
      onChanged();
    } catch {
      setStatusFailed(true);
    }
  }

  const back = backTo && (
    <IconButton component={Link} to={backTo} aria-label={t.thread.back} edge="start">
      <ArrowBackIcon />
    </IconButton>
  );

  if (error) {
    return (
      <Box sx={{ p: 2 }}>
        {back}
        <Alert severity={error === "notFound" ? "warning" : "error"}>
          {error === "notFound" ? t.thread.notFound : t.thread.loadError}
        </Alert>
      </Box>
    );
  }
  if (!conversation || conversation.id !== id) {
    return (
      <Box sx={{ p: 2 }}>
        {back}
        <LinearProgress aria-label={t.thread.messages} />
      </Box>
    );
  }

  const closed = conversation.status === "closed";
  return (
    <Box component="section" aria-labelledby={subjectId} sx={{ display: "flex", flexDirection: "column", minHeight: 0, flex: 1 }}>
      <Box sx={{ display: "flex", alignItems: "center", columnGap: 2, px: 2, py: 1, borderBottom: 1, borderColor: "divider", flexWrap: "wrap" }}>
        <Box sx={{ display: "flex", alignItems: "center", gap: 1, flex: "1 1 240px", minWidth: 0 }}>
          {back}
          <Box sx={{ minWidth: 0 }}>
            <Typography id={subjectId} variant="h6" component="h2" dir="auto" sx={{ overflowWrap: "anywhere" }}>
              {conversation.subject}
            </Typography>
            {(conversation.category || conversation.admin) && (
              <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: "anywhere" }}>
                {[conversation.category?.name, conversation.admin && t.thread.followedBy(conversation.admin.name)].filter(Boolean).join(" · ")}
              </Typography>
            )}
          </Box>
        </Box>
        <Box sx={{ display: "flex", alignItems: "center", gap: 1, ml: "auto" }}>
          <Chip size="small" variant="outlined" color={closed ? "default" : "success"} label={t.status[conversation.status]} />
          <Button size="small" onClick={() => void toggleStatus(conversation)}>
            {closed ? t.thread.reopen : t.thread.close}
          </Button>
        </Box>
      </Box>
      {statusFailed && <Alert severity="error">{t.thread.statusError}</Alert>}
      <Box ref={scroller} sx={{ flex: 1, overflowY: "auto", minHeight: 120 }}>
        <DropZone onFiles={files.add} texts={attachmentTexts}>
          <MessageThread messages={conversation.messages} />
        </DropZone>
      </Box>
      {closed && (
        <Alert severity="info" sx={{ mx: 2 }}>
          {conversation.closedBy === "auto" ? t.thread.closedAutomatically : t.thread.closedNotice}
        </Alert>
      )}
      <RatingForm conversation={conversation} onRated={(rating) => setConversation((previous) => previous && { ...previous, rating })} />
      <MessageForm key={conversation.id} onSend={send} draftKey={draftKey(client.userKey, conversation.id)} files={files} />
    </Box>
  );
}
