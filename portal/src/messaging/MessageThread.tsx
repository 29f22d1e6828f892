import DoneAllIcon from "@mui/icons-material/DoneAll";
import { MessageText } from "@messagerie/client/ui/MessageText";
import DoneIcon from "@mui/icons-material/Done";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { Message } from "@messagerie/client/types";
import { fullTime, messageTime, useDateLocale } from "../i18n/dates.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { AttachmentList } from "@messagerie/client/ui/Attachments";
import { useAttachmentTexts } from "../attachments/useAttachments.ts";

/** The messages, oldest first: the pro's own on the right, the admins' on the left. */
export function MessageThread({ messages }: { messages: Message[] }) {
  const { t } = useI18n();
  return (
    <Box
      component="ol"
      aria-label={t.thread.messages}
      sx={{ listStyle: "none", m: 0, px: 2, py: 1, display: "flex", flexDirection: "column", gap: 1.5 }}
    >
      {messages.map((message) => (
        <MessageBubble key={message.id} message={message} />
      ))}
    </Box>
  );
}

function MessageBubble({ message }: { message: Message }) {
  const { t } = useI18n();
  const dateLocale = useDateLocale();
  const own = message.senderType === "PROFESSIONAL";
  const attachmentTexts = useAttachmentTexts();
  return (
    <Box component="li" sx={{ display: "flex", justifyContent: own ? "flex-end" : "flex-start" }}>
      <Box
        sx={(theme) => ({
          maxWidth: { xs: "88%", sm: "75%" },
          px: 1.5,
          py: 1,
          borderRadius: 2,
          borderBottomRightRadius: own ? 4 : undefined,
          borderBottomLeftRadius: own ? undefined : 4,
          bgcolor: own ? "#e3f2fd" : "grey.100",
          border: 1,
          borderColor: own ? "#bbdefb" : "grey.300",
          // Dark bubbles under the dark scheme's light text.
          ...theme.applyStyles("dark", { bgcolor: own ? "#0d2b4a" : "grey.900", borderColor: own ? "#1e4976" : "grey.800" }),
        })}
      >
        <Typography variant="caption" component="p" sx={{ fontWeight: 700 }} color="text.secondary">
          {own ? t.thread.you : message.sender.name}
        </Typography>
        {message.content !== "" && (
          <Typography variant="body2" component="div">
            <MessageText>{message.content}</MessageText>
          </Typography>
        )}
        <AttachmentList attachments={message.attachments ?? []} texts={attachmentTexts} />
        <Box
          sx={{ display: "flex", alignItems: "center", justifyContent: "flex-end", gap: 0.5, mt: 0.5 }}
          color="text.secondary"
        >
          <Typography variant="caption" component="time" dateTime={message.createdAt} title={fullTime(message.createdAt, dateLocale)}>
            {messageTime(message.createdAt, dateLocale)}
          </Typography>
          {own && <ReadMark readAt={message.readAt} />}
        </Box>
      </Box>
    </Box>
  );
}

/** ✓ sent, ✓✓ read by an admin: icons with a spoken name. */
function ReadMark({ readAt }: { readAt: string | null }) {
  const { t } = useI18n();
  const dateLocale = useDateLocale();
  if (!readAt) return <DoneIcon fontSize="small" titleAccess={t.thread.sent} />;
  return (
    <DoneAllIcon
      fontSize="small"
      color="primary"
      titleAccess={t.thread.readAt(messageTime(readAt, dateLocale))}
    />
  );
}
