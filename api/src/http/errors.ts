import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { ZodError } from "zod";
import { Prisma } from "../generated/prisma/client.ts";

/** Services throw these; the error middleware turns them into JSON answers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, errors?: Record<string, string>) => new HttpError(400, message, errors);
export const unauthorized = (message = "Authentication required") => new HttpError(401, message);
export const forbidden = (message = "This action is reserved to admins") => new HttpError(403, message);
export const notFound = (message = "Not found") => new HttpError(404, message);
export const conflict = (message: string, errors?: Record<string, string>) => new HttpError(409, message, errors);

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
  return error instanceof Error && typeof (error as BodyParserError).type === "string" && "status" in error;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) {
      res.status(error.status).json({ message: error.message, ...(error.errors && { errors: error.errors }) });
    } else if (error instanceof ZodError) {
      res.status(400).json({ message: "Invalid input", errors: fieldErrors(error) });
    } else if (isBodyParserError(error)) {
      const status = error.status ?? 400;
      const message =
        error.type === "entity.too.large"
          ? "Request body too large (1 MB at most)"
          : error.type === "entity.parse.failed"
            ? "Malformed JSON body"
            : error.expose
              ? error.message
              : "Invalid request body";
      res.status(status).json({ message });
    } else if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      res.status(409).json({ message: "This record already exists" });
    } else if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      res.status(404).json({ message: "Not found" });
    } else {
      logger.error({ err: error }, "unhandled error");
      res.status(500).json({ message: "Internal server error" });
    }
  };
}
