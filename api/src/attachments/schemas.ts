import { z } from "zod";

/** An attachment as the API answers it, in a message's `attachments` (conversations/present.ts builds it). */
export const attachmentJsonSchema = z
  .object({
    id: z.number().int(),
    filename: z.string().describe("As the sender named it, sanitised; its extension says what the content is"),
    contentType: z.string().describe("What the content is (sniffed), not what the sender said"),
    size: z.number().int().describe("Bytes"),
    width: z.number().int().optional().describe("Raster images: pixels, as shown (EXIF orientation applied)"),
    height: z.number().int().optional(),
    url: z.string().describe("Signed link valid 10 minutes, that needs no Authorization header (relative to the API's origin)"),
    thumbnailUrl: z.string().optional().describe("Raster images: a WebP thumbnail (480 px at most, no metadata), signed the same way"),
  })
  .meta({ id: "Attachment" });

export const attachmentLimitsJsonSchema = z
  .object({
    maxBytes: z.number().int().describe("Per file"),
    maxFiles: z.number().int().describe("Per message"),
    types: z.record(z.string(), z.array(z.string())).describe("Accepted content types, each with its file extensions"),
  })
  .meta({ id: "AttachmentLimits" });

export const attachmentParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

/** A signed link's query; without both, the request must carry a Bearer token. */
export const signedLinkQuery = z.object({
  expires: z.coerce.number().int().min(0).optional(),
  signature: z.string().max(100).optional(),
});

/** Form fields that are numbers (or null, as `null` or empty) or booleans in the JSON bodies they stand for. */
const idFields = new Set(["professionalId", "categoryId", "adminId", "afterMessageId"]);
const booleanFields = new Set(["internal"]);

/**
 * A multipart form's text fields as the JSON body the same route takes: ids as numbers, `internal` as a boolean; the
 * route's own schema then validates them exactly as it does JSON.
 */
export function formFieldsAsJson(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => {
      if (typeof value !== "string") return [name, value];
      if (idFields.has(name)) return [name, value === "" || value === "null" ? null : /^\d+$/.test(value) ? Number(value) : value];
      if (booleanFields.has(name)) return [name, value === "true" ? true : value === "false" ? false : value];
      return [name, value];
    }),
  );
}
