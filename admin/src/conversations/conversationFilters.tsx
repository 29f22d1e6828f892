import { AutocompleteInput, BooleanInput, DateInput, DateTimeInput, ReferenceInput, SearchInput, SelectInput } from "react-admin";
import { PRIORITIES } from "@messagerie/client/types";
import { PROFESSIONALS_FILTER } from "../users/userModel";
import { endOfLocalDay, startOfLocalDay } from "./conversationModel";

const PRIORITY_CHOICES = PRIORITIES.map((priority) => ({ id: priority, name: `app.priority.${priority}` }));
const ADMINS_FILTER = { role: "ADMIN" } as const;
const WAITING_CHOICES = [{ id: "ADMIN", name: "app.waiting.ADMIN" }, { id: "PROFESSIONAL", name: "app.waiting.PROFESSIONAL" }];

/** The list's filter bar. Status is picked with the quick tabs (TicketTabs), so it is not repeated here. */
export const conversationFilters = [
  <SearchInput key="q" source="q" alwaysOn sx={{ width: 200 }} />,
  <ReferenceInput
    key="professionalId"
    source="professionalId"
    reference="users"
    filter={PROFESSIONALS_FILTER}
    sort={{ field: "name", order: "ASC" }}
    alwaysOn
  >
    <AutocompleteInput optionText="name" sx={{ width: 200 }} />
  </ReferenceInput>,
  <BooleanInput key="unreadOnly" source="unreadOnly" defaultValue={true} />,
  <ReferenceInput key="categoryId" source="categoryId" reference="categories" sort={{ field: "name", order: "ASC" }}>
    <SelectInput optionText="name" sx={{ minWidth: 180 }} />
  </ReferenceInput>,
  <SelectInput key="priority" source="priority" choices={PRIORITY_CHOICES} sx={{ minWidth: 160 }} />,
  <ReferenceInput key="adminId" source="adminId" reference="users" filter={ADMINS_FILTER} sort={{ field: "name", order: "ASC" }}>
    <SelectInput optionText="name" sx={{ minWidth: 180 }} />
  </ReferenceInput>,
  <SelectInput key="waitingOn" source="waitingOn" choices={WAITING_CHOICES} sx={{ minWidth: 160 }} />,
  // Set by the dashboard's "waiting for more than 24 h": shown, so that the list says why it holds what it holds.
  <DateTimeInput key="waitingSince_lte" source="waitingSince_lte" />,
  <DateInput key="lastMessageAt_gte" source="lastMessageAt_gte" parse={startOfLocalDay} />,
  <DateInput key="lastMessageAt_lte" source="lastMessageAt_lte" parse={endOfLocalDay} />,
];
