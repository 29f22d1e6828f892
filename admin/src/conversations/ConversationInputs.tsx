import { Box } from "@mui/material";
import { useFormContext } from "react-hook-form";
import { AutocompleteInput, maxLength, ReferenceInput, required, TextInput } from "react-admin";
import { DropZone, pasteFilesInto } from "@messagerie/client/ui/Attachments";
import { FilesInput } from "../attachments/FilesInput";
import { useAttachmentTexts } from "../attachments/useAttachments";
import { ACTIVE_PROFESSIONALS_FILTER } from "../users/userModel";
import { CONTENT_MAX, SUBJECT_MAX } from "@messagerie/client/types";
import { notBlank } from "./conversationModel";
import { ExistingConversations } from "../search/ExistingConversations";

const proOption = (pro: { name: string; email: string }) => `${pro.name} (${pro.email})`;

const needed = [required(), notBlank];
/** The message may be empty when files go with it. */
const validateContent = [
  (value: unknown, values: { files?: File[] }) => ((values.files?.length ?? 0) > 0 ? undefined : needed.map((check) => check(value, values)).find(Boolean)),
  maxLength(CONTENT_MAX),
];

/** A new conversation with a chosen professional (only active ones can be contacted), with files if need be. */
export const ConversationInputs = () => {
  const { getValues, setValue } = useFormContext();
  const texts = useAttachmentTexts();
  const add = (files: File[]) => setValue("files", [...((getValues("files") as File[] | undefined) ?? []), ...files], { shouldDirty: true, shouldValidate: true });
  return (
  <DropZone onFiles={add} texts={texts}>
  <Box onPaste={pasteFilesInto(add)} sx={{ width: "100%" }}>
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
      validate={validateContent}
    />
    <FilesInput />
  </Box>
  </DropZone>
  );
};
