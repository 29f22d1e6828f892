import type { RequestHandler } from "express";
import { badRequest } from "./errors.ts";

/** PostgreSQL text cannot hold U+0000; JSON-encoded filters may spell it `\u0000`. */
const NUL = "\u0000";
const escapedNul = /\\u0000/i;

function findNul(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes(NUL) ? path : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes(NUL)) return path ? `${path}.${key.replaceAll(NUL, "")}` : key.replaceAll(NUL, "");
    const found = findNul(child, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

/** Refuses a NUL character anywhere in the body or the query string, naming the field, before any database work. */
export const rejectNul: RequestHandler = (req, _res, next) => {
  const inBody = findNul(req.body, "");
  const inQuery = Object.entries(req.query).find(([key, value]) =>
    [key, ...(Array.isArray(value) ? value : [value])].some((text) => typeof text === "string" && (text.includes(NUL) || escapedNul.test(text))),
  );
  const field = inBody ?? inQuery?.[0];
  if (field === undefined || field === null) return next();
  const name = field || "body";
  next(badRequest(`${name} must not contain a NUL character`, { [name]: "must not contain a NUL character" }));
};
