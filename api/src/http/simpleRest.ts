import type { Response } from "express";
import { z } from "zod";
import { notFound } from "./errors.ts";

const jsonParams = new WeakMap<z.ZodType, z.ZodType>();

/** The schema of the JSON a query parameter holds (made by jsonParam), for the API's document. */
export function jsonParamContent(param: z.ZodType): z.ZodType | undefined {
  const inner = param instanceof z.ZodOptional ? (param.unwrap() as z.ZodType) : param;
  return jsonParams.get(inner);
}

/** A query parameter holding JSON (react-admin's ra-data-simple-rest sends sort, range and filter that way). */
export function jsonParam<T extends z.ZodType>(schema: T) {
  const param = z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);
  jsonParams.set(param, schema);
  return param;
}

const MAX_PAGE = 1000;

const rangeSchema = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([start, end]) => end >= start, "end must not be before start")
  .refine(([start, end]) => end - start < MAX_PAGE, `at most ${MAX_PAGE} rows per page`);

/** Ids are PostgreSQL integers: 1 … 2³¹−1. */
export const MAX_ID = 2_147_483_647;

/** An id in a filter or a body: outside the range is the client's mistake (400), never a driver error. */
export const idValue = (field = "id") =>
  z.coerce
    .number({ message: `${field} must be a number` })
    .int(`${field} must be an integer`)
    .min(1, `${field} must be between 1 and ${MAX_ID}`)
    .max(MAX_ID, `${field} must be between 1 and ${MAX_ID}`);

/** A date in a filter: PostgreSQL's timestamps and JavaScript disagree outside these years, so nothing else is taken. */
export const dateValue = z.coerce
  .date({ message: "must be a date" })
  .refine((date) => date.getUTCFullYear() >= 1970 && date.getUTCFullYear() <= 9999, "must be a date between 1970 and 9999");

const idList = z.union([idValue(), z.array(idValue()).max(1000, "at most 1000 ids")]);

/** `filter={"id":[1,2]}` is react-admin's getMany; a single id is accepted too. */
export const idsFilter = idList.transform((ids) => (Array.isArray(ids) ? ids : [ids])).optional();

type ListOptions<F extends z.ZodType, S extends readonly [string, ...string[]]> = {
  filter: F;
  sortFields: S;
  defaultSort: [S[number], "ASC" | "DESC"];
  defaultPageSize?: number;
};

/** The raw parameters of ra-data-simple-rest's list protocol: `sort=["field","ASC"]`, `range=[0,24]`, `filter={...}`. */
export function listParams<F extends z.ZodType, S extends readonly [string, ...string[]]>(options: ListOptions<F, S>) {
  return z.object({
    filter: jsonParam(options.filter).optional(),
    sort: jsonParam(z.tuple([z.enum(options.sortFields), z.enum(["ASC", "DESC", "asc", "desc"])])).optional(),
    range: jsonParam(rangeSchema).optional(),
  });
}

/** Turns parsed list parameters into `{filter, sort: {field, order}, range: {skip, take}}` with the defaults applied. */
export function toPage<F extends z.ZodType, S extends readonly [string, ...string[]]>(options: ListOptions<F, S>) {
  return (params: z.output<ReturnType<typeof listParams<F, S>>>) => {
    const [field, order] = params.sort ?? options.defaultSort;
    const [start, end] = params.range ?? [0, (options.defaultPageSize ?? 100) - 1];
    return {
      filter: params.filter ?? ({} as z.output<F>),
      sort: { field: field as S[number], order: order.toLowerCase() as "asc" | "desc" },
      range: { skip: start, take: end - start + 1 },
    };
  };
}

export function listQuery<F extends z.ZodType, S extends readonly [string, ...string[]]>(options: ListOptions<F, S>) {
  return listParams(options).transform(toPage(options));
}

/** Answers JSON the database already wrote (conversations/present.ts): sent as is, never parsed again. */
export function sendJson(res: Response, json: string, status = 200) {
  res.status(status).type("application/json").send(json);
}

export function setContentRange(res: Response, resource: string, skip: number, count: number, total: number) {
  const range = count > 0 ? `${skip}-${skip + count - 1}` : "*";
  res.setHeader("Content-Range", `${resource} ${range}/${total}`);
}

/**
 * `:id` in a path. Not an integer → 400; an integer outside 1…2³¹−1 cannot name a record, so it answers 404 exactly
 * like a missing id (the not-found error thrown here is not a validation issue and reaches the error middleware as is).
 */
export const idParam = z.object({
  id: z
    .string()
    .regex(/^[+-]?\d+$/, "id must be an integer")
    .transform((text) => {
      const id = Number(text);
      if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) throw notFound();
      return id;
    }),
});

/** A date as every answer writes it: ISO 8601 in UTC with milliseconds. */
export const timestampJson = z.iso.datetime();
