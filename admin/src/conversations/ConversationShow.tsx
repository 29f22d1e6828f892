import { Box, Divider, LinearProgress, Stack, Typography } from "@mui/material";
import { useEffect } from "react";
import { ListButton, Show, TopToolbar, useRecordContext, useRefresh, useTranslate } from "react-admin";
import { DropZone, useFileDraft, useFreshLinks } from "@messagerie/client/ui/Attachments";
import { useAttachmentLimits, useAttachmentTexts } from "../attachments/useAttachments";
import { ConversationAside } from "./ConversationAside";
import type { Conversation } from "@messagerie/client/types";
import { hasMessages } from "./conversationModel";
import { MessageThread } from "./MessageThread";
import { ReplyForm } from "./ReplyForm";
import { StatusChip } from "./StatusField";
import { StatusToggleButton } from "./StatusToggleButton";
import { useMarkAsRead } from "./useMarkAsRead";

const ShowActions = () => (
  <TopToolbar>
    <ListButton />
    <StatusToggleButton />
  </TopToolbar>
);

const Ticket = () => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  useMarkAsRead(record);
  // Files dropped onto the thread go with the next reply; another ticket starts with none.
  const files = useFileDraft(useAttachmentLimits());
  const attachmentTexts = useAttachmentTexts();
  const { clear: clearFiles } = files;
  useEffect(() => clearFiles(), [record?.id, clearFiles]);
  const refresh = useRefresh();
  useFreshLinks(record && hasMessages(record) ? record.messages : [], refresh);
  if (!record) return null;
  return (
    <>
      <Stack direction="row" alignItems="center" spacing={2} sx={{ px: { xs: 2, sm: 3 }, py: 2 }}>
        <Typography variant="h5" component="h1" dir="auto" sx={{ flex: 1, overflowWrap: "anywhere" }}>
          {record.subject}
        </Typography>
        {record.status === "closed" && record.closedBy === "auto" && (
          <Typography variant="body2" color="text.secondary">
            {translate("app.reply.closed_automatically")}
          </Typography>
        )}
        <StatusChip status={record.status} />
      </Stack>
      <Divider />
      {/* A row cached from the list has no messages yet: the detail arrives right after. */}
      <DropZone onFiles={files.add} texts={attachmentTexts}>
        {hasMessages(record) ? <MessageThread messages={record.messages} /> : <LinearProgress aria-label={translate("ra.page.loading")} sx={{ m: 3 }} />}
      </DropZone>
      <Divider />
      <Box>
        <ReplyForm
          conversationId={record.id}
          closed={record.status === "closed"}
          categoryId={record.categoryId}
          newestMessageId={hasMessages(record) ? record.messages.at(-1)?.id : undefined}
          files={files}
        />
      </Box>
    </>
  );
};

export const ConversationShow = () => (
  // The facts card goes under the thread on narrow screens.
  <Show
    actions={<ShowActions />}
    aside={<ConversationAside />}
    sx={{ "& .RaShow-main": { flexDirection: { xs: "column", md: "row" } } }}
  >
    <Ticket />
  </Show>
);
