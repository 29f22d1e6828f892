import { z } from "zod";
import { jsonParamContent } from "../http/simpleRest.ts";

/**
 * The API's contract as an OpenAPI 3.1 document, generated from the zod schemas the routes parse with (zod 4 writes
 * JSON Schema 2020-12, which is OpenAPI 3.1's own dialect). Each capability declares its operations next to its
 * routes; a test checks that every route the app serves is declared here, and nothing else.
 */

export type Method = "get" | "post" | "put" | "patch" | "delete";

type Response = {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  headers?: Record<string, string>;
};

export type Operation = {
  method: Method;
  /** As the app mounts it, Express style: `/api/messaging/conversations/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Who may call it: anyone, any signed-in user (default), or admins only. */
  access?: "public" | "signedIn" | "admin";
  query?: z.ZodType;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
  body?: z.ZodType;
  /** The body may also come as multipart/form-data: the same fields as text, plus `files`. */
  multipart?: boolean;
  responses: Record<number, Response>;
};

/** What every error answers: a message for people, and per-field messages for a form when there are some. */
export const errorSchema = z
  .object({
    code: z.string().describe("Stable, for programs and translations: validation, invalid_credentials, account_disabled, session_expired, email_taken, not_found, forbidden, rate_limited, unavailable, … (docs/api.md)"),
    message: z.string().describe("In English, for people reading the API"),
    errors: z.record(z.string(), z.string()).optional().describe("Per field (dotted path): what is wrong with it"),
    fields: z.record(z.string(), z.string()).optional().describe("Per field: the same as a code (required, too_long, too_short, invalid_format, invalid…)"),
  })
  .loose()
  .meta({ id: "Error" });

/**
 * A schema as JSON Schema. Schemas named with `.meta({ id })` become components referred to by `$ref` (zod puts
 * nested ones under `$defs`: they move to the components too); the others are inlined.
 */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Record<string, unknown>): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
    // Dates arrive as text (ISO 8601) in queries and bodies.
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
    },
  });
  const refs = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
  const { $schema: _dialect, $defs, id, ...body } = generated as Record<string, unknown> & { $defs?: Record<string, unknown>; id?: string };
  for (const [name, definition] of Object.entries($defs ?? {})) components[name] ??= refs(definition);
  const name = id ?? z.globalRegistry.get(schema)?.id;
  if (!name) return refs(body);
  components[name] ??= refs(body);
  return { $ref: `#/components/schemas/${name}` };
}

/** The ZodObject under optional/pipe/transform wrappers (a query schema parses an object, then reshapes it). */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  let current = schema as z.ZodType & { _zod: { def: { type: string; in?: z.ZodType; shape?: Record<string, z.ZodType> } } };
  while (current._zod.def.type === "pipe") current = current._zod.def.in as typeof current;
  if (current._zod.def.type !== "object" || !current._zod.def.shape) throw new Error("a query schema must be an object");
  return current._zod.def.shape;
}

function queryParameters(query: z.ZodType, components: Record<string, unknown>) {
  return Object.entries(objectShape(query)).map(([name, schema]) => {
    const optional = schema.safeParse(undefined).success;
    const json = jsonParamContent(schema);
    const description = z.globalRegistry.get(schema)?.description ?? (json && z.globalRegistry.get(json)?.description);
    return {
      name,
      in: "query",
      required: !optional,
      ...(description && { description }),
      // A parameter holding JSON (react-admin's filter, sort, range) is described by the JSON it must hold.
      ...(json ? { content: { "application/json": { schema: schemaOf(json, "input", components) } } } : { schema: schemaOf(schema, "input", components) }),
    };
  });
}

const pathParameters = (path: string) =>
  [...path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "integer", minimum: 1, maximum: 2_147_483_647 },
    description: "Outside 1…2³¹−1 it names nothing: 404, like a missing id.",
  }));

/** The errors every operation of its kind may answer, so that no operation forgets to say them. */
function errorResponses(operation: Operation) {
  const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
  const unavailable = { ...error("The database is unreachable or the server is saturated: try again after `Retry-After` seconds"), headers: { "Retry-After": { schema: { type: "integer" } } } };
  return {
    ...((operation.query || operation.body || operation.path.includes(":")) && { 400: error("Invalid input: nothing was changed") }),
    ...(operation.access !== "public" && { 401: error("Missing, invalid or expired token, or a deactivated account") }),
    ...(operation.access === "admin" && { 403: error("Reserved to admins") }),
    ...(operation.path.includes(":") && { 404: error("No such record, or not one the caller may see") }),
    503: unavailable,
  };
}

const filesField = {
  type: "object",
  properties: {
    files: {
      type: "array",
      items: { type: "string", contentMediaType: "application/octet-stream" },
      description: "Attachments (ATTACHMENT_MAX_FILES, ATTACHMENT_MAX_BYTES each: else 413); types by content, else 415. With files, `content` may be empty.",
    },
  },
};

function requestBody(operation: Operation, schema: Record<string, unknown>) {
  const multipart = operation.multipart && { "multipart/form-data": { schema: { allOf: [schema, filesField] } } };
  return { required: true, content: { "application/json": { schema }, ...multipart } };
}

export const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

export function openApiDocument(operations: Operation[], info: { title: string; version: string; description: string }) {
  const components: Record<string, unknown> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const parameters = [
      ...pathParameters(operation.path),
      ...(operation.query ? queryParameters(operation.query, components) : []),
      ...Object.entries(operation.headers ?? {}).map(([name, header]) => ({
        name,
        in: "header",
        description: header.description,
        schema: schemaOf(header.schema, "input", components),
      })),
    ];
    const responses = Object.fromEntries(
      Object.entries(operation.responses).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(response.headers && {
            headers: Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: "string" } }])),
          }),
          ...(response.schema && {
            content: { [response.contentType ?? "application/json"]: { schema: schemaOf(response.schema, "output", components) } },
          }),
        },
      ]),
    );
    (paths[openApiPath(operation.path)] ??= {})[operation.method] = {
      tags: [operation.tag],
      summary: operation.summary,
      ...(operation.description && { description: operation.description }),
      operationId: `${operation.method}${openApiPath(operation.path).replace(/[^a-zA-Z0-9]+(.)?/g, (_, next?: string) => (next ?? "").toUpperCase())}`,
      ...(operation.access === "public" ? { security: [] } : {}),
      ...(parameters.length && { parameters }),
      ...(operation.body && { requestBody: requestBody(operation, schemaOf(operation.body, "input", components)) }),
      responses: { ...responses, ...errorResponses(operation) },
    };
  }
  schemaOf(errorSchema, "output", components);
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "The token POST /api/auth/login answers" } },
    },
  };
}
