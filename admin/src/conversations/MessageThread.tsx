import DoneIcon from "@mui/icons-material/Done";
import { MessageText } from "@messagerie/client/ui/MessageText";
import LockIcon from "@mui/icons-material/LockOutlined";
import DoneAllIcon from "@mui/icons-material/DoneAll";
import { Avatar, Box, Divider, Stack, Tooltip, Typography } from "@mui/material";
import { format, isSameDay, isToday, isYesterday } from "date-fns";
import { useEffect, useRef } from "react";
import { useTranslate } from "react-admin";
import { useSearchParams } from "react-router-dom";
import { useDateLocale } from "../dates/dateLocale";
import type { Message } from "@messagerie/client/types";
import { AttachmentList } from "@messagerie/client/ui/Attachments";
import { useAttachmentTexts } from "../attachments/useAttachments";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");

const DaySeparator = ({ date }: { date: Date }) => {
  const translate = useTranslate();
  const locale = useDateLocale();
  const label = isToday(date)
    ? translate("app.thread.today")
    : isYesterday(date)
      ? translate("app.thread.yesterday")
      : format(date, "EEEE d MMMM yyyy", { locale });
  return (
    <Box component="li" aria-hidden sx={{ listStyle: "none", my: 1 }}>
      <Divider>
        <Typography variant="caption" color="text.secondary">
          {label}
        </Typography>
      </Divider>
    </Box>
  );
};

/** Admins see whether the professional has read their message, as in a chat. */
const ReadMark = ({ readAt }: { readAt: string | null }) => {
  const translate = useTranslate();
  const locale = useDateLocale();
  const label = readAt
    ? translate("app.thread.read_at", { date: format(new Date(readAt), "PPp", { locale }) })
    : translate("app.thread.not_read");
  return (
    <Tooltip title={label}>
      <Stack direction="row" alignItems="center" spacing={0.5} aria-label={label} role="img">
        {readAt ? <DoneAllIcon sx={{ fontSize: 16 }} color="primary" /> : <DoneIcon sx={{ fontSize: 16 }} />}
        <Typography variant="caption">{translate(readAt ? "app.thread.read" : "app.thread.sent")}</Typography>
      </Stack>
    </Tooltip>
  );
};

const MessageBubble = ({ message, highlighted = false }: { message: Message; highlighted?: boolean }) => {
  const translate = useTranslate();
  const locale = useDateLocale();
  const attachmentTexts = useAttachmentTexts();
  const fromAdmin = message.senderType === "ADMIN";
  const note = message.internal === true;
  const sentAt = new Date(message.createdAt);
  return (
    <Stack
      component="li"
      direction={fromAdmin ? "row-reverse" : "row"}
      spacing={1.5}
      aria-label={translate(note ? "app.thread.note_of" : fromAdmin ? "app.thread.from_admin" : "app.thread.from_pro", { name: message.sender.name })}
      data-message-id={message.id}
      aria-current={highlighted ? "true" : undefined}
      sx={{
        listStyle: "none",
        alignItems: "flex-end",
        // The message a search result pointed at.
        ...(highlighted && { outline: "2px solid", outlineColor: "warning.main", outlineOffset: 6, borderRadius: 2 }),
      }}
    >
      <Avatar sx={{ width: 32, height: 32, fontSize: 14, bgcolor: fromAdmin ? "primary.main" : "grey.500" }}>
        {initials(message.sender.name)}
      </Avatar>
      <Box sx={{ maxWidth: "75%" }}>
        <Typography
          variant="caption"
          color="text.secondary"
          component="div"
          sx={{ textAlign: fromAdmin ? "right" : "left", px: 1 }}
        >
          {note && (
            <Box component="span" sx={{ display: "inline-flex", alignItems: "center", gap: 0.5, color: "warning.dark", fontWeight: 700, mr: 0.5 }}>
              <LockIcon sx={{ fontSize: 14 }} /> {translate("app.thread.note")} ·
            </Box>
          )}
          {message.sender.name} · <time dateTime={message.createdAt} title={format(sentAt, "PPPp", { locale })}>{format(sentAt, "p", { locale })}</time>
        </Typography>
        <Box
          sx={{
            px: 2,
            py: 1.25,
            borderRadius: 3,
            borderBottomRightRadius: fromAdmin ? 4 : undefined,
            borderBottomLeftRadius: fromAdmin ? undefined : 4,
            // A note is a yellow sticky with a dashed edge: never mistaken for a reply the pro received.
            bgcolor: (theme) =>
              note
                ? theme.palette.mode === "dark" ? "rgba(255, 193, 7, 0.16)" : "#fff8e1"
                : fromAdmin
                  ? theme.palette.primary.main
                  : theme.palette.grey[theme.palette.mode === "dark" ? 800 : 100],
            color: note ? "text.primary" : fromAdmin ? "primary.contrastText" : "text.primary",
            border: note ? "1px dashed" : undefined,
            borderColor: note ? "warning.main" : undefined,
          }}
        >
          {message.content !== "" && (
            <Typography variant="body2" component="div">
              <MessageText>{message.content}</MessageText>
            </Typography>
          )}
          <AttachmentList attachments={message.attachments ?? []} texts={attachmentTexts} />
        </Box>
        {fromAdmin && !note && (
          <Box sx={{ display: "flex", justifyContent: "flex-end", color: "text.secondary", px: 1, mt: 0.25 }}>
            <ReadMark readAt={message.readAt} />
          </Box>
        )}
      </Box>
    </Stack>
  );
};

/** The whole thread, oldest first, scrolled to the latest message. */
export const MessageThread = ({ messages }: { messages: Message[] }) => {
  const translate = useTranslate();
  const scroller = useRef<HTMLDivElement>(null);
  const last = messages.at(-1)?.id;
  // `?message=<id>`: a search result opened this ticket on that message.
  const [searchParams] = useSearchParams();
  const target = Number(searchParams.get("message")) || null;
  useEffect(() => {
    // Scroll the thread's own box, never the page: to the searched message, else to the latest.
    const box = scroller.current;
    if (!box) return;
    const found = target ? box.querySelector<HTMLElement>(`[data-message-id="${target}"]`) : null;
    box.scrollTop = found ? found.offsetTop - 16 : box.scrollHeight;
  }, [last, target]);

  return (
    <Box ref={scroller} sx={{ position: "relative", maxHeight: "60vh", overflowY: "auto", px: { xs: 1, sm: 3 }, py: 2 }}>
      <Stack component="ol" spacing={2} aria-label={translate("app.thread.label")} sx={{ m: 0, p: 0 }}>
        {messages.map((message, index) => {
          const sentAt = new Date(message.createdAt);
          const previous = messages[index - 1];
          const newDay = !previous || !isSameDay(new Date(previous.createdAt), sentAt);
          return [
            newDay && <DaySeparator key={`day-${message.id}`} date={sentAt} />,
            <MessageBubble key={message.id} message={message} highlighted={message.id === target} />,
          ];
        })}
      </Stack>
    </Box>
  );
};
