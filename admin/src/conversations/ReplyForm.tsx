import LockIcon from "@mui/icons-material/LockOutlined";
import SendIcon from "@mui/icons-material/Send";
import { Alert, Box, Button, Stack, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import {
  Form,
  HttpError,
  maxLength,
  required,
  SaveButton,
  TextInput,
  useDataProvider,
  useGetIdentity,
  useNotify,
  useTranslate,
  type Identifier,
} from "react-admin";
import { clearDraft, draftKey, loadDraft, saveDraft } from "@messagerie/client/drafts";
import { isNetworkFailure, submissionKeys } from "@messagerie/client/submissions";
import type { AppDataProvider } from "../dataProvider";
import { CONTENT_MAX, type Message } from "@messagerie/client/types";
import { useShortcuts } from "../keyboard/shortcuts";
import { PresenceBanner, useAnnouncePresence } from "../presence/usePresence";
import { TemplatePicker, TemplateShortcut, useTemplates } from "../templates/TemplatePicker";
import { notBlank } from "./conversationModel";
import { DropZone, FilePicker, pasteFilesInto, useFileDraft, type FileDraft } from "@messagerie/client/ui/Attachments";
import { useAttachmentLimits, useAttachmentTexts } from "../attachments/useAttachments";

/** Text is required unless files go with it. */
const contentValidators = (withFiles: () => boolean) => {
  const needed = [required(), notBlank];
  return [(value: unknown, values: object) => (withFiles() ? undefined : needed.map((check) => check(value, values)).find(Boolean)), maxLength(CONTENT_MAX)];
};

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
  /** The ticket's category: its templates come first. */
  categoryId?: number | null;
  /** The newest message shown: a reply is refused (409) if someone else wrote since. */
  newestMessageId?: Identifier;
  /** The files to send, when the page holds them (files dropped onto the thread join them); else the form's own. */
  files?: FileDraft;
}

type Mode = "public" | "note";

/**
 * The reply is not an edit of the ticket: react-admin's Form would take the ticket as its record and reset the field to
 * it every time the ticket is fetched again (each live event), wiping what is being typed. It gets a record of its own.
 */
const NO_RECORD = {};
type Sent = { content: string; note: boolean; force: boolean; files: File[] };

/** Keeps what is typed (and whether it is a note) as this admin's draft for this ticket; says when he last typed. */
const DraftKeeper = ({ storageKey, note, onTyped }: { storageKey: string; note: boolean; onTyped: () => void }) => {
  const content: unknown = useWatch({ name: "content" });
  const first = useRef(true);
  useEffect(() => {
    saveDraft(storageKey, { content: typeof content === "string" ? content : "", ...(note && { internal: true }) });
    if (first.current) first.current = false;
    else onTyped();
  }, [storageKey, content, note, onTyped]);
  return null;
};

/** Lends the form's setFocus to what lives outside it. */
const FocusBridge = ({ target }: { target: { current: () => void } }) => {
  const { setFocus } = useFormContext();
  target.current = () => setFocus("content");
  return null;
};

/** What others wrote since the ticket was shown, with "Envoyer quand même" and "Modifier". */
const StaleAlert = ({ messages, onSendAnyway, onEdit }: { messages: Message[]; onSendAnyway: (content: string) => void; onEdit: () => void }) => {
  const translate = useTranslate();
  const { getValues } = useFormContext();
  if (messages.length === 0) return null;
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2 }}
      action={
        <Stack spacing={0.5}>
          <Button color="inherit" size="small" onClick={() => onSendAnyway(String(getValues("content") ?? "").trim())}>
            {translate("app.stale.send_anyway")}
          </Button>
          <Button color="inherit" size="small" onClick={onEdit}>
            {translate("app.stale.edit")}
          </Button>
        </Stack>
      }
    >
      {translate("app.stale.title", { smart_count: messages.length })}
      {messages.map((message) => (
        <Box key={message.id} component="blockquote" sx={{ m: 0, mt: 0.5, pl: 1, borderLeft: 2, borderColor: "warning.main", overflowWrap: "anywhere" }}>
          <strong>{message.sender.name}</strong>
          {message.internal ? ` (${translate("app.thread.note_preview")})` : ""} : {message.content}
        </Box>
      ))}
    </Alert>
  );
};

