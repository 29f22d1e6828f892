import { Chip } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import type { Conversation } from "@messagerie/client/types";

export const StatusChip = ({ status }: Pick<Conversation, "status">) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      label={translate(`app.status.${status}`)}
      color={status === "open" ? "success" : "default"}
      variant={status === "open" ? "filled" : "outlined"}
    />
  );
};

export const StatusField = () => {
  const record = useRecordContext<Conversation>();
  return record ? <StatusChip status={record.status} /> : null;
};
