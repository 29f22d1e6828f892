import ChatIcon from "@mui/icons-material/ChatBubbleOutline";
import type { MouseEvent } from "react";
import { Avatar, Stack, Typography } from "@mui/material";
import {
  BooleanField,
  CreateButton,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  useRecordContext,
} from "react-admin";
import { RelativeDateField } from "../dates/RelativeDateField";
import type { User } from "@messagerie/client/types";
import { PROFESSIONALS_FILTER } from "./userModel";

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput key="active" source="active" />,
];

const NameField = () => {
  const record = useRecordContext<User>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1.5} alignItems="center">
      <Avatar sx={{ width: 32, height: 32, fontSize: 14 }}>{record.name.charAt(0).toUpperCase()}</Avatar>
      <Typography variant="body2">{record.name}</Typography>
    </Stack>
  );
};

/** "Écrire": a new conversation with this professional, picked in advance. */
const WriteButton = () => {
  const record = useRecordContext<User>();
  if (!record?.active) return null;
  return (
    <CreateButton
      resource="conversations"
      label="app.action.write"
      icon={<ChatIcon />}
      state={{ record: { professionalId: record.id } }}
      onClick={(event: MouseEvent) => event.stopPropagation()}
    />
  );
};

export const UserList = () => (
  <List filter={PROFESSIONALS_FILTER} filters={userFilters} sort={{ field: "name", order: "ASC" }} exporter={false}>
    <DataTable<User> rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="name" field={NameField} />
      <DataTable.Col source="email" />
      <DataTable.Col source="active" field={BooleanField} align="center" />
      <DataTable.Col source="createdAt" field={RelativeDateField} />
      <DataTable.Col label="" disableSort field={WriteButton} align="right" />
    </DataTable>
  </List>
);
