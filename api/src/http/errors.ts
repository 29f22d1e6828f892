import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { ZodError } from "zod";
import { classifyDatabaseError } from "../db/failures.ts";
import { Prisma } from "../generated/prisma/client.ts";

/** Services throw these; the error middleware turns them into JSON answers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
    /** Seconds after which a retry may succeed (sent as `Retry-After`). */
    readonly retryAfter?: number,
    /** More of the answer's body, next to `message` (the new messages of a stale reply, say). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** How long clients are asked to wait when the database or the server cannot take their request now. */
export const RETRY_AFTER_SECONDS = 2;

export const badRequest = (message: string, errors?: Record<string, string>) => new HttpError(400, message, errors);
export const unauthorized = (message = "Authentication required") => new HttpError(401, message);
export const forbidden = (message = "This action is reserved to admins") => new HttpError(403, message);
export const notFound = (message = "Not found") => new HttpError(404, message);
export const conflict = (message: string, errors?: Record<string, string>) => new HttpError(409, message, errors);
export const unavailable = (message = "Service temporarily unavailable, try again shortly", retryAfter = RETRY_AFTER_SECONDS) =>
  new HttpError(503, message, undefined, retryAfter);
export const tooManyRequests = (message: string, retryAfter: number) => new HttpError(429, message, undefined, retryAfter);

/** zod issues as react-admin expects them next to form fields: {field: message}. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "body";
    errors[field] ??= issue.message;
  }
  return errors;
}

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(notFound(`No route ${req.method} ${req.originalUrl.split("?")[0]}`));
};

type BodyParserError = { type?: string; status?: number; expose?: boolean };

function isBodyParserError(error: unknown): error is BodyParserError & Error {
  // body-parser's errors are http-errors with a 4xx status (zlib's, for an undecodable body, carry no `type`).
  const status = (error as BodyParserError | undefined)?.status;
  return error instanceof Error && typeof status === "number" && status >= 400 && status < 500;
}

function bodyParserMessage(error: BodyParserError & Error): string {
  switch (error.type) {
    case "entity.too.large":
      return "Request body too large (1 MB at most)";
    case "entity.parse.failed":
      return "Malformed JSON body";
    case "encoding.unsupported":
      return "Unsupported Content-Encoding";
    default:
      // zlib's own errors (a body that is not what its Content-Encoding says) arrive here without a type.
      return error.type ? "Invalid request body" : "Invalid request body: it could not be decoded";
  }
}

function send(res: Response, error: HttpError) {
  if (error.retryAfter !== undefined) res.setHeader("Retry-After", String(error.retryAfter));
  res.status(error.status).json({ message: error.message, ...(error.errors && { errors: error.errors }), ...error.details });
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) return send(res, error);
    if (error instanceof ZodError) return send(res, badRequest("Invalid input", fieldErrors(error)));
    if (isBodyParserError(error)) {
      return send(res, new HttpError(error.status ?? 400, bodyParserMessage(error)));
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return send(res, conflict("This record already exists"));
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return send(res, notFound());
    // The safety net: what the driver refused is the client's input or the database's state, never a 500.
    const failure = classifyDatabaseError(error);
    if (failure === "unavailable") {
      logger.warn({ err: error, url: req.originalUrl.split("?")[0] }, "database unavailable");
      return send(res, unavailable());
    }
    if (failure) {
      logger.warn({ err: error, url: req.originalUrl.split("?")[0] }, "database refused the input");
      return send(res, failure === "invalid" ? badRequest("Invalid input") : conflict("This change conflicts with existing data"));
    }
    logger.error({ err: error }, "unhandled error");
    res.status(500).json({ message: "Internal server error" });
  };
}
