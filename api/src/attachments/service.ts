import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "../access/policy.ts";
import { attachmentScopeSql } from "../access/policy.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { HttpError } from "../http/errors.ts";
import { imageFacts, THUMBNAIL_TYPE } from "./images.ts";
import type { Clock } from "../clock.ts";
import type { Settings } from "../settings.ts";
import { attachmentLinks, type AttachmentLinks } from "./links.ts";
import { storageFrom, type AttachmentStorage } from "./storage.ts";
import { cleanName, displayName, RASTER_IMAGES, sniffType } from "./types.ts";

/** A file as received (multer's memory storage gives these fields). */
export type Upload = { originalname: string; buffer: Buffer; size: number };

/** A file checked and stored, not yet referenced: what the message's statement records. */
export type StoredFile = {
  filename: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  sha256: string;
  storageKey: string;
  thumbnailKey: string | null;
};

/** An attachment as recorded (what a message's JSON is built from in JavaScript). */
export type AttachmentRow = Pick<StoredFile, "filename" | "contentType" | "size" | "width" | "height" | "thumbnailKey"> & { id: number };

/** A random key in one of 1,296 folders: nothing of the file's name, nothing guessable. */
const newKey = () => {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
};

export const unsupportedType = (filename: string) =>
  new HttpError(415, `${filename}: this type of file is not accepted (images, PDF, office documents, text and CSV are)`, undefined, undefined, { filename }, "unsupported_file_type");

export function attachmentFiles(prisma: PrismaClient, storage: AttachmentStorage, links: AttachmentLinks) {
  /** Every file checked first (415 for the first refused, nothing stored), then all stored; all or none. */
  async function store(uploads: Upload[]): Promise<StoredFile[]> {
    const checked = await Promise.all(
      uploads.map(async (upload) => {
        const contentType = await sniffType(upload.buffer, upload.originalname);
        if (!contentType) throw unsupportedType(cleanName(upload.originalname).slice(0, 200));
        const image = RASTER_IMAGES.has(contentType) ? await imageFacts(upload.buffer) : undefined;
        return { upload, contentType, image };
      }),
    );
    const stored: StoredFile[] = [];
    try {
      for (const { upload, contentType, image } of checked) {
        const file: StoredFile = {
          filename: displayName(upload.originalname, contentType),
          contentType,
          size: upload.buffer.length,
          width: image?.width ?? null,
          height: image?.height ?? null,
          sha256: createHash("sha256").update(upload.buffer).digest("hex"),
          storageKey: newKey(),
          thumbnailKey: image?.thumbnail ? newKey() : null,
        };
        stored.push(file);
        await storage.put(file.storageKey, upload.buffer, contentType);
        if (image?.thumbnail && file.thumbnailKey) await storage.put(file.thumbnailKey, image.thumbnail, THUMBNAIL_TYPE);
      }
    } catch (error) {
      await discard(stored);
      throw error;
    }
    return stored;
  }

  /** Removes files whose message was not written. Best effort: what fails here, the sweep removes later. */
  async function discard(files: StoredFile[]) {
    const keys = files.flatMap((file) => [file.storageKey, ...(file.thumbnailKey ? [file.thumbnailKey] : [])]);
    await Promise.all(keys.map((key) => storage.remove(key).catch(() => undefined)));
  }

  return {
    store,
    discard,

    /**
     * Stores the files, then runs the write that records them; the files are removed when that write fails (or finds
     * nothing to write to), so that nothing is left that no message refers to.
     */
    async storedFor<T>(uploads: Upload[], write: (files: StoredFile[]) => Promise<T>): Promise<T> {
      if (uploads.length === 0) return write([]);
      const files = await store(uploads);
      try {
        return await write(files);
      } catch (error) {
        await discard(files);
        throw error;
      }
    },

    /** An attachment as its message's JSON shows it, from what its statement returned. */
    json({ id, filename, contentType, size, width, height, thumbnailKey }: AttachmentRow) {
      return {
        id, filename, contentType, size,
        ...(width !== null && { width }),
        ...(height !== null && { height }),
        url: links.url(id, "file"),
        ...(thumbnailKey !== null && { thumbnailUrl: links.url(id, "thumbnail") }),
      };
    },

    /** The attachment, when `actor` may see its message (none: a signed link already said so). */
    async find(actor: Actor | undefined, id: number) {
      const scope = actor ? attachmentScopeSql(actor, "a") : Prisma.sql`TRUE`;
      const rows = await prisma.$queryRaw<(StoredFile & { id: number })[]>`
        SELECT a.id, a.filename, a."contentType", a.size, a.width, a.height, a.sha256, a."storageKey", a."thumbnailKey"
        FROM "Attachment" a WHERE a.id = ${id} AND ${scope}`;
      return rows[0];
    },

    /**
     * Removes stored files that no attachment refers to and that are older than `before` (an upload whose message is
     * being written is younger): what a crash between storing and writing, or a failed removal, left. Answers how many.
     */
    async sweep(before: Date): Promise<number> {
      let removed = 0;
      let batch: string[] = [];
      const flush = async () => {
        const orphans = await prisma.$queryRaw<{ key: string }[]>`
          SELECT key FROM unnest(${batch}::text[]) AS key
          WHERE NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."storageKey" = key)
            AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."thumbnailKey" = key)`;
        await Promise.all(orphans.map(({ key }) => storage.remove(key)));
        removed += orphans.length;
        batch = [];
      };
      for await (const key of storage.listOlderThan(before)) {
        batch.push(key);
        if (batch.length === 500) await flush();
      }
      if (batch.length > 0) await flush();
      return removed;
    },

    storage,
    links,
  };
}
export type AttachmentFiles = ReturnType<typeof attachmentFiles>;

/** The attachments as the settings configure them (their storage, links signed with JWT_SECRET). */
export const attachmentsFor = (prisma: PrismaClient, settings: Settings, { storage, clock }: { storage?: AttachmentStorage; clock?: Clock } = {}) =>
  attachmentFiles(prisma, storage ?? storageFrom(settings), attachmentLinks(settings.jwtSecret, clock));
