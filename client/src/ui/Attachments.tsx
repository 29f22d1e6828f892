import AttachFileIcon from "@mui/icons-material/AttachFile";
import CancelIcon from "@mui/icons-material/Cancel";
import DescriptionIcon from "@mui/icons-material/DescriptionOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import LinearProgress from "@mui/material/LinearProgress";
import Alert from "@mui/material/Alert";
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type ReactNode } from "react";
import { acceptAttribute, fileProblems, formatSize, isImage, namedPaste, type FileProblem } from "../attachments.ts";
import type { Attachment, AttachmentLimits } from "../types.ts";

/** What the attachment components say, in the app's language. */
export interface AttachmentTexts {
  locale: string;
  attach: string;
  remove: (name: string) => string;
  open: (name: string) => string;
  download: string;
  close: string;
  dropHere: string;
  uploading: string;
  problem: (problem: FileProblem, limits: AttachmentLimits) => string;
}

/**
 * A message's files: images as thumbnails that open full size, other files as chips that download them. The links
 * are the API's signed ones (no header needed, ten minutes).
 */
export function AttachmentList({ attachments, texts }: { attachments: Attachment[]; texts: AttachmentTexts }) {
  // By id: a refreshed thread's new links show in an image already open.
  const [openedId, setOpenedId] = useState<number | null>(null);
  const opened = attachments.find((file) => file.id === openedId) ?? null;
  const setOpened = (file: Attachment | null) => setOpenedId(file?.id ?? null);
  if (attachments.length === 0) return null;
  const images = attachments.filter((file) => isImage(file.contentType) && file.thumbnailUrl);
  const others = attachments.filter((file) => !images.includes(file));
  return (
    <Box sx={{ mt: 1, display: "flex", flexDirection: "column", gap: 1 }}>
      {images.length > 0 && (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1 }}>
          {images.map((file) => (
            <Box
              key={file.id}
              component="button"
              type="button"
              onClick={() => setOpened(file)}
              aria-label={texts.open(file.filename)}
              sx={{ p: 0, border: 1, borderColor: "divider", borderRadius: 2, overflow: "hidden", cursor: "zoom-in", bgcolor: "background.paper", lineHeight: 0 }}
            >
              <Box
                component="img"
                src={file.thumbnailUrl}
                alt={file.filename}
                loading="lazy"
                width={file.width && file.height ? Math.round((Math.min(160, file.height) * file.width) / file.height) : undefined}
                height={file.height ? Math.min(160, file.height) : undefined}
                sx={{ display: "block", maxWidth: 240, maxHeight: 160, objectFit: "cover" }}
              />
            </Box>
          ))}
        </Box>
      )}
      {others.length > 0 && (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1 }}>
          {others.map((file) => (
            <Chip
              key={file.id}
              component="a"
              href={file.url}
              download={file.filename}
              clickable
              icon={<DescriptionIcon />}
              label={`${file.filename} · ${formatSize(file.size, texts.locale)}`}
              aria-label={`${texts.download} ${file.filename}`}
              sx={{ maxWidth: "100%", bgcolor: "background.paper" }}
            />
          ))}
        </Box>
      )}
      <Dialog open={opened !== null} onClose={() => setOpened(null)} maxWidth="lg">
        {opened && (
          <>
            <DialogTitle sx={{ overflowWrap: "anywhere" }}>{opened.filename}</DialogTitle>
            <DialogContent>
              <Box component="img" src={opened.url} alt={opened.filename} sx={{ display: "block", maxWidth: "100%", maxHeight: "75vh", mx: "auto" }} />
            </DialogContent>
            <DialogActions>
              <Button component="a" href={opened.url} download={opened.filename}>
                {texts.download}
              </Button>
              <Button onClick={() => setOpened(null)}>{texts.close}</Button>
            </DialogActions>
          </>
        )}
      </Dialog>
    </Box>
  );
}

/** Files chosen for the message being written: added from the button, a drop or a paste; checked as they come. */
export function useFileDraft(limits: AttachmentLimits) {
  const [files, setFiles] = useState<File[]>([]);
  const problems = useMemo(() => fileProblems(files, limits), [files, limits]);
  const add = useCallback((added: File[]) => added.length > 0 && setFiles((current) => [...current, ...added]), []);
  const remove = useCallback((index: number) => setFiles((current) => current.filter((_, i) => i !== index)), []);
  const clear = useCallback(() => setFiles([]), []);
  return { files, problems, add, remove, clear };
}
export type FileDraft = ReturnType<typeof useFileDraft>;

/**
 * An `onPaste` that adds the files of a paste (a screenshot), named after when they were pasted; a paste of text goes
 * on as usual.
 */
