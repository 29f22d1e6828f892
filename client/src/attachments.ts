import type { AttachmentLimits } from "./types.ts";

/** The API's defaults, until GET /api/attachments/limits answers (api/src/attachments/types.ts). */
export const DEFAULT_LIMITS: AttachmentLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxFiles: 5,
  types: {
    "image/png": ["png"], "image/jpeg": ["jpg", "jpeg"], "image/gif": ["gif"], "image/webp": ["webp"], "application/pdf": ["pdf"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ["pptx"],
    "application/vnd.oasis.opendocument.text": ["odt"], "application/vnd.oasis.opendocument.spreadsheet": ["ods"],
    "text/plain": ["txt"], "text/csv": ["csv"],
  },
};

/** What is wrong with a file chosen, before it is sent. */
export type FileProblem = { kind: "too_large" | "type" | "too_many"; name: string };

const extensionOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";

/** Accepted when its extension or the type the browser gives it is on the list (the API then checks the content). */
export function isAccepted(file: Pick<File, "name" | "type">, limits: AttachmentLimits): boolean {
  const extension = extensionOf(file.name);
  return Object.entries(limits.types).some(([type, extensions]) => extensions.includes(extension) || (file.type !== "" && file.type === type));
}

/** The problems of a selection: each file too large or of a refused type, and one for too many files. */
export function fileProblems(files: Pick<File, "name" | "type" | "size">[], limits: AttachmentLimits): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const file of files) {
    if (!isAccepted(file, limits)) problems.push({ kind: "type", name: file.name });
    else if (file.size > limits.maxBytes) problems.push({ kind: "too_large", name: file.name });
  }
  if (files.length > limits.maxFiles) problems.push({ kind: "too_many", name: "" });
  return problems;
}

/** The file input's `accept`: every extension and type on the list. */
export const acceptAttribute = (limits: AttachmentLimits) =>
  Object.entries(limits.types).flatMap(([type, extensions]) => [type, ...extensions.map((extension) => `.${extension}`)]).join(",");

/** "850 ko", "1,2 Mo" (fr) / "850 kB", "1.2 MB" (en). */
export function formatSize(bytes: number, locale: string): string {
  const [value, unit] = bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, "megabyte"] : [Math.max(1, Math.round(bytes / 1024)), "kilobyte"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}

export const isImage = (contentType: string) => /^image\/(png|jpeg|gif|webp)\b/.test(contentType);

/** A pasted screenshot is "image.png" in every browser: it gets a name that says when it was taken. */
export function namedPaste(file: File, now = new Date()): File {
  if (!/^image\.\w+$/.test(file.name) && file.name !== "") return file;
  const stamp = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}-${String(now.getHours()).padStart(2, "0")}${String(now.getMinutes()).padStart(2, "0")}`;
  const extension = file.type.split("/")[1]?.replace("jpeg", "jpg") ?? "png";
  return new File([file], `capture-${stamp}.${extension}`, { type: file.type });
}

/** A message's fields and files as the multipart form the API takes (the same fields as its JSON). */
export function messageForm(fields: Record<string, string | number | boolean | null | undefined>, files: File[]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value === null ? "" : String(value));
  for (const file of files) form.append("files", file, file.name);
  return form;
}

export type FormAnswer = { status: number; body: unknown; ok: boolean };

/**
 * POSTs a form with XMLHttpRequest, which (unlike fetch) reports the upload's progress: `onProgress` gets 0…1.
 * Answers the status and the JSON body; a network failure rejects with a TypeError, as fetch does.
 */
export function postForm(url: string, form: FormData, headers: Record<string, string>, onProgress?: (fraction: number) => void): Promise<FormAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => event.lengthComputable && onProgress?.(event.loaded / event.total);
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // not JSON: a proxy's page
      }
      resolve({ status: request.status, body, ok: request.status >= 200 && request.status < 300 });
    };
    request.onerror = () => reject(new TypeError("Failed to fetch"));
    request.onabort = () => reject(new TypeError("Failed to fetch"));
    request.send(form);
  });
}
