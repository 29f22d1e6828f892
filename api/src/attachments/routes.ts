import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { create as contentDisposition } from "content-disposition";
import { Router, type RequestHandler } from "express";
import multer from "multer";
import { z } from "zod";
import { actorOf } from "../http/actor.ts";
import { forbidden, HttpError, notFound, tooManyRequests, unavailable } from "../http/errors.ts";
import { rejectNul } from "../http/nul.ts";
import type { Operation } from "../openapi/document.ts";
import { THUMBNAIL_TYPE } from "./images.ts";
import type { LinkVariant } from "./links.ts";
import { attachmentLimitsJsonSchema, attachmentParams, formFieldsAsJson, signedLinkQuery } from "./schemas.ts";
import type { AttachmentFiles, Upload } from "./service.ts";
import { readAll } from "./storage.ts";
import { ACCEPTED_TYPES, essence, RASTER_IMAGES } from "./types.ts";

export type AttachmentLimits = { maxBytes: number; maxFiles: number };

/** 10485760 → "10 MB" (as people count them: 1 MB = 1,048,576 bytes). */
export const sizeText = (bytes: number) => `${Math.round((bytes / 1024 ** 2) * 10) / 10} MB`;

/** Form fields a message's form may repeat: files under `files` (or `files[]`, as some clients name them). */
const FILE_FIELDS = new Set(["files", "files[]"]);

/** Forms with files one user may have in flight at once; one more is told 429 before a byte of it is read. */
export const UPLOADS_IN_FLIGHT = 2;

/**
 * `multipart/form-data` on the routes that post a message: the same fields as their JSON, plus `files`. Files are
 * streamed to a temporary folder as they arrive — never held in memory — and removed once the answer is sent (the
 * message's files are in storage by then); a limit passed → 413 naming it, before anything is stored. Each user may
 * send UPLOADS_IN_FLIGHT such forms at once. JSON requests pass through untouched.
 */
export function acceptFiles({ maxBytes, maxFiles }: AttachmentLimits): RequestHandler {
  const folder = path.join(tmpdir(), `messagerie-uploads-${process.pid}`);
  mkdirSync(folder, { recursive: true });
  const inFlight = new Map<number, number>();
  const parse = multer({
    storage: multer.diskStorage({ destination: folder }),
    // File names as browsers send them: UTF-8.
    defParamCharset: "utf8",
    // busboy stops a file when it reaches fileSize: one byte more, so that a file of exactly maxBytes is taken.
    limits: { fileSize: maxBytes + 1, files: maxFiles, fields: 20, fieldSize: 100 * 1024, parts: maxFiles + 20 },
  }).any();
  return (req, res, next) => {
    if (!req.is("multipart/form-data")) return next();
    const { id } = actorOf(res);
    const sending = inFlight.get(id) ?? 0;
    if (sending >= UPLOADS_IN_FLIGHT) return next(tooManyRequests("Files are already being sent from this account: wait for them, then send again", 2));
    inFlight.set(id, sending + 1);
    res.once("close", () => {
      const left = (inFlight.get(id) ?? 1) - 1;
      if (left > 0) inFlight.set(id, left);
      else inFlight.delete(id);
      for (const file of uploadsOf(req)) if (typeof file.path === "string") void rm(file.path, { force: true }).catch(() => undefined);
    });
    parse(req, res, (error?: unknown) => {
      if (error) return next(uploadError(error, { maxBytes, maxFiles }));
      const files = (req.files ?? []) as Express.Multer.File[];
      const misplaced = files.find((file) => !FILE_FIELDS.has(file.fieldname));
      if (misplaced) return next(new HttpError(400, `Files go in the "files" field, not "${misplaced.fieldname}"`, { [misplaced.fieldname]: "unexpected file" }));
      req.body = formFieldsAsJson(req.body ?? {});
      rejectNul(req, res, next);
    });
  };
}

function uploadError(error: unknown, { maxBytes, maxFiles }: AttachmentLimits): HttpError {
  if (error instanceof multer.MulterError) {
    if (error.code === "LIMIT_FILE_SIZE") {
      return new HttpError(413, `Each file must be at most ${sizeText(maxBytes)}`, undefined, undefined, { limit: maxBytes }, "file_too_large");
    }
    if (error.code === "LIMIT_FILE_COUNT") {
      return new HttpError(413, `At most ${maxFiles} files per message`, undefined, undefined, { limit: maxFiles }, "too_many_files");
    }
    return new HttpError(413, "The form has too many or too large fields");
  }
  return new HttpError(400, "The multipart form could not be read");
}

/** The files of a request that acceptFiles parsed (none for JSON). */
export const uploadsOf = (req: { files?: unknown }): Upload[] => (Array.isArray(req.files) ? (req.files as Upload[]) : []);

/**
 * Downloads: with the Bearer header, scoped exactly like the attachment's message (another pro's, a note's for a pro:
 * 404); or with a signed link (`expires` and `signature`), which needs no header (403 when tampered or expired).
 */
