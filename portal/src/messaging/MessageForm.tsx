import SendIcon from "@mui/icons-material/Send";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client.ts";
import { errorText } from "../api/errors.ts";
import { clearDraft, loadDraft, saveDraft } from "@messagerie/client/drafts";
import { isNetworkFailure, submissionKeys } from "@messagerie/client/submissions";
import { CONTENT_MAX, type Message } from "@messagerie/client/types";
import { useI18n } from "../i18n/I18nContext.tsx";
import { FieldHelp } from "./FieldHelp.tsx";
import { shortcutKey, submitHandlers } from "./submitHandlers.ts";
import { problemMessage, textProblem } from "./validation.ts";
import { DropZone, FilePicker, pasteFilesInto, useFileDraft, type FileDraft } from "@messagerie/client/ui/Attachments";
import { useAttachmentLimits, useAttachmentTexts } from "../attachments/useAttachments.ts";

/** How a message goes out: `force` skips the stale-reply guard ("Envoyer quand même"); its files and their upload. */
export type SendOptions = { idempotencyKey: string; force: boolean; files: File[]; onProgress: (fraction: number) => void };

interface MessageFormProps {
  /** Sends the message; rejects with the API's refusal (a 409 carries the new messages) or a network failure. */
  onSend: (content: string, options: SendOptions) => Promise<void>;
  /** Where the unsent text is kept (per user and conversation) across navigation and reloads. */
  draftKey: string;
  /** The files to send, when the page holds them (files dropped onto the thread join them); else the form's own. */
  files?: FileDraft;
}

export function MessageForm({ onSend, draftKey, files: given }: MessageFormProps) {
  const { t } = useI18n();
  const [content, setContent] = useState(() => loadDraft(draftKey)?.content ?? "");
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [stale, setStale] = useState<Message[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const keys = useRef(submissionKeys()).current;
  useEffect(() => saveDraft(draftKey, { content }), [draftKey, content]);
  // The shortcut hint is for keyboards; a phone has no Ctrl key to press.
  const keyboard = useMediaQuery("(hover: hover) and (pointer: fine)");

  const limits = useAttachmentLimits();
  const attachmentTexts = useAttachmentTexts();
  const own = useFileDraft(limits);
  const files = given ?? own;
  const [progress, setProgress] = useState<number>();
  const withFiles = files.files.length > 0;

  // With files, the text may be empty.
  const problem = withFiles && content.trim() === "" ? undefined : problemMessage(content, CONTENT_MAX, submitted, {
    required: t.form.required,
    tooLong: t.form.tooLong(CONTENT_MAX),
  });

  async function submit(force = false) {
    setSubmitted(true);
    if (sending || files.problems.length > 0 || (textProblem(content, CONTENT_MAX) && !(withFiles && content.trim() === ""))) return;
    setSending(true);
    setRefusal(null);
    setStale([]);
    const text = content.trim();
    try {
      const attached = files.files;
      const idempotencyKey = keys.keyFor({ text, force, files: attached.map((file) => [file.name, file.size, file.lastModified]) });
      await onSend(text, { idempotencyKey, force, files: attached, onProgress: setProgress });
      keys.answered();
      clearDraft(draftKey);
      files.clear();
      setContent("");
      setSubmitted(false);
    } catch (error) {
      // A lost connection keeps the key: trying again cannot post the message twice.
      if (!isNetworkFailure(error)) keys.answered();
      if (error instanceof ApiError && error.status === 409 && error.newMessages.length > 0) setStale(error.newMessages);
      else setRefusal(isNetworkFailure(error) ? t.form.offline : t.form.refused(errorText(t, error)));
    } finally {
      setProgress(undefined);
      setSending(false);
      input.current?.focus();
    }
  }

  const { onSubmit, onKeyDown } = submitHandlers(() => submit());

  return (
    <DropZone onFiles={files.add} texts={attachmentTexts}>
    <Box
      component="form"
      noValidate
      onSubmit={onSubmit}
      onPaste={pasteFilesInto(files.add)}
      sx={{ p: 2, pt: 1 }}
    >
      {refusal && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {refusal}
        </Alert>
      )}
      {stale.length > 0 && (
        <Alert
          severity="warning"
          sx={{ mb: 1 }}
          action={
            <Box sx={{ display: "flex", flexDirection: "column", gap: 0.5 }}>
              <Button color="inherit" size="small" onClick={() => void submit(true)}>
                {t.form.sendAnyway}
              </Button>
              <Button color="inherit" size="small" onClick={() => { setStale([]); input.current?.focus(); }}>
                {t.form.edit}
              </Button>
            </Box>
          }
        >
          {t.form.stale(stale.length)}
          {stale.map((message) => (
            <Box key={message.id} component="blockquote" sx={{ m: 0, mt: 0.5, pl: 1, borderLeft: 2, borderColor: "warning.main", overflowWrap: "anywhere" }}>
              <strong>{message.sender.name}</strong> : {message.content}
            </Box>
          ))}
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
        required={!withFiles}
        error={problem !== undefined}
        inputRef={input}
        // Read-only rather than disabled while sending, so the caret stays here for the next message.
        slotProps={{ htmlInput: { readOnly: sending, "aria-busy": sending } }}
        helperText={
          <FieldHelp message={problem ?? (keyboard ? t.form.hint(shortcutKey()) : undefined)} length={content.length} max={CONTENT_MAX} />
        }
      />
      <Box sx={{ display: "flex", alignItems: "flex-start", justifyContent: "space-between", flexWrap: "wrap", mt: 1, gap: 1 }}>
        <Box sx={{ display: "flex", flexWrap: "wrap", flex: 1, minWidth: 0 }}>
          <FilePicker draft={files} limits={limits} texts={attachmentTexts} disabled={sending} progress={progress} />
        </Box>
        <Button type="submit" variant="contained" endIcon={<SendIcon />} disabled={sending}>
          {sending ? t.form.sending : t.form.send}
        </Button>
      </Box>
    </Box>
    </DropZone>
  );
}
