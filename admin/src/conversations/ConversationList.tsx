import type { MouseEvent } from "react";
import { Link } from "react-router-dom";
import { RatingField } from "../ratings/RatingField";
import { Badge, Box, Stack, Typography, useMediaQuery, type Theme } from "@mui/material";
import {
  ColumnsButton,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SimpleList,
  TopToolbar,
  useRecordContext,
  useGetIdentity,
  useTranslate,
  type Identifier,
} from "react-admin";
import { RelativeDate, RelativeDateField, ShortDateField } from "../dates/RelativeDateField";
import { BulkStatusButtons } from "./BulkStatusButtons";
import { conversationFilters } from "./conversationFilters";
import type { Conversation } from "@messagerie/client/types";
import { ExportCsvButton } from "./ExportCsvButton";
import { StatusField } from "./StatusField";
import { TicketTabs } from "./TicketTabs";
import { SearchNotice } from "../search/SearchNotice";
import { ListCursor, useListCursor } from "../keyboard/ListCursor";
import { Snippet } from "@messagerie/client/ui/Snippet";
import { BulkTriageButtons } from "./TriageActions";
import { AssigneeField, CategoryField, PriorityField, WaitingSinceField } from "./TriageFields";

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <ColumnsButton />
    <CreateButton label="app.action.new_conversation" />
    <ExportCsvButton />
  </TopToolbar>
);

/** Subject over the last message's preview, the way a mail client shows a thread. */
const SubjectField = () => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  if (!record) return null;
  // "Note : …", "Vous : …" for one's own reply, "Bruno Petit : …" for another admin's.
  const author = record.lastMessageInternal
    ? translate("app.thread.note_preview")
    : record.lastMessageSenderType === "ADMIN"
      ? record.lastMessageSender && String(record.lastMessageSender.id) !== String(identity?.id) ? record.lastMessageSender.name : translate("app.thread.you")
      : null;
  const unread = record.unreadCount > 0;
  return (
    <Box sx={{ minWidth: 0, maxWidth: { xs: 220, md: 240, lg: 300 } }}>
      {/* A link, so that the keyboard reaches each ticket (Tab, Entrée) and a middle click opens it in a new tab. */}
      <Typography
        component={Link}
        to={openRow(record.id, "conversations", record)}
        onClick={(event: MouseEvent) => event.stopPropagation()}
        variant="body2"
        noWrap
        dir="auto"
        sx={{ display: "block", color: "inherit", textDecoration: "none", "&:hover, &:focus-visible": { textDecoration: "underline" }, fontWeight: unread ? 700 : 500 }}
      >
        {/* A search that matched the subject marks it there; one that matched a message shows that message below. */}
        {record.match && record.match.messageId === null ? <Snippet segments={record.match.snippet} /> : record.subject}
      </Typography>
      {record.match?.messageId ? (
        <Typography variant="body2" color="text.secondary" noWrap>
          <Snippet segments={record.match.snippet} />
        </Typography>
      ) : (
      <Typography variant="body2" color="text.secondary" noWrap>
        {author && translate("app.thread.said_by", { name: author })}
        {record.lastMessagePreview}
      </Typography>
      )}
    </Box>
  );
};

/** Opening a search result lands on the message that matched. */
const openRow = (id: Identifier, _resource: string, record: Conversation) =>
  record.match?.messageId ? `/conversations/${id}/show?message=${record.match.messageId}` : `/conversations/${id}/show`;

const ProfessionalField = () => {
  const record = useRecordContext<Conversation>();
  if (!record) return null;
  return (
    <Stack sx={{ minWidth: 0 }}>
      <Typography variant="body2" noWrap>
        {record.professional.name}
      </Typography>
      <Typography variant="caption" color="text.secondary" noWrap>
        {record.professional.email}
      </Typography>
    </Stack>
  );
};

const UnreadField = () => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  if (!record || record.unreadCount === 0) return null;
  return (
    <Badge
      badgeContent={record.unreadCount}
      color="primary"
      max={99}
      aria-label={translate("app.unread.messages", { smart_count: record.unreadCount })}
      sx={{ "& .MuiBadge-badge": { position: "static", transform: "none" } }}
    />
  );
};

