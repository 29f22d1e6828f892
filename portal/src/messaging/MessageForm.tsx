import SendIcon from "@mui/icons-material/Send";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useRef, useState } from "react";
import { ApiError } from "../api/client.ts";
import { CONTENT_MAX } from "@messagerie/client/types";
import { useI18n } from "../i18n/I18nContext.tsx";
import { FieldHelp } from "./FieldHelp.tsx";
import { shortcutKey, submitHandlers } from "./submitHandlers.ts";
import { problemMessage, textProblem } from "./validation.ts";

interface MessageFormProps {
  /** Sends the message; rejects with the API's refusal. */
  onSend: (content: string) => Promise<void>;
}

export function MessageForm({ onSend }: MessageFormProps) {
  const { t } = useI18n();
  const [content, setContent] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  // The shortcut hint is for keyboards; a phone has no Ctrl key to press.
  const keyboard = useMediaQuery("(hover: hover) and (pointer: fine)");

  const problem = problemMessage(content, CONTENT_MAX, submitted, {
    required: t.form.required,
    tooLong: t.form.tooLong(CONTENT_MAX),
  });

  async function submit() {
    setSubmitted(true);
    if (sending || textProblem(content, CONTENT_MAX)) return;
    setSending(true);
    setRefusal(null);
    try {
      await onSend(content.trim());
      setContent("");
      setSubmitted(false);
    } catch (error) {
      setRefusal(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  }

  const { onSubmit, onKeyDown } = submitHandlers(submit);

  return (
    <Box component="form" noValidate onSubmit={onSubmit} sx={{ p: 2, pt: 1 }}>
      {refusal && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {t.form.refused(refusal)}
        </Alert>
      )}
      <TextField
        label={t.form.label}
        value={content}
        onChange={(event) => setContent(event.target.value)}
        onKeyDown={onKeyDown}
        multiline
        minRows={2}
        maxRows={8}
        required
        error={problem !== undefined}
        inputRef={input}
        // Read-only rather than disabled while sending, so the caret stays here for the next message.
        slotProps={{ htmlInput: { readOnly: sending, "aria-busy": sending } }}
        helperText={
          <FieldHelp message={problem ?? (keyboard ? t.form.hint(shortcutKey()) : undefined)} length={content.length} max={CONTENT_MAX} />
        }
      />
      <Box sx={{ display: "flex", justifyContent: "flex-end", mt: 1 }}>
        <Button type="submit" variant="contained" endIcon={<SendIcon />} disabled={sending}>
          {sending ? t.form.sending : t.form.send}
        </Button>
      </Box>
    </Box>
  );
}
