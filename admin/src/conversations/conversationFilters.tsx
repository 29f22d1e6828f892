import { AutocompleteInput, BooleanInput, DateInput, ReferenceInput, SearchInput } from "react-admin";
import { PROFESSIONALS_FILTER } from "../users/userModel";
import { endOfLocalDay, startOfLocalDay } from "./conversationModel";

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
  <DateInput key="lastMessageAt_gte" source="lastMessageAt_gte" parse={startOfLocalDay} />,
  <DateInput key="lastMessageAt_lte" source="lastMessageAt_lte" parse={endOfLocalDay} />,
];
