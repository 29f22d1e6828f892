import PriorityHighIcon from "@mui/icons-material/PriorityHigh";
import { Chip, Stack, Tooltip, Typography } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import type { Conversation, Priority } from "@messagerie/client/types";
import { RelativeDate } from "../dates/RelativeDateField";

/** Urgent stands out (filled red, with a mark); high is orange; normal and low stay quiet. */
export const PriorityChip = ({ priority }: { priority: Priority }) => {
  const translate = useTranslate();
  const tone = { urgent: "error", high: "warning", normal: "default", low: "default" } as const;
  return (
    <Chip
      size="small"
      label={translate(`app.priority.${priority}`)}
      color={tone[priority]}
      variant={priority === "urgent" || priority === "high" ? "filled" : "outlined"}
      icon={priority === "urgent" ? <PriorityHighIcon /> : undefined}
      sx={priority === "low" ? { color: "text.secondary" } : undefined}
    />
  );
};

export const PriorityField = () => {
  const record = useRecordContext<Conversation>();
  return record?.priority ? <PriorityChip priority={record.priority} /> : null;
};

export const CategoryField = () => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" noWrap color={record.category ? "text.primary" : "text.secondary"}>
      {record.category?.name ?? translate("app.triage.no_category")}
    </Typography>
  );
};

export const AssigneeField = () => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" noWrap color={record.admin ? "text.primary" : "text.secondary"}>
      {record.admin?.name ?? translate("app.triage.unassigned")}
    </Typography>
  );
};

/** A waiting time as support teams say it: "< 1 min", "42 min", "3 h", "2 j". */
export const waitingDuration = (since: string, now = Date.now()) => {
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  if (minutes < 1) return { key: "app.waiting.now", n: 0 };
  if (minutes < 60) return { key: "app.waiting.minutes", n: minutes };
  if (minutes < 24 * 60) return { key: "app.waiting.hours", n: Math.floor(minutes / 60) };
  return { key: "app.waiting.days", n: Math.floor(minutes / (24 * 60)) };
};

/** How long the side expected to answer has had the ball, and which side that is (exact time on hover). */
export const WaitingSinceField = () => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  if (!record?.waitingSince || !record.waitingOn) return null;
  const { key, n } = waitingDuration(record.waitingSince);
  return (
    <Stack sx={{ minWidth: 0 }}>
      <Tooltip title={<RelativeDate date={record.waitingSince} variant="caption" />}>
        <Typography variant="body2" noWrap>
          {translate(key, { n })}
        </Typography>
      </Tooltip>
      <Typography variant="caption" color={record.waitingOn === "ADMIN" ? "warning.dark" : "text.secondary"} noWrap>
        {translate(`app.waiting.${record.waitingOn}`)}
      </Typography>
    </Stack>
  );
};