export function attachmentsRoutes(files: AttachmentFiles, bearer: RequestHandler, limits: AttachmentLimits) {
  const router = Router();

  // What a form checks before sending (the API checks again): the limits and the accepted types with their extensions.
  router.get("/attachments/limits", bearer, (_req, res) => {
    res.json({ maxBytes: limits.maxBytes, maxFiles: limits.maxFiles, types: ACCEPTED_TYPES });
  });

  const signedOrBearer = (variant: LinkVariant): RequestHandler => (req, res, next) => {
    const { id } = attachmentParams.parse(req.params);
    const { expires, signature } = signedLinkQuery.parse(req.query);
    if (expires === undefined && signature === undefined) return bearer(req, res, next);
    const check = expires !== undefined && signature !== undefined ? files.links.check(id, variant, expires, signature) : "invalid";
    if (check === "expired") throw new HttpError(403, "This link has expired: open the conversation again for a new one", undefined, undefined, undefined, "link_expired");
    if (check === "invalid") throw forbidden("This link is not valid");
    res.locals.signedLink = true;
    next();
  };

  const serve = (variant: LinkVariant): RequestHandler => async (req, res) => {
    const { id } = attachmentParams.parse(req.params);
    const signed = res.locals.signedLink === true;
    const row = await files.find(signed ? undefined : actorOf(res), id);
    const key = variant === "file" ? row?.storageKey : row?.thumbnailKey;
    if (!row || !key) throw notFound("Attachment not found");
    const contentType = variant === "file" ? row.contentType : THUMBNAIL_TYPE;
    const inline = variant === "thumbnail" || RASTER_IMAGES.has(essence(contentType));
    const filename = variant === "file" ? row.filename : `${row.filename.replace(/\.[^.]+$/, "")}.webp`;
    res.set({
      "Content-Type": contentType,
      "X-Content-Type-Options": "nosniff",
      // Whatever the file holds, a browser that opens it runs nothing of it.
      "Content-Security-Policy": "sandbox",
      "Content-Disposition": contentDisposition(filename, { type: inline ? "inline" : "attachment" }),
      ETag: `"${row.sha256}${variant === "file" ? "" : "-thumbnail"}"`,
      // A signed link is the permission itself: it may be used from the host platform's pages too.
      "Cross-Origin-Resource-Policy": signed ? "cross-origin" : "same-origin",
      "Cache-Control": signed ? "private, max-age=600" : "private, no-cache",
    });
    if (req.fresh) return void res.status(304).end();

    /** The stored bytes; storage that fails is the server's trouble (503), not a client's error. */
    const stored = (range?: { start: number; end: number }) => files.storage.get(key, range).catch((error: unknown) => {
      const missing = (error as { code?: string; name?: string }).code === "ENOENT" || (error as { name?: string }).name === "NoSuchKey";
      throw missing ? notFound("Attachment not found") : unavailable("File storage is unavailable, try again shortly");
    });
    if (variant === "thumbnail") return void res.send(await readAll(await stored()));

    res.setHeader("Accept-Ranges", "bytes");
    const ifRange = req.get("If-Range");
    const asked = ifRange === undefined || ifRange === res.get("ETag") ? req.range(row.size, { combine: true }) : undefined;
    // Only bytes are a unit of this resource: any other (`bits=0-7`) is ignored, as RFC 9110 says, and the whole file sent.
    const ranges = Array.isArray(asked) && asked.type !== "bytes" ? undefined : asked;
    if (ranges === -1) {
      res.setHeader("Content-Range", `bytes */${row.size}`);
      throw new HttpError(416, "The range asked for is outside the file", undefined, undefined, undefined, "range_not_satisfiable");
    }
    // A malformed Range header is ignored; several ranges are answered with the whole file.
    const range = Array.isArray(ranges) && ranges.length === 1 ? ranges[0] : undefined;
    const body = await stored(range);
    if (range) {
      res.status(206).setHeader("Content-Range", `bytes ${range.start}-${range.end}/${row.size}`);
      res.setHeader("Content-Length", String(range.end - range.start + 1));
    } else {
      res.setHeader("Content-Length", String(row.size));
    }
    if (req.method === "HEAD") {
      body.destroy();
      return void res.end();
    }
    await pipeline(body, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : undefined); // the client went away, or storage failed midway
    });
  };

  router.get("/attachments/:id", signedOrBearer("file"), serve("file"));
  router.get("/attachments/:id/thumbnail", signedOrBearer("thumbnail"), serve("thumbnail"));
  return router;
}

const downloadHeaders = {
  "Content-Disposition": "`inline` for raster images, else `attachment`; the file name in UTF-8 (`filename*`)",
  ETag: "The content's SHA-256: `If-None-Match` answers 304",
};

export const attachmentsOperations: Operation[] = [
  {
    method: "get", path: "/api/attachments/limits", tag: "Attachments", summary: "What a message's files may be",
    description: "ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES and the accepted types (by content) with the extensions a form may offer.",
    responses: { 200: { description: "The limits", schema: attachmentLimitsJsonSchema } },
  },
  {
    method: "get", path: "/api/attachments/:id", tag: "Attachments", summary: "Download an attachment",
    description:
      "With the Bearer header (scoped like its message: another pro's, or a note's for a pro → 404), or with the signed `url` of the message's JSON " +
      "(`expires` and `signature`, valid 10 minutes, no header; tampered or expired → 403). Answers the sniffed Content-Type with " +
      "`X-Content-Type-Options: nosniff` and `Content-Security-Policy: sandbox`; `Range` gives 206 (416 outside the file).",
    query: signedLinkQuery,
    responses: {
      200: { description: "The file", contentType: "application/octet-stream", schema: z.string(), headers: downloadHeaders },
      206: { description: "The range asked for" },
      403: { description: "A signed link that was tampered with or has expired" },
      416: { description: "A range outside the file" },
    },
  },
  {
    method: "get", path: "/api/attachments/:id/thumbnail", tag: "Attachments", summary: "An image's thumbnail",
    description: "Raster images only (else 404): WebP, 480 px at most, without the original's metadata. Same access as the file.",
    query: signedLinkQuery,
    responses: {
      200: { description: "The thumbnail", contentType: "image/webp", schema: z.string(), headers: downloadHeaders },
      403: { description: "A signed link that was tampered with or has expired" },
    },
  },
];