const unreadRowSx = (record: Conversation) =>
  record.unreadCount > 0
    ? { backgroundColor: "action.hover", "& td:first-of-type": { borderLeft: 3, borderLeftColor: "primary.main" } }
    : {};

/** On narrow screens: one block per ticket, as in a mail app. */
const ConversationSimpleList = () => (
  <SimpleList<Conversation>
    linkType="show"
    primaryText={(record) => (
      <Box component="span" dir="auto" sx={{ display: "block", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
        {record.subject}
      </Box>
    )}
    secondaryText={(record) => (
      <>
        <Stack component="span" direction="row" spacing={1}>
          <span>{record.professional.name}</span>
          <span>·</span>
          <RelativeDate date={record.lastMessageAt} variant="caption" />
        </Stack>
        <Typography
          component="span"
          variant="body2"
          color="text.secondary"
          sx={{ display: "-webkit-box", WebkitLineClamp: 2, WebkitBoxOrient: "vertical", overflow: "hidden", overflowWrap: "anywhere" }}
        >
          {record.lastMessagePreview}
        </Typography>
      </>
    )}
    rowSx={unreadRowSx}
    // Each block as wide as the screen, whatever its text (a subject without a space ends with an ellipsis).
    sx={{ "& .MuiListItemText-root": { minWidth: 0, overflow: "hidden" } }}
  />
);

/** The row j/k are on: outlined. */
const cursorRowSx = (record: Conversation, cursor: Identifier | null) =>
  record.id === cursor ? { ...unreadRowSx(record), outline: 2, outlineColor: "primary.main", outlineOffset: -2 } : unreadRowSx(record);

const ConversationDataTable = () => {
  const cursor = useListCursor();
  return (
  // Creation date and status (the tabs say it) are hidden by default — the Colonnes button shows them — so that the
  // triage columns fit a 1440 px screen.
  <DataTable<Conversation>
    rowClick={openRow as never}
    rowSx={(record) => cursorRowSx(record, cursor)}
    hiddenColumns={["createdAt", "status", "rating"]}
    bulkActionButtons={<><BulkTriageButtons /><BulkStatusButtons /></>}
  >
    <DataTable.Col source="subject" disableSort field={SubjectField} />
    <DataTable.Col
      source="professional"
      label="resources.conversations.fields.professionalId"
      disableSort
      field={ProfessionalField}
    />
    <DataTable.Col source="status" field={StatusField} />
    <DataTable.Col source="priority" field={PriorityField} sortByOrder="DESC" />
    <DataTable.Col source="categoryId" disableSort field={CategoryField} />
    <DataTable.Col source="adminId" disableSort field={AssigneeField} />
    <DataTable.Col source="waitingSince" field={WaitingSinceField} sortByOrder="ASC" />
    <DataTable.Col source="unreadCount" disableSort field={UnreadField} align="center" sx={{ whiteSpace: "nowrap" }} />
    <DataTable.Col source="createdAt" field={ShortDateField} />
    <DataTable.Col source="lastMessageAt" field={RelativeDateField} sortByOrder="DESC" />
    <DataTable.Col source="rating" disableSort field={RatingField} />
  </DataTable>
  );
};

const ConversationTable = () => {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down("md"));
  return (
    <>
      <TicketTabs />
      <SearchNotice />
      {small ? <ConversationSimpleList /> : <ConversationDataTable />}
    </>
  );
};

export const ConversationList = () => (
  <List
    filters={conversationFilters}
    filterDefaultValues={{ status: "open" }}
    sort={{ field: "lastMessageAt", order: "DESC" }}
    perPage={25}
    // On a phone, the pagination wraps rather than pushing the page wider than the screen.
    sx={{ "& .RaList-main": { minWidth: 0 }, "& .MuiTablePagination-toolbar": { flexWrap: "wrap", justifyContent: "flex-end", rowGap: 0.5 }, "& .MuiTablePagination-spacer": { display: { xs: "none", sm: "block" } } }}
    actions={<ListActions />}
    exporter={false}
  >
    <ListCursor<Conversation> pathOf={(record) => openRow(record.id, "conversations", record)}>
      <ConversationTable />
    </ListCursor>
  </List>
);
