import { open } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { fileTypeFromBuffer } from "file-type";

/**
 * What a file is, from its content — never from its name or from what the sender declared — against an allow-list.
 * file-type recognises the binary formats; a file it does not recognise is accepted only as plain text (or CSV):
 * no NUL or control bytes, and not markup (HTML, SVG, XML, scripts), which a browser could run.
 */

/** The types accepted, with the extensions a name may carry for each (the first is added when the name has another). */
export const ACCEPTED_TYPES: Record<string, string[]> = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ["pptx"],
  "application/vnd.oasis.opendocument.text": ["odt"],
  "application/vnd.oasis.opendocument.spreadsheet": ["ods"],
  "text/plain": ["txt"],
  "text/csv": ["csv"],
};

/** Raster images: shown inline, with a thumbnail. */
export const RASTER_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

const binaryExtensions = new Set(Object.entries(ACCEPTED_TYPES).filter(([type]) => !type.startsWith("text/")).flatMap(([, extensions]) => extensions));

const SAMPLE_BYTES = 64 * 1024;

/** The first bytes of a file received on disk: what its type is told by. */
async function headOf(path: string): Promise<Buffer> {
  const file = await open(path, "r");
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(SAMPLE_BYTES), 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * The accepted type of a file received on disk (text types with their charset), or undefined when it is refused:
 * from its first bytes, read without loading the file (and, for text, its encoding over a stream).
 */
export async function sniffType(file: { path: string }, filename: string): Promise<string | undefined> {
  const head = await headOf(file.path);
  const detected = await fileTypeFromBuffer(head);
  if (detected) return ACCEPTED_TYPES[detected.mime] ? detected.mime : undefined;
  if (!isPlainText(head)) return undefined;
  const charset = (await isUtf8(file.path)) ? "utf-8" : "windows-1252"; // what a French spreadsheet saves without saying so
  return `${extensionOf(filename) === "csv" ? "text/csv" : "text/plain"}; charset=${charset}`;
}

/** The type without its parameters: `text/csv; charset=utf-8` → `text/csv`. */
export const essence = (contentType: string) => contentType.split(";")[0].trim();

function isPlainText(head: Buffer): boolean {
  // Control bytes other than tab, line feed, form feed and carriage return (and ESC, seen in logs) mean binary.
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) return false;
  const text = head.toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "");
  // A document of markup (HTML, SVG, XML) or anything carrying a script or an active element.
  if (/^\s*</.test(text)) return false;
  return !/<\s*(script|html|svg|iframe|object|embed|body|meta)\b/i.test(text);
}

async function isUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * Names a system runs or a browser renders when opened: a text file so named is kept as text, and named `.txt` after
 * it (`lancer.bat` → `lancer.bat.txt`), so that a click shows it instead of running it.
 */
const ACTIVE_EXTENSIONS = new Set([
  "bat", "cmd", "com", "ps1", "psm1", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "hta", "sh", "bash", "command", "exe", "msi",
  "scr", "lnk", "reg", "jar", "html", "htm", "xhtml", "shtml", "svg", "xml", "php", "py", "pl", "rb", "url", "desktop",
]);

const extensionOf = (filename: string) => /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();

const MAX_NAME = 200;

/** The name without folders, control or bidirectional-override characters (as a refusal names the file). */
export const cleanName = (original: string) =>
  original
    .normalize("NFC")
    .replace(/^.*[/\\]/, "")
    // Controls, bidirectional overrides, and invisible characters (zero-width spaces and joiners, word joiner, BOM,
    // soft hyphen) that make two names look alike.
    .replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");

/**
 * The name shown and sent back in Content-Disposition: no folders, no control or bidirectional-override characters
 * (which can disguise `exe.pdf` as `fdp.exe`), at most 200 characters, and an extension that says what it is (a PNG
 * named `facture.pdf` becomes `facture.pdf.png`). Never used to store the file.
 */
export function displayName(original: string, contentType: string): string {
  const extensions = ACCEPTED_TYPES[essence(contentType)] ?? [];
  let name = cleanName(original);
  const extension = extensionOf(name);
  const fits = extension !== undefined && !ACTIVE_EXTENSIONS.has(extension) &&
    (extensions.includes(extension) || (contentType.startsWith("text/") && !binaryExtensions.has(extension)));
  if (!fits) name = `${name || "fichier"}.${extensions[0]}`;
  if (name.length > MAX_NAME) {
    const suffix = name.slice(name.lastIndexOf("."));
    name = name.slice(0, MAX_NAME - suffix.length) + suffix;
  }
  return name;
}
