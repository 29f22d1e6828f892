import { AutocompleteInput, maxLength, ReferenceInput, required, TextInput } from "react-admin";
import { ACTIVE_PROFESSIONALS_FILTER } from "../users/userModel";
import { CONTENT_MAX, SUBJECT_MAX } from "@messagerie/client/types";
import { notBlank } from "./conversationModel";
import { ExistingConversations } from "../search/ExistingConversations";

const proOption = (pro: { name: string; email: string }) => `${pro.name} (${pro.email})`;

/** A new conversation with a chosen professional: only active ones can be contacted. */
export const ConversationInputs = () => (
  <>
    <ReferenceInput
      source="professionalId"
      reference="users"
      filter={ACTIVE_PROFESSIONALS_FILTER}
      sort={{ field: "name", order: "ASC" }}
    >
      <AutocompleteInput optionText={proOption} validate={required()} />
    </ReferenceInput>
    <TextInput source="subject" validate={[required(), notBlank, maxLength(SUBJECT_MAX)]} />
    <ExistingConversations />
    <TextInput
      source="content"
      multiline
      minRows={5}
      validate={[required(), notBlank, maxLength(CONTENT_MAX)]}
    />
  </>
);
