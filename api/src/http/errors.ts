import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { ZodError } from "zod";
import { classifyDatabaseError } from "../db/failures.ts";
import { Prisma } from "../generated/prisma/client.ts";

/**
 * What went wrong, for programs and translations: stable across versions, unlike `message` (English, for people
 * reading the API). Specific codes name the case; otherwise the status says it (statusCode below).
 */
export const ERROR_CODES = [
  "validation", "bad_request", "unauthorized", "session_expired", "invalid_credentials", "account_disabled",
  "forbidden", "not_found", "conflict", "email_taken", "name_taken", "shortcut_taken", "own_account",
  "last_admin", "stale_reply", "not_closed", "already_rated", "idempotency_in_progress", "idempotency_key_reused", "payload_too_large",
  "file_too_large", "quota_exceeded", "too_many_files", "unsupported_file_type", "link_expired", "range_not_satisfiable",
  "rate_limited", "unavailable", "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/** The per-field codes of a refused form (fieldCodes below). */
export const FIELD_CODES = ["required", "too_long", "too_short", "too_big", "too_small", "invalid_format", "invalid_type", "invalid_value", "unknown_field", "invalid"] as const;

const statusCode: Record<number, ErrorCode> = {
  400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict", 413: "payload_too_large", 415: "unsupported_file_type", 416: "range_not_satisfiable",
  422: "idempotency_key_reused", 429: "rate_limited", 503: "unavailable",
};

/** Services throw these; the error middleware turns them into JSON answers. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
    /** Seconds after which a retry may succeed (sent as `Retry-After`). */
    readonly retryAfter?: number,
    /** More of the answer's body, next to `message` (the new messages of a stale reply, say). */
    readonly details?: Record<string, unknown>,
    code?: ErrorCode,
    /** Per field, what is wrong, as a code (`required`, `too_long`…), next to `errors`' messages. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.code = code ?? (errors && status === 400 ? "validation" : (statusCode[status] ?? "internal"));
  }
}

/** How long clients are asked to wait when the database or the server cannot take their request now. */
export const RETRY_AFTER_SECONDS = 2;

export const badRequest = (message: string, errors?: Record<string, string>, fields?: Record<string, string>) =>
  new HttpError(400, message, errors, undefined, undefined, undefined, fields ?? (errors && Object.fromEntries(Object.keys(errors).map((field) => [field, "invalid"]))));
export const unauthorized = (message = "Authentication required", code?: ErrorCode) => new HttpError(401, message, undefined, undefined, undefined, code);
export const forbidden = (message = "This action is reserved to admins") => new HttpError(403, message);
export const notFound = (message = "Not found") => new HttpError(404, message);
export const conflict = (message: string, errors?: Record<string, string>, code?: ErrorCode) => new HttpError(409, message, errors, undefined, undefined, code);
export const unavailable = (message = "Service temporarily unavailable, try again shortly", retryAfter = RETRY_AFTER_SECONDS) =>
  new HttpError(503, message, undefined, retryAfter);
export const tooManyRequests = (message: string, retryAfter: number) => new HttpError(429, message, undefined, retryAfter);

/** zod issues as react-admin expects them next to form fields: {field: message}. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    for (const field of fieldsOf(issue)) errors[field] ??= issue.code === "unrecognized_keys" ? "unknown field: not accepted here" : issue.message;
  }
  return errors;
}

/** Where an issue belongs: its path, or each field sent that the route does not take (a write is never half-read). */
const fieldsOf = (issue: ZodError["issues"][number]): string[] => {
  const at = issue.path.join(".");
  if (issue.code === "unrecognized_keys") return issue.keys.map((key) => (at ? `${at}.${key}` : key));
  return [at || "body"];
};

/** The same issues as codes a UI translates: required, too_long, too_short, too_small, too_big, invalid_format, invalid. */
export function fieldCodes(error: ZodError): Record<string, string> {
  const codes: Record<string, string> = {};
  for (const issue of error.issues) for (const field of fieldsOf(issue)) codes[field] ??= codeOfIssue(issue);
  return codes;
}

function codeOfIssue(issue: ZodError["issues"][number]): string {
  const origin = (issue as { origin?: string }).origin;
  switch (issue.code) {
    case "invalid_type":
      return (issue as { input?: unknown }).input === undefined ? "required" : "invalid_type";
    case "too_big":
      return origin === "string" ? "too_long" : "too_big";
    case "too_small":
      // A trimmed text that came out empty is one that was missing.
      return origin === "string" ? ((issue as { minimum?: number }).minimum === 1 ? "required" : "too_short") : "too_small";
    case "invalid_format":
      return "invalid_format";
    case "invalid_value":
      return "invalid_value";
    case "unrecognized_keys":
      return "unknown_field";
    default:
      return "invalid";
  }
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
  res.status(error.status).json({
    code: error.code,
    message: error.message,
    ...(error.errors && { errors: error.errors }),
    ...(error.fields && { fields: error.fields }),
    ...error.details,
  });
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) return send(res, error);
    if (error instanceof ZodError) return send(res, badRequest("Invalid input", fieldErrors(error), fieldCodes(error)));
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
    res.status(500).json({ code: "internal", message: "Internal server error" });
  };
}