export const ReplyForm = ({ conversationId, closed, categoryId, newestMessageId, files: given }: ReplyFormProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const { identity } = useGetIdentity();
  const storageKey = draftKey(identity?.id ?? 0, conversationId);
  const draft = useMemo(() => loadDraft(storageKey), [storageKey]);
  // A new key gives a fresh, empty form once a message is sent.
  const [formKey, setFormKey] = useState(0);
  const [mode, setMode] = useState<Mode>(draft?.internal ? "note" : "public");
  const note = mode === "note";
  const [stale, setStale] = useState<Message[]>([]);
  const keys = useRef(submissionKeys()).current;
  const [lastKeystroke, setLastKeystroke] = useState(0);
  const typed = useRef(() => setLastKeystroke(Date.now())).current;
  const templates = useTemplates(categoryId);
  // Focusing the field from outside the form (shortcuts, "Modifier"): the form puts its setFocus here.
  const focusField = useRef<() => void>(() => undefined);
  useAnnouncePresence(conversationId, lastKeystroke);
  const limits = useAttachmentLimits();
  const attachmentTexts = useAttachmentTexts();
  const own = useFileDraft(limits);
  const files = given ?? own;
  const [progress, setProgress] = useState<number>();
  const withFiles = useRef(false);
  withFiles.current = files.files.length > 0;
  const validateContent = useMemo(() => contentValidators(() => withFiles.current), []);

  // Focused once the mode it asks for is on screen (a shortcut may switch reply ↔ note first).
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) requestAnimationFrame(() => focusField.current());
  }, [focusRequest, mode]);
  const focus = (next: Mode) => {
    setMode(next);
    setFocusRequest((n) => n + 1);
  };
  useShortcuts({ r: () => focus("public"), n: () => focus("note") });

  const { mutateAsync } = useMutation({
    mutationFn: ({ content, note: internal, force, files: attached }: Sent) =>
      dataProvider.replyToConversation("conversations", {
        id: conversationId,
        content,
        internal,
        afterMessageId: force ? undefined : newestMessageId,
        idempotencyKey: keys.keyFor({ content, internal, force, files: attached.map((file) => [file.name, file.size, file.lastModified]) }),
        files: attached,
        onProgress: setProgress,
      }),
    onSuccess: (_data, { note: internal }) => {
      notify(internal ? "app.reply.note_sent" : "app.notification.reply_sent", { type: "success" });
      clearDraft(storageKey);
      setLastKeystroke(0); // no longer typing: the others are told at once
      files.clear();
      setStale([]);
      setFormKey((key) => key + 1);
      // The thread, the status (a reply reopens a closed ticket) and the lists all change.
      return queryClient.invalidateQueries({ queryKey: ["conversations"] });
    },
  });

  const send = async (content: string, force = false) => {
    if (files.problems.length > 0) return;
    setStale([]);
    try {
      await mutateAsync({ content, note, force, files: files.files });
      keys.answered();
    } catch (error) {
      // A lost connection keeps the key: sending again cannot post the reply twice.
      if (!isNetworkFailure(error)) keys.answered();
      const newMessages = error instanceof HttpError && error.status === 409 ? error.body?.newMessages : undefined;
      if (Array.isArray(newMessages)) {
        setStale(newMessages as Message[]);
        // The thread shows them too.
        void queryClient.invalidateQueries({ queryKey: ["conversations"] });
        return;
      }
      const errors = fieldErrorsOf(error);
      if (errors) return errors;
      notify(isNetworkFailure(error) ? "app.offline" : error instanceof Error ? error.message : "app.errors.internal", { type: "error" });
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <>
    <PresenceBanner conversationId={conversationId} />
    <Form key={formKey} record={NO_RECORD} onSubmit={(values: Record<string, unknown>) => send(String(values.content).trim())} defaultValues={{ content: formKey === 0 ? (draft?.content ?? "") : "" }}
      // One message per mistake: the field says what is wrong, react-admin's "form not valid" toast would say it twice.
      disableInvalidFormNotification noValidate>
      <DraftKeeper storageKey={storageKey} note={note} onTyped={typed} />
      <FocusBridge target={focusField} />
      <TemplateShortcut conversationId={conversationId} templates={templates} />
      <DropZone onFiles={files.add} texts={attachmentTexts}>
      <Box
        onPaste={pasteFilesInto(files.add)}
        sx={{
          px: { xs: 2, sm: 3 },
          pt: 2,
          pb: 2,
          // Writing a note looks like the note will: yellow, dashed.
          ...(note && { bgcolor: (theme) => (theme.palette.mode === "dark" ? "rgba(255, 193, 7, 0.08)" : "#fffdf3"), borderTop: "1px dashed", borderColor: "warning.main" }),
        }}
      >
        <StaleAlert messages={stale} onSendAnyway={(content) => void send(content, true)} onEdit={() => { setStale([]); focusField.current(); }} />
        <Stack direction="row" alignItems="center" justifyContent="space-between" sx={{ mb: 1.5, flexWrap: "wrap", gap: 1 }}>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={mode}
            onChange={(_event, value: Mode | null) => value && setMode(value)}
            aria-label={translate("app.reply.mode")}
          >
            <ToggleButton value="public">{translate("app.reply.public")}</ToggleButton>
            <ToggleButton value="note" color="warning" sx={{ "&.Mui-selected": { color: "warning.dark" } }}>
              {translate("app.reply.note")}
            </ToggleButton>
          </ToggleButtonGroup>
          <TemplatePicker conversationId={conversationId} templates={templates} />
        </Stack>
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
        <Stack direction="row" alignItems="center" sx={{ flexWrap: "wrap", mb: 1 }}>
          <FilePicker draft={files} limits={limits} texts={attachmentTexts} disabled={progress !== undefined} progress={progress} />
        </Stack>
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
      </DropZone>
    </Form>
    </>
  );
};
