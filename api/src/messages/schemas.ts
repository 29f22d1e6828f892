import { z } from "zod";
import { CONTENT_MAX, prioritySchema, subjectSchema } from "../conversations/schemas.ts";
import { idsFilter, idValue, listQuery } from "../http/simpleRest.ts";

export const contentSchema = z
  .string({ message: "content is required" })
  .trim()
  .min(1, "content must not be empty")
  .max(CONTENT_MAX, `content must be at most ${CONTENT_MAX} characters`);

/** Pro and admin alike; `priority` and `adminId` are admins' (a pro sending them gets 400: service.ts). */
export const createConversationSchema = z.strictObject({
  subject: subjectSchema,
  content: contentSchema,
  professionalId: idValue("professionalId").optional(),
  categoryId: idValue("categoryId").nullable().optional(),
  priority: prioritySchema.optional(),
  adminId: idValue("adminId").nullable().optional().describe("The assigned admin; an admin who starts a conversation is assigned unless he says otherwise (null: unassigned)"),
});
export type CreateConversationInput = z.infer<typeof createConversationSchema>;

export const postMessageSchema = z.strictObject({
  content: contentSchema,
  internal: z.boolean({ message: "internal must be true or false" }).optional().describe("An internal note, for admins only (a pro sending it gets 400)"),
  afterMessageId: idValue("afterMessageId")
    .optional()
    .describe("The newest message the sender had seen: if someone else wrote since (visible to the sender), 409 with `newMessages` and nothing is written"),
});

export type PostMessageInput = z.infer<typeof postMessageSchema>;

/** With at least one file, a message may have no text. */
export function withFiles<T extends typeof postMessageSchema | typeof createConversationSchema>(schema: T, files: unknown[]): T {
  if (files.length === 0) return schema;
  const content = z.string().trim().max(CONTENT_MAX, `content must be at most ${CONTENT_MAX} characters`).default("");
  return schema.extend({ content }) as unknown as T;
}

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

