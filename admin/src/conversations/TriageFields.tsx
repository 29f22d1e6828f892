import PriorityHighIcon from "@mui/icons-material/PriorityHigh";
import { Chip, Stack, Typography } from "@mui/material";
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

/** How long the side expected to answer has had the ball, and which side that is. */
export const WaitingSinceField = () => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  if (!record?.waitingSince || !record.waitingOn) return null;
  return (
    <Stack sx={{ minWidth: 0 }}>
      <RelativeDate date={record.waitingSince} variant="body2" />
      <Typography variant="caption" color={record.waitingOn === "ADMIN" ? "warning.main" : "text.secondary"} noWrap>
        {translate(`app.waiting.${record.waitingOn}`)}
      </Typography>
    </Stack>
  );
};
