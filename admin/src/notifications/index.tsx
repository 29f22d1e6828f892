import MailIcon from "@mui/icons-material/MailOutline";
import { Chip } from "@mui/material";
import { DataTable, List, NumberField, ReferenceField, SelectInput, TextField, useRecordContext, useTranslate } from "react-admin";
import type { Notification } from "@messagerie/client/types";
import { RelativeDateField } from "../dates/RelativeDateField";

const STATUSES = ["pending", "sending", "sent", "skipped", "failed"] as const;
const KINDS = ["reply", "message", "reminder"] as const;
const statusColor = { pending: "default", sending: "info", sent: "success", skipped: "default", failed: "error" } as const;

const StatusField = () => {
  const record = useRecordContext<Notification>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" variant={record.status === "skipped" ? "outlined" : "filled"} color={statusColor[record.status]} label={translate(`app.notifications.status.${record.status}`)} />;
};

const KindField = () => {
  const record = useRecordContext<Notification>();
  const translate = useTranslate();
  return record ? <>{translate(`app.notifications.kind.${record.kind}`)}</> : null;
};

/** Why it was skipped or why it failed, in words where the API names a reason. */
const DetailField = () => {
  const record = useRecordContext<Notification>();
  const translate = useTranslate();
  if (!record?.detail) return null;
  const known: Record<string, string> = { "read before the delay": "read", "notifications off": "off", "account deactivated": "inactive", interrupted: "interrupted" };
  return <>{known[record.detail] ? translate(`app.notifications.detail.${known[record.detail]}`) : record.detail}</>;
};

const filters = [
  <SelectInput key="status" source="status" alwaysOn choices={STATUSES.map((id) => ({ id, name: `app.notifications.status.${id}` }))} />,
  <SelectInput key="kind" source="kind" alwaysOn choices={KINDS.map((id) => ({ id, name: `app.notifications.kind.${id}` }))} />,
];

/** What the app emailed, skipped or failed to send: read-only, newest first. */
export const NotificationList = () => (
  <List filters={filters} sort={{ field: "createdAt", order: "DESC" }} exporter={false} empty={false}>
    <DataTable<Notification> bulkActionButtons={false} rowClick={false}>
      <DataTable.Col source="createdAt" field={RelativeDateField} />
      <DataTable.Col source="recipient.name" label="resources.notifications.fields.recipient" disableSort>
        <TextField source="recipient.name" /> <TextField source="recipient.email" sx={{ color: "text.secondary" }} />
      </DataTable.Col>
      <DataTable.Col source="conversationId" disableSort>
        <ReferenceField source="conversationId" reference="conversations" link="show">
          <TextField source="subject" />
        </ReferenceField>
      </DataTable.Col>
      <DataTable.Col source="kind" field={KindField} disableSort />
      <DataTable.Col source="status" field={StatusField} />
      <DataTable.Col source="attempts" field={NumberField} />
      <DataTable.Col source="detail" field={DetailField} disableSort />
      <DataTable.Col source="sentAt" field={RelativeDateField} />
    </DataTable>
  </List>
);

export default { list: NotificationList, icon: MailIcon };
