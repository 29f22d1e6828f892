import LockIcon from "@mui/icons-material/LockOutlined";
import SendIcon from "@mui/icons-material/Send";
import { Alert, Box, Stack, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type KeyboardEvent } from "react";
import { useWatch } from "react-hook-form";
import {
  Form,
  HttpError,
  maxLength,
  required,
  SaveButton,
  TextInput,
  useDataProvider,
  useNotify,
  useTranslate,
  type Identifier,
} from "react-admin";
import type { AppDataProvider } from "../dataProvider";
import { CONTENT_MAX } from "@messagerie/client/types";
import { notBlank } from "./conversationModel";

const validateContent = [required(), notBlank, maxLength(CONTENT_MAX)];

const LengthCounter = () => {
  const content: unknown = useWatch({ name: "content" });
  const length = typeof content === "string" ? content.length : 0;
  return (
    <Typography variant="caption" color={length > CONTENT_MAX ? "error" : "text.secondary"}>
      {length.toLocaleString()} / {CONTENT_MAX.toLocaleString()}
    </Typography>
  );
};

// Ctrl+Enter (or Cmd+Enter) sends, as in most messaging tools.
const submitOnCtrlEnter = (event: KeyboardEvent<HTMLDivElement>) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    if (event.target instanceof HTMLTextAreaElement) event.target.form?.requestSubmit();
  }
};

/** The server's field errors (`{errors: {content}}`), shown under the input like react-admin's own. */
const fieldErrorsOf = (error: unknown) =>
  error instanceof HttpError && typeof error.body?.errors === "object" ? error.body.errors : undefined;

interface ReplyFormProps {
  conversationId: Identifier;
  closed: boolean;
}

export const ReplyForm = ({ conversationId, closed }: ReplyFormProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  // A new key gives a fresh, empty form once a message is sent.
  const [formKey, setFormKey] = useState(0);

  const [mode, setMode] = useState<"public" | "note">("public");
  const note = mode === "note";

  const { mutateAsync } = useMutation({
    mutationFn: (content: string) =>
      dataProvider.replyToConversation("conversations", { id: conversationId, content, internal: note }),
    onSuccess: () => {
      notify(note ? "app.reply.note_sent" : "app.notification.reply_sent", { type: "success" });
      setFormKey((key) => key + 1);
      // The thread, the status (a reply reopens a closed ticket) and the lists all change.
      return queryClient.invalidateQueries({ queryKey: ["conversations"] });
    },
  });

  const send = async (values: Record<string, unknown>) => {
    try {
      await mutateAsync(String(values.content).trim());
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (errors) return errors;
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    }
  };

  return (
    <Form key={formKey} onSubmit={send} defaultValues={{ content: "" }} noValidate>
      <Box
        sx={{
          px: { xs: 2, sm: 3 },
          pt: 2,
          pb: 2,
          // Writing a note looks like the note will: yellow, dashed.
          ...(note && { bgcolor: (theme) => (theme.palette.mode === "dark" ? "rgba(255, 193, 7, 0.08)" : "#fffdf3"), borderTop: "1px dashed", borderColor: "warning.main" }),
        }}
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={mode}
          onChange={(_event, value: "public" | "note" | null) => value && setMode(value)}
          aria-label={translate("app.reply.mode")}
          sx={{ mb: 1.5 }}
        >
          <ToggleButton value="public">{translate("app.reply.public")}</ToggleButton>
          <ToggleButton value="note" color="warning" sx={{ "&.Mui-selected": { color: "warning.dark" } }}>
            {translate("app.reply.note")}
          </ToggleButton>
        </ToggleButtonGroup>
        {note ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {translate("app.reply.note_hint")}
          </Alert>
        ) : (
          closed && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate("app.reply.closed_hint")}
            </Alert>
          )
        )}
        <TextInput
          source="content"
          label={note ? "app.reply.note_label" : "app.reply.label"}
          placeholder={translate(note ? "app.reply.note_placeholder" : "app.reply.placeholder")}
          multiline
          minRows={3}
          maxRows={12}
          validate={validateContent}
          onKeyDown={submitOnCtrlEnter}
          helperText={false}
        />
        <Stack direction="row" alignItems="center" justifyContent="space-between">
          <LengthCounter />
          <SaveButton
            label={note ? "app.reply.save_note" : "app.action.send"}
            icon={note ? <LockIcon /> : <SendIcon />}
            color={note ? "warning" : "primary"}
            alwaysEnable
          />
        </Stack>
      </Box>
    </Form>
  );
};
