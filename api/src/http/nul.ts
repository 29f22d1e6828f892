import type { RequestHandler } from "express";
import { badRequest } from "./errors.ts";

/** PostgreSQL text cannot hold U+0000; JSON-encoded filters may spell it `\u0000`. */
const NUL = "\u0000";
const escapedNul = /\\u0000/i;

/** No body this API takes nests deeper than a few levels; deeper is refused before anything walks it. */
export const MAX_BODY_DEPTH = 32;

/** The first field holding a NUL (its path), "too deep" past MAX_BODY_DEPTH, or null: a walk without recursion. */
function findNul(body: unknown): string | null | "too deep" {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes(NUL)) return path;
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) return "too deep";
    for (const [key, child] of Object.entries(value)) {
      if (key.includes(NUL)) return path ? `${path}.${key.replaceAll(NUL, "")}` : key.replaceAll(NUL, "");
      stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Refuses a NUL character anywhere in the body or the query string, naming the field, before any database work; and
 * a body nested deeper than MAX_BODY_DEPTH (400 `validation`), which no route takes and recursive code would choke on.
 */
export const rejectNul: RequestHandler = (req, _res, next) => {
  const inBody = findNul(req.body);
  if (inBody === "too deep") {
    return next(badRequest(`The body is nested more than ${MAX_BODY_DEPTH} levels deep`, { body: `must not be nested more than ${MAX_BODY_DEPTH} levels deep` }));
  }
  const inQuery = Object.entries(req.query).find(([key, value]) =>
    [key, ...(Array.isArray(value) ? value : [value])].some((text) => typeof text === "string" && (text.includes(NUL) || escapedNul.test(text))),
  );
  const field = inBody ?? inQuery?.[0];
  if (field === undefined || field === null) return next();
  const name = field || "body";
  next(badRequest(`${name} must not contain a NUL character`, { [name]: "must not contain a NUL character" }));
};
