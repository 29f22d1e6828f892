import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import type { Actor } from "../access/policy.ts";
import { attachmentScopeSql } from "../access/policy.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { HttpError, unavailable } from "../http/errors.ts";
import { imageFacts, THUMBNAIL_TYPE } from "./images.ts";
import type { Clock } from "../clock.ts";
import type { Settings } from "../settings.ts";
import { attachmentLinks, type AttachmentLinks } from "./links.ts";
import { storageFrom, type AttachmentStorage } from "./storage.ts";
import { cleanName, displayName, RASTER_IMAGES, sniffType } from "./types.ts";

/** A file as received, on disk until its message is written (multer's disk storage gives these fields). */
export type Upload = { originalname: string; path: string; size: number };

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

export const quotaExceeded = (quotaBytes: number) =>
  new HttpError(413, `Your files would hold more than ${Math.round((quotaBytes / 1024 ** 2) * 10) / 10} MB in all: nothing was sent`, undefined, undefined, { limit: quotaBytes }, "quota_exceeded");

/** Storage that failed (S3 unreachable, a write cut off): the client may try again; it is not his error. */
const storageUnavailable = () => unavailable("File storage is unavailable, try again shortly");

/** A file's SHA-256, read as a stream. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Retries of a removal that failed, before the hourly sweep is left to find what remains. */
const REMOVAL_DELAYS_MS = [50, 250, 1000];

export function attachmentFiles(prisma: PrismaClient, storage: AttachmentStorage, links: AttachmentLinks, { quotaBytes = 0 }: { quotaBytes?: number } = {}) {
  /** What the user's files would hold with these (0: no quota). */
  async function checkQuota(actor: Actor, uploads: Upload[]) {
    if (quotaBytes === 0) return;
    const [{ used }] = await prisma.$queryRaw<{ used: number }[]>`
      SELECT coalesce(sum(a.size), 0)::float8 AS used FROM "Attachment" a JOIN "Message" m ON m.id = a."messageId" WHERE m."senderId" = ${actor.id}`;
    const incoming = uploads.reduce((sum, upload) => sum + upload.size, 0);
    if (used + incoming > quotaBytes) throw quotaExceeded(quotaBytes);
  }

  /** Every file checked first (415 for the first refused, nothing stored), then all stored; all or none. */
  async function store(uploads: Upload[]): Promise<StoredFile[]> {
    const checked = await Promise.all(
      uploads.map(async (upload) => {
        const contentType = await sniffType(upload, upload.originalname);
        if (!contentType) throw unsupportedType(cleanName(upload.originalname).slice(0, 200));
        const image = RASTER_IMAGES.has(contentType) ? await imageFacts(upload.path) : undefined;
        return { upload, contentType, image, sha256: await sha256Of(upload.path) };
      }),
    );
    const stored: StoredFile[] = [];
    try {
      for (const { upload, contentType, image, sha256 } of checked) {
        const file: StoredFile = {
          filename: displayName(upload.originalname, contentType),
          contentType,
          size: upload.size,
          width: image?.width ?? null,
          height: image?.height ?? null,
          sha256,
          storageKey: newKey(),
          thumbnailKey: image?.thumbnail ? newKey() : null,
        };
        stored.push(file);
        await storage.put(file.storageKey, upload, contentType);
        if (image?.thumbnail && file.thumbnailKey) await storage.put(file.thumbnailKey, image.thumbnail, THUMBNAIL_TYPE);
      }
    } catch (error) {
      await discard(stored);
      throw error instanceof HttpError ? error : storageUnavailable();
    }
    return stored;
  }

  /** Removes one key, tried again a few times when storage fails; what still fails, the sweep removes later. */
  async function remove(key: string) {
    for (const wait of [0, ...REMOVAL_DELAYS_MS]) {
      if (wait > 0) await delay(wait);
      try {
        return await storage.remove(key);
      } catch {
        // tried again
      }
    }
  }

  /** Removes files whose message was not written (a half-stored one included). */
  async function discard(files: StoredFile[]) {
    const keys = files.flatMap((file) => [file.storageKey, ...(file.thumbnailKey ? [file.thumbnailKey] : [])]);
    await Promise.all(keys.map(remove));
  }

  return {
    store,
    discard,

    /**
     * Stores the files, then runs the write that records them; the files are removed when that write fails (or finds
     * nothing to write to), so that nothing is left that no message refers to.
     */
    async storedFor<T>(actor: Actor, uploads: Upload[], write: (files: StoredFile[]) => Promise<T>): Promise<T> {
      if (uploads.length === 0) return write([]);
      await checkQuota(actor, uploads);
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
  attachmentFiles(prisma, storage ?? storageFrom(settings), attachmentLinks(settings.jwtSecret, clock), { quotaBytes: settings.attachments.quotaBytes });