export const pasteFilesInto = (add: (files: File[]) => void) => (event: ClipboardEvent) => {
  const pasted = Array.from(event.clipboardData?.files ?? []).map((file) => namedPaste(file));
  if (pasted.length === 0) return;
  event.preventDefault();
  add(pasted);
};

/** A preview of a chosen image, freed when the chip goes. */
function usePreview(file: File) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!isImage(file.type)) return;
    const made = URL.createObjectURL(file);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  return url;
}

function FileChip({ file, onDelete, texts, disabled }: { file: File; onDelete: () => void; texts: AttachmentTexts; disabled: boolean }) {
  const preview = usePreview(file);
  return (
    <Chip
      label={`${file.name} · ${formatSize(file.size, texts.locale)}`}
      onDelete={disabled ? undefined : onDelete}
      deleteIcon={<CancelIcon aria-label={texts.remove(file.name)} />}
      avatar={preview ? <Box component="img" src={preview} alt="" sx={{ objectFit: "cover" }} /> : undefined}
      icon={preview ? undefined : <DescriptionIcon />}
      sx={{ maxWidth: "100%" }}
    />
  );
}

/**
 * The attach button, the chosen files as removable chips (name and size), what is wrong with them, and the upload's
 * progress while sending.
 */
export function FilePicker({ draft, limits, texts, disabled = false, progress }: { draft: FileDraft; limits: AttachmentLimits; texts: AttachmentTexts; disabled?: boolean; progress?: number }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={acceptAttribute(limits)}
        data-testid="attachment-input"
        onChange={(event) => {
          draft.add(Array.from(event.target.files ?? []));
          event.target.value = ""; // the same file may be chosen again after removing it
        }}
      />
      <Button size="small" startIcon={<AttachFileIcon />} onClick={() => input.current?.click()} disabled={disabled}>
        {texts.attach}
      </Button>
      {draft.files.length > 0 && (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, mt: 1, width: "100%" }} aria-live="polite">
          {draft.files.map((file, index) => (
            <FileChip key={`${file.name}-${index}`} file={file} texts={texts} disabled={disabled} onDelete={() => draft.remove(index)} />
          ))}
        </Box>
      )}
      {draft.problems.map((problem) => (
        <Alert key={`${problem.kind}-${problem.name}`} severity="error" sx={{ mt: 1, width: "100%" }}>
          {texts.problem(problem, limits)}
        </Alert>
      ))}
      {progress !== undefined && (
        <Box sx={{ width: "100%", mt: 1 }}>
          <LinearProgress variant="determinate" value={Math.round(progress * 100)} aria-label={texts.uploading} />
        </Box>
      )}
    </>
  );
}

/** When the thread's links will have expired (their `expires`, in seconds), the soonest; none without links. */
function soonestExpiry(messages: { attachments?: Attachment[] }[]): number | undefined {
  let soonest: number | undefined;
  for (const message of messages) {
    for (const file of message.attachments ?? []) {
      const expires = Number(new URL(file.url, "http://link").searchParams.get("expires"));
      if (expires > 0 && (soonest === undefined || expires < soonest)) soonest = expires;
    }
  }
  return soonest;
}

/**
 * Keeps a thread's signed links usable while it stays open: a minute before the first expires, `refresh` reloads
 * the thread (which brings new links), so that an image opened or a file downloaded later still works.
 */
export function useFreshLinks(messages: { attachments?: Attachment[] }[], refresh: () => void) {
  const soonest = soonestExpiry(messages);
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (soonest === undefined) return;
    const wait = Math.min(Math.max(soonest * 1000 - Date.now() - 60_000, 30_000), 10 * 60_000);
    const timer = setTimeout(() => latest.current(), wait);
    return () => clearTimeout(timer);
  }, [soonest]);
}

/** Files dropped anywhere on `children` are added; a dashed outline says where while dragging. */
export function DropZone({ onFiles, texts, children }: { onFiles: (files: File[]) => void; texts: AttachmentTexts; children: ReactNode }) {
  const [over, setOver] = useState(false);
  const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes("Files");
  return (
    <Box
      onDragOver={(event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.stopPropagation(); // the innermost zone takes them
        setOver(true);
      }}
      onDragLeave={(event: DragEvent) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.stopPropagation();
        setOver(false);
        onFiles(Array.from(event.dataTransfer.files));
      }}
      sx={{ position: "relative", ...(over && { outline: "2px dashed", outlineColor: "primary.main", outlineOffset: -4 }) }}
    >
      {over && (
        <Box sx={{ position: "absolute", inset: 0, display: "grid", placeItems: "center", bgcolor: "action.hover", zIndex: 1, pointerEvents: "none", fontWeight: 600 }}>
          {texts.dropHere}
        </Box>
      )}
      {children}
    </Box>
  );
}
