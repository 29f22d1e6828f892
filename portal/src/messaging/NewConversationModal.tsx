import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import MenuItem from "@mui/material/MenuItem";
import TextField from "@mui/material/TextField";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTheme } from "@mui/material/styles";
import { useEffect, useRef, useState } from "react";
import { isNetworkFailure, submissionKeys } from "@messagerie/client/submissions";
import { useApi } from "../api/ApiContext.tsx";
import { ApiError } from "../api/client.ts";
import { errorText, fieldText } from "../api/errors.ts";
import { CONTENT_MAX, SUBJECT_MAX, type Category, type ConversationDetail } from "@messagerie/client/types";
import { useI18n } from "../i18n/I18nContext.tsx";
import { ExistingConversations } from "../search/ExistingConversations.tsx";
import { FieldHelp } from "./FieldHelp.tsx";
import { submitHandlers } from "./submitHandlers.ts";
import { problemMessage, textProblem } from "./validation.ts";
import { DropZone, FilePicker, pasteFilesInto, useFileDraft } from "@messagerie/client/ui/Attachments";
import { useAttachmentLimits, useAttachmentTexts } from "../attachments/useAttachments.ts";

interface NewConversationModalProps {
  open: boolean;
  onClose: () => void;
  /** The API created it: the tab opens its thread. */
  onCreated: (conversation: ConversationDetail) => void;
  /** The pro chose to continue one of his open conversations instead. */
  onContinue: (id: number) => void;
}

/** "Nouvelle conversation": a pro opens a ticket with a subject and a first message. */
export function NewConversationModal({ open, onClose, onCreated, onContinue }: NewConversationModalProps) {
  const client = useApi();
  const { t } = useI18n();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down("sm"));
  const [subject, setSubject] = useState("");
  const [content, setContent] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    if (!open) return;
    let current = true;
    // Optional: without the list, the form still works (no category).
    client.listCategories().then((rows) => current && setCategories(rows), () => undefined);
    return () => {
      current = false;
    };
  }, [open, client]);
  const keys = useRef(submissionKeys()).current;
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const limits = useAttachmentLimits();
  const attachmentTexts = useAttachmentTexts();
  const files = useFileDraft(limits);
  const [progress, setProgress] = useState<number>();
  // With files, the message may be empty.
  const contentOptional = files.files.length > 0 && content.trim() === "";

  const subjectError =
    problemMessage(subject, SUBJECT_MAX, submitted, {
      required: t.newConversation.subjectRequired,
      tooLong: t.newConversation.subjectTooLong(SUBJECT_MAX),
    }) ?? fieldText(t, refusal, "subject");
  const contentError = contentOptional ? fieldText(t, refusal, "content") :
    problemMessage(content, CONTENT_MAX, submitted, {
      required: t.newConversation.messageRequired,
      tooLong: t.form.tooLong(CONTENT_MAX),
    }) ?? fieldText(t, refusal, "content");

  function reset() {
    setSubject("");
    setContent("");
    setCategoryId("");
    files.clear();
    setSubmitted(false);
    setRefusal(null);
  }

  async function submit() {
    setSubmitted(true);
    if (sending || files.problems.length > 0 || textProblem(subject, SUBJECT_MAX) || (!contentOptional && textProblem(content, CONTENT_MAX))) return;
    setSending(true);
    setRefusal(null);
    try {
      const input = { subject: subject.trim(), content: content.trim(), ...(categoryId && { categoryId: Number(categoryId) }) };
      const attached = files.files;
      const idempotencyKey = keys.keyFor({ ...input, files: attached.map((file) => [file.name, file.size, file.lastModified]) });
      const created = await client.createConversation(input, { idempotencyKey, files: attached, onProgress: setProgress });
      keys.answered();
      reset();
      onCreated(created);
    } catch (error) {
      // A lost connection keeps the key: trying again cannot open the ticket twice.
      if (!isNetworkFailure(error)) keys.answered();
      setRefusal(error instanceof ApiError ? error : new ApiError(0, isNetworkFailure(error) ? t.form.offline : String(error)));
    } finally {
      setProgress(undefined);
      setSending(false);
    }
  }

  const { onSubmit, onKeyDown } = submitHandlers(submit);

  return (
    <Dialog open={open} onClose={sending ? undefined : onClose} fullScreen={phone} fullWidth maxWidth="sm">
      <DropZone onFiles={files.add} texts={attachmentTexts}>
      <form
        noValidate
        onSubmit={onSubmit}
        onPaste={pasteFilesInto(files.add)}
      >
        <DialogTitle>{t.newConversation.title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>{t.newConversation.intro}</DialogContentText>
          {refusal && <Alert severity="error">{refusal.status === 0 ? refusal.message : t.form.refused(errorText(t, refusal))}</Alert>}
          <TextField
            label={t.newConversation.subject}
            value={subject}
            onChange={(event) => setSubject(event.target.value)}
            required
            autoFocus
            error={Boolean(subjectError)}
            slotProps={{ htmlInput: { readOnly: sending } }}
            helperText={<FieldHelp message={subjectError} length={subject.length} max={SUBJECT_MAX} />}
          />
          <ExistingConversations
            subject={subject}
            onContinue={(id) => {
              reset();
              onContinue(id);
            }}
          />
          <TextField
            label={t.newConversation.message}
            value={content}
            onChange={(event) => setContent(event.target.value)}
            onKeyDown={onKeyDown}
            required={files.files.length === 0}
            multiline
            minRows={5}
            maxRows={12}
            error={Boolean(contentError)}
            slotProps={{ htmlInput: { readOnly: sending } }}
            helperText={<FieldHelp message={contentError} length={content.length} max={CONTENT_MAX} />}
          />
          <FilePicker draft={files} limits={limits} texts={attachmentTexts} disabled={sending} progress={progress} />
          {/* Optional, so after what is required: Tab goes subject → message → category. */}
          {categories.length > 0 && (
            <TextField
              select
              label={t.newConversation.category}
              value={categoryId}
              onChange={(event) => setCategoryId(event.target.value)}
              error={Boolean(fieldText(t, refusal, "categoryId"))}
              helperText={fieldText(t, refusal, "categoryId")}
              disabled={sending}
            >
              <MenuItem value="">{t.newConversation.noCategory}</MenuItem>
              {categories.map((category) => (
                <MenuItem key={category.id} value={String(category.id)}>
                  {category.name}
                </MenuItem>
              ))}
            </TextField>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose} disabled={sending}>
            {t.newConversation.cancel}
          </Button>
          <Button type="submit" variant="contained" disabled={sending}>
            {sending ? t.newConversation.submitting : t.newConversation.submit}
          </Button>
        </DialogActions>
      </form>
      </DropZone>
    </Dialog>
  );
}
