import { z } from "zod";
import { ratingJsonSchema } from "../ratings/schemas.ts";
import { dateValue, idsFilter, idValue, listParams, timestampJson, toPage } from "../http/simpleRest.ts";
import { attachmentJsonSchema } from "../attachments/schemas.ts";

export const SUBJECT_MAX = 200;
export const CONTENT_MAX = 10_000;

export const subjectSchema = z
  .string({ message: "subject is required" })
  .trim()
  .min(1, "subject must not be empty")
  .max(SUBJECT_MAX, `subject must be at most ${SUBJECT_MAX} characters`);

export const statusSchema = z.enum(["open", "closed"], { message: 'status must be "open" or "closed"' });

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const prioritySchema = z.enum(PRIORITIES, { message: 'priority must be "low", "normal", "high" or "urgent"' });
const waitingOnSchema = z.enum(["ADMIN", "PROFESSIONAL"], { message: 'waitingOn must be "ADMIN" or "PROFESSIONAL"' });

export const setStatusSchema = z.object({ status: statusSchema });

/** react-admin's PUT: a partial body; bulk close sends only {status}. Other fields of a full record are ignored. */
export const updateConversationSchema = z
  .object({
    status: statusSchema.optional(),
    subject: subjectSchema.optional(),
    categoryId: idValue("categoryId").nullable().optional(),
    priority: prioritySchema.optional(),
    adminId: idValue("adminId").nullable().optional(),
  })
  .loose()
  .transform(({ status, subject, categoryId, priority, adminId }) => ({ status, subject, categoryId, priority, adminId }));
export type UpdateConversationInput = z.infer<typeof updateConversationSchema>;

const booleanFlag = z.union([z.boolean(), z.enum(["true", "false"]).transform((flag) => flag === "true")]);

export const conversationFilter = z.object({
  q: z.string().trim().max(200).optional(),
  status: statusSchema.optional(),
  unreadOnly: booleanFlag.optional(),
  professionalId: idValue("professionalId").optional(),
  lastMessageAt_gte: dateValue.optional(),
  lastMessageAt_lte: dateValue.optional(),
  id: idsFilter,
  categoryId: idValue("categoryId").nullable().optional(),
  priority: prioritySchema.optional(),
  /** An admin's id, "me" (the caller), or null (or "none", for forms that drop nulls) for unassigned tickets. */
  adminId: z.union([idValue("adminId"), z.literal("me"), z.literal("none"), z.null()], { message: 'adminId must be an id, "me" or null' }).optional(),
  /** The console's tabs "Mes tickets" and "Non assignés": the caller's tickets, or nobody's (a key no filter input has). */
  assigned: z.enum(["me", "none"], { message: 'assigned must be "me" or "none"' }).optional(),
  waitingOn: waitingOnSchema.optional(),
  /** Waiting since this instant or earlier (the dashboard's "waiting for more than 24 h"). */
  waitingSince_lte: dateValue.optional(),
});
export type ConversationFilter = z.infer<typeof conversationFilter>;

const listOptions = {
  filter: conversationFilter,
  sortFields: ["id", "subject", "status", "createdAt", "updatedAt", "lastMessageAt", "messageCount", "professionalId", "priority", "waitingSince"],
  defaultSort: ["lastMessageAt", "DESC"],
} as const satisfies Parameters<typeof listParams>[0];

/** The seed's `?status=&unreadOnly=` and react-admin's `filter=` on the same route; `filter` wins where both say. */
export const listConversationsQuery = listParams(listOptions)
  .extend({ status: statusSchema.optional(), unreadOnly: booleanFlag.optional() })
  .transform(({ status, unreadOnly, ...params }) => {
    const page = toPage(listOptions)(params);
    const filter = { ...page.filter, status: page.filter.status ?? status, unreadOnly: page.filter.unreadOnly ?? unreadOnly };
    // A search without an explicit sort comes by relevance.
    return { ...page, filter, byRelevance: Boolean(filter.q) && params.sort === undefined };
  });
export type ListConversationsQuery = z.infer<typeof listConversationsQuery>;

/** The export takes the list's filter and sort, and no range: every matching row. */
export const exportConversationsQuery = listConversationsQuery.transform(({ filter, sort }) => ({ filter, sort }));
export type ExportConversationsQuery = z.infer<typeof exportConversationsQuery>;

/** `?format=`: the standard CSV, or one for French Excel (`;`, French headers and values, dates in Europe/Paris). */
export const exportFormatQuery = z.object({
  format: z.enum(["csv", "excel-fr"], { message: 'format must be "csv" or "excel-fr"' }).default("csv"),
});
export type ExportFormat = z.infer<typeof exportFormatQuery>["format"];

/** A message as the API answers it (present.ts builds it). */
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

/** A conversation as the API answers it (present.ts builds it). */
export const conversationJsonSchema = z
  .object({
    id: z.number().int(),
    subject: z.string(),
    status: statusSchema,
    professionalId: z.number().int(),
    professional: z.object({ id: z.number().int(), name: z.string(), email: z.string() }),
    adminId: z.number().int().nullable().describe("The assigned admin"),
    admin: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    categoryId: z.number().int().nullable(),
    category: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    priority: prioritySchema.optional().describe("Admins only: absent from a pro's answers"),
    waitingOn: waitingOnSchema.nullable().describe("Who is expected to answer: the other side of the last public message; null when closed"),
    waitingSince: timestampJson.nullable().describe("When the oldest still unanswered public message of the other side was sent; null when closed"),
    lastMessageInternal: z.boolean().optional().describe("Admins only: the preview is an internal note's"),
    match: z
      .object({
        messageId: z.number().int().nullable().describe("The best-matching message; null when the subject matched"),
        snippet: z.array(z.object({ text: z.string(), match: z.boolean() })).describe("Plain text: never HTML"),
      })
      .nullable()
      .optional()
      .describe("With `q` only: what matched"),
    createdAt: timestampJson,
    updatedAt: timestampJson,
    closedAt: timestampJson.nullable(),
    lastMessageSender: z.object({ id: z.number().int(), name: z.string() }).nullable().describe("Who wrote the last public message"),
    closedBy: z.enum(["admin", "professional", "auto"]).nullable().describe('Who closed it; "auto": no answer from the pro after AUTO_CLOSE_AFTER'),
    firstAdminReplyAt: timestampJson.nullable(),
    lastMessageAt: timestampJson,
    lastMessagePreview: z.string(),
    lastMessageSenderType: z.enum(["PROFESSIONAL", "ADMIN"]),
    messageCount: z.number().int(),
    unreadCount: z.number().int().describe("The caller's: for a pro, admins' messages he has not read; for admins, the pro's messages no admin has read"),
    rating: ratingJsonSchema.nullable().describe("The pro's latest rating; the current closing is rated when ratedAt is after closedAt"),
  })
  .meta({ id: "Conversation" });

export const conversationDetailJsonSchema = conversationJsonSchema
  .extend({ messages: z.array(messageJsonSchema) })
  .meta({ id: "ConversationDetail" });

export const unreadCountJsonSchema = z.object({ count: z.number().int() }).meta({ id: "UnreadCount" });
/** What the new-conversation form has typed so far, and (admins) for which pro. */
export const suggestionsQuery = z.object({
  subject: z.string({ message: "subject is required" }).trim().max(200, "subject must be at most 200 characters"),
  professionalId: idValue("professionalId").optional(),
});
export type SuggestionsQuery = z.infer<typeof suggestionsQuery>;
