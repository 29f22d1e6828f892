import { z } from "zod";
import { attachmentJsonSchema } from "../attachments/schemas.ts";
import { idsFilter, idValue, listQuery } from "../http/simpleRest.ts";

const messageFilter = z.object({
  conversationId: idValue("conversationId").optional(),
  id: idsFilter,
  q: z.string().trim().min(1).max(200).optional().describe("French full-text search over the messages the caller may see"),
});
export type MessageFilter = z.infer<typeof messageFilter>;

export const listMessagesQuery = listQuery({
  filter: messageFilter,
  sortFields: ["id", "createdAt"],
  defaultSort: ["createdAt", "ASC"],
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;

/** A date as every answer writes it: ISO 8601 in UTC with milliseconds. */
export const timestampJson = z.iso.datetime();

/** A message as the API answers it (conversations/present.ts builds it). */
export const messageJsonSchema = z
  .object({
    id: z.number().int(),
    conversationId: z.number().int(),
    senderType: z.enum(["PROFESSIONAL", "ADMIN"]),
    senderId: z.number().int(),
    sender: z.object({ id: z.number().int(), name: z.string() }),
    content: z.string(),
    internal: z.boolean().optional().describe("Admins only: an internal note (a pro never sees one)"),
    createdAt: timestampJson,
    readAt: timestampJson.nullable().describe("When the other side read it"),
    attachments: z.array(attachmentJsonSchema).describe("Its files, oldest first: exactly as visible as the message"),
    snippet: z.array(z.object({ text: z.string(), match: z.boolean() })).optional().describe("With `q` only: what matched, as plain text"),
  })
  .meta({ id: "Message" });
