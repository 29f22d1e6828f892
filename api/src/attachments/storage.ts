import { createReadStream } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Settings } from "../settings.ts";

/** What is stored: bytes in memory (a thumbnail), or a file received on disk, streamed from there. */
export type StoredBody = Buffer | { path: string; size: number };

/** Bytes `start` to `end` inclusive, as HTTP ranges count them. */
export type ByteRange = { start: number; end: number };

/**
 * Where attachments' bytes live, behind the few operations the app needs. Keys are the app's own (random, with a
 * two-character folder): never a file's name. Any process sharing the storage serves any file.
 */
export interface AttachmentStorage {
  put(key: string, body: StoredBody, contentType: string): Promise<void>;
  /** The stored bytes (or a range of them); rejects when the key is unknown. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes the key; a missing key is not an error. */
  remove(key: string): Promise<void>;
  /** Every key stored before `before`. */
  listOlderThan(before: Date): AsyncIterable<string>;
}

/** Files under `root`, written to a temporary name then renamed: a reader never sees half a file. */
export function diskStorage(root: string): AttachmentStorage {
  const fileOf = (key: string) => {
    if (!/^[a-z0-9]{2}\/[a-z0-9-]+$/.test(key)) throw new Error(`Invalid storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.partial`;
      if (Buffer.isBuffer(body)) await writeFile(temporary, body);
      else await copyFile(body.path, temporary);
      await rename(temporary, file);
    },
    async get(key, range) {
      const file = fileOf(key);
      await stat(file); // rejects now, not later in the stream, when the file is missing
      return createReadStream(file, range);
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
    async *listOlderThan(before) {
      let folders: string[];
      try {
        folders = await readdir(root);
      } catch {
        return; // nothing stored yet
      }
      for (const folder of folders) {
        for (const name of await readdir(path.join(root, folder)).catch(() => [] as string[])) {
          const file = path.join(root, folder, name);
          const info = await stat(file).catch(() => undefined);
          if (!info?.isFile() || info.mtime >= before) continue;
          // A write cut short by a crash: nobody refers to it.
          if (name.endsWith(".partial")) await rm(file, { force: true });
          else yield `${folder}/${name}`;
        }
      }
    },
  };
}

/** An S3-compatible bucket (AWS, MinIO, Garage, Scaleway…). */
export function s3Storage(settings: S3Settings): AttachmentStorage {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Checksums only where the API requires them: several S3-compatible servers refuse the newer default headers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = settings.bucket;
  return {
    async put(key, body, contentType) {
      const [Body, ContentLength] = Buffer.isBuffer(body) ? [body, body.length] : [createReadStream(body.path), body.size];
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body, ContentType: contentType, ContentLength }));
    },
    async get(key, range) {
      const answer = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: range && `bytes=${range.start}-${range.end}` }));
      return answer.Body as Readable;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async *listOlderThan(before) {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
        for (const item of page.Contents ?? []) {
          if (item.Key && item.LastModified && item.LastModified < before) yield item.Key;
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}

/** S3 when a bucket is configured, else DATA_DIR/attachments. */
export function storageFrom(settings: { dataDir: string; attachments: { s3?: S3Settings } }): AttachmentStorage {
  return settings.attachments.s3 ? s3Storage(settings.attachments.s3) : diskStorage(path.join(settings.dataDir, "attachments"));
}

/** Bytes read whole (small files: thumbnails, tests). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
